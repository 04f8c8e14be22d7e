import { DateTime } from 'luxon';
import { coWorkingFigure, sumCoWorking } from '../../../../../domain/co-working';
import { fulfilmentRate, tallyNodes } from '../../../../../domain/pledge';
import { rankByScore } from './ranking';
import {
  APPLICANT_KINDS,
  DEPARTMENT_KINDS,
  type Facts,
  type Figures,
  type InvestmentFigure,
  type Light,
  type LightChangeFacts,
  type LightFigure,
  type NoticeFacts,
  type Period,
  type PledgeFacts,
  type PledgeFigure,
  type ProblemFacts,
  type ProblemFigure,
  type ProjectFacts,
  type Rate,
  type RankingEntry,
  type ReportFacts,
  type StartFigure,
  type SupervisionFigure,
  type UnitFacts,
  type UnitFigures,
  type UnitGroup,
} from './types';

/**
 * The figures of the dispatch bulletins (pure): each one as its definition in definitions.ts says, per unit and
 * for the district, from plain facts. Nothing here reads a clock: the period's cut-off is the only "now".
 */

const ZONE = 'Asia/Shanghai';

/** numerator ÷ denominator rounded to four decimals; null when there is nothing to divide by. */
export const rate = (numerator: number, denominator: number): Rate =>
  denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null;

/** The end of the cut-off day in Asia/Shanghai (epoch ms): facts up to this instant count. */
export const cutoffInstant = (to: string): number => DateTime.fromISO(to, { zone: ZONE }).endOf('day').toMillis();

const month = (date: string) => date.slice(0, 7);
const money = (value: number) => Math.round(value * 10000) / 10000;

/** 开工率: planned start within the period; started = actual start on or before the cut-off. */
export function startFigure(projects: ProjectFacts[], period: Period): StartFigure {
  const planned = projects.filter((project) => !project.withdrawn && project.plannedStartDate && project.plannedStartDate >= period.from && project.plannedStartDate <= period.to);
  const started = planned.filter((project) => project.actualStartDate && project.actualStartDate <= period.to).length;
  return { planned: planned.length, started, rate: rate(started, planned.length) };
}

/** 投资完成率: reports of the cut-off's year up to its month ÷ the annual plans of the projects counted. */
export function investmentFigure(projects: ProjectFacts[], reports: ReportFacts[], to: string): InvestmentFigure {
  const counted = projects.filter((project) => !project.withdrawn && (project.annualPlannedInvestment ?? 0) > 0);
  const ids = new Set(counted.map((project) => project.id));
  const first = `${to.slice(0, 4)}-01`;
  const last = month(to);
  const annualPlan = counted.reduce((sum, project) => sum + (project.annualPlannedInvestment ?? 0), 0);
  const completed = reports
    .filter((report) => ids.has(report.projectId) && report.period >= first && report.period <= last)
    .reduce((sum, report) => sum + report.investmentThisPeriod, 0);
  return { annualPlan: money(annualPlan), completed: money(completed), rate: rate(completed, annualPlan) };
}

/** 问题办结率: reported in the period's months; resolved by the cut-off; escalated ones apart. */
export function problemFigure(problems: ProblemFacts[], period: Period): ProblemFigure {
  const cutoff = cutoffInstant(period.to);
  const reported = problems.filter((problem) => problem.period >= month(period.from) && problem.period <= month(period.to));
  const resolved = reported.filter((problem) => problem.state === 'resolved' && problem.resolvedAt !== null && problem.resolvedAt <= cutoff).length;
  const escalated = reported.filter((problem) => problem.state === 'escalated').length;
  const counted = reported.length - escalated;
  return { reported: reported.length, resolved, escalated, counted, rate: rate(resolved, counted) };
}

/** 践诺率: the nodes due within the period, as of its cut-off (src/domain/pledge.ts). */
export function pledgeFigure(pledges: PledgeFacts[], period: Period): PledgeFigure {
  const nodes = pledges.flatMap((pledge) => pledge.nodes).filter((node) => node.targetDate && node.targetDate >= period.from && node.targetDate <= period.to);
  const { met, late, missed, due } = tallyNodes(nodes, period.to);
  return { due, met, late, missed, rate: fulfilmentRate(nodes, period.to) };
}

/**
 * 督办单办理: notices issued within the period (from the first day's start to the cut-off); each one's state as of
 * the cut-off is the last of its history up to then. Replied on time: its latest reply by then was made by its reply
 * deadline (the one in force: after a return, the new one).
 */
