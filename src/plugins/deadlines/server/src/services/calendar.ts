import type { Core } from '@strapi/strapi';
import { WorkingCalendar } from '../calendar/working-calendar';
import { databaseCache } from '../../../../../utils/cache';
import { CALENDAR_OVERRIDE } from '../uids';

/**
 * The working calendar in force: chinese-days' statutory data plus the office's overrides. Built once and kept
 * until an override or the "known until" setting changes.
 */
const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'deadlines', key: 'calendar' });

  async function build(): Promise<WorkingCalendar> {
    const overrides = await strapi.db
      .query(CALENDAR_OVERRIDE)
      .findMany({ select: ['date', 'kind', 'name'], orderBy: { date: 'asc' } });
    const settings = ((await store().get({})) as { knownUntil?: string } | null) ?? {};
    return WorkingCalendar.create({
      overrides: overrides.map((row) => ({ date: String(row.date).slice(0, 10), kind: row.kind, name: row.name ?? undefined })),
      knownUntil: settings.knownUntil || undefined,
    });
  }

  const cached = databaseCache(strapi, build);

  return {
    get: (): Promise<WorkingCalendar> => cached.get(),
    invalidate() {
      cached.invalidate();
    },
    async settings(): Promise<{ knownUntil?: string }> {
      return ((await store().get({})) as { knownUntil?: string } | null) ?? {};
    },
    /** The office declares the statutory calendar known up to a date (after entering that year's notice). */
    async setKnownUntil(knownUntil: string | null) {
      await store().set({ value: knownUntil ? { knownUntil } : {} });
      cached.invalidate();
    },
  };
};

export type CalendarService = ReturnType<typeof calendar>;
export default calendar;
