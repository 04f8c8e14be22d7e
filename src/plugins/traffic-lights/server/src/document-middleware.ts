import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { computing } from './context';
import { DEPENDENCIES, GLOBAL_CAUSES, idsAlong, populateIds, type Dependency } from './lights/sources';
import { DEADLINE } from './uids';

type Row = Record<string, any>;
type Ctx = { uid: string; action: string; params: Row };

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** What one outermost write (with everything the platform writes on its behalf) changes. */
interface Batch {
  projects: Set<number>;
  units: Set<number>;
  global: 'rules' | 'calendar' | null;
  /**
   * Records a deadline written in the batch belongs to (`uid|documentId`), reached once the outermost write is done
   * unless a write of the batch reached them after writing them (a task create reaches the task its deadline is for).
   */
  targets?: Map<string, { uid: string; documentId: string }>;
  /** Records reached after their own write in this batch (`uid|documentId`). */
  written?: Set<string>;
}

const batches = new AsyncLocalStorage<Batch>();

/**
 * The document-service middleware of the lights: a write to a record the lights depend on (sources.ts) notes the
 * projects and units it reached before and after; when the outermost write returns, those are recomputed — at
 * once, so a client reading after its write sees the new light, or after the commit when the write runs inside a
 * caller's transaction. A change of the rules or the working calendar recomputes everything in the background.
 * Registered in the plugin's register(): outside the records' own rules and the deadline tracker, so the deadline
 * rows those write are part of the same batch.
 */
export function lightsMiddleware(strapi: Core.Strapi) {
  const tracker = () => strapi.plugin('traffic-lights').service('tracker');

  /**
   * Projects and units a record reaches along the paths of its dependency. A deadline's target (the task or opinion
   * it is for) is noted and reached when the outermost write is done — once, and not at all when a write of the
   * batch reached it after writing it (the deadline a task create makes would otherwise read the task twice).
   */
  async function reach(uid: string, documentId: string | undefined, dependency: Dependency, into: Batch) {
    if (!documentId) return;
    const paths = [...dependency.projects, ...dependency.units];
    const select = uid === DEADLINE ? ['id', 'targetUid', 'targetDocumentId'] : ['id'];
    const row = await strapi.db.query(uid as any).findOne({ where: { documentId }, select, populate: populateIds(paths) });
    if (!row) return;
    for (const path of dependency.projects) for (const id of idsAlong(row, path)) into.projects.add(id);
    for (const path of dependency.units) for (const id of idsAlong(row, path)) into.units.add(id);
    if (uid === DEADLINE && row.targetUid && row.targetUid !== DEADLINE && DEPENDENCIES[row.targetUid] && row.targetDocumentId) {
      (into.targets ??= new Map()).set(`${row.targetUid}|${row.targetDocumentId}`, { uid: row.targetUid, documentId: row.targetDocumentId });
    }
  }

  /** The deadlines' targets no write of the batch reached after writing them. */
  async function reachTargets(batch: Batch) {
    for (const [key, target] of batch.targets ?? []) {
      if (!batch.written?.has(key)) await reach(target.uid, target.documentId, DEPENDENCIES[target.uid], batch);
    }
  }

  /** Whether an update may move the record to other projects or units (it writes the first step of a path). */
  const movesRelations = (dependency: Dependency, data: Row | undefined) =>
    !data || [...dependency.projects, ...dependency.units].some((path) => path && path.split('.')[0] in data);

  return async (ctx: Ctx, next: () => Promise<unknown>) => {
    if (computing.getStore() || !WRITES.has(ctx.action)) return next();
    const global = GLOBAL_CAUSES[ctx.uid] ?? null;
    const dependency = DEPENDENCIES[ctx.uid];
    if (!global && !dependency) return next();

    const outer = batches.getStore();
    const batch: Batch = outer ?? { projects: new Set(), units: new Set(), global: null };
    if (global) batch.global = global;
    const documentId: string | undefined = ctx.params?.documentId;
    if (dependency && (ctx.action === 'delete' || (ctx.action !== 'create' && movesRelations(dependency, ctx.params?.data)))) {
      await reach(ctx.uid, documentId, dependency, batch);
    }
    const result = (outer ? await next() : await batches.run(batch, next)) as Row | null;
    if (dependency && ctx.action !== 'delete') {
      const written = result && typeof result === 'object' && 'documentId' in result ? (result.documentId as string) : documentId;
      await reach(ctx.uid, written, dependency, batch);
      if (written) (batch.written ??= new Set()).add(`${ctx.uid}|${written}`);
    }
    if (!outer) {
      await reachTargets(batch);
      await tracker().flush(batch);
    }
    return result;
  };
}

export type { Batch };
