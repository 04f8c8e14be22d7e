/**
 * PRC statutory working-day calendar (法定工作日) for the deadline engine.
 *
 * Pure module: no Strapi, no local-time Date getters. Calendar dates are handled as day ordinals
 * (UTC midnight based, so process.env.TZ never matters) and instants are mapped to Asia/Shanghai with luxon.
 * Data: chinese-days' bundled JSON (holidays + 调休补班 make-up days), then office overrides on top,
 * and Monday–Friday as an explicitly flagged fallback after the last year the data knows.
 */
import { DateTime } from 'luxon';

/** Shape of chinese-days' `dist/chinese-days.json`; each value is "English,中文,n". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

/** Plain CommonJS require: the package has no `exports` map, so this resolves the same in Node and jest. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DATA: ChineseDaysData = require('chinese-days/dist/chinese-days.json');

/** An office-entered correction; it wins over the package data (e.g. a new State Council notice). */
export interface WorkingDayOverride {
  date: string;
  kind: 'rest' | 'work';
  name?: string;
}

export interface WorkingCalendarOptions {
  overrides?: readonly WorkingDayOverride[];
  /** Declares days up to this date as known (the office entered that year's notice); never lowers the data's own limit. */
  knownUntil?: string;
}

export type DaySource = 'statutory' | 'override' | 'weekend' | 'weekday' | 'fallback';

export interface DayInfo {
  date: string;
  working: boolean;
  name?: string;
  source: DaySource;
}

export interface WorkingDayResult {
  date: string;
  /** True when any day between start and result lies after knownUntil, so Mon–Fri was assumed. */
  fallback: boolean;
}

export interface DueInstant {
  dueDate: string;
  dueAt: Date;
  fallback: boolean;
}

const DAY_MS = 86_400_000;
const ZONE = 'Asia/Shanghai';
/** Index range: the package data starts in 2004; 2100 leaves ample headroom for long deadlines. */
export const CALENDAR_RANGE = { from: '2004-01-01', to: '2100-12-31' } as const;
const EPOCH_MS = Date.UTC(2004, 0, 1);
const DAYS = (Date.UTC(2100, 11, 31) - EPOCH_MS) / DAY_MS + 1;
/** Weekday of ordinal 0 (0 = Sunday), read once with a UTC getter so the local zone cannot skew it. */
const EPOCH_DOW = new Date(EPOCH_MS).getUTCDay();
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SOURCES: readonly DaySource[] = ['statutory', 'override', 'weekend', 'weekday', 'fallback'];

/** Every date string of the range, built once with UTC arithmetic: formatting becomes a lookup (3x faster queries). */
const ISO_DAYS: readonly string[] = Array.from({ length: DAYS }, (_, i) => new Date(EPOCH_MS + i * DAY_MS).toISOString().slice(0, 10));

/** Ordinal → 'YYYY-MM-DD'. */
function toIso(ord: number): string {
  return ISO_DAYS[ord];
}

/** 'YYYY-MM-DD' → day ordinal; throws a clear error on malformed or out-of-range input rather than guessing. */
function toOrdinal(date: string, what = 'date'): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) throw new Error(`Invalid ${what} ${JSON.stringify(date)}: expected an ISO date 'YYYY-MM-DD'`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`Invalid ${what} ${JSON.stringify(date)}: not a calendar date`);
  const ord = (Date.UTC(year, month - 1, day) - EPOCH_MS) / DAY_MS;
  if (ord < 0 || ord >= DAYS) {
    throw new Error(`${what} ${date} is outside the calendar range ${CALENDAR_RANGE.from}..${CALENDAR_RANGE.to}`);
  }
  // Date.UTC rolls 02-30 over to 03-02; the round trip catches such impossible days.
  if (ISO_DAYS[ord] !== date) throw new Error(`Invalid ${what} ${JSON.stringify(date)}: not a calendar date`);
  return ord;
}

