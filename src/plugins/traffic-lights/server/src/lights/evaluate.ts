import { isDeepStrictEqual } from 'node:util';
import { DateTime } from 'luxon';
import type { Thresholds } from './rules';
import { BEFORE_START, RANK, UNDER_CONSTRUCTION, worst, type BureauRef, type Evaluation, type Reason, type Ref } from './types';

/**
 * Light rules (pure: no Strapi). Given the facts of a project, an open item or a unit, the thresholds in force
 * and the working calendar, says which light and why. Days are counted on the Beijing calendar.
 */
export const ZONE = 'Asia/Shanghai';

/** The part of the working calendar the rules need (the deadline plugin's WorkingCalendar fits). */
export interface Calendar {
  /** Working days in (from, to]: negative when to is before from. */
  workingDaysBetween(from: string, to: string): number;
}

/** Now, as the instant and as the Beijing calendar date. */
export interface Clock {
  now: Date;
  today: string;
}

export function clockAt(now: Date): Clock {
  return { now, today: shanghaiDate(now) };
}

export function shanghaiDate(instant: Date | string): string {
  const value = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: ZONE }) : DateTime.fromJSDate(instant, { zone: ZONE });
  if (!value.isValid) throw new Error(`Invalid instant: ${String(instant)}`);
  return value.toISODate()!;
}

/** An open item with a due instant: an opinion, a problem's proposal, a task, a pledge node, a monthly report. */
export interface ItemFacts {
  target: Ref;
  /** What kind of item, in Chinese: 意见, 问题, 任务, 承诺节点 … */
  kindLabel: string;
  /** The bureau that must act. */
  bureau: BureauRef | null;
  /** Due instant (ISO); null when the item has none. */
  dueAt: string | null;
  /** The deadline is already recorded overdue (the scheduler marks it once its instant passes). */
  overdue?: boolean;
  /** 特别重大 problem. */
  urgent?: boolean;
  /** Project the item belongs to, if any. */
  projectDocumentId?: string | null;
}

const prefix = (bureau: BureauRef | null | undefined) => (bureau?.name ? `${bureau.name} ` : '');

/**
 * One open item: overdue by more than the yellow maximum of working days → red; overdue at all → yellow; due
 * within the due-soon window → yellow; an urgent problem past its due → red whatever the days.
 */
export function evaluateItem(item: ItemFacts, rules: Thresholds, calendar: Calendar, clock: Clock): Evaluation {
  if (!item.dueAt) return { light: 'green', reasons: [] };
  const due = new Date(item.dueAt);
  const dueDate = shanghaiDate(due);
  const reasons: Reason[] = [];
  const base = { target: item.target, bureau: item.bureau ?? null, dueAt: due.toISOString() };
  if (clock.now.getTime() > due.getTime() || item.overdue) {
    const days = Math.max(0, calendar.workingDaysBetween(dueDate, clock.today));
    const red = days > rules.overdueYellowMaxWorkingDays;
    const span = days === 0 ? '逾期（不足 1 个工作日）' : `逾期 ${days} 个工作日`;
    reasons.push({ ...base, code: 'overdue', light: red ? 'red' : 'yellow', value: days, message: `${prefix(item.bureau)}${item.kindLabel}${span}` });
    if (item.urgent && rules.urgentProblemRed) {
      reasons.push({ ...base, code: 'urgent_problem', light: 'red', value: days, message: `特别重大问题「${item.target.title}」逾期未解决` });
    }
  } else {
    const left = calendar.workingDaysBetween(clock.today, dueDate);
    if (left <= rules.dueSoonWorkingDays) {
      const when = left <= 0 ? '今日到期' : `${left} 个工作日内到期（${dueDate}）`;
      reasons.push({ ...base, code: 'due_soon', light: 'yellow', value: Math.max(0, left), message: `${prefix(item.bureau)}${item.kindLabel}${when}` });
    }
  }
  return settle(reasons);
}

/** The facts of a project that light it by themselves (its open items come on top). */
export interface ProjectFacts {
  target: Ref;
  category: string | null;
  stage: string | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  /** 年度计划投资 (万元). */
  annualPlannedInvestment: number | null;
  /** Investment reported for the current year so far (万元): the progress reports of this year's periods. */
  investedThisYear: number;
  enterprise: { name: string; blacklisted: boolean; documentId?: string } | null;
  applicant?: BureauRef | null;
}

/** Whole months from `from` to `to` (dates), and the days left over: 2026-03-15 → 2026-04-20 is 1 month 5 days. */
export function monthsBetween(from: string, to: string): { months: number; days: number } {
  const start = DateTime.fromISO(from, { zone: ZONE });
  const end = DateTime.fromISO(to, { zone: ZONE });
  let months = Math.floor(end.diff(start, 'months').months);
  while (months > 0 && start.plus({ months }) > end) months -= 1;
  while (start.plus({ months: months + 1 }) <= end) months += 1;
  const days = Math.round(end.diff(start.plus({ months }), 'days').days);
  return { months, days };
}

/** Slipped by more than `months` months: the date that many months after the planned start has passed. */
const slippedMoreThan = (planned: string, months: number, today: string) =>
  DateTime.fromISO(planned, { zone: ZONE }).plus({ months }).toISODate()! < today;

