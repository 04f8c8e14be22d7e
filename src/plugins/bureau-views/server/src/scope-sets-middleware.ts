import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { OPENINGS, POLICIES } from './scope/policy';
import { movesScope, scopeDependencies } from './scope/sets';
import type { ScopeService } from './services/scope';

type Ctx = { uid: string; action: string; params?: Record<string, any> };

const WRITES = new Set(['create', 'update', 'delete', 'clone']);

/** One per outermost write: whether it, or a write it made, may have moved a stored scope. */
const pending = new AsyncLocalStorage<{ moved: boolean }>();

/**
 * Moves the scopes' generation on after any write that may change one (see `scope/sets.ts`): once per outermost
 * write, after everything it wrote. Registered right after the scope middleware, it is outside the document
 * service's own transaction, so the generation usually moves right after the write commits, before the request
 * answers: the caller's next request, and any request that starts after, reads the new one (a request running
 * alongside the write may still read the set from before it, as it may read the rows from before it). A write made
 * inside a transaction someone else opened (a job, a restore, a create the scope middleware checks) moves it inside
 * that transaction: it commits with the data or rolls back with it.
 */
export function scopeSetsMiddleware(strapi: Core.Strapi) {
  const service = (): ScopeService => strapi.plugin('bureau-views').service('scope');
  let dependencies: Set<string> | undefined;
  /** Every scope, read and write, of every type: the admin conditions' id lists are remembered per generation too. */
  function allDependencies(): Set<string> {
    const { models } = service();
    // the lead types whose relations open records of a type to their bureau
    const openers = (target: string) => OPENINGS.filter((o) => (models(o.uid)?.attributes[o.field] as any)?.target === target).map((o) => o.uid);
    return new Set(
      Object.entries(POLICIES).flatMap(([target, policy]) =>
        [policy.read, policy.write].flatMap((rule) => (Array.isArray(rule) ? [...scopeDependencies(target, rule, models, openers(target))] : []))
      )
    );
  }
  const dependsOn = (uid: string) => (dependencies ??= allDependencies()).has(uid);

  return async (ctx: Ctx, next: () => Promise<unknown>) => {
    if (!WRITES.has(ctx.action)) return next();
    const moves = dependsOn(ctx.uid) && movesScope(ctx.action, ctx.uid, ctx.params?.data, service().models);
    const outer = pending.getStore();
    if (outer) {
      if (moves) outer.moved = true;
      return next();
    }
    const mine = { moved: moves };
    let failed = false;
    try {
      return await pending.run(mine, next);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // a failed write inside a transaction: it rolls back (and a statement there could fail in turn); outside one,
      // what it did write before failing may have moved a scope
      if (mine.moved && !(failed && strapi.db.inTransaction())) {
        await service()
          .sets.bump()
          .catch((error: unknown) => {
            if (!failed) throw error;
          });
      }
    }
  };
}
