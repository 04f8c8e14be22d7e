import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  coWorkingFigure,
  expectedToAttend,
  previousWeek,
  weeklyAttendance,
  type CoWorkingDayFacts,
  type WeekAttendance,
} from '../../../../../domain/co-working';
import { shanghaiDate } from '../../../../../domain/time';
import { describeParamProblem, parseFiguresQuery, type ParamProblem } from '../figures/params';
import type { Period } from '../figures/types';
import { BUREAU } from '../uids';

type Row = Record<string, any>;

/** 集中办公日 (read by uid: attendance is counted when the type is installed). */
export const CO_WORKING_DAY = 'api::co-working-day.co-working-day';
const NOTIFICATION = 'plugin::deadlines.notification';

const isoDate = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function badRequest(problems: ParamProblem[]) {
  return new errors.ValidationError(problems.map(describeParamProblem).join('；'), {
    errors: problems.map((problem) => ({ path: [problem.parameter], message: describeParamProblem(problem), name: 'ValidationError' })),
  });
}

/**
 * 首席代表集中办公: weekly attendance of the member bureaus (src/domain/co-working.ts), the report per week and
 * bureau, the units' figures and the Monday notice of last week's flagged bureaus to the office.
 */
const coWorking = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = (uid: string) => strapi.db.query(uid as any);
  const installed = () => Boolean(strapi.contentTypes[CO_WORKING_DAY as keyof typeof strapi.contentTypes]);

  /** The bureaus expected to attend, in id order. */
  async function attendingBureaus(): Promise<Row[]> {
    const rows: Row[] = await db(BUREAU).findMany({
      where: { kind: 'department' },
      select: ['id', 'documentId', 'name', 'kind', 'active', 'coWorking', 'chiefRepresentative', 'chiefRepresentativePhone'],
      orderBy: { id: 'asc' },
    });
    return rows.filter(expectedToAttend);
  }

  /** The planned days of a period with their attendance. */
  async function days(period: Period): Promise<Array<CoWorkingDayFacts & { documentId: string }>> {
    if (!installed()) return [];
    const rows: Row[] = await db(CO_WORKING_DAY).findMany({
      where: { date: { $gte: period.from, $lte: period.to } },
      select: ['documentId', 'date'],
      populate: { attendance: { populate: { bureau: { select: ['id'] } } } },
      orderBy: { date: 'asc' },
    });
    return rows.map((row) => ({
      documentId: row.documentId,
      date: isoDate(row.date),
      attendance: ((row.attendance ?? []) as Row[]).map((entry) => ({ bureauId: entry.bureau?.id ?? null, status: String(entry.status) })),
    }));
  }

  /** The weeks of a period: per week, every attending bureau's days planned, present, excused, absent and flag. */
  async function weeks(period: Period, bureauIds?: number[]): Promise<WeekAttendance[]> {
    const calendar = await strapi.plugin('deadlines').service('calendar').get();
    const ids = bureauIds ?? (await attendingBureaus()).map((bureau) => bureau.id);
    const isWorkingDay = (date: string) => {
      try {
        return calendar.isWorkingDay(date);
      } catch {
        return false;
      }
    };
    return weeklyAttendance(await days(period), ids, isWorkingDay, period);
  }

  return {
    attendingBureaus,
    weeks,

    /** Each unit's attendance figure over a period (null for units not expected to attend). */
    async figures(period: Period): Promise<Map<number, ReturnType<typeof coWorkingFigure>>> {
      const bureaus = await attendingBureaus();
      const all = await weeks(period, bureaus.map((bureau) => bureau.id));
      return new Map(bureaus.map((bureau) => [bureau.id, coWorkingFigure(all, bureau.id)]));
    },

    /**
     * GET co-working?from&to[&unit]: per week and bureau the days planned, present, excused, absent and whether the
     * bureau is flagged. The office, leaders and integrations see every bureau; a bureau's people their own.
     */
    async report(raw: Row) {
      const { query, problems } = parseFiguresQuery(raw);
      if (!query) throw badRequest(problems);
      const viewer = await strapi.plugin('bureau-views').service('scope').viewer();
      let bureaus = await attendingBureaus();
      if (viewer.kind !== 'all') {
        const mine = new Set<number>(viewer.kind === 'bureau' ? viewer.bureauIds : []);
        bureaus = bureaus.filter((bureau) => mine.has(bureau.id));
      }
      if (query.unit) {
        bureaus = bureaus.filter((bureau) => bureau.documentId === query.unit);
        if (!bureaus.length) throw new errors.NotFoundError('未找到该单位（unit） / unit: not found');
      }
      const byId = new Map(bureaus.map((bureau) => [bureau.id, bureau]));
      const result = await weeks(query.period, bureaus.map((bureau) => bureau.id));
      return {
        data: {
          period: query.period,
          weeks: result.map((week) => ({
            ...week,
            bureaus: week.bureaus.map(({ bureauId, ...counts }) => {
              const bureau = byId.get(bureauId)!;
              return {
                bureau: { documentId: bureau.documentId, name: bureau.name, chiefRepresentative: bureau.chiefRepresentative ?? null },
                ...counts,
              };
            }),
          })),
        },
      };
    },

    /**
     * The Monday job: one 督办 notification to the office per bureau flagged in the week before `today` (Asia/Shanghai),
     * pointing at the week's last co-working day. Once per bureau and week, however often it runs.
     */
    async notifyFlagged(today: string = shanghaiDate()): Promise<number> {
      if (!installed()) return 0;
      const period = previousWeek(today);
      const office: Row | null = await db(BUREAU).findOne({ where: { kind: 'office' }, select: ['id'], orderBy: { id: 'asc' } });
      const bureaus = await attendingBureaus();
      const byId = new Map(bureaus.map((bureau) => [bureau.id, bureau]));
      const planned = await days(period);
      let written = 0;
      for (const week of await weeks(period, bureaus.map((bureau) => bureau.id))) {
        const last = planned.filter((day) => week.days.includes(day.date)).at(-1);
        for (const row of week.bureaus.filter((entry) => entry.flagged)) {
          const bureau = byId.get(row.bureauId)!;
          const title = `集中办公未达标：${bureau.name}（${week.week} 至 ${week.weekEnd}）`;
          const exists = await db(NOTIFICATION).findOne({ where: { targetUid: CO_WORKING_DAY, title }, select: ['id'] });
          if (exists) continue;
          const representative = bureau.chiefRepresentative ? `首席代表${bureau.chiefRepresentative}` : '首席代表（未登记）';
          await strapi.documents(NOTIFICATION as any).create({
            data: {
              bureau: office?.id ?? null,
              kind: 'escalation',
              title,
              message:
                `${bureau.name}${representative}本周 ${row.planned} 个集中办公日均未到岗（请假 ${row.excused} 天，缺席 ${row.absent} 天），` +
                `未达到每周集中办公不少于 1 天的要求。`,
              targetUid: CO_WORKING_DAY,
              targetDocumentId: last?.documentId ?? null,
            } as any,
          });
          written += 1;
        }
      }
      return written;
    },
  };
};

export type CoWorkingService = ReturnType<typeof coWorking>;
export default coWorking;