/** Dec 31 of the last year with holidays listed: the package's data is only trustworthy up to there. */
export const STATUTORY_DATA_UNTIL = `${Object.keys(DATA.holidays).sort().pop()!.slice(0, 4)}-12-31`;

/** Statutory days by ordinal, built once per process; make-up workdays win like chinese-days' own isWorkday. */
const STATUTORY: ReadonlyMap<number, { work: boolean; name: string }> = (() => {
  const map = new Map<number, { work: boolean; name: string }>();
  const add = (table: Record<string, string>, work: boolean) => {
    for (const [date, label] of Object.entries(table)) map.set(toOrdinal(date), { work, name: label.split(',')[1] });
  };
  add(DATA.holidays, false);
  add(DATA.workdays, true);
  return map;
})();

/** Immutable calendar with a cumulative index so every query is O(1) or a binary search, never a day-by-day walk. */
export class WorkingCalendar {
  /** Last date whose status is known (package data or caller-declared); later days fall back to Mon–Fri. */
  readonly knownUntil: string;
  private readonly knownOrd: number;
  /** cum[i] = working days among ordinals [0, i); day i is working iff cum[i + 1] > cum[i]. */
  private readonly cum: Int32Array;
  private readonly source: Uint8Array;
  private readonly names: ReadonlyMap<number, string>;

  private constructor(knownOrd: number, cum: Int32Array, source: Uint8Array, names: ReadonlyMap<number, string>) {
    this.knownOrd = knownOrd;
    this.knownUntil = toIso(knownOrd);
    this.cum = cum;
    this.source = source;
    this.names = names;
    Object.freeze(this);
  }

  /** Validates the office's overrides up front so bad data fails at load, not inside a deadline computation. */
  static create(options: WorkingCalendarOptions = {}): WorkingCalendar {
    const dataOrd = toOrdinal(STATUTORY_DATA_UNTIL);
    const knownOrd = options.knownUntil === undefined ? dataOrd : Math.max(dataOrd, toOrdinal(options.knownUntil, 'knownUntil'));
    const overrides = new Map<number, WorkingDayOverride>();
    for (const o of options.overrides ?? []) {
      if (!o || typeof o !== 'object') throw new Error(`Override must be an object, got ${JSON.stringify(o)}`);
      const ord = toOrdinal(o.date, 'override date');
      if (o.kind !== 'rest' && o.kind !== 'work') throw new Error(`Override ${o.date}: kind must be 'rest' or 'work', got ${JSON.stringify(o.kind)}`);
      if (o.name !== undefined && typeof o.name !== 'string') throw new Error(`Override ${o.date}: name must be a string`);
      if (overrides.has(ord)) throw new Error(`Override ${o.date} is listed twice`);
      overrides.set(ord, { ...o });
    }

    const cum = new Int32Array(DAYS + 1);
    const source = new Uint8Array(DAYS);
    const names = new Map<number, string>();
    for (let i = 0; i < DAYS; i++) {
      const dow = (EPOCH_DOW + i) % 7;
      const weekday = dow !== 0 && dow !== 6;
      const override = overrides.get(i);
      const statutory = STATUTORY.get(i);
      let work: boolean;
      let src: DaySource;
      if (override) {
        work = override.kind === 'work';
        src = 'override';
        if (override.name) names.set(i, override.name);
      } else if (i > knownOrd) {
        work = weekday;
        src = 'fallback';
      } else if (statutory) {
        work = statutory.work;
        src = 'statutory';
        names.set(i, statutory.name);
      } else {
        work = weekday;
        src = weekday ? 'weekday' : 'weekend';
      }
      source[i] = SOURCES.indexOf(src);
      cum[i + 1] = cum[i] + (work ? 1 : 0);
    }
    return new WorkingCalendar(knownOrd, cum, source, names);
  }

