import { DateTime } from 'luxon';
import { ZONE } from './time';

/**
 * Meetings (调度会商): what a new meeting's agenda proposes, and when the next meeting of a regular series is
 * held. Pure: no Strapi. Dates and times are Beijing's.
 */
export type MeetingType = 'monthly_dispatch' | 'weekly' | 'special_consultation' | 'joint_pre_assessment';
export type Recurrence = 'once' | 'every_week' | 'every_month';

/** Tasks due up to this many days after the meeting are on its agenda (临期), with every overdue one. */
export const DUE_SOON_DAYS = 7;
/** The next meeting of a series is created this many days before it is held, so its agenda is current. */
export const SCHEDULE_AHEAD_DAYS = 3;

/** Which problems a meeting of a type discusses (《工作方案》三.4). */
export type ProblemSelection =
  /** 周例会: problems reported since the previous weekly meeting (all unresolved ones before the first). */
  | { kind: 'since_last'; since: string | null }
  /** 月调度会: problems that need a district-level decision. */
  | { kind: 'district_level' }
  /** 专题会商, 联席会议: the unresolved problems of the meeting's projects (of all projects when none is chosen). */
  | { kind: 'of_projects' };

export interface AgendaPlan {
  problems: ProblemSelection;
  /** Unfinished tasks due by this instant (ISO) are proposed: the overdue ones and those due within a week. */
  tasksDueBy: string;
}

const at = (instant: Date | string) =>
  (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: ZONE }) : DateTime.fromJSDate(instant, { zone: ZONE })).setZone(ZONE);

/** What a meeting held at `heldAt` proposes; `previousWeekly`: when the last weekly meeting before it was held. */
export function agendaPlan(type: MeetingType, heldAt: Date | string, previousWeekly: Date | string | null = null): AgendaPlan {
  const tasksDueBy = at(heldAt).plus({ days: DUE_SOON_DAYS }).endOf('day').toUTC().toISO()!;
  switch (type) {
    case 'weekly':
      return { problems: { kind: 'since_last', since: previousWeekly ? at(previousWeekly).toUTC().toISO()! : null }, tasksDueBy };
    case 'monthly_dispatch':
      return { problems: { kind: 'district_level' }, tasksDueBy };
    default:
      return { problems: { kind: 'of_projects' }, tasksDueBy };
  }
}

export interface AgendaCounts {
  problems: number;
  tasks: number;
  /** Of the tasks: unfinished ones from earlier meetings' minutes. */
  carriedOver: number;
  redProjects: number;
}

/** The note a proposed agenda carries, so the office sees what was picked and why. */
export function agendaNote(plan: AgendaPlan, counts: AgendaCounts): string {
  const problems =
    plan.problems.kind === 'since_last'
      ? plan.problems.since
        ? `上次周例会（${at(plan.problems.since).toFormat('yyyy-MM-dd HH:mm')}）以来新报送且未解决的困难问题 ${counts.problems} 个`
        : `未解决的困难问题 ${counts.problems} 个（此前无周例会）`
      : plan.problems.kind === 'district_level'
        ? `需区级协调决策的未解决问题 ${counts.problems} 个`
        : `议题项目未解决的困难问题 ${counts.problems} 个`;
  return [
    '系统按会议类型自动提出议题：',
    `${problems}；`,
    `逾期或 ${DUE_SOON_DAYS} 日内到期的未完成责任事项 ${counts.tasks} 项（其中以往会议未完成事项 ${counts.carriedOver} 项）；`,
    `红灯项目 ${counts.redProjects} 个。`,
    '可在会前增删议题。',
  ].join('');
}

/**
 * When the `n`-th meeting after the first of a series is held (n ≥ 1): each week, or each month on the first
 * meeting's day of the month (the month's last day when it has no such day: 31 Jan → 28 Feb → 31 Mar), at the
 * same Beijing time. Null for a meeting that does not repeat.
 */
export function occurrenceAt(first: Date | string, recurrence: Recurrence, n: number): Date | null {
  if (recurrence === 'once' || n < 1 || !Number.isInteger(n)) return null;
  const start = at(first);
  return (recurrence === 'every_week' ? start.plus({ weeks: n }) : start.plus({ months: n })).toJSDate();
}

/**
 * The meetings of a series to create now: those after `now` and no later than SCHEDULE_AHEAD_DAYS ahead,
 * as (n, heldAt). A series never creates its past meetings.
 */
export function occurrencesDue(first: Date | string, recurrence: Recurrence, now: Date): Array<{ n: number; heldAt: Date }> {
  if (recurrence === 'once') return [];
  const until = now.getTime() + SCHEDULE_AHEAD_DAYS * 24 * 3600 * 1000;
  const due: Array<{ n: number; heldAt: Date }> = [];
  for (let n = 1; ; n += 1) {
    const heldAt = occurrenceAt(first, recurrence, n)!;
    if (heldAt.getTime() > until) break;
    if (heldAt.getTime() > now.getTime()) due.push({ n, heldAt });
  }
  return due;
}

/** The key that makes one meeting of a series unique (its first meeting and its Beijing date). */
export const occurrenceKey = (seriesDocumentId: string, heldAt: Date | string) => `${seriesDocumentId}:${at(heldAt).toISODate()}`;
