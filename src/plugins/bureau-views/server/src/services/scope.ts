import type { Core } from '@strapi/strapi';
import { HELD_FIELDS, isLead, isScoped, LEAD_CODES, OPENINGS, policyOf } from '../scope/policy';
import type { HeldFor } from '../scope/held';
import { MATCH_NOTHING, pathFilter, type Filter, type Models, type Ref } from '../scope/query';
import { BUREAU, BUREAU_ROLES, MEMBERSHIP, USER } from '../uids';
import { databaseCache } from '../../../../../utils/cache';
import { scopeKey } from '../scope/sets';
import { scopeSets } from './scope-sets';

/**
 * Who is asking, and what that lets them see and change. The one entry point of per-bureau scoping: the
 * document middleware, the admin conditions, the content manager's relation endpoints and any endpoint, export
 * or dashboard of another plugin ask this service (see the plugin's README).
 */
export interface Viewer {
  /** `all`: the office, leaders, integrations, the platform itself; `bureau`: a department or town; `none`: nobody known. */
  kind: 'all' | 'bureau' | 'none';
  bureauIds: number[];
  canWrite: boolean;
  via: 'system' | 'admin' | 'user' | 'token' | 'public';
}

const SYSTEM: Viewer = Object.freeze({ kind: 'all', bureauIds: [], canWrite: true, via: 'system' }) as Viewer;
const CACHE = Symbol('bureau-views.viewer');
const ADMINS = Symbol('bureau-views.admins');
const SUBQUERIES = Symbol('bureau-views.subqueries');

type Row = Record<string, any>;

