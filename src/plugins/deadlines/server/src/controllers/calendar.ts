import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import type { Issue } from '../../../../../utils/validation';
import { endOfDay, STATUTORY_DATA_UNTIL } from '../calendar/working-calendar';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Query parameters are no content-type fields, so the platform's labels do not know them: their Chinese names. */
const PARAMETERS: Record<string, string> = { from: '起始日期', to: '结束日期', days: '工作日天数', knownUntil: '节假日数据有效期至' };

/** A 400 naming each parameter as the platform names fields: "起始日期（from）：… / from: …". */
function validationError(issues: Issue[]) {
  const text = ({ path, zh, en }: Issue) => `${PARAMETERS[path[0]] ?? path[0]}（${path.join('.')}）：${zh} / ${path.join('.')}: ${en}`;
  return new errors.ValidationError(issues.map(text).join('；'), {
    errors: issues.map((issue) => ({ path: issue.path, message: text(issue), name: 'ValidationError' })),
  });
}
const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && DateTime.fromISO(value).isValid;

const calendar = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('deadlines').service('calendar');

  return {
    /** GET /api/deadlines/working-days?from=YYYY-MM-DD&days=N — "within N working days" of a date. */
    async workingDays(ctx: any) {
      const { from, days } = ctx.query;
      const issues = [];
      if (!isDate(from)) issues.push({ path: ['from'], zh: '须为 YYYY-MM-DD 格式的日期', en: 'must be a date written YYYY-MM-DD' });
      const n = Number(days);
      if (!/^-?\d+$/.test(String(days ?? '')) || Math.abs(n) > 366) {
        issues.push({ path: ['days'], zh: '须为 -366 到 366 之间的整数', en: 'must be a whole number between -366 and 366' });
      }
      if (issues.length) throw validationError(issues);
      const result = (await service().get()).addWorkingDays(from, n);
      ctx.body = {
        data: {
          from,
          days: n,
          dueDate: result.date,
          dueAt: endOfDay(result.date).toISOString(),
          fallback: result.fallback,
          knownUntil: (await service().get()).knownUntil,
        },
      };
    },

    /** GET …/calendar?from=&to= — each day's status, at most 400 days. */
    async days(ctx: any) {
      const { from, to } = ctx.query;
      const issues = [];
      if (!isDate(from)) issues.push({ path: ['from'], zh: '须为 YYYY-MM-DD 格式的日期', en: 'must be a date written YYYY-MM-DD' });
      if (!isDate(to)) issues.push({ path: ['to'], zh: '须为 YYYY-MM-DD 格式的日期', en: 'must be a date written YYYY-MM-DD' });
      if (!issues.length && (to < from || DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > 400)) {
        issues.push({ path: ['to'], zh: '须不早于开始日期，且跨度不超过 400 天', en: 'must not be before from and at most 400 days after it' });
      }
      if (issues.length) throw validationError(issues);
      const cal = await service().get();
      const days = [];
      for (let day = DateTime.fromISO(from); day.toISODate()! <= to; day = day.plus({ days: 1 })) {
        days.push(cal.dayInfo(day.toISODate()!));
      }
      ctx.body = { data: days, meta: { knownUntil: cal.knownUntil, statutoryDataUntil: STATUTORY_DATA_UNTIL } };
    },

    async settings(ctx: any) {
      const cal = await service().get();
      ctx.body = { data: { ...(await service().settings()), knownUntil: cal.knownUntil, statutoryDataUntil: STATUTORY_DATA_UNTIL } };
    },

    /** The office declares the calendar known up to a date once it has entered that year's notice (route: settings.update). */
    async updateSettings(ctx: any) {
      const { knownUntil } = ctx.request.body ?? {};
      if (knownUntil !== null && !isDate(knownUntil)) {
        throw validationError([{ path: ['knownUntil'], zh: '须为 YYYY-MM-DD 格式的日期或 null', en: 'must be a date written YYYY-MM-DD, or null' }]);
      }
      await service().setKnownUntil(knownUntil);
      await this.settings(ctx);
    },
  };
};

export default calendar;
