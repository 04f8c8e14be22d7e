/**
 * 变更记录 (.xlsx): one row per change, newest first — when, which record, what was done, by whom and through which
 * door, and each changed field with its old and new value on its own line. Pure: the rows come searched and loaded;
 * the sheet layout is the dispatch plugin's (the one every export of the platform shares).
 */
import { ACTION_LABELS, PATH_LABELS, VIA_LABELS, changeText, typeLabel, type RecordedChange } from '../../../../../domain/history';
import {
  addItemRows,
  chineseDateTime,
  type ItemColumn,
  openListSheet,
  toBuffer,
} from '../../../../dispatch/server/src/exports/shared';

export const CHANGES_TITLE = '兰山区重大项目落地服务平台变更记录';

export interface ListedChange {
  targetUid: string;
  targetDocumentId: string;
  targetLabel?: string | null;
  action: string;
  at: string | Date;
  actorVia: string;
  actorName?: string | null;
  path: string;
  changes?: RecordedChange[] | null;
}

type Column = ItemColumn<ListedChange>;

const COLUMNS: Column[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '时间', width: 18, value: (change) => chineseDateTime(change.at) },
  { header: '记录类型', width: 14, value: (change) => typeLabel(change.targetUid) },
  { header: '记录', width: 28, wrap: true, value: (change) => change.targetLabel || change.targetDocumentId },
  { header: '记录编号', width: 26, value: (change) => change.targetDocumentId },
  { header: '操作', width: 8, value: (change) => ACTION_LABELS[change.action] ?? change.action },
  { header: '操作人', width: 26, wrap: true, value: (change) => change.actorName ?? '' },
  { header: '操作人身份', width: 12, value: (change) => VIA_LABELS[change.actorVia] ?? change.actorVia },
  { header: '途径', width: 12, value: (change) => PATH_LABELS[change.path] ?? change.path },
  {
    header: '变更内容（字段：原值 → 新值）',
    width: 60,
    wrap: true,
    value: (change) => (change.changes ?? []).map((item) => changeText(change.targetUid, item)).join('\n'),
  },
];

export interface ChangesExportContext {
  at: Date;
  exportedBy?: string | null;
  /** the export stopped at its limit: older changes are left out */
  limited?: boolean;
}

export async function buildChangesWorkbook(changes: ListedChange[], context: ChangesExportContext): Promise<Buffer> {
  const { workbook, sheet } = openListSheet({
    title: CHANGES_TITLE,
    sheetName: '变更记录',
    columns: COLUMNS,
    at: context.at,
    info: [context.exportedBy ? `导出人：${context.exportedBy}` : null],
    note: `共 ${changes.length} 条${context.limited ? '（仅最近的记录，请缩小查询范围）' : ''}`,
    frozenColumns: 2,
  });
  addItemRows(sheet, COLUMNS, changes, '（没有符合条件的变更记录）');
  return toBuffer(workbook);
}
