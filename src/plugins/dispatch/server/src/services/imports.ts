import { readFile } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { evaluationKey, parseImport, type RowIssue } from '../../../../../domain/land-import';
import { LAND_EVALUATION, withDeferredGrading } from '../../../../../records/land-evaluations';
import { XLSX_CONTENT_TYPE } from '../exports';
import { buildLandTemplate, LAND_TEMPLATE_TITLE, readFirstSheet } from '../imports/land-evaluations';
import { buildFinanceTemplate, FINANCE_TEMPLATE_TITLE } from '../imports/finance-indicators';
import type { ExportFile } from './exports';
import { refusal } from '../../../../../utils/refusal';

type Row = Record<string, any>;

const ENTERPRISE = 'api::enterprise.enterprise';
const PROJECT = 'api::project.project';

/** A 400 naming a form field, Chinese first. */
const badField = (name: string, zh: string, en: string) =>
  new errors.ValidationError(`${name}：${zh} / ${name}: ${en}`, { errors: [{ path: [name], message: `${zh} / ${en}`, name: 'ValidationError' }] });

/** The row report: a 400 listing every rejected row, nothing written. */
function rejected(rows: RowIssue[]) {
  const count = new Set(rows.map((issue) => issue.row)).size;
  return new errors.ValidationError(`导入文件有 ${count} 行数据有误，未导入任何记录 / ${count} rows of the file are wrong; nothing was imported`, {
    rows,
    errors: rows.map((issue) => ({ path: ['rows', String(issue.row), issue.field], message: `第 ${issue.row} 行：${issue.message} / row ${issue.row}: ${issue.messageEn}`, name: 'ValidationError' })),
  });
}

/** The year of the import, from the form: optional, else a year between 2000 and 2100. */
export function importYear(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badField('year', '导入年度须为 2000–2100 的年份', 'must be a year between 2000 and 2100');
  return year;
}

/**
 * 数据导入: a year's 亩产效益评价 from the third party's workbook — every row checked first, then all created in one
 * transaction through the document service (so the record rules run), the year graded once at the end.
 */
const importsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The empty workbook to fill in. */
  async landTemplate(year: number | null): Promise<ExportFile> {
    return { body: await buildLandTemplate(year), contentType: XLSX_CONTENT_TYPE, filename: `${LAND_TEMPLATE_TITLE}${year ? `（${year}年度）` : ''}.xlsx` };
  },

  /** The empty sheet of 金融预警指标 to fill in. */
  async financeTemplate(): Promise<ExportFile> {
    return { body: await buildFinanceTemplate(), contentType: XLSX_CONTENT_TYPE, filename: `${FINANCE_TEMPLATE_TITLE}.xlsx` };
  },

  async landEvaluations(file: { filepath?: string; path?: string; originalFilename?: string | null; name?: string | null } | undefined, year: number | null) {
    // refused before the file is read: the row report names enterprises, projects and the evaluations already kept
    if (await strapi.plugin('bureau-views').service('scope').writesNone(LAND_EVALUATION)) {
      throw refusal('亩产效益评价仅限区工信局和协调办公室导入 / land evaluations are imported by 区工信局 and the coordination office only');
    }
    const path = file?.filepath ?? file?.path;
    if (!path) throw badField('file', '请上传 .xlsx 文件（表单字段 file）', 'upload an .xlsx file (form field "file")');
    let rows: unknown[][];
    try {
      rows = await readFirstSheet(await readFile(path));
    } catch {
      throw badField('file', `无法读取「${file?.originalFilename ?? file?.name ?? '文件'}」：须为 Excel 工作簿（.xlsx）`, 'is not an Excel workbook (.xlsx)');
    }

    const enterprises = await strapi.db.query(ENTERPRISE).findMany({ select: ['documentId', 'name', 'creditCode'] });
    const projects = await strapi.db.query(PROJECT).findMany({ select: ['documentId', 'code', 'name'], populate: { enterprise: { select: ['documentId'] } } });
    const stored = await strapi.db
      .query(LAND_EVALUATION as any)
      .findMany({ select: ['year'], populate: { enterprise: { select: ['documentId'] }, project: { select: ['documentId'] } } });
    const existingKeys = new Set(
      stored.filter((row: Row) => row.enterprise).map((row: Row) => evaluationKey(row.enterprise.documentId, row.project?.documentId, Number(row.year)))
    );
    const { records, issues } = parseImport(rows, year, {
      enterprises: enterprises.map((row: Row) => ({ documentId: row.documentId, name: row.name, creditCode: row.creditCode })),
      projects: projects.filter((row: Row) => row.code).map((row: Row) => ({ documentId: row.documentId, code: row.code, name: row.name, enterprise: row.enterprise?.documentId ?? null })),
      existingKeys,
    });
    if (issues.length) throw rejected(issues);

    await strapi.db.transaction(() =>
      withDeferredGrading(strapi, async () => {
        for (const { row, ...data } of records) {
          await strapi.documents(LAND_EVALUATION as any).create({ data: data as any });
        }
      })
    );
    const years = [...new Set(records.map((record) => record.year))].sort();
    return { created: records.length, years };
  },
});

export type ImportsService = ReturnType<typeof importsService>;
export default importsService;
