/**
 * Reading a sheet of 金融预警指标 (one row per enterprise and period) as officials fill it in: headers are the
 * indicators' Chinese labels (with or without the unit: 「资产负债率（%）」 or 「资产负债率」) or their API names; the
 * enterprise is found by its 统一社会信用代码 or name. Pure: rows of cell values in, records and named problems out.
 */
import { FINANCE_INDICATOR_LABELS } from './labels';
import { RULE_INDICATORS } from './finance-warnings';
import { isPeriod } from './period';

const BOOLEAN_FIELDS = ['managementChanged'];
const INTEGER_FIELDS = ['lenderCount', 'safetyAccidents', 'criminalCases', 'petitions', 'mediaExposures', 'environmentalIncidents', 'illegalFundraising'];
const TEXT_FIELDS = ['majorInvestments', 'managementChangeNote', 'guarantors', 'incidentNote', 'reportedBy', 'note'];
const NUMBER_FIELDS = RULE_INDICATORS.filter((field) => !BOOLEAN_FIELDS.includes(field) && !INTEGER_FIELDS.includes(field));
/** Indicators that cannot be below zero (profit, interest coverage, net assets and equity ratio may). */
const SIGNED = ['profitAndTax', 'interestCoverage', 'netAssets', 'equityRatio'];

/** The columns that name the enterprise and the period, besides the indicators. */
const KEY_COLUMNS: Record<string, string[]> = {
  creditCode: ['统一社会信用代码', 'creditcode'],
  enterpriseName: ['企业名称', '企业', 'enterprise', 'enterprisename'],
  period: ['指标期（年-月）', '指标期', '期间', '月份', 'period'],
};

export interface ImportedRow {
  /** The sheet's row number (1 is the header). */
  line: number;
  creditCode: string | null;
  enterpriseName: string | null;
  period: string;
  data: Record<string, unknown>;
}

export interface ImportProblem {
  line: number;
  /** The column's header as written in the sheet ('' for the row as a whole). */
  column: string;
  zh: string;
  en: string;
}

const normalise = (header: unknown) => String(header ?? '').replace(/\s+/g, '').toLowerCase();
const withoutUnit = (label: string) => label.replace(/（[^）]*）$/, '');

/** Which field each header names (null for a column the import does not know, which is ignored). */
export function columnsOf(headers: unknown[]): Array<string | null> {
  const names = new Map<string, string>();
  for (const [field, aliases] of Object.entries(KEY_COLUMNS)) for (const alias of aliases) names.set(normalise(alias), field);
  for (const field of [...NUMBER_FIELDS, ...BOOLEAN_FIELDS, ...INTEGER_FIELDS, ...TEXT_FIELDS]) {
    const label = FINANCE_INDICATOR_LABELS[field];
    for (const alias of [field, label, label && withoutUnit(label)]) if (alias) names.set(normalise(alias), field);
  }
  return headers.map((header) => names.get(normalise(header)) ?? null);
}

/**
 * The headers of the template officials fill in: the enterprise, the month, then every indicator under its Chinese
 * label with its unit, in the order of the work plan's groups (经营、财务、银行信贷及融资、突出事件), then who reports it.
 */
export const TEMPLATE_HEADERS: string[] = [
  KEY_COLUMNS.creditCode[0],
  KEY_COLUMNS.enterpriseName[0],
  KEY_COLUMNS.period[0],
  ...Object.keys(FINANCE_INDICATOR_LABELS)
    .filter((field) => [...NUMBER_FIELDS, ...BOOLEAN_FIELDS, ...INTEGER_FIELDS, ...TEXT_FIELDS].includes(field as never))
    .map((field) => FINANCE_INDICATOR_LABELS[field]),
];

/** A cell's value: exceljs gives numbers, strings, dates, booleans, rich text or formula results. */
function cellValue(cell: unknown): unknown {
  if (cell && typeof cell === 'object' && !(cell instanceof Date)) {
    const value = cell as { result?: unknown; richText?: Array<{ text: string }>; text?: string };
    if ('result' in value) return value.result;
    if (value.richText) return value.richText.map((part) => part.text).join('');
    if (typeof value.text === 'string') return value.text;
  }
  return cell;
}

