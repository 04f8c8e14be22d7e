import { DateTime } from 'luxon';
import { endOfDay, shanghaiDate, type WorkingCalendar } from '../calendar/working-calendar';
import { test, type Condition, type Lookup } from './conditions';

/** What the engine needs of a rule (the stored rule has more: names, reminders, who is responsible). */
export interface RuleTiming {
  /** The field whose date/instant starts the clock (e.g. `createdAt`, `assignedAt`, `preAssessment.requestedAt`). */
  startField?: string | null;
  /** The clock only runs while this holds (e.g. a problem is assigned). */
  startWhen?: Condition | null;
  durationKind: 'working_days' | 'calendar_days' | 'end_of_date_field' | 'before_next_month';
  duration?: number | null;
  /** For `end_of_date_field`: the date field whose day ends the period (a task's `deadline`). */
  dateField?: string | null;
  /** For `before_next_month`: the `YYYY-MM` field; due at the end of that month's last day. */
  periodField?: string | null;
  metWhen?: Condition | null;
  cancelWhen?: Condition | null;
}

export interface Evaluation {
  /** False when the clock has not started (no start value, startWhen false, no date to end on). */
  started: boolean;
  startAt?: Date;
  dueAt?: Date;
  dueDate?: string;
  /** The due date was computed on days past the statutory data (Mon–Fri assumed). */
  fallback: boolean;
  state: 'pending' | 'met' | 'cancelled';
}

const ZONE = 'Asia/Shanghai';

export function toInstant(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return DateTime.fromISO(value, { zone: ZONE }).startOf('day').toJSDate();
  }
  const date = new Date(value as string);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * When a record is due under a rule, and whether it is met or cancelled. `extendedDueDate` is an approved
 * extension (延期): it replaces the computed due date.
 */
export function evaluate(
  rule: RuleTiming,
  get: Lookup,
  calendar: WorkingCalendar,
  now: Date,
  extendedDueDate?: string | null
): Evaluation {
  // met wins: an obligation fulfilled stays fulfilled when its cause is later withdrawn (as on delete)
  const state = test(rule.metWhen, get) ? 'met' : test(rule.cancelWhen, get) ? 'cancelled' : 'pending';
  if (rule.startWhen && !test(rule.startWhen, get)) return { started: false, fallback: false, state };

  const startAt = toInstant(get(rule.startField || 'createdAt')) ?? (rule.startWhen ? now : null);
  if (!startAt) return { started: false, fallback: false, state };

  const due = extendedDueDate ? { dueDate: extendedDueDate, fallback: false } : dueDateOf(rule, get, calendar, startAt);
  if (!due) return { started: false, startAt, fallback: false, state };
  return { started: true, startAt, dueDate: due.dueDate, dueAt: endOfDay(due.dueDate), fallback: due.fallback, state };
}

function dueDateOf(rule: RuleTiming, get: Lookup, calendar: WorkingCalendar, startAt: Date) {
  const days = Math.max(0, Number(rule.duration ?? 0));
  switch (rule.durationKind) {
    case 'working_days': {
      const { date, fallback } = calendar.addWorkingDays(shanghaiDate(startAt), days);
      return { dueDate: date, fallback };
    }
    case 'calendar_days':
      return { dueDate: DateTime.fromJSDate(startAt, { zone: ZONE }).plus({ days }).toISODate()!, fallback: false };
    case 'end_of_date_field': {
      const date = toInstant(get(rule.dateField ?? ''));
      return date ? { dueDate: shanghaiDate(date), fallback: false } : null;
    }
    case 'before_next_month': {
      const period = get(rule.periodField ?? 'period');
      if (typeof period !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return null;
      return { dueDate: DateTime.fromISO(`${period}-01`, { zone: ZONE }).endOf('month').toISODate()!, fallback: false };
    }
    default:
      throw new Error(`unknown duration kind: ${String(rule.durationKind)}`);
  }
}

/** Every field path a rule reads. */
export function fieldsRead(rule: RuleTiming & { bureauField?: string | null }): string[] {
  const conditions = [rule.startWhen, rule.metWhen, rule.cancelWhen].flatMap((c) => (c ? collect(c) : []));
  return [rule.startField || 'createdAt', rule.dateField, rule.periodField, rule.bureauField, ...conditions].filter(
    (field): field is string => Boolean(field)
  );
}

function collect(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(collect);
  if ('any' in condition) return condition.any.flatMap(collect);
  return [condition.field];
}
