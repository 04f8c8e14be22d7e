import { LIGHTS, type Light } from './types';

/**
 * The dashboard's and the API's query parameters (pure): which projects (colour, unit, category, stage), in which
 * order, which page. Bad values are named in Chinese and English, never ignored.
 */
export interface DashboardQuery {
  light: Light | null;
  /** documentId of the applicant unit (申报单位). */
  unit: string | null;
  category: string | null;
  stage: string | null;
  sort: { field: SortField; order: 'asc' | 'desc' };
  page: number;
  pageSize: number;
  months: number;
}

export const SORT_FIELDS = ['light', 'name', 'code', 'lightChangedAt', 'nextDueAt', 'stage', 'category'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
export const MAX_MONTHS = 36;

export interface QueryProblem {
  parameter: string;
  zh: string;
  en: string;
}

const PARAMETER_NAMES: Record<string, string> = {
  light: '灯色',
  unit: '申报单位',
  category: '项目类别',
  stage: '项目阶段',
  sort: '排序',
  page: '页码',
  pageSize: '每页条数',
  months: '月数',
};

export const describeProblem = (problem: QueryProblem) =>
  `${PARAMETER_NAMES[problem.parameter] ?? problem.parameter}（${problem.parameter}）：${problem.zh} / ${problem.parameter}: ${problem.en}`;

const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

function integer(raw: unknown, parameter: string, min: number, max: number, fallback: number, problems: QueryProblem[]): number {
  if (raw === undefined || raw === '') return fallback;
  const text = String(raw);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push({ parameter, zh: `须为 ${min} 到 ${max} 之间的整数`, en: `must be a whole number from ${min} to ${max}` });
    return fallback;
  }
  return value;
}

/**
 * Reads `light`, `unit`, `category`, `stage`, `sort` (`field:asc|desc`), `page`, `pageSize` (also Strapi's
 * `pagination[page]` / `pagination[pageSize]`) and `months`. `enums` are the project's category and stage values.
 */
export function parseQuery(query: Record<string, unknown>, enums: { category: string[]; stage: string[] }): { query: DashboardQuery; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const known = new Set(['light', 'unit', 'category', 'stage', 'sort', 'page', 'pageSize', 'pagination', 'months']);
  for (const key of Object.keys(query)) {
    if (!known.has(key)) problems.push({ parameter: key, zh: '不支持该参数', en: 'is not a supported parameter' });
  }
  const text = (name: string): string | null => {
    const value = query[name];
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string') {
      problems.push({ parameter: name, zh: '须为单个值', en: 'must be a single value' });
      return null;
    }
    return value;
  };
  const oneOf = (name: string, allowed: readonly string[]) => {
    const value = text(name);
    if (value !== null && !allowed.includes(value)) {
      problems.push({ parameter: name, zh: `须为 ${allowed.join('、')} 之一`, en: `must be one of ${allowed.join(', ')}` });
      return null;
    }
    return value;
  };

  const light = oneOf('light', LIGHTS) as Light | null;
  const unit = text('unit');
  if (unit !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(unit)) problems.push({ parameter: 'unit', zh: '须为单位的 documentId', en: "must be a unit's documentId" });
  const category = oneOf('category', enums.category);
  const stage = oneOf('stage', enums.stage);

  let sort: DashboardQuery['sort'] = { field: 'light', order: 'desc' };
  const rawSort = text('sort');
  if (rawSort !== null) {
    const [field, order = 'asc'] = rawSort.split(':');
    if (!(SORT_FIELDS as readonly string[]).includes(field) || !['asc', 'desc'].includes(order)) {
      problems.push({ parameter: 'sort', zh: `须为 ${SORT_FIELDS.join('、')} 之一，可加 :asc 或 :desc`, en: `must be one of ${SORT_FIELDS.join(', ')}, optionally with :asc or :desc` });
    } else {
      sort = { field: field as SortField, order: order as 'asc' | 'desc' };
    }
  }

  const pagination = (query.pagination && typeof query.pagination === 'object' ? query.pagination : {}) as Record<string, unknown>;
  const page = integer(single(query.page ?? pagination.page), 'page', 1, 100_000, 1, problems);
  const pageSize = integer(single(query.pageSize ?? pagination.pageSize), 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, problems);
  const months = integer(single(query.months), 'months', 1, MAX_MONTHS, 12, problems);

  return { query: { light, unit, category, stage, sort, page, pageSize, months }, problems };
}

/** The last `count` months up to the month of `today` (YYYY-MM), oldest first. */
export function monthsUpTo(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const index = year * 12 + (month - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
