import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { policyOf } from './scope/policy';
import { heldFieldUse, withoutHeld } from './scope/held';
import { MATCH_NOTHING, andFilters, relationWrites, rowTest, scopeFilters, scopePopulate, sortThroughRelation, type Filter, type Ref } from './scope/query';
import type { ScopeService, Viewer } from './services/scope';
import { BUREAU, MEMBERSHIP } from './uids';

type Row = Record<string, any>;
type Ctx = { uid: string; action: string; params: Row };

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
const CHANGES = new Set(['update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** Set while a scoped call runs: what the platform does on its behalf (fan-out, deadlines, codes) is not scoped again. */
const inside = new AsyncLocalStorage<true>();

const notFound = () => new errors.NotFoundError('Not Found');
const forbidden = () => new errors.ForbiddenError('Forbidden');

/** A 400 naming the field; the application's error middleware adds the Chinese. */
const fieldError = (field: string, message: string) =>
  new errors.ValidationError(`${field}: ${message}`, { errors: [{ path: [field], message, name: 'ValidationError' }] });

/**
 * The document-service middleware of per-bureau scoping, registered first so it is the outermost: it rewrites
 * what a request asks for (filters, populate, sort) and checks what it changes (ownership, scope fields,
 * relations) before any other middleware or the database sees it. Calls without a request are the platform's
 * own and pass untouched; calls made while a scoped call runs are its consequences and pass untouched too.
 */
export function scopeMiddleware(strapi: Core.Strapi) {
  const service = (): ScopeService => strapi.plugin('bureau-views').service('scope');

  /** The read filter of every type a query reaches (itself, its populate, its filters through relations). */
  async function filtersForQuery(ctx: Ctx, who: Viewer, scope: ScopeService) {
    const reached = new Set<string>([ctx.uid]);
    const note = (uid: string) => (reached.add(uid), null);
    scopeFilters(ctx.params?.filters, ctx.uid, scope.models, note);
    scopePopulate(ctx.params?.populate, ctx.uid, scope.models, note);
    const filters = await scope.readFilters(reached, who);
    return (uid: string) => filters.get(uid) ?? null;
  }

  /**
   * The scope of populated records, which their parents' ids already bound. On SQLite each is tested against it
   * (see `rowTest`); PostgreSQL plans `id IN (…)` there as a semi-join the parents' ids drive anyway, and would
   * plan the `NOT IN` of a large scope (above work_mem) as a rescan of it per row, so it keeps `id IN (…)`.
   */
  const populated = (filterFor: (uid: string) => Filter | null) =>
    strapi.db.dialect.client === 'sqlite' ? (uid: string) => rowTest(filterFor(uid)) : filterFor;

  async function scopeRead(ctx: Ctx, who: Viewer, scope: ScopeService) {
    const params = ctx.params ?? (ctx.params = {});
    // ordering by a related record's field would rank rows the viewer cannot read
    const through = sortThroughRelation(params.sort, ctx.uid, scope.models);
    if (through) throw fieldError('sort', 'sorting through a relation is not allowed');
    const filterFor = await filtersForQuery(ctx, who, scope);
    const filters = scopeFilters(params.filters, ctx.uid, scope.models, filterFor);
    const combined = andFilters(filters, filterFor(ctx.uid));
    if (combined !== undefined) params.filters = combined;
    if (params.populate !== undefined) params.populate = scopePopulate(params.populate, ctx.uid, scope.models, populated(filterFor));
  }

  /**
   * Scope-deciding fields. The owner field is the viewer's bureau on create and never changes afterwards,
   * whatever the body says. The other protected fields are the workflow's or the office's: dropped from a create,
   * and an update that tries to change one is refused.
   */
  function guardScopeFields(ctx: Ctx, who: Viewer, scope: ScopeService) {
    const policy = policyOf(ctx.uid);
    const data = ctx.params.data;
    if (!policy || !data || typeof data !== 'object') return;
    if (ctx.action === 'update') {
      for (const write of relationWrites(data, ctx.uid, scope.models)) {
        const changes = write.connect.length + write.disconnect.length > 0 || write.set !== null;
        if (changes && policy.protected?.includes(write.field)) throw fieldError(write.field, 'can only be changed by the office');
      }
    }
    for (const field of policy.protected ?? []) delete data[field];
    if (policy.owner) {
      if (ctx.action === 'create' || ctx.action === 'clone') data[policy.owner] = who.bureauIds[0];
      else delete data[policy.owner];
    }
  }

  /** Relations may only point at records the viewer can read; on the parent side, at records it can change. */
  async function checkRelations(ctx: Ctx, who: Viewer, scope: ScopeService) {
    const anchors = new Set(policyOf(ctx.uid)?.anchors ?? []);
    for (const write of relationWrites(ctx.params.data, ctx.uid, scope.models)) {
      if (write.inverse && write.set !== null) throw fieldError(write.field, 'set is not allowed on this relation, use connect and disconnect');
      const refs: Ref[] = [...write.connect, ...write.disconnect, ...(write.set ?? [])];
      const strict = write.inverse || anchors.has(write.field);
      const ok = strict
        ? await scope.canWrite(write.target, refs, who)
        : (await scope.opens(ctx.uid, write.field, who))
          ? await scope.exist(write.target, refs)
          : await scope.canRead(write.target, refs, who);
      if (!ok) throw fieldError(write.field, 'related record not found');
    }
  }

  async function ownsDocument(ctx: Ctx, filter: Filter | null): Promise<boolean> {
    const documentId = ctx.params.documentId;
    if (!documentId) return true;
    const where = filter ? { $and: [{ documentId }, filter] } : { documentId };
    return !!(await strapi.db.query(ctx.uid as any).findOne({ where, select: ['id'] }));
  }

  /** After a create, inside its transaction: the new record must be one the viewer may change, or nothing is kept. */
  async function checkCreated(ctx: Ctx, who: Viewer, scope: ScopeService, created: Row | null) {
    const filter = await scope.writeFilter(ctx.uid, who);
    if (!filter || !created?.id || policyOf(ctx.uid)?.anyBureauCreates) return;
    const row = await strapi.db.query(ctx.uid as any).findOne({ where: { $and: [{ id: created.id }, filter] }, select: ['id'] });
    if (!row) throw forbidden();
  }

  async function checkMembership(ctx: Ctx) {
    const user = ctx.params.data?.user;
    const ref = typeof user === 'object' && user ? (user.connect?.[0] ?? user.set?.[0] ?? user) : user;
    const userId = typeof ref === 'object' ? ref?.id : ref;
    if (userId === undefined || userId === null) return;
    const others = await strapi.db.query(MEMBERSHIP).findMany({ where: { user: { id: Number(userId) } }, select: ['documentId'] });
    if (others.some((row) => row.documentId !== ctx.params.documentId)) throw fieldError('user', 'already belongs to a bureau');
  }

  async function handle(ctx: Ctx, next: () => Promise<unknown>): Promise<unknown> {
    if (ctx.uid !== BUREAU || READS.has(ctx.action)) return scoped(ctx, next);
    try {
      return await scoped(ctx, next);
    } finally {
      // a bureau's code may have changed: the lead bureaus are looked up again
      service().forgetBureaus();
    }
  }

  async function scoped(ctx: Ctx, next: () => Promise<unknown>): Promise<unknown> {
    if (inside.getStore()) return next();
    const scope = service();
    const who = await scope.viewer();
    if (ctx.uid === MEMBERSHIP && (ctx.action === 'create' || ctx.action === 'update')) await checkMembership(ctx);
    if (who.kind === 'all') {
      // the office, leaders and integrations see everything; read-only ones change no record (their own account they may)
      if (!who.canWrite && !READS.has(ctx.action) && policyOf(ctx.uid)) throw forbidden();
      return inside.run(true, next);
    }

    // fields held from the viewer: not asked about, not written, not answered
    const held = await scope.heldFor(who);
    const use = heldFieldUse(ctx.params, ctx.uid, scope.models, held);
    if (use) throw fieldError(use, 'is kept by its lead bureau, the office and the leaders');
    if (ctx.params?.data && typeof ctx.params.data === 'object') for (const field of held(ctx.uid) ?? []) delete ctx.params.data[field];
    return withoutHeld(await bureauCall(ctx, who, scope, next), ctx.uid, scope.models, held);
  }

  /** A call of a department's or town's person: reads scoped, writes checked. */
  async function bureauCall(ctx: Ctx, who: Viewer, scope: ScopeService, next: () => Promise<unknown>): Promise<unknown> {
    if (READS.has(ctx.action)) {
      await scopeRead(ctx, who, scope);
      return inside.run(true, next);
    }

    if (ctx.params?.populate !== undefined) {
      const filterFor = await filtersForQuery(ctx, who, scope);
      ctx.params.populate = scopePopulate(ctx.params.populate, ctx.uid, scope.models, populated(filterFor));
    }
    // writes of types without a bureau (users at sign-up, rules, calendar) are for permissions alone to allow
    if (!policyOf(ctx.uid)) return inside.run(true, next);
    if (!who.canWrite) throw forbidden();
    return change(ctx, who, scope, next);
  }

  async function change(ctx: Ctx, who: Viewer, scope: ScopeService, next: () => Promise<unknown>): Promise<unknown> {
    if (CHANGES.has(ctx.action)) {
      if (!(await ownsDocument(ctx, await scope.writeFilter(ctx.uid, who)))) throw notFound();
      if (ctx.action !== 'update') return inside.run(true, next);
      await checkRelations(ctx, who, scope);
      guardScopeFields(ctx, who, scope);
      return inside.run(true, next);
    }

    if (ctx.action === 'create' || ctx.action === 'clone') {
      // a type only the office (or another lead bureau) changes: refused before anything is written
      if (!policyOf(ctx.uid)?.anyBureauCreates && (await scope.writeFilter(ctx.uid, who)) === MATCH_NOTHING) throw forbidden();
      if (ctx.action === 'clone' && !(await ownsDocument(ctx, await scope.readFilter(ctx.uid, who)))) throw notFound();
      await checkRelations(ctx, who, scope);
      guardScopeFields(ctx, who, scope);
      return strapi.db.transaction(async () => {
        const created = (await inside.run(true, next)) as Row | null;
        await checkCreated(ctx, who, scope, created);
        return created;
      });
    }
    return inside.run(true, next);
  }

  return handle;
}
