import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { computeFigures, cutoffInstant, pledgeRanking } from '../figures/compute';
import { DEFINITIONS } from '../figures/definitions';
import { describeParamProblem, parseFiguresQuery, parseRankingQuery, type ParamProblem } from '../figures/params';
import { APPLICANT_KINDS, DEPARTMENT_KINDS, type Facts, type Light, type Period } from '../figures/types';
import { BUREAU, LIGHT_CHANGE, PLEDGE, PROBLEM, PROGRESS_REPORT, PROJECT } from '../uids';

type Row = Record<string, any>;

const ZONE = 'Asia/Shanghai';
/** 督办单 (read by uid: the figures count them when the type is installed). */
const SUPERVISION_NOTICE = 'api::supervision-notice.supervision-notice';
const LIGHTS: Light[] = ['green', 'yellow', 'red'];

/** A date column as YYYY-MM-DD, whichever form the database driver gives it. */
function isoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return DateTime.fromJSDate(value).toISODate();
  return String(value).slice(0, 10);
}

/** A datetime column as epoch ms (SQLite may give a number, PostgreSQL a Date, either an ISO string). */
function instant(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const time = typeof value === 'number' ? value : new Date(value as string).getTime();
  return Number.isFinite(time) ? time : null;
}

const amount = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(value));
const month = (date: string) => date.slice(0, 7);

function badRequest(problems: ParamProblem[]) {
  return new errors.ValidationError(problems.map(describeParamProblem).join('；'), {
    errors: problems.map((problem) => ({ path: [problem.parameter], message: describeParamProblem(problem), name: 'ValidationError' })),
  });
}

/**
 * 实绩数据: reads the records as facts (straight from the database, unscoped: district totals and rankings need
 * every unit), computes the figures (figures/compute.ts) and hands each caller the part its bureau may see
 * (the bureau-views scope service).
 */
