import { DateTime } from 'luxon';
import { shanghaiDate, type WorkingCalendar } from '../calendar/working-calendar';

/**
 * When each delivery of a deadline happens: reminders before it is due, the overdue notice, escalations
 * after it. Offsets are in working days (delivered at 09:00 Beijing time on that working day) or in
 * hours/minutes (exact). Unless the rule allows it, nothing is delivered on a non-working day: such a
 * delivery moves to 09:00 of the next working day.
 */
export interface Offset {
  workingDays?: number;
  hours?: number;
  minutes?: number;
}

export interface Escalation extends Offset {
  /** `responsible` (the bureau the deadline belongs to), `office`, or a bureau code. */
  to?: string;
}

export type ActionKind = 'reminder' | 'overdue' | 'escalation';

export interface PlannedAction {
  kind: ActionKind;
  step: number;
  runAt: Date;
  to?: string;
}

const ZONE = 'Asia/Shanghai';
const OFFICE_HOUR = 9;

/** 09:00 Beijing time on a date, memoised (a reconcile asks for the same few hundred dates again and again). */
const nineOClock = new Map<string, number>();
const at9 = (date: string) => {
  let ms = nineOClock.get(date);
  if (ms === undefined) {
    ms = DateTime.fromISO(date, { zone: ZONE }).set({ hour: OFFICE_HOUR }).toMillis();
    if (nineOClock.size >= 10_000) nineOClock.clear();
    nineOClock.set(date, ms);
  }
  return new Date(ms);
};
const shift = (dueAt: Date, offset: Offset, sign: 1 | -1) =>
  new Date(dueAt.getTime() + sign * ((offset.hours ?? 0) * 3600_000 + (offset.minutes ?? 0) * 60_000));

function offsetFrom(dueAt: Date, offset: Offset, sign: 1 | -1, calendar: WorkingCalendar): Date {
  if (offset.workingDays) {
    const { date } = calendar.addWorkingDays(shanghaiDate(dueAt), sign * offset.workingDays);
    return shift(at9(date), offset, sign);
  }
  return shift(dueAt, offset, sign);
}

/** Moves an instant on a non-working day to 09:00 of the next working day. */
export function onWorkingDay(instant: Date, calendar: WorkingCalendar): Date {
  const date = shanghaiDate(instant);
  return calendar.isWorkingDay(date) ? instant : at9(calendar.nextWorkingDay(date));
}

export function planActions(
  dueAt: Date,
  rule: { reminders?: Offset[] | null; escalations?: Escalation[] | null; deliverOnNonWorkingDays?: boolean | null },
  calendar: WorkingCalendar
): PlannedAction[] {
  const adjust = (instant: Date) => (rule.deliverOnNonWorkingDays ? instant : onWorkingDay(instant, calendar));
  const actions: PlannedAction[] = [];
  (rule.reminders ?? []).forEach((offset, step) => {
    const runAt = adjust(offsetFrom(dueAt, offset, -1, calendar));
    // a reminder that would land after the due instant is pointless
    if (runAt.getTime() < dueAt.getTime()) actions.push({ kind: 'reminder', step, runAt });
  });
  actions.push({ kind: 'overdue', step: 0, runAt: adjust(new Date(dueAt.getTime() + 1)) });
  (rule.escalations ?? []).forEach((offset, step) => {
    actions.push({ kind: 'escalation', step, runAt: adjust(offsetFrom(dueAt, offset, 1, calendar)), to: offset.to ?? 'office' });
  });
  return actions;
}

/** Job ids stay unique when a deadline is rescheduled: the version changes with the due instant. */
export const jobId = (deadlineId: number, version: number, kind: ActionKind, step: number) =>
  `deadline:${deadlineId}:v${version}:${kind}:${step}`;

/** A delivery happens once per deadline, kind, step and due instant — whatever process runs it. */
export const deliveryKey = (deadlineId: number, kind: ActionKind, step: number, dueAt: Date) =>
  `${deadlineId}:${kind}:${step}:${dueAt.toISOString()}`;
