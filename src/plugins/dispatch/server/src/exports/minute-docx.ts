/**
 * 《专题会商纪要》 (.docx): draws `minuteDocument(minute)` in the layout of GB/T 9704 (党政机关公文格式) — A4
 * portrait, type area 156 × 225 mm, 方正小标宋简体 二号 for the head and title, 仿宋_GB2312 三号 for the text at a
 * fixed 28.95 pt line (22 lines a page), 黑体 for headings, 「— 1 —」 page numbers outside, and the 责任清单
 * table with its header repeated on every page. What the document says is the model's; this file only sets it.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip as mm,
  type IParagraphOptions,
} from 'docx';
import { minuteDocument, type Block, type MinuteDocument, type Run, type TaskHeader } from './minute-document';
import { GENERATOR, chineseDateTime } from './shared';
import type { ExportContext, MinuteExport } from './types';

/** Twips (twentieths of a point) of a length in points. */
const pt = (points: number) => Math.round(points * 20);

// ---------------------------------------------------------------- fonts

/**
 * A font of the document and what Word or WPS shows in its place where it is not installed (the font table's
 * `w:altName`). `charset` 86 is GB2312: the Chinese fonts are picked for Chinese text.
 */
interface Face {
  name: string;
  fallback?: string;
  charset?: '86';
}

const FACE = {
  /** 方正小标宋简体, else 宋体 */
  title: { name: '方正小标宋简体', fallback: '宋体', charset: '86' },
  /** 仿宋_GB2312, else 仿宋 (FangSong) */
  body: { name: '仿宋_GB2312', fallback: '仿宋', charset: '86' },
  /** 黑体 (SimHei) */
  heading: { name: '黑体', fallback: 'SimHei', charset: '86' },
  /** 宋体 (SimSun), for page numbers */
  pageNumber: { name: '宋体', fallback: 'SimSun', charset: '86' },
  /** digits and Latin letters in the text */
  latin: { name: 'Times New Roman' },
} as const satisfies Record<string, Face>;

/** Sizes in points: 二号, 三号, 四号, 小四. */
const SIZE = { title: 22, body: 16, pageNumber: 14, table: 12 } as const;

/** What a run of text is set in: a face at a size. */
interface Type {
  face: Face;
  /** digits and Latin letters: Times New Roman unless given */
  latin?: Face;
  size: number;
  bold?: boolean;
}

export const TYPE = {
  title: { face: FACE.title, size: SIZE.title },
  body: { face: FACE.body, size: SIZE.body },
  heading: { face: FACE.heading, size: SIZE.body },
  tableHeader: { face: FACE.heading, size: SIZE.table },
  table: { face: FACE.body, size: SIZE.table },
  /** GB/T 9704 sets page numbers in 宋体, digits included */
  pageNumber: { face: FACE.pageNumber, latin: FACE.pageNumber, size: SIZE.pageNumber },
} as const satisfies Record<string, Type>;

/** The font and size of a type; punctuation such as 「“”」 is counted as Chinese (`hint`). */
export function typeface(type: Type) {
  const latin = (type.latin ?? FACE.latin).name;
  return { font: { eastAsia: type.face.name, ascii: latin, hAnsi: latin, hint: 'eastAsia' }, size: type.size * 2, bold: type.bold };
}

export const textRun = (text: string, type: Type) => new TextRun({ text, ...typeface(type) });

const runs = (model: Run[], type: Type) => model.map((run) => textRun(run.text, { ...type, bold: run.bold || type.bold }));

/**
 * The font table: every face the document names, with its fallback. docx writes an empty table unless fonts are
 * embedded, so the renderer passes this one in its place.
 */