/**
 * The time-elapsed schedule (序时进度) at a date: the share of the year's months already over (reports are
 * monthly), in percent — 0 in January, 50 from July, 100/12 × 11 in December.
 */
export function elapsedPoints(today: string): number {
  const month = Number(today.slice(5, 7));
  return round2(((month - 1) / 12) * 100);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A project's own reasons: start slip, investment behind the schedule, a blacklisted investor. */
export function evaluateProject(project: ProjectFacts, rules: Thresholds, clock: Clock): Evaluation {
  const reasons: Reason[] = [];
  const target = project.target;
  const planned = project.plannedStartDate?.slice(0, 10);
  if (planned && !project.actualStartDate && (BEFORE_START as readonly string[]).includes(project.stage ?? '') && planned < clock.today) {
    const red = slippedMoreThan(planned, rules.startSlipRedMonths, clock.today);
    const yellow = slippedMoreThan(planned, rules.startSlipYellowMonths, clock.today);
    if (red || yellow) {
      const { months, days } = monthsBetween(planned, clock.today);
      const span = months ? `${months} 个月${days ? ` ${days} 天` : ''}` : `${days} 天`;
      reasons.push({
        code: 'start_slip',
        light: red ? 'red' : 'yellow',
        target,
        bureau: project.applicant ?? null,
        value: round2(months + days / 31),
        message: `计划 ${planned} 开工，已延误 ${span} 仍未开工`,
      });
    }
  }
  const annual = Number(project.annualPlannedInvestment ?? 0);
  if (annual > 0 && (UNDER_CONSTRUCTION as readonly string[]).includes(project.stage ?? '')) {
    const elapsed = elapsedPoints(clock.today);
    const done = round2((Number(project.investedThisYear || 0) / annual) * 100);
    const behind = round2(elapsed - done);
    if (behind >= rules.scheduleYellowPoints && behind > 0) {
      reasons.push({
        code: 'schedule',
        light: behind > rules.scheduleRedPoints ? 'red' : 'yellow',
        target,
        bureau: project.applicant ?? null,
        value: behind,
        message: `年度投资完成 ${done}%，落后序时进度（${elapsed}%）${behind} 个百分点`,
      });
    }
  }
  if (project.enterprise?.blacklisted && rules.blacklistRed) {
    reasons.push({ code: 'blacklisted', light: 'red', target, message: `投资方「${project.enterprise.name}」已列入失信名单` });
  }
  return settle(reasons);
}

/** The light of a set of reasons: the worst of them, the reasons ordered red first, then by their measure. */
export function settle(reasons: Reason[]): Evaluation {
  const sorted = [...reasons].sort((a, b) => RANK[b.light] - RANK[a.light] || (b.value ?? 0) - (a.value ?? 0));
  return { light: worst(sorted.map((reason) => reason.light)), reasons: sorted };
}

/** A project with its open items: its own reasons plus every non-green item's. */
export function combine(own: Evaluation, items: Evaluation[]): Evaluation {
  return settle([...own.reasons, ...items.flatMap((item) => item.reasons)]);
}

/** The open item due first (overdue ones included): what the project's next step waits on. */
export function nextDue<T extends { dueAt: string | null }>(items: T[]): T | null {
  let best: T | null = null;
  for (const item of items) if (item.dueAt && (!best || item.dueAt < best.dueAt!)) best = item;
  return best;
}

/** A value as a JSON column gives it back: keys whose value is undefined are gone. */
const asStored = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/**
 * Whether two JSON values (reasons as evaluated, reasons as stored) are the same data. Not a string comparison:
 * PostgreSQL's jsonb gives objects back with their keys reordered, so stored reasons never read back as written.
 * Array order counts (reasons are ordered worst first).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(asStored(a), asStored(b));
}

const PROJECT_REASON_NAMES: Partial<Record<Reason['code'], string>> = { start_slip: '开工延误', schedule: '投资落后序时进度' };

/**
 * The projects' own reasons as a unit sees them: one project's reason names it ("「新材料产业园」计划 … 开工 …");
 * several of one kind become one reason counting them, pointing at the worst ("3 个项目开工延误，其中红灯 1 个").
 */
export function unitProjectReasons(reasons: Reason[]): Reason[] {
  const groups = new Map<Reason['code'], Reason[]>();
  for (const reason of reasons) groups.set(reason.code, [...(groups.get(reason.code) ?? []), reason]);
  const out: Reason[] = [];
  for (const [code, group] of groups) {
    const sorted = settle(group).reasons;
    if (sorted.length === 1) {
      out.push({ ...sorted[0], message: `「${sorted[0].target.title}」${sorted[0].message}` });
      continue;
    }
    const red = sorted.filter((reason) => reason.light === 'red').length;
    out.push({
      ...sorted[0],
      value: sorted.length,
      message: `${sorted.length} 个项目${PROJECT_REASON_NAMES[code] ?? '亮灯'}${red ? `，其中红灯 ${red} 个` : ''}（最严重：「${sorted[0].target.title}」）`,
    });
  }
  return out;
}
