/**
 * Held fields: fields of a record everyone reads that only a lead bureau's people, the office and the leaders may
 * see — an enterprise's place on the dishonesty list (区发改局's), its credit line and financial watch
 * (区金融监管局's). For anyone else they are left out of every answer, at any depth of populate, and a query may
 * not filter or sort by them: a filter would tell the records apart as surely as reading the field. Pure: the
 * caller passes the schemas and which fields are held from the viewer; no Strapi import.
 */
import { isPlainObject, populateObject, relationTarget, sortKeys, type Models } from './query';

/** The fields of a type held from the current viewer (none: undefined or empty). */
export type HeldFor = (uid: string) => ReadonlySet<string> | undefined;

const LOGICAL = new Set(['$and', '$or', '$not']);

/** The first held field a filter tests, as a path (`enterprise.blacklisted`), through relations and components. */
export function heldInFilters(filters: unknown, uid: string, models: Models, heldFor: HeldFor): string | null {
  if (Array.isArray(filters)) {
    for (const item of filters) {
      const found = heldInFilters(item, uid, models, heldFor);
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(filters)) return null;
  const attributes = models(uid)?.attributes ?? {};
  for (const [key, value] of Object.entries(filters)) {
    if (key.startsWith('$')) {
      const found = LOGICAL.has(key) ? heldInFilters(value, uid, models, heldFor) : null;
      if (found) return found;
      continue;
    }
    if (heldFor(uid)?.has(key)) return key;
    const attribute = attributes[key];
    const inner = relationTarget(attribute) ?? (attribute?.type === 'component' ? attribute.component : undefined);
    const found = inner ? heldInFilters(value, inner, models, heldFor) : null;
    if (found) return `${key}.${found}`;
  }
  return null;
}

/** The first held field a sort orders by (`blacklisted:desc`, `['creditLine']`, `{ financeWatched: 'asc' }`). */
export function heldInSort(sort: unknown, uid: string, heldFor: HeldFor): string | null {
  const held = heldFor(uid);
  if (!held?.size || sort === undefined || sort === null) return null;
  return sortKeys(sort).find((key) => held.has(key)) ?? null;
}

/** The first held field tested or ordered by inside a populate (`enterprise.filters.blacklisted`), at any depth. */
function heldInPopulate(populate: unknown, uid: string, models: Models, heldFor: HeldFor): string | null {
  const model = models(uid);
  const entries = populateObject(populate, model);
  if (!entries) return null;
  for (const [key, value] of Object.entries(entries)) {
    if (!isPlainObject(value)) continue;
    const attribute = model?.attributes[key];
    const target = relationTarget(attribute) ?? (attribute?.type === 'component' ? attribute.component : undefined);
    if (!target) continue;
    const found = heldFieldUse(value, target, models, heldFor);
    if (found) return `populate.${key}.${found}`;
  }
  return null;
}

/** Where a query's parameters use a field held from the viewer (`filters.enterprise.blacklisted`), or null. */
export function heldFieldUse(params: { filters?: unknown; sort?: unknown; populate?: unknown } | undefined, uid: string, models: Models, heldFor: HeldFor): string | null {
  if (!params) return null;
  const filter = heldInFilters(params.filters, uid, models, heldFor);
  if (filter) return `filters.${filter}`;
  const sort = heldInSort(params.sort, uid, heldFor);
  if (sort) return `sort.${sort}`;
  return heldInPopulate(params.populate, uid, models, heldFor);
}

/** Removes the held fields from an answer (a record, a list, populated relations and components at any depth), in place. */
export function withoutHeld<T>(answer: T, uid: string, models: Models, heldFor: HeldFor): T {
  if (Array.isArray(answer)) {
    for (const item of answer) withoutHeld(item, uid, models, heldFor);
    return answer;
  }
  if (!isPlainObject(answer)) return answer;
  const attributes = models(uid)?.attributes ?? {};
  const held = heldFor(uid);
  for (const key of Object.keys(answer)) {
    if (held?.has(key)) {
      delete answer[key];
      continue;
    }
    const attribute = attributes[key];
    const target = relationTarget(attribute);
    if (target) withoutHeld(answer[key], target, models, heldFor);
    else if (attribute?.type === 'component' && attribute.component) withoutHeld(answer[key], attribute.component, models, heldFor);
    else if (attribute?.type === 'dynamiczone' && Array.isArray(answer[key])) {
      for (const item of answer[key] as unknown[]) {
        if (isPlainObject(item) && typeof item.__component === 'string') withoutHeld(item, item.__component, models, heldFor);
      }
    }
  }
  return answer;
}
