/**
 * What every export shares: dates in Asia/Shanghai, numbers from decimals, Chinese labels, and the sheet layout
 * officials expect (a merged title, information lines, a bordered header frozen and repeated on every printed page,
 * landscape, fitted to the page width). Pure: no Strapi.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { enumLabel } from '../../../../../domain/labels';
import { ZONE } from '../../../../../domain/time';
import type { DateLike, Decimal, Named } from './types';

export { enumLabel };

export const GENERATOR = '兰山区重大项目落地服务平台';

// ---------------------------------------------------------------- dates, numbers, names

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date field (`YYYY-MM-DD`) as that calendar day, an instant as its day and time in Asia/Shanghai — a date is
 * never shifted by the server's time zone.
 */
export function shanghai(value: DateLike): DateTime | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed =
    value instanceof Date
      ? DateTime.fromJSDate(value, { zone: ZONE })
      : DATE_ONLY.test(value)
        ? DateTime.fromISO(value, { zone: ZONE })
        : DateTime.fromISO(value, { setZone: true }).setZone(ZONE);
  return parsed.isValid ? parsed : null;
}

/** 「2026年11月26日」, or '' when there is no date. */
export const chineseDate = (value: DateLike) => shanghai(value)?.toFormat('yyyy年M月d日') ?? '';

/** 「2026年11月26日 09:30」 */
export const chineseDateTime = (value: DateLike) => shanghai(value)?.toFormat('yyyy年M月d日 HH:mm') ?? '';

/** 「2026-11-26」 */
export const isoDate = (value: DateLike) => shanghai(value)?.toISODate() ?? '';

/** A reporting period `2026-11` as 「2026年11月」 (anything else is printed as given). */
export function periodLabel(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  return match ? `${match[1]}年${Number(match[2])}月` : period;
}

/**
 * The cell value of a date: the Shanghai calendar day at UTC midnight, which is how exceljs turns a Date into an
 * Excel serial date (Excel dates carry no zone). Null when there is no date.
 */
export function excelDate(value: DateLike): Date | null {
  const day = shanghai(value);
  return day ? new Date(Date.UTC(day.year, day.month - 1, day.day)) : null;
}

/** A decimal as a number; null when absent or not a number. */
export function toNumber(value: Decimal): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The sum of decimals (absent ones count as nothing), without binary floating-point noise (0.1 + 0.2 = 0.3). */
export function total(values: Decimal[]): number {
  const sum = values.reduce<number>((acc, value) => acc + (toNumber(value) ?? 0), 0);
  return Number(sum.toFixed(6));
}

export const nameOf = (named: Named) => named?.name ?? '';

/** Names joined the Chinese way: 「区发改局、区商务局」. */
export const joinNames = (list: Array<{ name: string }> | null | undefined) => (list ?? []).map((item) => item.name).join('、');

// ---------------------------------------------------------------- lights

export type Light = 'green' | 'yellow' | 'red';

/** The fill and font of a light cell: the colour itself, readable in black-and-white print by its label. */
export const LIGHT_STYLE: Readonly<Record<Light, { fill: string; font: string }>> = {
  red: { fill: 'FFE53935', font: 'FFFFFFFF' },
  yellow: { fill: 'FFFFC000', font: 'FF000000' },
  green: { fill: 'FF43A047', font: 'FFFFFFFF' },
};

/** 红灯 / 黄灯 / 绿灯 (from the labels module), '' when a project has no light yet. */
export const lightLabel = (light: Light | null | undefined) => (light ? enumLabel(light) : '');

/** Paints a cell in a light's colour. */
export function paintLight(cell: ExcelJS.Cell, light: Light | null | undefined): void {
  if (!light) return;
  const style = LIGHT_STYLE[light];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
  cell.font = { ...FONT.body, bold: true, color: { argb: style.font } };
}

// ---------------------------------------------------------------- sheet layout

/** Fonts of government tables: 方正小标宋简体 for the title, 黑体 for headers, 宋体 for the body. */
export const FONT = {
  title: { name: '方正小标宋简体', size: 18 },
  subtitle: { name: '楷体_GB2312', size: 12 },
  header: { name: '黑体', size: 11 },
  body: { name: '宋体', size: 10 },
} as const satisfies Record<string, Partial<ExcelJS.Font>>;

