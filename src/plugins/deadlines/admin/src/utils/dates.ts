/**
 * Dates as the district reads them: instants shown in Asia/Shanghai whatever the browser's zone, calendar dates
 * as plain 'YYYY-MM-DD' strings (never turned into local Date objects except for the date picker).
 */
export const ZONE = 'Asia/Shanghai';
export const DAY_MS = 86_400_000;

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(instant: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of dateTimeFormat.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

const toDate = (value: string | Date | null | undefined): Date | null => {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** '2026-03-05 23:59' in Beijing time, or '-'. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return '-';
  const p = shanghaiParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** '2026-03-05' in Beijing time, or '-'. */
export function formatDate(value: string | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = toDate(value);
  if (!date) return '-';
  const p = shanghaiParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's date in Beijing. */
export function shanghaiToday(now: Date = new Date()): string {
  const p = shanghaiParts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The current month in Beijing, 'YYYY-MM'. */
export const shanghaiPeriod = (now: Date = new Date()) => shanghaiToday(now).slice(0, 7);

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' moved by some months. */
export function shiftPeriod(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export const isPeriod = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** Every date of a month, and the weekday of its first day (1 = Monday … 7 = Sunday). */
export function monthDates(period: string): { from: string; to: string; dates: string[]; firstWeekday: number } {
  const [year, month] = period.split('-').map(Number);
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dates = Array.from({ length: count }, (_, i) => `${period}-${pad(i + 1)}`);
  return { from: dates[0], to: dates[count - 1], dates, firstWeekday: isoWeekday(dates[0]) };
}

/** 1 = Monday … 7 = Sunday, read with UTC getters so the browser's zone cannot shift it. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The design system's DatePicker is asymmetric: it reads `value` as a UTC instant (its UTC date is shown) but
 * calls `onChange` with the local midnight of the chosen day. So: UTC midnight in, local getters out — right
 * in every browser zone, Beijing included.
 */
export function dateToIso(date: Date | undefined | null): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function isoToDate(iso: string | null | undefined): Date | undefined {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
