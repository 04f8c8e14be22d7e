/**
 * 督办单 (.docx): a supervision notice in the layout of the minute (GB/T 9704, minute-docx.ts) — head 督办单, its
 * number, then the recipient and the particulars, the issue and the requirement as sections, the reply and the
 * office's review once they exist, and the date of issue. What it says is `noticeDocument`'s (pure, tested);
 * this file only sets it.
 */
import { Document, Packer, Paragraph } from 'docx';
import {
  bodyParagraph,
  exportNote,
  fontTable,
  issuedParagraph,
  numberParagraph,
  PAGE,
  pageNumberFooter,
  particularParagraph,
  textRun,
  titleParagraph,
  TYPE,
  typeface,
} from './minute-docx';
import { chineseDate, chineseDateTime, enumLabel, GENERATOR, nameOf } from './shared';
import type { ExportContext, SupervisionNoticeExport } from './types';

export const NOTICE_HEAD = '督办单';

export interface NoticeDocument {
  head: string;
  number: string;
  /** 「区自然资源局：」, the salutation line. */
  recipient: string;
  particulars: Array<{ label: string; value: string }>;
  sections: Array<{ heading: string; paragraphs: string[] }>;
  issued: string;
}

const paragraphsOf = (text: string | null | undefined) =>
  String(text ?? '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);

/** What the notice says, in order. */
export function noticeDocument(notice: SupervisionNoticeExport): NoticeDocument {
  const particulars = [
    { label: '督办来源', value: [enumLabel(notice.source), notice.inspection?.title ? `「${notice.inspection.title}」` : ''].join('') },
    ...(notice.project?.name ? [{ label: '涉及项目', value: notice.project.name }] : []),
    { label: '回复时限', value: `${notice.replyWorkingDays ?? 5} 个工作日，${chineseDateTime(notice.replyDueAt) || '—'} 前报送整改情况` },
    { label: '办理状态', value: enumLabel(notice.state) },
  ];
  const sections = [
    { heading: '一、督办事项', paragraphs: paragraphsOf(notice.issue) },
    { heading: '二、整改要求', paragraphs: paragraphsOf(notice.requirement).length ? paragraphsOf(notice.requirement) : ['按期整改，并报送整改情况。'] },
  ];
  const replied = paragraphsOf(notice.reply);
  if (replied.length) sections.push({ heading: `三、整改情况（${chineseDateTime(notice.repliedAt)} 回复）`, paragraphs: replied });
  const review = paragraphsOf(notice.reviewNote);
  if (notice.reviewedAt || review.length) {
    const verdict = notice.state === 'accepted' ? '审核通过' : notice.state === 'returned' ? '退回重新整改' : '';
    sections.push({
      heading: `${replied.length ? '四' : '三'}、审核意见${verdict ? `（${verdict}，${chineseDateTime(notice.reviewedAt)}）` : ''}`,
      paragraphs: review.length ? review : [verdict],
    });
  }
  return {
    head: NOTICE_HEAD,
    number: notice.number ?? '',
    recipient: `${nameOf(notice.bureau) || '责任单位'}：`,
    particulars,
    sections,
    issued: chineseDate(notice.issuedAt),
  };
}

export async function buildSupervisionNoticeDocx(notice: SupervisionNoticeExport, context: ExportContext): Promise<Buffer> {
  const model = noticeDocument(notice);
  const at = context.at ?? new Date();
  const children: Paragraph[] = [
    titleParagraph(model.head, 0),
    numberParagraph(model.number),
    new Paragraph({ children: [textRun(model.recipient, TYPE.body)] }),
    ...model.particulars.map(particularParagraph),
    ...model.sections.flatMap((section) => [
      bodyParagraph([textRun(section.heading, TYPE.heading)], { keepNext: true }),
      ...section.paragraphs.map((text) => bodyParagraph([textRun(text, TYPE.body)])),
    ]),
    ...(model.issued ? [issuedParagraph(model.issued)] : []),
  ];
  const document = new Document({
    title: `${model.head} ${model.number}`,
    subject: model.recipient.replace(/：$/, ''),
    creator: GENERATOR,
    lastModifiedBy: GENERATOR,
    description: exportNote(context, at),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { ...typeface(TYPE.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [{ properties: { page: PAGE }, footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') }, children }],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}
