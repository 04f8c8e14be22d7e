import { buildSupervisionNoticeDocx, noticeDocument } from '../supervision-notice-docx';
import type { SupervisionNoticeExport } from '../types';
import { bodyParagraphs, open } from './word';

const context = { scope: '区自然资源局', exportedBy: '张三（区自然资源局）', at: new Date('2026-11-26T04:20:00Z') };

const notice: SupervisionNoticeExport = {
  number: '督办〔2026〕7号',
  bureau: { name: '区自然资源局' },
  source: 'inspection_finding',
  inspection: { title: '重点项目用地专项督查' },
  project: { name: '兰山智能装备产业园' },
  issue: '用地手续办理进度滞后。\n规划条件未按期出具。',
  requirement: '10 日内出具规划条件并报送进展。',
  replyWorkingDays: 5,
  issuedAt: '2026-11-20T02:00:00Z',
  replyDueAt: '2026-11-27T15:59:59.999Z',
  state: 'accepted',
  reply: '已出具规划条件。',
  repliedAt: '2026-11-24T03:00:00Z',
  reviewNote: '整改到位。',
  reviewedAt: '2026-11-25T03:00:00Z',
};

describe('督办单 (.docx)', () => {
  it('says the number, the recipient, the issue and requirement, the deadline, the reply and the review, in order', async () => {
    const document = await (await open(await buildSupervisionNoticeDocx(notice, context)))('word/document.xml');
    expect(bodyParagraphs(document).map((p) => p.text)).toEqual([
      '督办单',
      '督办〔2026〕7号',
      '区自然资源局：',
      '督办来源：督查发现问题「重点项目用地专项督查」',
      '涉及项目：兰山智能装备产业园',
      '回复时限：5 个工作日，2026年11月27日 23:59 前报送整改情况',
      '办理状态：审核通过',
      '一、督办事项',
      '用地手续办理进度滞后。',
      '规划条件未按期出具。',
      '二、整改要求',
      '10 日内出具规划条件并报送进展。',
      '三、整改情况（2026年11月24日 11:00 回复）',
      '已出具规划条件。',
      '四、审核意见（审核通过，2026年11月25日 11:00）',
      '整改到位。',
      '2026年11月20日',
    ]);
  });

  it('leaves out the reply and review before there are any, and says what to do when no requirement was written', () => {
    const model = noticeDocument({ ...notice, state: 'issued', reply: null, repliedAt: null, reviewNote: null, reviewedAt: null, requirement: null, project: null });
    expect(model.sections.map((section) => section.heading)).toEqual(['一、督办事项', '二、整改要求']);
    expect(model.sections[1].paragraphs).toEqual(['按期整改，并报送整改情况。']);
    expect(model.particulars.map((item) => item.label)).toEqual(['督办来源', '回复时限', '办理状态']);
  });

  it('names a returned notice’s review as a return', () => {
    const model = noticeDocument({ ...notice, state: 'returned', reviewNote: '材料不全。' });
    expect(model.sections.at(-1)).toEqual({ heading: '四、审核意见（退回重新整改，2026年11月25日 11:00）', paragraphs: ['材料不全。'] });
  });
});
