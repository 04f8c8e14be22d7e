/** Instants as the district reads them: shown in Asia/Shanghai whatever the browser's zone. */
const ZONE = 'Asia/Shanghai';

const format = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | null | undefined): Record<string, string> | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const result: Record<string, string> = {};
  for (const part of format.formatToParts(date)) result[part.type] = part.value;
  return result;
}

/** '2026-03-05 23:59' in Beijing time, or '-'. */
export function formatDateTime(value: string | null | undefined): string {
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '-';
}

/** '2026-03-05' in Beijing time, or '-'. */
export function formatDate(value: string | null | undefined): string {
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : '-';
}

/** Whether an instant is already past. */
export const isPast = (value: string | null | undefined, now = Date.now()) => Boolean(value) && new Date(value as string).getTime() < now;
