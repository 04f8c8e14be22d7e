import type { Core } from '@strapi/strapi';
import { DEADLINE, NOTIFICATION } from '../uids';

/**
 * 我的待办 / 提醒: the signed-in person's notifications and open deadlines, soonest first. Until admin users
 * belong to a bureau, the office (super admins) sees all and others see nothing.
 */
const inbox = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The bureaus whose items the signed-in admin sees: null = all. */
  async function scope(ctx: any): Promise<number[] | null> {
    const views = strapi.plugin('bureau-views');
    if (views) return views.service('scope').adminBureauIds(ctx.state.user);
    const isSuperAdmin = (ctx.state.user?.roles ?? []).some((role: { code: string }) => role.code === 'strapi-super-admin');
    return isSuperAdmin ? null : [];
  }

  return {
    async list(ctx: any) {
      const bureaus = await scope(ctx);
      const where = bureaus === null ? {} : { bureau: { id: { $in: bureaus } } };
      const [notifications, deadlines] = await Promise.all([
        strapi.db.query(NOTIFICATION).findMany({
          where,
          orderBy: [{ readAt: 'desc' }, { createdAt: 'desc' }],
          limit: 100,
          populate: { bureau: { select: ['name'] } },
        }),
        strapi.db.query(DEADLINE).findMany({
          where: { ...where, state: { $in: ['pending', 'overdue'] } },
          orderBy: { dueAt: 'asc' },
          limit: 100,
          populate: { bureau: { select: ['name'] }, rule: { select: ['name'] } },
        }),
      ]);
      ctx.body = { data: { notifications, deadlines } };
    },

    async markRead(ctx: any) {
      const bureaus = await scope(ctx);
      const row = await strapi.db.query(NOTIFICATION).findOne({ where: { documentId: ctx.params.documentId }, populate: ['bureau'] });
      if (!row || (bureaus !== null && !bureaus.includes(row.bureau?.id))) return ctx.notFound();
      const updated = await strapi.documents(NOTIFICATION as any).update({
        documentId: row.documentId,
        data: { readAt: row.readAt ?? new Date().toISOString() } as any,
      });
      ctx.body = { data: updated };
    },

    /** Which units have, and have not, submitted the month's problem report. */
    async monthlyReports(ctx: any) {
      const period = /^\d{4}-(0[1-9]|1[0-2])$/.test(String(ctx.query.period ?? '')) ? ctx.query.period : undefined;
      const reports = await strapi.db.query('api::monthly-report.monthly-report').findMany({
        where: period ? { period } : {},
        orderBy: [{ period: 'desc' }, { state: 'asc' }],
        limit: 500,
        populate: { bureau: { select: ['name', 'kind'] } },
      });
      ctx.body = {
        data: reports,
        meta: { pending: reports.filter((r) => r.state === 'pending').length, submitted: reports.filter((r) => r.state === 'submitted').length },
      };
    },
  };
};

export default inbox;
