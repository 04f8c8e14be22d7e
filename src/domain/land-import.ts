/**
 * 亩产效益评价 imported from the third party's Excel file: the header row in Chinese, one evaluation per row. Each
 * row is checked — enterprise known by credit code or name, project by its code, numbers, year, duplicates within
 * the file and against stored evaluations — and every problem reported with its Excel row number, so a file is
 * either imported whole or not at all. Pure: the caller reads the workbook and passes the cells and the lookups.
 */

export type ImportField =
  | 'enterprise'
  | 'project'
  | 'year'
  | 'landArea'
  | 'taxRevenue'
  | 'revenue'
  | 'energyConsumption'
  | 'rdExpense'
  | 'employees'
  | 'evaluator'
  | 'file';

type Source = 'enterpriseName' | 'creditCode' | 'projectCode' | 'year' | 'landArea' | 'taxRevenue' | 'revenue' | 'energyConsumption' | 'rdExpense' | 'employees' | 'evaluator';

interface Column {
  header: string;
  source: Source;
  /** The number a cell must hold: any amount ≥ 0, a positive amount, or a whole number ≥ 0. */
  number?: 'amount' | 'positive' | 'count';
  required?: boolean;
}

/** The columns of the file, in the template's order (headers as the third party writes them). */
export const IMPORT_COLUMNS: Column[] = [
  { header: '企业名称', source: 'enterpriseName' },
  { header: '统一社会信用代码', source: 'creditCode' },
  { header: '项目编号', source: 'projectCode' },
  { header: '年度', source: 'year' },
  { header: '用地面积(亩)', source: 'landArea', number: 'positive', required: true },
  { header: '税收(万元)', source: 'taxRevenue', number: 'amount', required: true },
  { header: '营业收入(万元)', source: 'revenue', number: 'amount', required: true },
  { header: '综合能耗(吨标煤)', source: 'energyConsumption', number: 'amount' },
  { header: '研发经费(万元)', source: 'rdExpense', number: 'amount' },
  { header: '从业人数', source: 'employees', number: 'count' },
  { header: '评价机构', source: 'evaluator' },
];

export const IMPORT_HEADERS = IMPORT_COLUMNS.map((column) => column.header);

/** The key of an evaluation: one per enterprise (and project, when given) and year. */
export const evaluationKey = (enterpriseDocumentId: string, projectDocumentId: string | null | undefined, year: number) =>
  `${enterpriseDocumentId}:${projectDocumentId ?? '-'}:${year}`;

export interface KnownEnterprise {
  documentId: string;
  name: string;
  creditCode: string;
}
export interface KnownProject {
  documentId: string;
  code: string;
  name: string;
  /** The investing enterprise's documentId, when the project names one. */
  enterprise: string | null;
}

export interface ImportLookup {
  enterprises: KnownEnterprise[];
  projects: KnownProject[];
  /** evaluationKey of every stored evaluation. */
  existingKeys: Set<string>;
}

export interface RowIssue {
  /** The Excel row number (the header is usually row 1). */
  row: number;
  field: ImportField;
  message: string;
  messageEn: string;
}

export interface ImportRecord {
  row: number;
  enterprise: string;
  project: string | null;
  year: number;
  landArea: number;
  taxRevenue: number;
  revenue: number;
  energyConsumption: number | null;
  rdExpense: number | null;
  employees: number | null;
  evaluator: string | null;
}

/** `用地面积（亩）`, ` 用地面积 (亩) ` and `用地面积(亩)` are the same header. */
const normaliseHeader = (text: string) => text.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/吨标准煤/g, '吨标煤');

/** A cell as exceljs gives it (number, string, Date, rich text, formula, hyperlink) as plain text or number. */
export function cellValue(cell: unknown): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string') return cell.trim() === '' ? null : cell.trim();
  if (typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'object') {
    const value = cell as Record<string, any>;
    if (Array.isArray(value.richText)) return cellValue(value.richText.map((part: { text: string }) => part.text).join(''));
    if ('result' in value) return cellValue(value.result);
    if ('text' in value) return cellValue(value.text);
    if ('error' in value) return null;
  }
  return cellValue(String(cell));
}

const isBlank = (row: unknown[] | undefined) => !row || row.every((cell) => cellValue(cell) === null);

