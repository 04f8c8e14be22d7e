/** Axis arithmetic of the trend chart (pure). */

/** A round axis maximum (1, 2 or 5 times a power of ten per tick, at least 1) at or above `value`, and its step. */
export function niceMax(value: number, ticks = 4): { max: number; step: number } {
  if (!(value > 0)) return { max: ticks, step: 1 };
  const raw = value / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const rounded = Math.max(1, Math.ceil(step));
  return { max: rounded * ticks, step: rounded };
}

/** 'YYYY-MM' → its year and month, and whether its label should carry the year (January, or the first month). */
export function monthParts(month: string, first: boolean): { year: number; month: number; withYear: boolean } {
  const [year, m] = month.split('-').map(Number);
  return { year, month: m, withYear: first || m === 1 };
}