export const FORMAT = {
  money: '#,##0.00',
  percent: '0.0%',
  count: '#,##0',
  date: 'yyyy-mm-dd',
} as const;

/** Shown for a figure that is not defined (a rate with nothing to divide by): never 0 % and never #DIV/0!. */
export const NOT_APPLICABLE = '—';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export interface ColumnSpec {
  header: string;
  /** in characters; a CJK character counts about two */
  width: number;
  numFmt?: string;
  align?: 'left' | 'center' | 'right';
  /** long text: wrapped, top-aligned */
  wrap?: boolean;
  /** a second header level: adjacent columns with the same group share a merged cell above their headers */
  group?: string;
}

export function createWorkbook(title: string, at: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = GENERATOR;
  workbook.lastModifiedBy = GENERATOR;
  workbook.title = title;
  workbook.created = at;
  workbook.modified = at;
  return workbook;
}

export type Paper = 'A3' | 'A4';
/** OOXML paper size codes (exceljs's PaperSize enum has no A3). */
const PAPER: Readonly<Record<Paper, number>> = { A3: 8, A4: 9 };

/** A landscape sheet fitted to one page wide, pages numbered in the footer, with the columns' widths. */
export function addSheet(workbook: ExcelJS.Workbook, name: string, columns: ColumnSpec[], paper: Paper = 'A4'): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    properties: { defaultRowHeight: 20 },
    pageSetup: {
      paperSize: PAPER[paper] as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  columns.forEach((spec, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = spec.width;
  });
  return sheet;
}

/** The merged title row across `span` columns. */
export function addTitle(sheet: ExcelJS.Worksheet, text: string, span: number): ExcelJS.Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, span);
  row.height = 36;
  row.getCell(1).font = FONT.title;
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  return row;
}

/**
 * An information line under the title: `left` merged over the left part, `right` (optional) over the rest,
 * aligned right — e.g. 「导出时间：…」 and 「金额单位：万元」.
 */
export function addInfoLine(sheet: ExcelJS.Worksheet, span: number, left: string, right?: string, rightFont?: Partial<ExcelJS.Font>): ExcelJS.Row {
  const split = right === undefined ? span : Math.max(1, Math.ceil(span / 2));
  const row = sheet.addRow([]);
  row.getCell(1).value = left;
  row.getCell(1).font = FONT.subtitle;
  row.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  if (split > 1) sheet.mergeCells(row.number, 1, row.number, split);
  let width = 0;
  for (let col = 1; col <= split; col += 1) width += sheet.getColumn(col).width ?? 9;
  const lines = left.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(([...line].length * 2.2) / width)), 0);
  if (right !== undefined && split < span) {
    const cell = row.getCell(split + 1);
    cell.value = right;
    cell.font = { ...FONT.subtitle, ...rightFont };
    cell.alignment = { horizontal: 'right', vertical: 'middle' };
    if (span > split + 1) sheet.mergeCells(row.number, split + 1, row.number, span);
  }
  row.height = Math.max(22, lines * 17);
  return row;
}

/**
 * The header: one row, or two when columns are grouped (a group's name merged above its columns, an ungrouped
 * header merged down both rows). Frozen below it and repeated on every printed page; `frozenColumns` stay in view
 * when scrolling sideways. Returns the header's first and last row numbers.
 */
export function addHeader(sheet: ExcelJS.Worksheet, columns: ColumnSpec[], frozenColumns = 0): { first: number; last: number } {
  const grouped = columns.some((column) => column.group);
  const first = sheet.rowCount + 1;
  const last = grouped ? first + 1 : first;
  const top = sheet.getRow(first);
  const bottom = sheet.getRow(last);
  columns.forEach((column, index) => {
    const col = index + 1;
    if (!grouped) {
      top.getCell(col).value = column.header;
      return;
    }
    bottom.getCell(col).value = column.header;
    if (!column.group) {
      top.getCell(col).value = column.header;
      return;
    }
    if (columns[index - 1]?.group === column.group) return;
    let end = index;
    while (columns[end + 1]?.group === column.group) end += 1;
    top.getCell(col).value = column.group;
    if (end > index) sheet.mergeCells(first, col, first, end + 1);
  });
  if (grouped) {
    columns.forEach((column, index) => {
      if (!column.group) sheet.mergeCells(first, index + 1, last, index + 1);
    });
  }
  for (let number = first; number <= last; number += 1) {
    const row = sheet.getRow(number);
    row.height = 30;
    for (let col = 1; col <= columns.length; col += 1) {
      const cell = row.getCell(col);
      cell.font = FONT.header;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = THIN;
    }
  }
  const topLeftCell = `${columnLetter(frozenColumns + 1)}${last + 1}`;
  sheet.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: last, topLeftCell, activeCell: topLeftCell }];
  sheet.pageSetup.printTitlesRow = `${first}:${last}`;
  return { first, last };
}

