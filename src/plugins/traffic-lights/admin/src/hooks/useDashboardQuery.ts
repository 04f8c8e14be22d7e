import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import { isLight } from '../components/LightBadge';
import type { Light } from '../types';

/** The project list's sort keys and the direction each starts with (worst light, soonest due, latest change first). */
export const SORT_KEYS = ['light', 'name', 'code', 'lightChangedAt', 'nextDueAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';
export const FIRST_DIRECTION: Record<SortKey, Direction> = {
  light: 'desc',
  name: 'asc',
  code: 'asc',
  lightChangedAt: 'desc',
  nextDueAt: 'asc',
};
export const DEFAULT_SORT = 'light:desc';
export const PAGE_SIZES = ['10', '25', '50', '100'];
const DEFAULT_PAGE_SIZE = 25;

export interface DashboardFilters {
  light: Light | null;
  /** the applicant unit's documentId */
  unit: string | null;
  category: string | null;
  stage: string | null;
}

export interface DashboardQuery extends DashboardFilters {
  sort: { key: SortKey; direction: Direction };
  page: number;
  pageSize: number;
}

const positive = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

function parseSort(value: string | null): DashboardQuery['sort'] {
  const [key, direction] = (value ?? DEFAULT_SORT).split(':');
  if (!SORT_KEYS.includes(key as SortKey)) return { key: 'light', direction: 'desc' };
  return { key: key as SortKey, direction: direction === 'asc' || direction === 'desc' ? direction : FIRST_DIRECTION[key as SortKey] };
}

/**
 * The dashboard's filters, sort and page, kept in the URL query string (`?light=red&unit=…&sort=name:asc&page=2`)
 * so a filtered view can be bookmarked, shared and restored with the back button. Changing a filter or the sort
 * goes back to page 1.
 */
export function useDashboardQuery() {
  const [params, setParams] = useSearchParams();
  const query: DashboardQuery = React.useMemo(
    () => ({
      light: isLight(params.get('light')) ? (params.get('light') as Light) : null,
      unit: params.get('unit') || null,
      category: params.get('category') || null,
      stage: params.get('stage') || null,
      sort: parseSort(params.get('sort')),
      page: positive(params.get('page'), 1),
      pageSize: Math.min(positive(params.get('pageSize'), DEFAULT_PAGE_SIZE), 100),
    }),
    [params]
  );

  const update = React.useCallback(
    (changes: Record<string, string | null>, resetPage = true) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          if (resetPage) next.delete('page');
          return next;
        },
        { replace: false }
      );
    },
    [setParams]
  );

  const setFilter = React.useCallback((key: keyof DashboardFilters, value: string | null) => update({ [key]: value }), [update]);
  const clearFilters = React.useCallback(() => update({ light: null, unit: null, category: null, stage: null }), [update]);
  /** A click on a sortable header: the other direction when it is the current key, else the key's first direction. */
  const toggleSort = React.useCallback(
    (key: SortKey) => {
      const direction = query.sort.key === key ? (query.sort.direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[key];
      update({ sort: `${key}:${direction}` });
    },
    [query.sort, update]
  );

  const filters: DashboardFilters = { light: query.light, unit: query.unit, category: query.category, stage: query.stage };
  const hasFilters = Object.values(filters).some(Boolean);
  return { query, filters, hasFilters, setFilter, clearFilters, toggleSort };
}

/** The filters as request params, without the empty ones. */
export const filterParams = (filters: Partial<DashboardFilters>) =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => Boolean(value))) as Record<string, string>;