const scope = ({ strapi }: { strapi: Core.Strapi }) => {
  const models: Models = (uid) => strapi.getModel(uid as any) as any;
  const sets = scopeSets(strapi);

  /** The bureaus of an admin user, from the membership the office keeps (人员归属). */
  async function membershipBureaus(userId: number | undefined): Promise<number[]> {
    if (!userId) return [];
    const rows = await strapi.db.query(MEMBERSHIP).findMany({ where: { user: { id: userId } }, populate: { bureau: { select: ['id'] } } });
    return rows.map((row) => row.bureau?.id).filter((id): id is number => typeof id === 'number');
  }

  /** The bureau of a users-permissions user (the authenticated user object carries only its role). */
  async function userBureaus(userId: number | undefined): Promise<number[]> {
    if (!userId) return [];
    // straight from the link table: this runs on every request of a bureau user — but not inside a transaction
    // (the first scoped write of a request may be the first to ask): the raw query would take a connection of its
    // own, on SQLite (one connection) queued behind the very transaction waiting for it until the pool times out
    const link = (strapi.db.metadata.get(USER)?.attributes as Row | undefined)?.bureau?.joinTable;
    if (link && !strapi.db.inTransaction()) {
      const schema = strapi.db.getSchemaName?.();
      const rows: Row[] = await strapi.db
        .connection(`${schema ? `${schema}.` : ''}${link.name}`)
        .select(`${link.inverseJoinColumn.name} as id`, sets.generationColumn())
        .where(link.joinColumn.name, userId)
        .limit(1);
      // the stored scopes' generation comes with it: a bureau user's request reads it at no extra statement
      sets.seen(rows[0]?.generation);
      return rows.length ? [Number(rows[0].id)] : [];
    }
    const row = await strapi.db.query(USER).findOne({ where: { id: userId }, select: ['id'], populate: { bureau: { select: ['id'] } } });
    return row?.bureau?.id ? [row.bureau.id] : [];
  }

  const ofBureaus = (bureauIds: number[], via: Viewer['via']): Viewer =>
    bureauIds.length ? { kind: 'bureau', bureauIds, canWrite: true, via } : { kind: 'none', bureauIds: [], canWrite: false, via };

  async function adminViewer(user: Row | undefined): Promise<Viewer> {
    const codes: string[] = (user?.roles ?? []).map((role: Row) => role.code);
    if (codes.some((code) => (BUREAU_ROLES.admin.office as readonly string[]).includes(code))) return { kind: 'all', bureauIds: [], canWrite: true, via: 'admin' };
    if (codes.includes(BUREAU_ROLES.admin.leader)) return { kind: 'all', bureauIds: [], canWrite: false, via: 'admin' };
    return ofBureaus(await membershipBureaus(user?.id), 'admin');
  }

  /** An admin user as a viewer, looked up once per request (admin conditions are evaluated once per permission). */
  function adminViewerOf(user: Row | undefined): Promise<Viewer> {
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (!ctx?.state || !user?.id) return adminViewer(user);
    const cache: Map<number, Promise<Viewer>> = (ctx.state[ADMINS] ??= new Map());
    if (!cache.has(user.id)) cache.set(user.id, adminViewer(user));
    return cache.get(user.id)!;
  }

  async function resolve(ctx: Row): Promise<Viewer> {
    const strategy: string | undefined = ctx.state?.auth?.strategy?.name;
    if (strategy === 'admin') return adminViewerOf(ctx.state.user);
    if (strategy === 'api-token' || strategy === 'content-api-token') {
      const type = ctx.state.auth.credentials?.type;
      return { kind: 'all', bureauIds: [], canWrite: type !== 'read-only', via: 'token' };
    }
    const user = ctx.state?.user;
    if (strategy === 'users-permissions' && user) {
      const type = user.role?.type;
      if (type === BUREAU_ROLES.user.office) return { kind: 'all', bureauIds: [], canWrite: true, via: 'user' };
      if (type === BUREAU_ROLES.user.leader) return { kind: 'all', bureauIds: [], canWrite: false, via: 'user' };
      return ofBureaus(await userBureaus(user.id), 'user');
    }
    // a request nobody is signed in to (public routes, the login itself): fail closed
    return { kind: 'none', bureauIds: [], canWrite: false, via: 'public' };
  }

  /** The current request's viewer, looked up once per request; outside any request the platform itself. */
  function viewer(): Promise<Viewer> {
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (!ctx?.state) return Promise.resolve(SYSTEM);
    ctx.state[CACHE] ??= resolve(ctx);
    return ctx.state[CACHE];
  }

  const current = (given?: Viewer) => (given ? Promise.resolve(given) : viewer());

  /**
   * One relation path as a chain of Strapi's link tables only (`problems_project_lnk` → `problems_lead_bureau_lnk`),
   * selecting the ids at its start whose end is one of the bureaus; null when a step has no link table.
   */
  function linkChain(uid: string, path: string, bureauIds: number[]) {
    const knex = strapi.db.connection;
    const schema = strapi.db.getSchemaName?.();
    const table = (name: string, alias: string) => `${schema ? `${schema}.` : ''}${name} as ${alias}`;
    let model = uid;
    let query: any = null;
    let previous = '';
    for (const [step, relation] of path.split('.').entries()) {
      const attribute = strapi.db.metadata.get(model)?.attributes?.[relation] as Row | undefined;
      const link = attribute?.joinTable;
      if (!link) return null;
      const alias = `l${step}`;
      query = query
        ? query.join(table(link.name, alias), `${alias}.${link.joinColumn.name}`, previous)
        : knex.from(table(link.name, alias)).select(`${alias}.${link.joinColumn.name} as id`);
      previous = `${alias}.${link.inverseJoinColumn.name}`;
      model = attribute.target;
    }
    return query?.whereIn(previous, bureauIds) ?? null;
  }

  /**
   * The records of a type that one of the paths links to the bureaus, as one SQL subquery: the union of one
   * chain of link tables per path. Filters handed to Strapi thus stay one `id IN (…)` at every level, whatever
   * the populate depth, and the database does the work inside the same statement.
   */
  function inScope(uid: string, paths: string[], bureauIds: number[], opened: Opening[] = []) {
    const ctx = strapi.requestContext.get() as Row | undefined;
    const memo: Map<string, unknown> | undefined = ctx?.state ? (ctx.state[SUBQUERIES] ??= new Map()) : undefined;
    const key = `${uid}|${paths.join(',')}|${bureauIds.join(',')}|${opened.map((o) => `${o.uid}.${o.field}`).join(',')}`;
    if (!memo?.has(key)) memo?.set(key, buildInScope(uid, paths, bureauIds, opened));
    return memo ? memo.get(key) : buildInScope(uid, paths, bureauIds, opened);
  }

  type Opening = (typeof OPENINGS)[number];

  /** The records of a lead bureau's type link to through one relation (the projects its credit records name). */
  function openedIds({ uid, field }: Opening) {
    const link = (strapi.db.metadata.get(uid)?.attributes as Row | undefined)?.[field]?.joinTable;
    const schema = strapi.db.getSchemaName?.();
    return strapi.db.connection.from(`${schema ? `${schema}.` : ''}${link.name}`).select(`${link.inverseJoinColumn.name} as id`);
  }

  /** What the viewer's lead duties open of a type: relations of its lead types that point at it. */
  async function openingsFor(uid: string, who: Viewer): Promise<Opening[]> {
    const mine: Opening[] = [];
    for (const opening of OPENINGS) {
      // a lead type the policy names but this installation does not have (yet) opens nothing
      if (!strapi.db.metadata.has(opening.uid)) continue;
      const attribute = (strapi.db.metadata.get(opening.uid)?.attributes as Row | undefined)?.[opening.field];
      if (attribute?.target !== uid || !attribute.joinTable) continue;
      if (await leads(opening.lead, who)) mine.push(opening);
    }
    return mine;
  }

  /** Whether the viewer may link a relation of a type to records outside its scope (see `opens` in the policy). */
  async function opens(uid: string, field: string, who: Viewer): Promise<boolean> {
    if (who.kind !== 'bureau' || !OPENINGS.some((o) => o.uid === uid && o.field === field)) return false;
    return (await filterOf(uid, who, 'write')) === null;
  }

  function buildInScope(uid: string, paths: string[], bureauIds: number[], opened: Opening[] = []) {
    const [first, ...rest] = [
      ...paths.map(
        (path) =>
          linkChain(uid, path, bureauIds) ??
          // a path step without a link table: let Strapi's query builder join it
          (strapi.db as any).queryBuilder(uid).select(['id']).where(pathFilter(path, bureauIds)).getKnexQuery()
      ),
      ...opened.map(openedIds),
    ];
    // IN does not need the union deduplicated: UNION ALL spares the database a sort
    return rest.length ? first.unionAll(rest) : first;
  }

  /** The same records as an id list, for evaluators that test records in memory (admin RBAC conditions). */
  async function idsInScope(uid: string, paths: string[], bureauIds: number[], opened: Opening[] = []): Promise<number[]> {
    const rows: Row[] = await inScope(uid, paths, bureauIds, opened);
    return [...new Set(rows.map((row) => Number(row.id)))].sort((a, b) => a - b);
  }

  /**
   * The ids of the lead bureaus by code (a code without a bureau is absent): loaded once and kept, since every
   * bureau viewer's project read asks; a bureau written through this instance drops it (`forgetBureaus`).
   */
  const leadBureaus = databaseCache(strapi, async () => {
    const rows = await strapi.db.query(BUREAU).findMany({ where: { code: { $in: LEAD_CODES } }, select: ['id', 'code'] });
    return new Map(rows.map((row) => [row.code as string, Number(row.id)]));
  });

  const leads = async (code: string, who: Viewer) => {
    const id = (await leadBureaus.get()).get(code);
    return id !== undefined && who.bureauIds.includes(id);
  };

  type Form = 'subquery' | 'ids';

  async function filterOf(uid: string, who: Viewer, mode: 'read' | 'write', form: Form = 'subquery'): Promise<Filter | null> {
    const policy = policyOf(uid);
    if (mode === 'read') {
      if (!isScoped(uid) || who.kind === 'all') return null;
      if (who.kind === 'none') return MATCH_NOTHING;
    } else {
      // a type without a bureau (rules, calendar, users): permissions alone decide
      if (!policy) return null;
      if (!who.canWrite) return MATCH_NOTHING;
      if (who.kind === 'all') return null;
      if (who.kind === 'none' || policy.write === 'office') return MATCH_NOTHING;
    }
    const rule = mode === 'read' ? policy!.read : policy!.write;
    if (isLead(rule)) {
      // a lead bureau's own records: all of them for its people, none for anyone else's
      return (await leads(rule.lead, who)) ? null : MATCH_NOTHING;
    }
    const paths = rule as string[];
    const opened = mode === 'read' && OPENINGS.length ? await openingsFor(uid, who) : [];
    // stored scopes and remembered id lists, except inside a transaction: a write there may have moved them, and
    // is seen by the paths alone
    if (!strapi.db.inTransaction()) {
      const key = scopeKey(who.bureauIds, opened.map((o) => `${o.uid}.${o.field}`));
      const live = () => buildInScope(uid, paths, who.bureauIds, opened);
      const stored = mode === 'read' && policy!.precomputed;
      if (form === 'ids') {
        const ids = () => (stored ? sets.ids(uid, key, live) : idsInScope(uid, paths, who.bureauIds, opened));
        // a copy: the list is shared by every request of this generation
        return { id: { $in: [...(await sets.remember(`${uid}|${mode}|${key}`, ids))] } };
      }
      if (stored) return { id: { $in: (await sets.subquery(uid, key, live)).query } };
    }
    return { id: { $in: form === 'ids' ? await idsInScope(uid, paths, who.bureauIds, opened) : inScope(uid, paths, who.bureauIds, opened) } };
  }

  /** The filter that limits reads of a type to the viewer's records; null when nothing is hidden from them. */
  const readFilter = async (uid: string, given?: Viewer, form?: Form) => filterOf(uid, await current(given), 'read', form);

  /** The filter of the records of a type the viewer may change (matches nothing when it may change none). */
  const writeFilter = async (uid: string, given?: Viewer, form?: Form) => filterOf(uid, await current(given), 'write', form);

  /** Read filters of several types at once, for rewriting one query (populate and filters through relations). */
  async function readFilters(uids: Iterable<string>, given?: Viewer): Promise<Map<string, Filter | null>> {
    const who = await current(given);
    const unique = [...new Set(uids)];
    const filters = await Promise.all(unique.map((uid) => filterOf(uid, who, 'read')));
    return new Map(unique.map((uid, index) => [uid, filters[index]]));
  }

  /** Which of the referenced records of a type match a filter (all of them when the filter is null). */
  async function matching(uid: string, refs: Ref[], filter: Filter | null): Promise<{ found: Row[]; matched: Set<number> }> {
    const ids = refs.flatMap((ref) => (ref.id !== undefined ? [ref.id] : []));
    const documentIds = refs.flatMap((ref) => (ref.documentId !== undefined ? [ref.documentId] : []));
    const byRef = { $or: [{ id: { $in: ids } }, { documentId: { $in: documentIds } }] };
    const found = await strapi.db.query(uid).findMany({ where: byRef, select: ['id', 'documentId'] });
    if (!filter) return { found, matched: new Set(found.map((row) => row.id)) };
    const rows = await strapi.db.query(uid).findMany({ where: { $and: [byRef, filter] }, select: ['id'] });
    return { found, matched: new Set(rows.map((row) => row.id)) };
  }

  /** Whether every referenced record exists and matches the filter. */
  async function allMatch(uid: string, refs: Ref[], filter: Filter | null): Promise<boolean> {
    if (!refs.length) return true;
    const { found, matched } = await matching(uid, refs, filter);
    const known = (ref: Ref) => found.find((row) => (ref.id !== undefined ? row.id === ref.id : row.documentId === ref.documentId));
    return refs.every((ref) => {
      const row = known(ref);
      return !!row && matched.has(row.id);
    });
  }

  return {
    viewer,
    /** The stored scopes (moved on by the plugin's write middleware, started at bootstrap). */
    sets,
    readFilter,
    writeFilter,
    readFilters,
    models,

    /** May the viewer read these records of a type? (Unknown records count as unreadable.) */
    async canRead(uid: string, refs: Ref[], given?: Viewer) {
      return allMatch(uid, refs, await readFilter(uid, given));
    },

    /**
     * Whether the viewer may read no record of a type at all, whatever exists: a lead bureau's type for anyone but
     * its people, the office and leaders (an endpoint over the whole type refuses them rather than answering empty).
     */
    async readsNone(uid: string, given?: Viewer) {
      return (await readFilter(uid, given)) === MATCH_NOTHING;
    },

    /**
     * The fields held from the viewer, by type (see `held.ts`): none for the office, leaders and integrations;
     * for a bureau's people, those of the lead bureaus they do not belong to.
     */
    async heldFor(given?: Viewer): Promise<HeldFor> {
      const who = await current(given);
      if (who.kind === 'all') return () => undefined;
      const held = new Map<string, Set<string>>();
      for (const { uid, field, lead } of HELD_FIELDS) {
        if (await leads(lead, who)) continue;
        if (!held.has(uid)) held.set(uid, new Set());
        held.get(uid)!.add(field);
      }
      return (uid) => held.get(uid);
    },

    /** Whether the viewer may change no record of a type at all (a lead bureau's type for anyone else; leaders). */
    async writesNone(uid: string, given?: Viewer) {
      return (await writeFilter(uid, given)) === MATCH_NOTHING;
    },

    /** May the viewer change these records of a type? */
    async canWrite(uid: string, refs: Ref[], given?: Viewer) {
      return allMatch(uid, refs, await writeFilter(uid, given));
    },

    /** Whether these records of a type exist at all, whoever asks. */
    async exist(uid: string, refs: Ref[]) {
      return allMatch(uid, refs, null);
    },

    opens,

    /** Forgets the lead bureaus' ids after a bureau was written. */
    forgetBureaus: () => leadBureaus.invalidate(),

    /** Which of these record ids of a type the viewer may read (for endpoints that query the database directly). */
    async readableIds(uid: string, ids: number[], given?: Viewer): Promise<Set<number>> {
      if (!ids.length) return new Set();
      return (await matching(uid, ids.map((id) => ({ id })), await readFilter(uid, given))).matched;
    },

    /** An admin user's bureaus: null when they see all (office, leaders, super admins), [] when they belong nowhere. */
    async adminBureauIds(user: Row | undefined): Promise<number[] | null> {
      const who = await adminViewerOf(user);
      return who.kind === 'all' ? null : who.bureauIds;
    },

    adminViewerOf,

    membershipBureaus,
    userBureaus,
  };
};

export type ScopeService = ReturnType<typeof scope>;
export default scope;