export function supervisionFigure(notices: NoticeFacts[], period: Period): SupervisionFigure {
  const from = DateTime.fromISO(period.from, { zone: ZONE }).startOf('day').toMillis();
  const cutoff = cutoffInstant(period.to);
  const figure: SupervisionFigure = { received: 0, replied: 0, repliedOnTime: 0, accepted: 0, open: 0, overdue: 0, rate: null };
  for (const notice of notices) {
    if (notice.issuedAt < from || notice.issuedAt > cutoff) continue;
    figure.received += 1;
    const known = notice.history.filter((entry) => entry.at <= cutoff);
    const state = known.at(-1)?.to ?? 'issued';
    const lastReply = known.filter((entry) => entry.to === 'replied').at(-1);
    if (state === 'replied' || state === 'accepted') {
      figure.replied += 1;
      if (lastReply && notice.replyDueAt !== null && lastReply.at <= notice.replyDueAt) figure.repliedOnTime += 1;
    }
    if (state === 'accepted') figure.accepted += 1;
    else figure.open += 1;
    if ((state === 'issued' || state === 'returned') && notice.replyDueAt !== null && notice.replyDueAt < cutoff) figure.overdue += 1;
  }
  figure.rate = rate(figure.repliedOnTime, figure.received);
  return figure;
}

/**
 * The light of each project at the cut-off instant: the `to` of its last change before then, green without one.
 * `changes` in any order; the later of two changes at the same instant is the one listed later.
 */
export function lightsAt(projects: ProjectFacts[], changes: LightChangeFacts[], cutoff: number): Map<number, Light> {
  const lights = new Map<number, Light>();
  for (const project of projects) {
    if (!project.withdrawn && project.createdAt <= cutoff) lights.set(project.id, 'green');
  }
  const ordered = changes
    .map((change, index) => ({ change, index }))
    .filter(({ change }) => change.changedAt <= cutoff && lights.has(change.projectId))
    .sort((a, b) => a.change.changedAt - b.change.changedAt || a.index - b.index);
  for (const { change } of ordered) lights.set(change.projectId, change.to);
  return lights;
}

export function lightFigure(projects: ProjectFacts[], lights: Map<number, Light>): LightFigure {
  const figure: LightFigure = { red: 0, yellow: 0, green: 0, total: 0 };
  for (const project of projects) {
    const light = lights.get(project.id);
    if (!light) continue;
    figure[light] += 1;
    figure.total += 1;
  }
  return figure;
}

export function groupOf(kind: string): UnitGroup | null {
  if ((APPLICANT_KINDS as readonly string[]).includes(kind)) return 'applicant';
  if ((DEPARTMENT_KINDS as readonly string[]).includes(kind)) return 'department';
  return null;
}

/** The composite score of the ranking rule: the mean of the available rates, investment capped at 100 %. */
export function scoreOf(figures: Figures): Rate {
  const rates = [
    figures.startRate?.rate ?? null,
    figures.investmentRate?.rate == null ? null : Math.min(1, figures.investmentRate.rate),
    figures.problemResolution.rate,
    figures.pledgeFulfilment.rate,
  ].filter((value): value is number => value !== null);
  return rates.length ? rate(rates.reduce((sum, value) => sum + value, 0), rates.length) : null;
}

export interface FiguresResult {
  period: Period;
  district: Figures;
  units: UnitFigures[];
  ranking: Record<UnitGroup, RankingEntry[]>;
}

/**
 * Figures of every applicant unit and department and of the whole district for a period. Units are listed by
 * group (applicant units first), then rank (unranked last), then name.
 */
