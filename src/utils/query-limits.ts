/**
 * Limits on what one REST query may ask of the database: how deep a populate reaches, how deep and how large a
 * filter is, how long an `$in` list gets, how long the query string is. Beyond them a request is refused with a
 * 400 naming the parameter, before any SQL runs — a single request cannot make the database join dozens of tables
 * or compare against a hundred thousand values. Pure: no Strapi import.
 */

export interface QueryLimits {
  /** Relation levels of `populate` (`populate[a][populate][b]` and `populate=a.b` are two). */
  populateDepth: number;
  /** Object levels of `filters` (each relation, operator and `$and`/`$or` counts one). */
  filterDepth: number;
  /** Conditions (leaves) in `filters`; a `$in`/`$notIn` list is one. */
  filterConditions: number;
  /** Values of one `$in`/`$notIn` list. */
  listLength: number;
  /** Characters of the raw query string. */
  queryLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  populateDepth: 5,
  filterDepth: 12,
  filterConditions: 200,
  listLength: 500,
  queryLength: 16_384,
};

export interface QueryProblem {
  parameter: 'populate' | 'filters' | 'query';
  zh: string;
  en: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Relation levels a populate asks for: a string or list of dotted paths, or nested `populate` objects. */
export function populateDepth(populate: unknown): number {
  if (populate === undefined || populate === null || populate === false || populate === '') return 0;
  if (typeof populate === 'string') return Math.max(...populate.split(',').map((path) => path.split('.').length));
  if (Array.isArray(populate)) return populate.reduce<number>((deepest, item) => Math.max(deepest, populateDepth(item)), 0);
  if (!isObject(populate)) return 1;
  let deepest = 0;
  for (const value of Object.values(populate)) deepest = Math.max(deepest, 1 + nestedDepth(value));
  return deepest;
}

/** Below one populated relation: its own `populate`, or for a dynamic zone each component's (`on`). */
function nestedDepth(value: unknown): number {
  if (!isObject(value)) return 0;
  if (isObject(value.on)) {
    return Object.values(value.on).reduce<number>((deepest, fragment) => Math.max(deepest, isObject(fragment) ? populateDepth(fragment.populate) : 0), 0);
  }
  return populateDepth(value.populate);
}

/** The object depth, the number of conditions and the longest list of a filter. */
export function filterSize(filters: unknown): { depth: number; conditions: number; longestList: number } {
  if (Array.isArray(filters)) {
    // a list of values (`$in`) is one condition; a list of filters (`$and`, `$or`) adds theirs up
    const inner = filters.filter(isObject).map(filterSize);
    return {
      depth: Math.max(0, ...inner.map((size) => size.depth)),
      conditions: inner.length ? inner.reduce((sum, size) => sum + size.conditions, 0) : 1,
      longestList: Math.max(filters.length, ...inner.map((size) => size.longestList)),
    };
  }
  if (!isObject(filters)) return { depth: 0, conditions: 1, longestList: 0 };
  let depth = 0;
  let conditions = 0;
  let longestList = 0;
  for (const value of Object.values(filters)) {
    const inner = filterSize(value);
    depth = Math.max(depth, inner.depth);
    conditions += inner.conditions;
    longestList = Math.max(longestList, inner.longestList);
  }
  return { depth: depth + 1, conditions, longestList };
}

/** The first limit a query oversteps, or null. `raw` is the query string as sent. */
export function queryProblem(query: Json, raw: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryProblem | null {
  if (raw.length > limits.queryLength) {
    return {
      parameter: 'query',
      zh: `查询参数过长（${raw.length} 个字符，上限 ${limits.queryLength}）`,
      en: `the query string is too long (${raw.length} characters, at most ${limits.queryLength})`,
    };
  }
  const depth = populateDepth(query.populate);
  if (depth > limits.populateDepth) {
    return {
      parameter: 'populate',
      zh: `关联展开层级过深（${depth} 层，上限 ${limits.populateDepth} 层）`,
      en: `populates ${depth} levels of relations, at most ${limits.populateDepth}`,
    };
  }
  if (query.filters !== undefined) {
    const size = filterSize(query.filters);
    if (size.depth > limits.filterDepth) {
      return { parameter: 'filters', zh: `筛选条件嵌套过深（${size.depth} 层，上限 ${limits.filterDepth} 层）`, en: `nests ${size.depth} levels, at most ${limits.filterDepth}` };
    }
    if (size.longestList > limits.listLength) {
      return { parameter: 'filters', zh: `筛选条件的取值列表过长（${size.longestList} 项，上限 ${limits.listLength} 项）`, en: `a list of ${size.longestList} values, at most ${limits.listLength}` };
    }
    if (size.conditions > limits.filterConditions) {
      return { parameter: 'filters', zh: `筛选条件过多（${size.conditions} 项，上限 ${limits.filterConditions} 项）`, en: `${size.conditions} conditions, at most ${limits.filterConditions}` };
    }
  }
  return null;
}