/** A number cell, or why it is not one. */
function parseNumber(value: string | number, kind: NonNullable<Column['number']>): { value: number } | { zh: string; en: string } {
  const n = typeof value === 'number' ? value : Number(value.replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n)) return { zh: `「${value}」不是数字`, en: `"${value}" is not a number` };
  if (kind === 'positive' && n <= 0) return { zh: '须大于 0', en: 'must be greater than 0' };
  if (n < 0) return { zh: '不能为负数', en: 'must not be negative' };
  if (kind === 'count' && !Number.isInteger(n)) return { zh: '须为整数', en: 'must be a whole number' };
  return { value: n };
}

const FIELD_OF: Record<Source, ImportField> = {
  enterpriseName: 'enterprise',
  creditCode: 'enterprise',
  projectCode: 'project',
  year: 'year',
  landArea: 'landArea',
  taxRevenue: 'taxRevenue',
  revenue: 'revenue',
  energyConsumption: 'energyConsumption',
  rdExpense: 'rdExpense',
  employees: 'employees',
  evaluator: 'evaluator',
};

/**
 * The evaluations of a sheet (`rows[0]` is Excel row 1), or every problem found. The header is the first non-empty
 * row; `year` is the year being imported (a row's 年度 must agree with it; without it every row needs its 年度).
 */