export function fontTable(): string {
  const fonts = Object.values(FACE).map(
    (face: Face) =>
      `<w:font w:name="${face.name}">` +
      (face.fallback ? `<w:altName w:val="${face.fallback}"/>` : '') +
      (face.charset ? `<w:charset w:val="${face.charset}"/>` : '') +
      '</w:font>',
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join('')}</w:fonts>`
  );
}

// ---------------------------------------------------------------- page

/**
 * A4 portrait (210 × 297 mm, in Word's twips) with GB/T 9704's margins: the type area is 156 mm wide and 225 mm
 * high. The footer's page number, about 6.5 mm high, sits from 22 mm up: about 7 mm under the type area.
 */
export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(22) },
} as const;

/** A fixed line of 28.95 pt: 22 lines fill the 225 mm type area (22 × 28.95 pt = 224.7 mm). */
const LINE = pt(28.95);
const EXACT_LINE = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** Two characters of the body type: the first-line indent of every paragraph of the text. */
const INDENT = { firstLineChars: 200, firstLine: pt(2 * SIZE.body) };

// ---------------------------------------------------------------- paragraphs

const paragraph = (options: IParagraphOptions) => new Paragraph({ spacing: EXACT_LINE, ...options });

/**
 * The head or the title: centred, single-spaced (a fixed line would clip 二号 characters in some fonts), a blank
 * line after it unless said otherwise.
 */
export const titleParagraph = (text: string, after = LINE) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after },
    keepNext: true,
    children: [textRun(text, TYPE.title)],
  });

/** 文号, centred under the head. */
export const numberParagraph = (number: string) =>
  paragraph({ alignment: AlignmentType.CENTER, spacing: { ...EXACT_LINE, after: LINE }, children: [textRun(number, TYPE.body)] });

/** A paragraph of the text: justified, its first line indented two characters. */
export const bodyParagraph = (children: TextRun[], options: IParagraphOptions = {}) =>
  paragraph({ alignment: AlignmentType.JUSTIFIED, indent: INDENT, children, ...options });

function blockParagraph(block: Block): Paragraph {
  return block.kind === 'heading'
    ? bodyParagraph(runs(block.runs, TYPE.heading), { keepNext: true })
    : bodyParagraph(runs(block.runs, TYPE.body));
}

/** 「会议时间：2026年11月20日 09:30」, the label in 黑体 as GB/T 9704 sets 纪要's 出席 and 列席. */
export const particularParagraph = ({ label, value }: { label: string; value: string }) =>
  bodyParagraph([textRun(`${label}：`, TYPE.heading), textRun(value, TYPE.body)]);

/** The date under the text, four characters from the right. */
export const issuedParagraph = (issued: string) =>
  paragraph({
    alignment: AlignmentType.RIGHT,
    indent: { right: pt(4 * SIZE.body) },
    spacing: { ...EXACT_LINE, before: LINE },
    children: [textRun(issued, TYPE.body)],
  });

// ---------------------------------------------------------------- 责任清单

/** Column widths in millimetres, together the type area's 156 mm; a date such as 「2026年12月31日」 fits one line. */
const COLUMN_MM: Readonly<Record<TaskHeader, number>> = {
  序号: 11,
  责任事项: 37,
  责任单位: 28,
  配合单位: 28,
  完成时限: 33,
  办理状态: 19,
};
/** Columns whose text may run to several lines: justified; the others are centred. */
const LONG_TEXT: ReadonlySet<TaskHeader> = new Set(['责任事项', '配合单位']);

const TASK_LIST_HEADING = '责任清单';
const EMPTY_LIST = '（无）';
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9D9D9' } as const;
const CELL_LINE = { line: pt(20), lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const taskListHeading = () =>
  paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...EXACT_LINE, before: LINE },
    keepNext: true,
    children: [textRun(TASK_LIST_HEADING, TYPE.heading)],
  });

/** A cell, centred unless `justified`: one paragraph a line of its text. */
function cell(text: string, type: Type, options: { width: number; justified?: boolean; columnSpan?: number; header?: boolean }): TableCell {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: options.header ? HEADER_SHADING : undefined,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: options.justified ? AlignmentType.JUSTIFIED : AlignmentType.CENTER,
          spacing: CELL_LINE,
          children: [textRun(line, type)],
        }),
    ),
  });
}

/** The 责任清单: bordered, the shaded header repeated on every page, no row split over two pages. */
function taskTable(tasks: MinuteDocument['tasks']): Table {
  const widths = tasks.headers.map((header) => mm(COLUMN_MM[header]));
  const width = widths.reduce((sum, column) => sum + column, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: tasks.headers.map((text, index) => cell(text, TYPE.tableHeader, { width: widths[index], header: true })),
  });
  const rows = tasks.rows.length
    ? tasks.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((text, index) =>
              cell(text, TYPE.table, { width: widths[index], justified: LONG_TEXT.has(tasks.headers[index]) }),
            ),
          }),
      )
    : [
        new TableRow({
          cantSplit: true,
          children: [cell(EMPTY_LIST, TYPE.table, { width, columnSpan: widths.length })],
        }),
      ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: mm(1), right: mm(1) },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows: [header, ...rows],
  });
}

// ---------------------------------------------------------------- page numbers

/**
 * 「— 1 —」 in 四号 宋体 about 7 mm under the type area: on odd pages one character from the right edge, on even
 * pages one from the left (GB/T 9704).
 */
export function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneCharacter = pt(SIZE.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneCharacter } : { left: oneCharacter },
        children: [new TextRun({ ...typeface(TYPE.pageNumber), children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

// ---------------------------------------------------------------- the document

/** Where the export came from, in the file's properties (an official document prints no export line). */
export function exportNote(context: ExportContext, at: Date): string {
  const parts = [`导出时间：${chineseDateTime(at)}`, `范围：${context.scope}`, context.exportedBy ? `导出人：${context.exportedBy}` : null];
  return parts.filter(Boolean).join('　');
}

export async function buildMinuteDocx(minute: MinuteExport, context: ExportContext): Promise<Buffer> {
  const model = minuteDocument(minute);
  const at = context.at ?? new Date();

  const children: Array<Paragraph | Table> = [
    ...(model.number ? [titleParagraph(model.head, 0), numberParagraph(model.number)] : [titleParagraph(model.head)]),
    titleParagraph(model.title),
    ...model.particulars.map(particularParagraph),
    ...model.content.map(blockParagraph),
    ...(model.issued ? [issuedParagraph(model.issued)] : []),
    taskListHeading(),
    taskTable(model.tasks),
  ];

  const document = new Document({
    title: model.title,
    subject: [model.head, model.number].filter(Boolean).join(' '),
    creator: GENERATOR,
    lastModifiedBy: GENERATOR,
    description: exportNote(context, at),
    evenAndOddHeaderAndFooters: true,
    // what an official adds when editing the file is set like the text
    styles: { default: { document: { run: { ...typeface(TYPE.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: {
          page: PAGE,
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}
