import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { validationError } from '../../../../../utils/validation';
import { XLSX_CONTENT_TYPE } from '../../../../dispatch/server/src/exports';
import { parseSearch, type ChangeSearch } from '../changes/query';
import { buildChangesWorkbook, CHANGES_TITLE } from '../exports/changes';
import { trackedUids } from '../document-middleware';
import { CHANGE } from '../uids';

type Row = Record<string, any>;

/** The most rows one export holds: the newest first (narrow the search for older ones). */
export const EXPORT_LIMIT = 10_000;

const FIELDS = ['documentId', 'targetUid', 'targetDocumentId', 'targetLabel', 'action', 'at', 'actorVia', 'actorId', 'actorName', 'path', 'changes'];
const NEWEST_FIRST = [{ at: 'desc' }, { id: 'desc' }];

/** A change as the API shows it. */
const present = (row: Row) => Object.fromEntries(FIELDS.map((field) => [field, row[field] ?? null]));

/**
 * Reading the change history: the office's search and export over every record, and one record's history for
 * whoever may read that record (the bureau-views scope; out of scope is a 404).
 */
const changes = ({ strapi }: { strapi: Core.Strapi }) => {
  let tracked: Set<string> | undefined;
  const uids = () => (tracked ??= trackedUids(strapi));

  function search(query: Record<string, unknown>): ChangeSearch {
    const parsed = parseSearch(query ?? {}, uids());
    if ('issues' in parsed) throw validationError(CHANGE, parsed.issues.map((issue) => ({ path: [issue.parameter], zh: issue.zh, en: issue.en })));
    return parsed;
  }

  async function page(where: Row, pageNumber: number, pageSize: number) {
    const db = strapi.db.query(CHANGE as any);
    const rows = await db.findMany({ where, select: FIELDS, orderBy: NEWEST_FIRST, offset: (pageNumber - 1) * pageSize, limit: pageSize });
    const total = await db.count({ where });
    return {
      data: rows.map(present),
      meta: { pagination: { page: pageNumber, pageSize, pageCount: Math.ceil(total / pageSize), total } },
    };
  }

  /** Whether the caller may read the record (the record still exists and is in its scope), or, once deleted, sees everything. */
  async function mayRead(uid: string, documentId: string): Promise<boolean> {
    const scope = strapi.plugin('bureau-views').service('scope');
    const ctx = strapi.requestContext.get() as Row | undefined;
    const ability = ctx?.state?.userAbility;
    if (ctx?.state?.route?.info?.type === 'admin' && !ability?.can('plugin::content-manager.explorer.read', uid)) return false;
    const filter = await scope.readFilter(uid);
    const row = await strapi.db.query(uid as any).findOne({ where: filter ? { $and: [{ documentId }, filter] } : { documentId }, select: ['id'] });
    if (row) return true;
    // a deleted record: its history is the office's (and the leaders'), who see every record
    const exists = await strapi.db.query(uid as any).findOne({ where: { documentId }, select: ['id'] });
    return !exists && (await scope.viewer()).kind === 'all';
  }

  return {
    /** The office's search: every record type, newest first, paginated (at most 100 a page). */
    async find(query: Record<string, unknown>) {
      const { where, page: pageNumber, pageSize } = search(query);
      return page(where, pageNumber, pageSize);
    },

    /** One record's history, newest first: a 404 when the caller may not read the record. */
    async forRecord(uid: string, documentId: string, query: Record<string, unknown>) {
      if (!uids().has(uid) || !/^[a-z0-9]{10,40}$/.test(documentId ?? '')) throw new errors.NotFoundError('Not Found');
      const { page: pageNumber, pageSize } = search({ ...query, uid, documentId });
      if (!(await mayRead(uid, documentId))) throw new errors.NotFoundError('Not Found');
      return page({ $and: [{ targetUid: uid }, { targetDocumentId: documentId }] }, pageNumber, pageSize);
    },

    /** The search as a workbook (.xlsx), the newest EXPORT_LIMIT changes. */
    async export(query: Record<string, unknown>) {
      const filters: Record<string, unknown> = { ...(query ?? {}) };
      for (const key of ['page', 'pageSize', 'pagination']) delete filters[key];
      const { where } = search(filters);
      const rows = await strapi.db.query(CHANGE as any).findMany({ where, select: FIELDS, orderBy: NEWEST_FIRST, limit: EXPORT_LIMIT });
      const ctx = strapi.requestContext.get() as Row | undefined;
      const user = ctx?.state?.user as Row | undefined;
      const exportedBy = user ? [user.lastname, user.firstname].filter(Boolean).join('') || user.username || user.email : null;
      const at = new Date();
      const body = await buildChangesWorkbook(rows.map(present) as any, { at, exportedBy, limited: rows.length >= EXPORT_LIMIT });
      const day = DateTime.fromJSDate(at).setZone('Asia/Shanghai').toISODate();
      return { body, contentType: XLSX_CONTENT_TYPE, filename: `${CHANGES_TITLE}-${day}.xlsx` };
    },
  };
};

export type ChangesService = ReturnType<typeof changes>;
export default changes;