export function parseImport(rows: unknown[][], year: number | null, lookup: ImportLookup): { records: ImportRecord[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const records: ImportRecord[] = [];
  const issue = (row: number, field: ImportField, message: string, messageEn: string) => issues.push({ row, field, message, messageEn });

  const headerIndex = rows.findIndex((row) => !isBlank(row));
  if (headerIndex < 0) {
    issue(1, 'file', '文件是空的：第一行须为表头（企业名称或统一社会信用代码、用地面积(亩)、税收(万元)、营业收入(万元)……）', 'the file is empty: the first row must be the header row');
    return { records, issues };
  }
  const headerRow = headerIndex + 1;
  const columns = new Map<Source, number>();
  const known = new Map(IMPORT_COLUMNS.map((column) => [normaliseHeader(column.header), column]));
  rows[headerIndex].forEach((cell, index) => {
    const text = cellValue(cell);
    const column = text === null ? undefined : known.get(normaliseHeader(String(text)));
    if (column && !columns.has(column.source)) columns.set(column.source, index);
  });
  if (!columns.has('enterpriseName') && !columns.has('creditCode')) {
    issue(headerRow, 'enterprise', '表头缺少「企业名称」或「统一社会信用代码」列', 'the header needs a 企业名称 or 统一社会信用代码 column');
  }
  for (const column of IMPORT_COLUMNS.filter((candidate) => candidate.required && !columns.has(candidate.source))) {
    issue(headerRow, FIELD_OF[column.source], `表头缺少「${column.header}」列`, `the header has no ${column.header} column`);
  }
  if (year === null && !columns.has('year')) issue(headerRow, 'year', '未指定导入年度，表头也没有「年度」列', 'no year given and no 年度 column');
  if (issues.length) return { records, issues };

  const byCode = new Map(lookup.enterprises.map((enterprise) => [enterprise.creditCode.toUpperCase(), enterprise]));
  const byName = new Map(lookup.enterprises.map((enterprise) => [enterprise.name, enterprise]));
  const projects = new Map(lookup.projects.map((project) => [project.code, project]));
  const seen = new Map<string, number>();
  let dataRows = 0;

  for (let index = headerIndex + 1; index < rows.length; index += 1) {
    const cells = rows[index];
    if (isBlank(cells)) continue;
    dataRows += 1;
    const row = index + 1;
    const before = issues.length;
    const get = (source: Source) => {
      const at = columns.get(source);
      return at === undefined ? null : cellValue(cells[at]);
    };

    // the enterprise, by credit code or name (both must agree when both are given)
    const code = get('creditCode');
    const name = get('enterpriseName');
    let enterprise: KnownEnterprise | undefined;
    if (code === null && name === null) {
      issue(row, 'enterprise', '须填写企业名称或统一社会信用代码', 'needs the enterprise name or credit code');
    } else {
      const byCredit = code === null ? undefined : byCode.get(String(code).toUpperCase());
      const named = name === null ? undefined : byName.get(String(name));
      if (code !== null && !byCredit) issue(row, 'enterprise', `平台中没有统一社会信用代码为「${code}」的企业`, `no enterprise with credit code ${code}`);
      else if (code === null && !named) issue(row, 'enterprise', `平台中没有名为「${name}」的企业`, `no enterprise named ${name}`);
      else if (byCredit && name !== null && byCredit.name !== String(name)) {
        issue(row, 'enterprise', `统一社会信用代码「${code}」是「${byCredit.name}」的，与企业名称「${name}」不符`, `credit code ${code} belongs to ${byCredit.name}, not ${name}`);
      } else enterprise = byCredit ?? named;
    }

    // the project, optional, by its code; it must be this enterprise's
    const projectCode = get('projectCode');
    let project: KnownProject | undefined;
    if (projectCode !== null) {
      project = projects.get(String(projectCode));
      if (!project) issue(row, 'project', `平台中没有编号为「${projectCode}」的项目`, `no project with code ${projectCode}`);
      else if (enterprise && project.enterprise && project.enterprise !== enterprise.documentId) {
        issue(row, 'project', `项目「${project.name}」的投资方不是「${enterprise.name}」`, `project ${projectCode} is not ${enterprise.name}'s`);
      }
    }

    // the year: the import's, a row's own must agree with it
    const cellYear = get('year');
    let rowYear: number | null = year;
    if (cellYear !== null) {
      const n = Number(String(cellYear).replace(/年$/, ''));
      if (!Number.isInteger(n) || n < 2000 || n > 2100) {
        issue(row, 'year', `年度「${cellYear}」无效（须为 2000–2100 的年份）`, `"${cellYear}" is not a year between 2000 and 2100`);
        rowYear = null;
      } else if (year !== null && n !== year) {
        issue(row, 'year', `年度 ${n} 与导入年度 ${year} 不一致`, `year ${n} differs from the imported year ${year}`);
        rowYear = null;
      } else rowYear = n;
    } else if (year === null) {
      issue(row, 'year', '须填写年度', 'needs the year');
    }

    // the figures
    const figures: Partial<Record<Source, number | null>> = {};
    for (const column of IMPORT_COLUMNS.filter((candidate) => candidate.number)) {
      const value = get(column.source);
      if (value === null) {
        if (column.required) issue(row, FIELD_OF[column.source], `须填写${column.header}`, `${column.header} is required`);
        figures[column.source] = null;
        continue;
      }
      const parsed = parseNumber(value, column.number!);
      if ('value' in parsed) figures[column.source] = parsed.value;
      else issue(row, FIELD_OF[column.source], `${column.header}${parsed.zh}`, `${column.header} ${parsed.en}`);
    }
    const evaluator = get('evaluator');
    if (evaluator !== null && String(evaluator).length > 100) issue(row, 'evaluator', '评价机构名称不能超过 100 个字', 'must be at most 100 characters');

    // one evaluation per enterprise (+ project) and year: within the file and against what is stored
    if (enterprise && rowYear !== null && (projectCode === null || project)) {
      const key = evaluationKey(enterprise.documentId, project?.documentId, rowYear);
      const first = seen.get(key);
      if (first !== undefined) {
        issue(row, 'enterprise', `与第 ${first} 行重复：同一企业${project ? '（项目）' : ''}同一年度只能有一条评价`, `duplicates row ${first}: one evaluation per enterprise${project ? ' and project' : ''} and year`);
      } else {
        seen.set(key, row);
        if (lookup.existingKeys.has(key)) {
          issue(row, 'year', `「${enterprise.name}」${project ? `项目「${project.name}」` : ''}${rowYear} 年度的评价已存在`, `an evaluation of ${enterprise.name}${project ? ` (${project.code})` : ''} for ${rowYear} already exists`);
        }
      }
    }

    if (issues.length === before) {
      records.push({
        row,
        enterprise: enterprise!.documentId,
        project: project?.documentId ?? null,
        year: rowYear!,
        landArea: figures.landArea!,
        taxRevenue: figures.taxRevenue!,
        revenue: figures.revenue!,
        energyConsumption: figures.energyConsumption ?? null,
        rdExpense: figures.rdExpense ?? null,
        employees: figures.employees ?? null,
        evaluator: evaluator === null ? null : String(evaluator),
      });
    }
  }

  if (!dataRows) issue(headerRow + 1, 'file', '表头下没有数据行', 'there are no rows under the header');
  return { records: issues.length ? [] : records, issues };
}
