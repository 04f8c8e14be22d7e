import ExcelJS from 'exceljs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { normaliseCreditCode } from '../domain/credit-code';
import { readIndicatorSheet, type ImportProblem } from '../domain/finance-import';
import { validationError } from '../utils/validation';
import { FINANCE_INDICATOR, FINANCE_WARNING } from './finance-warnings';

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  /** Warnings open after the import among the enterprises and periods imported. */
  openWarnings: number;
}

/** 「第 3 行「资产负债率（%）」：不是数字」 */
const describe = (problem: ImportProblem): ImportProblem => ({
  ...problem,
  zh: `第 ${problem.line} 行${problem.column ? `「${problem.column}」` : ''}：${problem.zh}`,
  en: `row ${problem.line}${problem.column ? ` (${problem.column})` : ''}: ${problem.en}`,
});

/**
 * A 400 naming the uploaded `file`, listing every problem of the sheet — also as `details.rows` in the shape of the
 * other imports' row report (`{ row, field, message, messageEn }`, field = the column as headed in the sheet).
 */
function rejectFile(problems: ImportProblem[]) {
  const error = validationError(
    FINANCE_INDICATOR,
    problems.slice(0, 50).map(describe).map((problem) => ({ path: ['file'], zh: problem.zh, en: problem.en }))
  );
  (error.details as Record<string, unknown>).rows = problems.map((problem) => ({ row: problem.line, field: problem.column, message: problem.zh, messageEn: problem.en }));
  return error;
}

/**
 * Imports a sheet of indicators (the first worksheet, headers in row 1) in three steps: the sheet is read and
 * checked (pure, src/domain/finance-import.ts), its enterprises and existing months are looked up, then each row
 * creates the enterprise's indicators for its period or updates the existing ones in one transaction, through the
 * document service as the caller — so every record rule applies (watched enterprises only) and warnings are raised
 * as for a record entered by hand. All rows or none: any problem rolls everything back, and the 400 lists every
 * problem found, by row and column.
 */
export async function importIndicators(strapi: Core.Strapi, buffer: Buffer): Promise<ImportResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as any);
  } catch {
    throw validationError(FINANCE_INDICATOR, [{ path: ['file'], zh: '不是有效的 .xlsx 文件', en: 'is not a readable .xlsx file' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw rejectFile([{ line: 1, column: '', zh: '文件中没有工作表', en: 'the file has no worksheet' }]);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows: Array<{ line: number; cells: unknown[] }> = [];
  sheet.eachRow((row, line) => {
    if (line > 1) rows.push({ line, cells: (row.values as unknown[]).slice(1) });
  });
  const { records, problems } = readIndicatorSheet(headers, rows);
  if (problems.length) throw rejectFile(problems);
  if (!records.length) throw rejectFile([{ line: 2, column: '', zh: '没有可导入的数据行', en: 'there is no row to import' }]);

  // every enterprise and existing month in two look-ups: an unknown enterprise is reported before anything is written
  const enterprises = await strapi.db.query('api::enterprise.enterprise').findMany({
    where: {
      $or: [
        { creditCode: { $in: records.flatMap((record) => (record.creditCode ? [normaliseCreditCode(record.creditCode)] : [])) } },
        { name: { $in: records.flatMap((record) => (record.creditCode ? [] : [record.enterpriseName])) } },
      ],
    },
    select: ['id', 'documentId', 'creditCode', 'name'],
  });
  const enterpriseOf = (record: (typeof records)[number]) =>
    record.creditCode
      ? enterprises.find((row) => row.creditCode === normaliseCreditCode(record.creditCode!))
      : enterprises.find((row) => row.name === record.enterpriseName);
  const unknown = records.filter((record) => !enterpriseOf(record));
  if (unknown.length) {
    throw rejectFile(
      unknown.map((record) => ({ line: record.line, column: '', zh: `企业「${record.creditCode ?? record.enterpriseName}」不存在`, en: 'unknown enterprise' }))
    );
  }
  const existing = await strapi.db.query(FINANCE_INDICATOR).findMany({
    where: { enterprise: { id: { $in: enterprises.map((row) => row.id) } }, period: { $in: [...new Set(records.map((record) => record.period))] } },
    select: ['documentId', 'period'],
    populate: { enterprise: { select: ['id'] } },
  });
  const plan = records.map((record) => {
    const enterprise = enterpriseOf(record)!;
    const current = existing.find((row) => row.enterprise?.id === enterprise.id && row.period === record.period);
    return { record, enterprise, current };
  });

  return strapi.db.transaction(async () => {
    const result: ImportResult = { rows: records.length, created: 0, updated: 0, openWarnings: 0 };
    const found: ImportProblem[] = [];
    const written: string[] = [];
    for (const { record, enterprise, current } of plan) {
      try {
        const saved = current
          ? await strapi.documents(FINANCE_INDICATOR as any).update({ documentId: current.documentId, data: record.data as any })
          : await strapi.documents(FINANCE_INDICATOR as any).create({
              data: { source: 'file_import', ...record.data, enterprise: enterprise.documentId, period: record.period } as any,
            });
        if (current) result.updated += 1;
        else result.created += 1;
        if (saved?.documentId) written.push(saved.documentId);
      } catch (error) {
        // the record rules (a watched enterprise, a plausible month …) speak for each row; all of them are reported
        if (!(error instanceof errors.ValidationError)) throw error;
        const messages: string[] = ((error.details as any)?.errors ?? []).map((item: { message: string }) => item.message);
        const parts = (messages.length ? messages : [error.message]).map((message) => message.split(' / '));
        found.push({ line: record.line, column: '', zh: parts.map((part) => part[0]).join('；'), en: parts.map((part) => part.slice(1).join(' / ') || part[0]).join('; ') });
      }
    }
    // everything or nothing: throwing rolls back the rows already written
    if (found.length) throw rejectFile(found);
    result.openWarnings = await strapi.db.query(FINANCE_WARNING).count({ where: { indicatorKey: { $in: written }, state: 'open' } });
    return result;
  });
}