export function computeFigures(facts: Facts, period: Period): FiguresResult {
  const cutoff = cutoffInstant(period.to);
  const lights = lightsAt(facts.projects, facts.lightChanges, cutoff);
  const by = <T>(rows: T[], key: (row: T) => number | null) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const id = key(row);
      if (id === null) continue;
      if (!map.has(id)) map.set(id, []);
      map.get(id)!.push(row);
    }
    return (id: number) => map.get(id) ?? [];
  };
  const projectsOf = by(facts.projects, (project) => project.bureauId);
  const reportedBy = by(facts.problems, (problem) => problem.reportingBureauId);
  const ledBy = by(facts.problems, (problem) => problem.leadBureauId);
  const pledgesOf = by(facts.pledges, (pledge) => pledge.bureauId);
  const noticesOf = by(facts.notices ?? [], (notice) => notice.bureauId);
  const attends = new Set(facts.coWorking?.bureauIds ?? []);
  const coWorkingWeeks = facts.coWorking?.weeks ?? [];

  const figuresOf = (unit: UnitFacts, group: UnitGroup): Figures => {
    const projects = group === 'applicant' ? projectsOf(unit.id) : [];
    return {
      startRate: group === 'applicant' ? startFigure(projects, period) : null,
      investmentRate: group === 'applicant' ? investmentFigure(projects, facts.reports, period.to) : null,
      problemResolution: problemFigure(group === 'applicant' ? reportedBy(unit.id) : ledBy(unit.id), period),
      pledgeFulfilment: pledgeFigure(pledgesOf(unit.id), period),
      lights: group === 'applicant' ? lightFigure(projects, lights) : null,
      supervision: supervisionFigure(noticesOf(unit.id), period),
      coWorking: attends.has(unit.id) ? coWorkingFigure(coWorkingWeeks, unit.id) : null,
    };
  };

  const rows = facts.units.flatMap((unit) => {
    const group = groupOf(unit.kind);
    if (!group) return [];
    const figures = figuresOf(unit, group);
    return [{ unit, group, figures, score: scoreOf(figures) }];
  });

  const rowOf = new Map(rows.map((row) => [row.unit.id, row]));
  const ranking = {} as FiguresResult['ranking'];
  const units: UnitFigures[] = [];
  for (const group of ['applicant', 'department'] as const) {
    const ranked = rankByScore(rows.filter((row) => row.group === group).map((row) => ({ key: row.unit.id, name: row.unit.name, score: row.score })));
    ranking[group] = ranked.map((entry) => ({ rank: entry.rank, documentId: rowOf.get(entry.key)!.unit.documentId, name: entry.name, score: entry.score }));
    for (const entry of ranked) {
      const { unit, figures, score } = rowOf.get(entry.key)!;
      units.push({ bureau: { documentId: unit.documentId, name: unit.name, code: unit.code, kind: unit.kind }, group, ...figures, score, rank: entry.rank });
    }
  }

  const district: Figures = {
    startRate: startFigure(facts.projects, period),
    investmentRate: investmentFigure(facts.projects, facts.reports, period.to),
    problemResolution: problemFigure(facts.problems, period),
    pledgeFulfilment: pledgeFigure(facts.pledges, period),
    lights: lightFigure(facts.projects, lights),
    supervision: supervisionFigure(facts.notices ?? [], period),
    coWorking: sumCoWorking(facts.units.filter((unit) => attends.has(unit.id)).map((unit) => coWorkingFigure(coWorkingWeeks, unit.id))),
  };

  return { period, district, units, ranking };
}

export interface PledgeRankingEntry {
  rank: number | null;
  bureau: { documentId: string; name: string; code: string | null; kind: string };
  pledges: number;
  due: number;
  met: number;
  late: number;
  missed: number;
  pending: number;
  rate: Rate;
}

/**
 * 践诺排名 of a year: every unit (applicant or department) with a pledge of that year, its nodes as of `asOf`
 * (today, or 31 December of a past year), ranked by fulfilment rate like the bulletins' ranking.
 */
export function pledgeRanking(units: UnitFacts[], pledges: PledgeFacts[], year: number, asOf: string): PledgeRankingEntry[] {
  const ofYear = pledges.filter((pledge) => pledge.year === year);
  const entries = units.flatMap((unit) => {
    const own = ofYear.filter((pledge) => pledge.bureauId === unit.id);
    if (!own.length || !groupOf(unit.kind)) return [];
    const nodes = own.flatMap((pledge) => pledge.nodes);
    return [{ unit, pledges: own.length, tally: tallyNodes(nodes, asOf), rate: fulfilmentRate(nodes, asOf) }];
  });
  const byId = new Map(entries.map((entry) => [entry.unit.id, entry]));
  return rankByScore(entries.map((entry) => ({ key: entry.unit.id, name: entry.unit.name, score: entry.rate }))).map(({ key, rank }) => {
    const { unit, pledges: count, tally, rate: fulfilment } = byId.get(key)!;
    return {
      rank,
      bureau: { documentId: unit.documentId, name: unit.name, code: unit.code, kind: unit.kind },
      pledges: count,
      ...tally,
      rate: fulfilment,
    };
  });
}
