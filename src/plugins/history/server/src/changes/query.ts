/**
 * The search parameters of the change history (`GET /api/history/changes?…`) checked and turned into a database
 * filter. Pure (no Strapi): a bad parameter is reported by name, in Chinese and English, for the caller to answer 400.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../../../../domain/time';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const ACTIONS = ['create', 'update', 'delete', 'restore'] as const;

export interface ParameterIssue {
  parameter: string;
  zh: string;
  en: string;
}

export interface ChangeSearch {
  /** database filter on plugin::history.change */
  where: Record<string, unknown>;
  page: number;
  pageSize: number;
}

const UID = /^api::[a-z0-9-]+\.[a-z0-9-]+$/;
const DOCUMENT_ID = /^[a-z0-9]{10,40}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KNOWN = new Set(['uid', 'documentId', 'actor', 'action', 'field', 'from', 'to', 'q', 'page', 'pageSize', 'pagination']);

/** The one value of a parameter (a repeated parameter is refused rather than guessed). */
function single(value: unknown, parameter: string, issues: ParameterIssue[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    issues.push({ parameter, zh: '只能给出一个值', en: 'must be given once, as text' });
    return undefined;
  }
  return value;
}

function integer(value: string | undefined, parameter: string, max: number, fallback: number, issues: ParameterIssue[]): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max) {
    issues.push({ parameter, zh: `须为 1 到 ${max} 之间的整数`, en: `must be a whole number from 1 to ${max}` });
    return fallback;
  }
  return number;
}

/** A date `YYYY-MM-DD` as the start (or the end) of that day in Beijing time. */
function day(value: string | undefined, parameter: string, end: boolean, issues: ParameterIssue[]): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = DATE.test(value) ? DateTime.fromISO(value, { zone: ZONE }) : null;
  if (!parsed?.isValid) {
    issues.push({ parameter, zh: '须为日期 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' });
    return undefined;
  }
  return (end ? parsed.endOf('day') : parsed.startOf('day')).toJSDate();
}

function text(value: string | undefined, parameter: string, issues: ParameterIssue[]): string | undefined {
  if (value === undefined) return undefined;
  if ([...value].length > 100) {
    issues.push({ parameter, zh: '不能超过 100 个字符', en: 'must be at most 100 characters' });
    return undefined;
  }
  return value;
}

/**
 * The filter and page of a search: `uid`, `documentId`, `actor` (name contains), `action`, `field`, `from`/`to`
 * (Beijing dates, inclusive), `q` (record label contains), `page`/`pageSize` or `pagination[page]`/`[pageSize]`.
 * `trackedUids` are the record types that have a history. Returns the issues instead when any parameter is bad.
 */
export function parseSearch(query: Record<string, unknown>, trackedUids: ReadonlySet<string>): ChangeSearch | { issues: ParameterIssue[] } {
  const issues: ParameterIssue[] = [];
  for (const key of Object.keys(query)) {
    if (!KNOWN.has(key)) issues.push({ parameter: key, zh: '不是可用的查询参数', en: 'is not a known parameter' });
  }
  const and: Record<string, unknown>[] = [];

  const uid = single(query.uid, 'uid', issues);
  if (uid !== undefined) {
    if (!UID.test(uid) || !trackedUids.has(uid)) issues.push({ parameter: 'uid', zh: '不是有变更记录的记录类型', en: 'is not a record type with a change history' });
    else and.push({ targetUid: uid });
  }
  const documentId = single(query.documentId, 'documentId', issues);
  if (documentId !== undefined) {
    if (!DOCUMENT_ID.test(documentId)) issues.push({ parameter: 'documentId', zh: '须为记录的 documentId', en: 'must be a record documentId' });
    else and.push({ targetDocumentId: documentId });
  }
  const actor = text(single(query.actor, 'actor', issues), 'actor', issues);
  if (actor !== undefined) and.push({ actorName: { $containsi: actor } });
  const action = single(query.action, 'action', issues);
  if (action !== undefined) {
    if (!(ACTIONS as readonly string[]).includes(action)) issues.push({ parameter: 'action', zh: '取值须为 create、update、delete、restore 之一', en: 'must be one of create, update, delete, restore' });
    else and.push({ action });
  }
  const field = single(query.field, 'field', issues);
  if (field !== undefined) {
    if (!FIELD.test(field)) issues.push({ parameter: 'field', zh: '须为字段名（英文）', en: 'must be a field name' });
    else and.push({ fieldNames: { $contains: `,${field},` } });
  }
  const from = day(single(query.from, 'from', issues), 'from', false, issues);
  const to = day(single(query.to, 'to', issues), 'to', true, issues);
  if (from && to && from > to) issues.push({ parameter: 'to', zh: '不能早于起始日期 from', en: 'must not be before from' });
  if (from) and.push({ at: { $gte: from } });
  if (to) and.push({ at: { $lte: to } });
  const q = text(single(query.q, 'q', issues), 'q', issues);
  if (q !== undefined) and.push({ targetLabel: { $containsi: q } });

  const pagination = (query.pagination && typeof query.pagination === 'object' ? query.pagination : {}) as Record<string, unknown>;
  if (query.pagination !== undefined && (typeof query.pagination !== 'object' || Array.isArray(query.pagination))) {
    issues.push({ parameter: 'pagination', zh: '须为 pagination[page] 与 pagination[pageSize]', en: 'must be pagination[page] and pagination[pageSize]' });
  }
  const page = integer(single(query.page ?? pagination.page, 'page', issues), 'page', 100_000, 1, issues);
  const pageSize = integer(single(query.pageSize ?? pagination.pageSize, 'pageSize', issues), 'pageSize', MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, issues);

  if (issues.length) return { issues };
  return { where: and.length ? { $and: and } : {}, page, pageSize };
}
