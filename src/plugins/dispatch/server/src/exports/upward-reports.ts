/**
 * 上报记录 (.xlsx): the fallback of 向上报送 — the same content the receivers get, one row per report: who it went to,
 * why, its delivery, then every field of its payload's `data` as a column (headed in Chinese with the payload's own
 * field name), and the whole payload as JSON. Pure: the rows come scoped and loaded.
 */
import { fieldLabel } from '../../../../../domain/labels';
import { flattenData, SUBJECTS, type UpwardSubject } from '../../../../../domain/upward';
import {
  addItemRows,
  chineseDateTime,
  enumLabel,
  type ItemColumn,
  openListSheet,
  toBuffer,
} from './shared';
import type { ExportContext } from './types';

export const UPWARD_REPORTS_TITLE = '兰山区向上报送记录';

/** A report as the export needs it. */
export interface ListedUpwardReport {
  reportId: string;
  target: string;
  event: string;
  subjectType: string;
  title?: string | null;
  state: string;
  attempts?: number | null;
  createdAt?: string | null;
  deliveredAt?: string | null;
  lastError?: string | null;
  triggeredBy?: string | null;
  payload?: { data?: Record<string, unknown> } & Record<string, unknown>;
}

/** Words for the nested fields of a payload (`enterprise.name` → 投资方·名称). */
const NESTED: Record<string, string> = { name: '名称', code: '编码', creditCode: '统一社会信用代码', legalRepresentative: '法定代表人' };

/** A payload column's header: 「项目名称（name）」, 「企业·统一社会信用代码（enterprise.creditCode）」. */
export function payloadHeader(subjectType: string | undefined, key: string): string {
  const uid = SUBJECTS[subjectType as UpwardSubject]?.uid;
  const [first, ...rest] = key.split('.');
  const label = [fieldLabel(uid, first), ...rest.map((part) => NESTED[part] ?? part)].join('·');
  return `${label}（${key}）`;
}

type Column = ItemColumn<ListedUpwardReport>;

const FIXED: Column[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '上报事项', width: 28, wrap: true, value: (report) => report.title ?? '' },
  { header: '上报对象', width: 14, value: (report) => enumLabel(report.target) },
  { header: '上报事由', width: 16, value: (report) => enumLabel(report.event) },
  { header: '记录类型', width: 10, value: (report) => enumLabel(report.subjectType) },
  { header: '投递状态', width: 10, value: (report) => enumLabel(report.state) },
  { header: '投递次数', width: 8, value: (report) => report.attempts ?? 0 },
  { header: '生成时间', width: 18, value: (report) => chineseDateTime(report.createdAt ?? null) },
  { header: '送达时间', width: 18, value: (report) => chineseDateTime(report.deliveredAt ?? null) },
  { header: '最近错误', width: 24, wrap: true, value: (report) => report.lastError ?? '' },
  { header: '触发人', width: 18, wrap: true, value: (report) => report.triggeredBy ?? '' },
  { header: '上报编号（reportId）', width: 38, value: (report) => report.reportId },
];

/** The payload's `data` fields across all reports, in the order they first appear. */
function payloadColumns(reports: ListedUpwardReport[]): Column[] {
  const keys = new Map<string, string>();
  for (const report of reports) {
    for (const [key] of flattenData(report.payload?.data ?? {})) if (!keys.has(key)) keys.set(key, report.subjectType);
  }
  return [...keys].map(([key, subjectType]) => ({
    header: payloadHeader(subjectType, key),
    width: 18,
    wrap: true,
    value: (report: ListedUpwardReport) => {
      const found = flattenData(report.payload?.data ?? {}).find(([name]) => name === key);
      const value = found?.[1];
      if (value === null || value === undefined) return null;
      return typeof value === 'boolean' ? (value ? '是' : '否') : value;
    },
  }));
}

const JSON_COLUMN: Column = { header: '上报内容（JSON）', width: 60, wrap: true, value: (report) => JSON.stringify(report.payload ?? null) };

/** The reports in the order given; `targetLabel` names the target when the export is of one. */
export async function buildUpwardReports(reports: ListedUpwardReport[], context: ExportContext, targetLabel?: string): Promise<Buffer> {
  const at = context.at ?? new Date();
  const columns = [...FIXED, ...payloadColumns(reports), JSON_COLUMN];
  const title = targetLabel ? `${UPWARD_REPORTS_TITLE}（${targetLabel}）` : UPWARD_REPORTS_TITLE;
  const { workbook, sheet } = openListSheet({
    title,
    sheetName: '上报记录',
    columns,
    at,
    info: [`范围：${context.scope}`, context.exportedBy ? `导出人：${context.exportedBy}` : null],
    note: `共 ${reports.length} 条；与接口报送内容一致`,
    frozenColumns: 2,
  });
  addItemRows(sheet, columns, reports, '（没有上报记录）', { fit: columns.filter((column) => column !== JSON_COLUMN) });
  return toBuffer(workbook);
}
