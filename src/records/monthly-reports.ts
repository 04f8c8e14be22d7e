import type { Core } from '@strapi/strapi';
import { shanghaiPeriod } from '../domain/time';

const UID = 'api::monthly-report.monthly-report';

/** Towns, the development zone and the district departments owe a monthly problem report (§3.2). */
export const REPORTING_KINDS = ['town', 'zone', 'department'];

/**
 * Opens this month's report for every unit that owes one and has none yet; idempotent, so it can run on every
 * start and every day. The deadline rule on monthly reports then gives each its due date and reminders.
 */
export async function openMonthlyReports(strapi: Core.Strapi, period = shanghaiPeriod()): Promise<number> {
  const bureaus = await strapi.db
    .query('api::bureau.bureau')
    .findMany({ where: { kind: { $in: REPORTING_KINDS }, active: true }, select: ['id', 'documentId'] });
  const existing = await strapi.db
    .query(UID)
    .findMany({ where: { period }, populate: { bureau: { select: ['id'] } }, select: ['id'] });
  const reported = new Set(existing.map((row) => row.bureau?.id));
  let opened = 0;
  for (const bureau of bureaus) {
    if (reported.has(bureau.id)) continue;
    await strapi.documents(UID).create({ data: { bureau: bureau.documentId, period, state: 'pending' } as any });
    opened += 1;
  }
  return opened;
}
