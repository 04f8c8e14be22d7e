import type { Core } from '@strapi/strapi';
import { shanghaiDate } from '../../../../domain/time';
import { lockRow } from '../../../../utils/row-lock';
import { Issues, reject } from '../../../../utils/validation';
import { isIsoDate } from './figures/params';
import { getService } from './services';
import { BULLETIN } from './uids';

type Row = Record<string, any>;

/** A date field's value as YYYY-MM-DD (clients send strings; internal code may pass a Date). */
const day = (value: unknown): string | null => {
  if (value instanceof Date) return shanghaiDate(value);
  return isIsoDate(value) ? value : null;
};

/** Fields the platform fills: never taken from a client. */
const COMPUTED = ['figures', 'issuedAt'] as const;

/**
 * 实绩通报 (api::bulletin.bulletin): a draft names its period; issuing it computes every figure as of the period's
 * cut-off and freezes them in `figures` with `issuedAt`. An issued bulletin is never changed or deleted, so a
 * later correction of a record shows in the next bulletin only. A document-service middleware, so the REST API,
 * the admin panel and internal code all go through it; everything it writes commits with the bulletin.
 */
export function bulletinMiddleware(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<any>) => {
    if (ctx.uid !== BULLETIN) return next();
    if (ctx.action === 'create' || ctx.action === 'update') return write(ctx, next);
    if (ctx.action === 'delete') return remove(ctx, next);
    return next();
  };

  /**
   * The stored bulletin, its row locked until the transaction ends (PostgreSQL): of two requests issuing, changing
   * or deleting the same draft at once, the second sees what the first did.
   */
  async function lockedCurrent(trx: unknown, documentId: string): Promise<Row | null> {
    const found = await strapi.db.query(BULLETIN).findOne({ where: { documentId }, select: ['id'] });
    if (!found) return null;
    await lockRow(strapi, trx, BULLETIN, found.id);
    return strapi.db.query(BULLETIN).findOne({ where: { id: found.id } });
  }

  async function write(ctx: any, next: () => Promise<any>) {
    return strapi.db.transaction(async ({ trx }) => {
      const params = ctx.params ?? (ctx.params = {});
      const data: Row = params.data ?? (params.data = {});
      const current = ctx.action === 'update' ? await lockedCurrent(trx, params.documentId) : null;
      if (ctx.action === 'update' && !current) return next();
      if (current?.state === 'issued') throw reject(BULLETIN, 'state', '通报已印发，不能再修改', 'an issued bulletin is frozen');

      for (const field of COMPUTED) delete data[field];
      const value = (field: string) => (field in data ? data[field] : current?.[field]);
      const issues = new Issues(BULLETIN);
      // a missing or malformed date is Strapi's own 400 (required, date format) once the write proceeds
      const from = day(value('periodStart'));
      const to = day(value('periodEnd'));
      if (from && to && from > to) issues.add('periodEnd', '不能早于统计起始日', 'cannot be before periodStart');
      const issuing = value('state') === 'issued';
      if (issuing && to && to >= shanghaiDate()) issues.add('periodEnd', '截止日尚未过去，通报还不能印发', 'must have passed before the bulletin is issued');
      issues.throwIfAny();

      if (!value('title') && value('periodLabel')) data.title = `${value('periodLabel')}重大项目落地实绩通报`;
      if (issuing && from && to) {
        data.figures = await getService(strapi, 'figures').snapshot({ from, to });
        data.issuedAt = new Date().toISOString();
      }
      return next();
    });
  }

  async function remove(ctx: any, next: () => Promise<any>) {
    return strapi.db.transaction(async ({ trx }) => {
      const current = ctx.params?.documentId ? await lockedCurrent(trx, ctx.params.documentId) : null;
      if (current?.state === 'issued') throw reject(BULLETIN, 'state', '通报已印发，不能删除', 'an issued bulletin cannot be deleted');
      return next();
    });
  }
}