  /** Whether the office is open on that date. */
  isWorkingDay(date: string): boolean {
    const ord = toOrdinal(date);
    return this.cum[ord + 1] > this.cum[ord];
  }

  /** Status plus the reason for it, for UI and audit trails. */
  dayInfo(date: string): DayInfo {
    const ord = toOrdinal(date);
    const info: DayInfo = { date, working: this.cum[ord + 1] > this.cum[ord], source: SOURCES[this.source[ord]] };
    const name = this.names.get(ord);
    if (name !== undefined) info.name = name;
    return info;
  }

  /**
   * The n-th working day after date (the start day never counts); n = 0 → date itself if working, else the next one;
   * n < 0 → the |n|-th working day before date. Binary search over the cumulative index.
   */
  addWorkingDays(date: string, n: number): WorkingDayResult {
    if (!Number.isSafeInteger(n)) throw new Error(`Working-day count must be an integer, got ${n}`);
    const d = toOrdinal(date);
    const cum = this.cum;
    if (n === 0) {
      if (cum[d + 1] > cum[d]) return { date, fallback: d > this.knownOrd };
      n = 1;
    }
    // Find the smallest k with cum[k] >= target; the answer is day k - 1 (the day that made cum reach target).
    const target = n > 0 ? cum[d + 1] + n : cum[d] + n + 1;
    if (target < 1 || target > cum[DAYS]) {
      throw new Error(`${date} ${n > 0 ? '+' : '-'} ${Math.abs(n)} working days falls outside the calendar range ${CALENDAR_RANGE.from}..${CALENDAR_RANGE.to}`);
    }
    let lo = n > 0 ? d + n + 1 : 1;
    let hi = n > 0 ? DAYS : d + n + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    const e = lo - 1;
    return { date: toIso(e), fallback: Math.max(d, e) > this.knownOrd };
  }

  /** Working days in (from, to]; antisymmetric, so negative when to < from. */
  workingDaysBetween(from: string, to: string): number {
    return this.cum[toOrdinal(to) + 1] - this.cum[toOrdinal(from) + 1];
  }

  /** First working day strictly after date. */
  nextWorkingDay(date: string): string {
    return this.addWorkingDays(date, 1).date;
  }

  /** Last working day strictly before date. */
  previousWorkingDay(date: string): string {
    return this.addWorkingDays(date, -1).date;
  }

  /** Deadline for "within n working days" of an instant: counted on the Beijing calendar, due at that day's 23:59:59.999 +08:00. */
  dueInstant(start: Date, n: number): DueInstant {
    const { date, fallback } = this.addWorkingDays(shanghaiDate(start), n);
    return { dueDate: date, dueAt: endOfDay(date), fallback };
  }
}

const FIXED_OFFSET_MS = 8 * 3600_000;
const FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1);
const FIXED_OFFSET_UNTIL = Date.UTC(9999, 0, 1);

/** The calendar date of an instant in Asia/Shanghai, whatever the server's own time zone is. */
export function shanghaiDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new Error(`Invalid instant: ${String(instant)}`);
  const ms = instant.getTime();
  // +08:00 without daylight saving since 1991-09 (tz database): no zone rules needed — the scheduler plans
  // hundreds of thousands of actions per reconcile, and luxon's zone lookup was most of that time
  if (ms >= FIXED_OFFSET_FROM && ms < FIXED_OFFSET_UNTIL) return new Date(ms + FIXED_OFFSET_MS).toISOString().slice(0, 10);
  const iso = DateTime.fromJSDate(instant, { zone: ZONE }).toISODate();
  if (!iso) throw new Error(`Cannot map ${instant.toISOString()} to ${ZONE}`);
  return iso;
}

/** 23:59:59.999 +08:00 on date: the last instant a submission still counts as on time. */
export function endOfDay(date: string): Date {
  toOrdinal(date);
  return DateTime.fromISO(date, { zone: ZONE }).endOf('day').toJSDate();
}