const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

function periodOf(value: unknown): string | null {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  const text = String(value).trim().replace(/年/, '-').replace(/月$/, '').replace(/[./]/, '-');
  const match = /^(\d{4})-(\d{1,2})$/.exec(text);
  const period = match ? `${match[1]}-${match[2].padStart(2, '0')}` : text;
  return isPeriod(period) ? period : null;
}

/** Reads the rows below the header; empty rows are skipped. */
export function readIndicatorSheet(headers: unknown[], rows: Array<{ line: number; cells: unknown[] }>) {
  const columns = columnsOf(headers.map(cellValue));
  const problems: ImportProblem[] = [];
  const records: ImportedRow[] = [];
  const header = (index: number) => String(cellValue(headers[index]) ?? '');
  if (!columns.includes('period')) problems.push({ line: 1, column: '', zh: '缺少「指标期（年-月）」列', en: 'the period column is missing' });
  if (!columns.includes('creditCode') && !columns.includes('enterpriseName')) {
    problems.push({ line: 1, column: '', zh: '缺少「统一社会信用代码」或「企业名称」列', en: 'a credit code or enterprise name column is needed' });
  }
  if (problems.length) return { records, problems };

  for (const { line, cells } of rows) {
    const values = cells.map(cellValue);
    if (values.every(blank)) continue;
    const row: ImportedRow = { line, creditCode: null, enterpriseName: null, period: '', data: {} };
    const problem = (index: number, zh: string, en: string) => problems.push({ line, column: header(index), zh, en });
    columns.forEach((field, index) => {
      const value = values[index];
      if (!field || blank(value)) return;
      if (field === 'creditCode' || field === 'enterpriseName') {
        row[field] = String(value).trim();
      } else if (field === 'period') {
        const period = periodOf(value);
        if (period) row.period = period;
        else problem(index, `指标期「${String(value)}」须为 年-月，如 2026-03`, 'must be a month like 2026-03');
      } else if (BOOLEAN_FIELDS.includes(field)) {
        const text = String(value).trim().toLowerCase();
        if (['是', '有', 'true', '1', 'y', 'yes'].includes(text) || value === true) row.data[field] = true;
        else if (['否', '无', 'false', '0', 'n', 'no'].includes(text) || value === false) row.data[field] = false;
        else problem(index, '须填「是」或「否」', 'must be yes or no');
      } else if (TEXT_FIELDS.includes(field)) {
        row.data[field] = String(value).trim();
      } else {
        const number = typeof value === 'number' ? value : Number(String(value).replace(/[,，\s%]/g, ''));
        if (!Number.isFinite(number)) problem(index, `「${String(value)}」不是数字`, 'is not a number');
        else if (number < 0 && !SIGNED.includes(field)) problem(index, '不能为负数', 'cannot be negative');
        else if (INTEGER_FIELDS.includes(field) && !Number.isInteger(number)) problem(index, '须为整数', 'must be a whole number');
        else row.data[field] = number;
      }
    });
    if (!row.creditCode && !row.enterpriseName) problems.push({ line, column: '', zh: '须填写统一社会信用代码或企业名称', en: 'the enterprise is missing' });
    if (!row.period && !columns.some((field, index) => field === 'period' && !blank(values[index]))) {
      problems.push({ line, column: '', zh: '须填写指标期（年-月）', en: 'the period is missing' });
    }
    records.push(row);
  }
  const seen = new Map<string, number>();
  for (const row of records) {
    const key = `${row.creditCode ?? row.enterpriseName}:${row.period}`;
    if (!row.period) continue;
    const first = seen.get(key);
    if (first) problems.push({ line: row.line, column: '', zh: `与第 ${first} 行是同一企业同一期`, en: `same enterprise and period as row ${first}` });
    else seen.set(key, row.line);
  }
  return { records, problems };
}
