import { DateTime } from 'luxon';
import type { Period } from './types';

/**
 * Query parameters of the figures endpoints (pure). Every bad value is reported, named in Chinese and English,
 * never ignored or guessed.
 */
export interface ParamProblem {
  parameter: string;
  zh: string;
  en: string;
}

const PARAMETER_NAMES: Record<string, string> = {
  from: '统计起始日',
  to: '截止日',
  unit: '单位',
  year: '年度',
};

export const describeParamProblem = (problem: ParamProblem) =>
  `${PARAMETER_NAMES[problem.parameter] ?? '参数'}（${problem.parameter}）：${problem.zh} / ${problem.parameter}: ${problem.en}`;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;

function unknownParameters(query: Record<string, unknown>, known: string[], problems: ParamProblem[]) {
  for (const key of Object.keys(query)) {
    if (!known.includes(key)) problems.push({ parameter: key, zh: '不支持该参数', en: 'is not a supported parameter' });
  }
}

function single(query: Record<string, unknown>, name: string, problems: ParamProblem[]): string | null {
  const value = query[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') {
    problems.push({ parameter: name, zh: '须为单个值', en: 'must be a single value' });
    return null;
  }
  return value;
}

function date(query: Record<string, unknown>, name: string, problems: ParamProblem[]): string | null {
  const value = single(query, name, problems);
  if (value === null) {
    if (query[name] === undefined || query[name] === '') problems.push({ parameter: name, zh: '必须填写（YYYY-MM-DD）', en: 'is required (YYYY-MM-DD)' });
    return null;
  }
  if (!isIsoDate(value)) {
    problems.push({ parameter: name, zh: '须为有效日期（YYYY-MM-DD）', en: 'must be a valid date (YYYY-MM-DD)' });
    return null;
  }
  return value;
}

/** The period's first and last day must both be valid, in order. */
export function checkPeriod(from: string | null, to: string | null, problems: ParamProblem[]): Period | null {
  if (!from || !to) return null;
  if (from > to) {
    problems.push({ parameter: 'to', zh: '不能早于统计起始日', en: 'cannot be before from' });
    return null;
  }
  return { from, to };
}

export interface FiguresQuery {
  period: Period;
  /** documentId of one unit, or null for every unit in view. */
  unit: string | null;
}

/** `from`, `to` (required) and `unit` (a bureau documentId). */
export function parseFiguresQuery(query: Record<string, unknown>): { query: FiguresQuery | null; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownParameters(query, ['from', 'to', 'unit'], problems);
  const period = checkPeriod(date(query, 'from', problems), date(query, 'to', problems), problems);
  const unit = single(query, 'unit', problems);
  if (unit !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(unit)) problems.push({ parameter: 'unit', zh: '须为单位的 documentId', en: "must be a unit's documentId" });
  return { query: problems.length ? null : { period: period!, unit }, problems };
}

/** `year` (2000–2100), or the given current year when absent. */
export function parseRankingQuery(query: Record<string, unknown>, currentYear: number): { year: number | null; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  unknownParameters(query, ['year'], problems);
  const raw = single(query, 'year', problems);
  let year: number | null = currentYear;
  if (raw !== null) {
    year = /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : null;
    if (year === null) problems.push({ parameter: 'year', zh: '须为 2000 到 2100 之间的年份', en: 'must be a year from 2000 to 2100' });
  }
  return { year: problems.length ? null : year, problems };
}
