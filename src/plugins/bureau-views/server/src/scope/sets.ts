/**
 * Precomputed scopes: for the types whose scope is a union of many link chains (a project is a bureau's through
 * seven of them), each bureau's set of readable record ids is kept in a table, labelled with the generation of the
 * data it was computed from; any write that may change such a scope moves the generation on, and the next read
 * computes the set again. Pure: which writes matter and how a set is keyed; no Strapi import.
 */
import { relationTarget, type Models } from './query';

/**
 * The record types whose writes can change which records of `uid` its paths reach: the type itself, every type a
 * path goes through and the bureau at the end, and the lead types whose relations open records of it.
 */
export function scopeDependencies(uid: string, paths: readonly string[], models: Models, openedBy: readonly string[] = []): Set<string> {
  const types = new Set<string>([uid, ...openedBy]);
  for (const path of paths) {
    let current = uid;
    for (const relation of path.split('.')) {
      const target = relationTarget(models(current)?.attributes[relation]);
      if (!target) break;
      types.add(target);
      current = target;
    }
  }
  return types;
}

/**
 * Whether a write of a dependency may move a scope: a record created or deleted always may; an update only when it
 * names a relation (a light, a stage or a summary written leaves every scope as it was).
 */
export function movesScope(action: string, uid: string, data: unknown, models: Models): boolean {
  if (action === 'create' || action === 'delete' || action === 'clone') return true;
  if (action !== 'update' || !data || typeof data !== 'object') return false;
  const attributes = models(uid)?.attributes ?? {};
  return Object.keys(data).some((field) => !!relationTarget(attributes[field]));
}

/** A scope's key: the viewer's bureaus, and what its lead duties open (`api::credit-record.credit-record.project`). */
export const scopeKey = (bureauIds: readonly number[], opened: readonly string[] = []): string =>
  [[...bureauIds].sort((a, b) => a - b).join(','), ...[...opened].sort()].join('|');

/** The id stored with every filled set: no record has it, so an empty scope is told apart from one not filled. */
export const FILLED_MARK = 0;
