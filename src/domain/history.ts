/**
 * How the change history (plugin history) is shown to people: actions, identities and doors in Chinese, and a
 * recorded value as text. Pure; shared by the export and the admin panel.
 */
import { CONTENT_TYPE_LABELS, enumLabel, fieldLabel } from './labels';

export const ACTION_LABELS: Readonly<Record<string, string>> = { create: '新增', update: '修改', delete: '删除', restore: '从回收站恢复' };
export const VIA_LABELS: Readonly<Record<string, string>> = { admin: '后台用户', user: '接口用户', token: 'API 令牌', system: '系统' };
export const PATH_LABELS: Readonly<Record<string, string>> = { admin: '管理后台', rest: 'REST 接口', job: '内部任务' };

/** One recorded field change. */
export interface RecordedChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** A record type's Chinese name (the uid when it has none). */
export const typeLabel = (uid: string) => CONTENT_TYPE_LABELS[uid] ?? uid;

/** A recorded value as text: 「（空）」, 是/否, enum values by their Chinese label, lists joined with 「、」. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^[a-z][a-z0-9_]*$/.test(value) ? enumLabel(value) : value;
  if (Array.isArray(value)) {
    if (!value.length) return '（空）';
    return value.every((item) => typeof item !== 'object' || item === null) ? value.map(valueText).join('、') : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/** 「项目名称：旧名 → 新名」 */
export const changeText = (uid: string, change: RecordedChange) =>
  `${fieldLabel(uid, change.field)}：${valueText(change.from)} → ${valueText(change.to)}`;