const figures = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = (uid: string) => strapi.db.query(uid as any);

  /** The units figures are kept for: active applicant units and departments. */
  async function loadUnits(): Promise<Facts['units']> {
    const rows: Row[] = await db(BUREAU).findMany({
      where: { kind: { $in: [...APPLICANT_KINDS, ...DEPARTMENT_KINDS] } },
      select: ['id', 'documentId', 'name', 'code', 'kind', 'active'],
      orderBy: { id: 'asc' },
    });
    return rows.filter((unit) => unit.active !== false).map((unit) => ({ id: unit.id, documentId: unit.documentId, name: unit.name, code: unit.code ?? null, kind: unit.kind }));
  }

  async function loadPledges(): Promise<Facts['pledges']> {
    const rows: Row[] = await db(PLEDGE).findMany({ select: ['year'], populate: { bureau: { select: ['id'] }, nodes: true } });
    return rows.map((pledge) => ({
      bureauId: pledge.bureau?.id ?? null,
      year: Number(pledge.year),
      nodes: ((pledge.nodes ?? []) as Row[]).map((node) => ({ targetDate: isoDate(node.targetDate)!, achievedDate: isoDate(node.achievedDate) })),
    }));
  }

  /** Every record a figure of `period` can depend on, as plain facts. */
  async function facts(period: Period): Promise<Facts> {
    const cutoff = new Date(cutoffInstant(period.to)).toISOString();
    // one after the other: when a bulletin is issued this runs inside its transaction, on a single connection
    const units = await loadUnits();
    const projects: Row[] = await db(PROJECT).findMany({
      select: ['id', 'plannedStartDate', 'actualStartDate', 'annualPlannedInvestment', 'createdAt', 'stage'],
      populate: { applicantBureau: { select: ['id'] } },
    });
    const reports: Row[] = await db(PROGRESS_REPORT).findMany({
      where: { period: { $gte: `${period.to.slice(0, 4)}-01`, $lte: month(period.to) } },
      select: ['period', 'investmentThisPeriod'],
      populate: { project: { select: ['id'] } },
    });
    const problems: Row[] = await db(PROBLEM).findMany({
      where: { period: { $gte: month(period.from), $lte: month(period.to) } },
      select: ['period', 'state', 'resolvedAt'],
      populate: { reportingBureau: { select: ['id'] }, leadBureau: { select: ['id'] } },
    });
    const pledges = await loadPledges();
    const notices: Row[] = strapi.contentTypes[SUPERVISION_NOTICE as keyof typeof strapi.contentTypes]
      ? await db(SUPERVISION_NOTICE).findMany({
          where: { issuedAt: { $lte: cutoff } },
          select: ['issuedAt', 'replyDueAt', 'history'],
          populate: { bureau: { select: ['id'] } },
        })
      : [];
    // 首席代表集中办公: each attending bureau's weeks within the period
    const coWorking = strapi.plugin('dispatch').service('co-working');
    const attending: Row[] = await coWorking.attendingBureaus();
    const bureauIds = attending.map((bureau) => bureau.id as number);
    const coWorkingWeeks = await coWorking.weeks(period, bureauIds);
    const changes: Row[] = await db(LIGHT_CHANGE).findMany({
      where: { kind: 'project', changedAt: { $lte: cutoff } },
      select: ['to', 'changedAt'],
      populate: { project: { select: ['id'] } },
      orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    });
    return {
      units,
      projects: projects.map((project) => ({
        id: project.id,
        bureauId: project.applicantBureau?.id ?? null,
        plannedStartDate: isoDate(project.plannedStartDate),
        actualStartDate: isoDate(project.actualStartDate),
        annualPlannedInvestment: amount(project.annualPlannedInvestment),
        createdAt: instant(project.createdAt) ?? 0,
        withdrawn: project.stage === 'withdrawn',
      })),
      reports: reports
        .filter((report) => report.project)
        .map((report) => ({ projectId: report.project.id, period: report.period, investmentThisPeriod: amount(report.investmentThisPeriod) ?? 0 })),
      problems: problems.map((problem) => ({
        reportingBureauId: problem.reportingBureau?.id ?? null,
        leadBureauId: problem.leadBureau?.id ?? null,
        period: problem.period,
        state: problem.state,
        resolvedAt: instant(problem.resolvedAt),
      })),
      pledges,
      notices: notices.map((notice) => ({
        bureauId: notice.bureau?.id ?? null,
        issuedAt: instant(notice.issuedAt) ?? 0,
        replyDueAt: instant(notice.replyDueAt),
        history: (Array.isArray(notice.history) ? notice.history : [])
          .map((entry: Row) => ({ at: instant(entry.at) ?? 0, to: String(entry.to) }))
          .sort((a: { at: number }, b: { at: number }) => a.at - b.at),
      })),
      coWorking: { bureauIds, weeks: coWorkingWeeks },
      lightChanges: changes
        .filter((change) => change.project && LIGHTS.includes(change.to))
        .map((change) => ({ projectId: change.project.id, to: change.to as Light, changedAt: instant(change.changedAt) ?? 0 })),
    };
  }

  /** Every unit's figures, the district's and the rankings, with their definitions: what a bulletin freezes. */
  async function snapshot(period: Period) {
    const result = computeFigures(await facts(period), period);
    return { ...result, computedAt: new Date().toISOString(), definitions: DEFINITIONS };
  }

  return {
    facts,
    snapshot,

    /**
     * GET figures: the office, leaders and integrations see every unit, the district and the rankings; a bureau's
     * people see their own unit (with its rank) and the district line; a caller with no bureau sees nothing.
     * `unit` narrows to one unit: 404 when it is not a unit the caller may see.
     */
    async forViewer(raw: Row) {
      const { query, problems } = parseFiguresQuery(raw);
      if (!query) throw badRequest(problems);
      const viewer = await strapi.plugin('bureau-views').service('scope').viewer();
      const { computedAt, definitions, ...result } = await snapshot(query.period);

      let visible = result.units;
      if (viewer.kind !== 'all') {
        const own = viewer.kind === 'bureau' ? await db(BUREAU).findMany({ where: { id: { $in: viewer.bureauIds } }, select: ['documentId'] }) : [];
        const mine = new Set((own as Row[]).map((row) => row.documentId));
        visible = visible.filter((row) => mine.has(row.bureau.documentId));
      }
      if (query.unit) {
        visible = visible.filter((row) => row.bureau.documentId === query.unit);
        if (!visible.length) throw new errors.NotFoundError('未找到该单位（unit） / unit: not found');
      }
      const everything = viewer.kind === 'all';
      return {
        data: {
          period: result.period,
          computedAt,
          district: viewer.kind === 'none' ? null : result.district,
          units: visible,
          ranking: everything ? result.ranking : null,
        },
        meta: { definitions },
      };
    },

    /** GET pledge-ranking: every unit with a pledge of the year, ranked by fulfilment as of today (or 31 December). */
    async pledgeRanking(raw: Row) {
      const today = DateTime.now().setZone(ZONE);
      const { year, problems } = parseRankingQuery(raw, today.year);
      if (year === null) throw badRequest(problems);
      const asOf = [today.toISODate()!, `${year}-12-31`].sort()[0];
      const units = await loadUnits();
      const pledges = await loadPledges();
      return {
        data: { year, asOf, units: pledgeRanking(units, pledges, year, asOf) },
        meta: { definitions: { pledgeFulfilment: DEFINITIONS.pledgeFulfilment, pledgeRanking: DEFINITIONS.pledgeRanking } },
      };
    },
  };
};

export type FiguresService = ReturnType<typeof figures>;
export default figures;
