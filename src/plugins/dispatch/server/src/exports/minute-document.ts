/**
 * 《专题会商纪要》 as a document model: what the .docx shows, in order — the document head and 文号, the title,
 * the meeting's particulars, the content as paragraphs (the richtext field's simple markdown, markers stripped),
 * and the 责任清单 table. The renderer only draws this; everything worth testing about the content is here.
 * Pure: no Strapi, no docx.
 */
import { chineseDate, chineseDateTime, enumLabel, joinNames, nameOf } from './shared';
import type { MinuteExport, MinuteTask } from './types';

/** A run of text; `bold` where the markdown said **so**. */
export interface Run {
  text: string;
  bold?: boolean;
}

export type Block =
  /** `#`–`######` in the markdown; official minutes use them for 「一、…」 sections */
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] };

export const TASK_HEADERS = ['序号', '责任事项', '责任单位', '配合单位', '完成时限', '办理状态'] as const;
export type TaskHeader = (typeof TASK_HEADERS)[number];

export interface MinuteDocument {
  /** 「专题会商纪要」: the meeting type's name, the document head */
  head: string;
  /** 文号, e.g. 「兰重项会〔2026〕3号」, '' when the minute has none yet */
  number: string;
  title: string;
  /** 会议类型, 会议时间, 会议地点, 主持人, 参会单位 — only those known */
  particulars: Array<{ label: string; value: string }>;
  content: Block[];
  tasks: { headers: typeof TASK_HEADERS; rows: string[][] };
  /** the date under the text, 「2026年11月20日」, '' until issued */
  issued: string;
}

export function minuteDocument(minute: MinuteExport): MinuteDocument {
  const meeting = minute.meeting;
  const type = meeting ? enumLabel(meeting.type) : '';
  const particulars = [
    { label: '会议类型', value: [type, meeting?.mode ? `（${enumLabel(meeting.mode)}）` : ''].join('') },
    { label: '会议时间', value: chineseDateTime(meeting?.heldAt) },
    { label: '会议地点', value: meeting?.location ?? '' },
    { label: '主持人', value: meeting?.chair ?? '' },
    { label: '参会单位', value: joinNames(meeting?.attendees) },
  ].filter((item) => item.value);
  return {
    head: `${type || '会商'}纪要`,
    number: minute.number ?? '',
    title: minute.title,
    particulars,
    content: contentBlocks(minute.content ?? ''),
    tasks: { headers: TASK_HEADERS, rows: minute.tasks.map(taskRow) },
    issued: chineseDate(minute.issuedAt),
  };
}

function taskRow(task: MinuteTask, index: number): string[] {
  return [
    String(index + 1),
    [task.title, task.description].filter(Boolean).join('\n'),
    nameOf(task.responsibleBureau),
    joinNames(task.coBureaus),
    chineseDate(task.deadline),
    enumLabel(task.state),
  ];
}

// ---------------------------------------------------------------- simple markdown

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/;
const RULE = /^\s*(?:[-*_]\s*){3,}$/;
const QUOTE = /^\s*>\s?/;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Blocks of a plain-text or simple-markdown content: paragraphs split on blank lines; a heading or a list item is
 * a block of its own (an ordered item keeps its number, 「1．」, a bullet is dropped — official documents have
 * none); lines wrapped inside a paragraph are joined (without a space between Chinese characters); quotes,
 * rules, code fences, images, links and HTML tags are reduced to their text.
 */
export function contentBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [];
  const flush = () => {
    const text = joinLines(lines);
    if (text) blocks.push({ kind: 'paragraph', runs: inline(text) });
    lines = [];
  };
  for (const raw of content.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(QUOTE, '').replace(/^\s*```.*$/, '');
    if (!line.trim() || RULE.test(line)) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1].length, runs: inline(heading[2]) });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      lines = [item[1] ? `${item[1]}．${item[2]}` : item[2]];
      continue;
    }
    lines.push(line.trim());
  }
  flush();
  return blocks;
}

/** Wrapped lines of one paragraph: joined with a space only between two non-Chinese characters. */
function joinLines(lines: string[]): string {
  return lines.reduce((text, line) => {
    if (!text) return line;
    return CJK.test(text.at(-1)!) || CJK.test(line[0]) ? text + line : `${text} ${line}`;
  }, '');
}

/** Inline markdown to runs: **bold** / __bold__ kept as bold, other markers dropped. */
export function inline(text: string): Run[] {
  const plain = text
    .replace(/<br\s*\/?>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/~~(.+?)~~/g, '$1');
  const runs: Run[] = [];
  const bold = /\*\*(.+?)\*\*|__(.+?)__/g;
  let at = 0;
  for (let match = bold.exec(plain); match; match = bold.exec(plain)) {
    if (match.index > at) runs.push({ text: emphasisStripped(plain.slice(at, match.index)) });
    runs.push({ text: emphasisStripped(match[1] ?? match[2]), bold: true });
    at = match.index + match[0].length;
  }
  if (at < plain.length) runs.push({ text: emphasisStripped(plain.slice(at)) });
  return runs.filter((run) => run.text);
}

/** *italic* and _italic_ lose their markers (Chinese documents do not set italics); a lone * or _ stays. */
const emphasisStripped = (text: string) => text.replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, '$1$2').replace(/(^|[^\w])_(?!\s)(.+?)_(?!\w)/g, '$1$2');

/** The content as plain text, one block a line: what a docx reader finds. */
export const blockText = (block: Block) => block.runs.map((run) => run.text).join('');
