import { DateTime } from 'luxon';

/**
 * 首席代表集中办公 (work plan §一): each member bureau's chief representative works at the dispatch centre at least
 * one day a week. Pure logic: which bureaus are expected, how a week's attendance is counted and which bureaus
 * are flagged to the office.
 *
 * Rules:
 * - weeks run Monday to Sunday (calendar dates in Asia/Shanghai);
 * - only planned days on working days count (a day entered on a working day that the calendar later turns into a
 *   holiday is left out); only days within the period asked for count;
 * - a week with at least one such day expects every attending bureau on at least one of them; a week whose
 *   planned days all fell on holidays, or with none planned, expects nothing;
 * - a bureau is flagged in an expected week when it was `present` on none of its days: 请假 (excused) explains an
 *   absence but does not count as attending, so a week of excused days only is flagged too (shown apart, so the
 *   office sees the reason);
 * - a bureau missing from a day's attendance counts as absent that day.
 */

export type AttendanceStatus = 'present' | 'excused' | 'absent';
export const ATTENDANCE_STATUSES: AttendanceStatus[] = ['present', 'excused', 'absent'];

/** The bureaus attending: departments (区直部门) that are active and take part in 集中办公 (`coWorking`). */
export function expectedToAttend(bureau: { kind?: string | null; active?: boolean | null; coWorking?: boolean | null }): boolean {
  return bureau.kind === 'department' && bureau.active !== false && bureau.coWorking !== false;
}

export interface CoWorkingDayFacts {
  /** YYYY-MM-DD */
  date: string;
  attendance: Array<{ bureauId: number | null; status: string }>;
}

export interface BureauWeek {
  bureauId: number;
  /** Planned working days of the week (within the period). */
  planned: number;
  present: number;
  excused: number;
  absent: number;
  flagged: boolean;
}

export interface WeekAttendance {
  /** Monday of the week, YYYY-MM-DD */
  week: string;
  /** Sunday of the week */
  weekEnd: string;
  /** The planned days counted (working days within the period), in order. */
  days: string[];
  /** Days planned on non-working days, not counted. */
  skipped: string[];
  expected: boolean;
  bureaus: BureauWeek[];
}

/** The Monday of a date's week. */
export const mondayOf = (date: string) => DateTime.fromISO(date).startOf('week').toISODate()!;
/** The Sunday of a date's week. */
export const sundayOf = (date: string) => DateTime.fromISO(date).endOf('week').toISODate()!;

/** The Monday-to-Sunday week before the one containing `date`. */
export function previousWeek(date: string): { from: string; to: string } {
  const monday = DateTime.fromISO(mondayOf(date)).minus({ weeks: 1 });
  return { from: monday.toISODate()!, to: monday.plus({ days: 6 }).toISODate()! };
}

/**
 * Attendance per week and bureau of the planned days between `from` and `to` (inclusive). Every week touching the
 * period is listed once it has a planned day; `bureauIds` are the bureaus expected to attend.
 */
export function weeklyAttendance(
  days: CoWorkingDayFacts[],
  bureauIds: number[],
  isWorkingDay: (date: string) => boolean,
  period: { from: string; to: string }
): WeekAttendance[] {
  const weeks = new Map<string, { counted: CoWorkingDayFacts[]; skipped: string[] }>();
  for (const day of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    if (day.date < period.from || day.date > period.to) continue;
    const week = mondayOf(day.date);
    const entry = weeks.get(week) ?? { counted: [], skipped: [] };
    if (isWorkingDay(day.date)) entry.counted.push(day);
    else entry.skipped.push(day.date);
    weeks.set(week, entry);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, { counted, skipped }]) => {
      const expected = counted.length > 0;
      const bureaus = bureauIds.map((bureauId) => {
        const row: BureauWeek = { bureauId, planned: counted.length, present: 0, excused: 0, absent: 0, flagged: false };
        for (const day of counted) {
          const status = day.attendance.find((entry) => entry.bureauId === bureauId)?.status ?? 'absent';
          if (status === 'present') row.present += 1;
          else if (status === 'excused') row.excused += 1;
          else row.absent += 1;
        }
        row.flagged = expected && row.present === 0;
        return row;
      });
      return { week, weekEnd: sundayOf(week), days: counted.map((day) => day.date), skipped, expected, bureaus };
    });
}

export interface CoWorkingFigure {
  /** Planned working days in the period (应参加天数). */
  daysPlanned: number;
  /** Days present (实到天数). */
  daysPresent: number;
  /** Weeks that expected attendance (应参加周数). */
  expectedWeeks: number;
  /** Expected weeks with at least one day present (达标周数). */
  attendedWeeks: number;
  /** Expected weeks with no day present (未达标周数). */
  flaggedWeeks: number;
  /** 集中办公达标率 = attendedWeeks ÷ expectedWeeks (4 decimals), null when no week expected attendance. */
  rate: number | null;
}

/** One bureau's attendance over the weeks of a period. */
export function coWorkingFigure(weeks: WeekAttendance[], bureauId: number): CoWorkingFigure {
  const figure: CoWorkingFigure = { daysPlanned: 0, daysPresent: 0, expectedWeeks: 0, attendedWeeks: 0, flaggedWeeks: 0, rate: null };
  for (const week of weeks) {
    const row = week.bureaus.find((entry) => entry.bureauId === bureauId);
    if (!row || !week.expected) continue;
    figure.daysPlanned += row.planned;
    figure.daysPresent += row.present;
    figure.expectedWeeks += 1;
    if (row.flagged) figure.flaggedWeeks += 1;
    else figure.attendedWeeks += 1;
  }
  figure.rate = figure.expectedWeeks ? Math.round((figure.attendedWeeks / figure.expectedWeeks) * 10000) / 10000 : null;
  return figure;
}

/** The sum of the units' figures (the district line): its rate over all expected bureau-weeks. */
export function sumCoWorking(figures: CoWorkingFigure[]): CoWorkingFigure {
  const total: CoWorkingFigure = { daysPlanned: 0, daysPresent: 0, expectedWeeks: 0, attendedWeeks: 0, flaggedWeeks: 0, rate: null };
  for (const figure of figures) {
    total.daysPlanned += figure.daysPlanned;
    total.daysPresent += figure.daysPresent;
    total.expectedWeeks += figure.expectedWeeks;
    total.attendedWeeks += figure.attendedWeeks;
    total.flaggedWeeks += figure.flaggedWeeks;
  }
  total.rate = total.expectedWeeks ? Math.round((total.attendedWeeks / total.expectedWeeks) * 10000) / 10000 : null;
  return total;
}