export type CellValue = string | number | Date | null | undefined | { formula: string; result: number };

/**
 * A bordered data row: each column's number format and alignment; long text wrapped and top-aligned. Nothing to
 * say is a blank cell, not an empty string.
 */
export function addDataRow(sheet: ExcelJS.Worksheet, columns: ColumnSpec[], values: CellValue[]): ExcelJS.Row {
  const row = sheet.addRow(values.map((value) => (value === undefined || value === '' ? null : value)));
  columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    cell.font = FONT.body;
    cell.border = THIN;
    if (column.numFmt) cell.numFmt = column.numFmt;
    const align = column.align ?? (column.numFmt && typeof cell.value !== 'string' ? 'right' : column.wrap ? 'left' : 'center');
    cell.alignment = { horizontal: align, vertical: column.wrap ? 'top' : 'middle', wrapText: true };
  });
  return row;
}

/** Makes a row stand out as a total or district line. */
export function emphasize(row: ExcelJS.Row, span: number, fill = 'FFF2F2F2'): void {
  for (let col = 1; col <= span; col += 1) {
    const cell = row.getCell(col);
    cell.font = { ...FONT.body, ...(cell.font ?? {}), bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  }
}

/** `1 → A`, `27 → AA`. */
export function columnLetter(number: number): string {
  let letters = '';
  for (let rest = number; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** A row's height for wrapped text: enough lines for the longest cell (about two width units a CJK character). */
export function fitHeight(row: ExcelJS.Row, columns: ColumnSpec[]): void {
  let lines = 1;
  columns.forEach((column, index) => {
    if (!column.wrap) return;
    const text = String(row.getCell(index + 1).text ?? '');
    const perLine = Math.max(1, Math.floor(column.width / 2));
    const needed = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  row.height = Math.min(409, Math.max(20, lines * 15 + 5));
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A column of a list export: its layout and how it reads one item. */
export type ItemColumn<T> = ColumnSpec & { value: (item: T, index: number) => CellValue };

/**
 * The frame every list export shares: a workbook of one A3 sheet with the title, the info line (the export's time,
 * then `info`; `note` on the right) and the column header, the first `frozenColumns` columns frozen.
 */
export function openListSheet(options: {
  title: string;
  sheetName: string;
  columns: ColumnSpec[];
  at: Date;
  info: Array<string | null | undefined>;
  note?: string;
  frozenColumns?: number;
}): { workbook: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; header: { first: number; last: number } } {
  const span = options.columns.length;
  const workbook = createWorkbook(options.title, options.at);
  const sheet = addSheet(workbook, options.sheetName, options.columns, 'A3');
  addTitle(sheet, options.title, span);
  addInfoLine(sheet, span, [`导出时间：${chineseDateTime(options.at)}`, ...options.info].filter(Boolean).join('　　'), options.note);
  const header = addHeader(sheet, options.columns, options.frozenColumns ?? 0);
  return { workbook, sheet, header };
}

/**
 * One data row per item, its height fitted to the `fit` columns (all by default; `each` may touch the row), or —
 * with no item — the `empty` line across the sheet.
 */
export function addItemRows<T>(
  sheet: ExcelJS.Worksheet,
  columns: Array<ItemColumn<T>>,
  items: T[],
  empty: string,
  { fit = columns, each }: { fit?: ColumnSpec[]; each?: (row: ExcelJS.Row, item: T) => void } = {}
): void {
  items.forEach((item, index) => {
    const row = addDataRow(sheet, columns, columns.map((column) => column.value(item, index)));
    each?.(row, item);
    fitHeight(row, fit);
  });
  if (!items.length) {
    const row = addDataRow(sheet, columns, [empty]);
    sheet.mergeCells(row.number, 1, row.number, columns.length);
  }
}
