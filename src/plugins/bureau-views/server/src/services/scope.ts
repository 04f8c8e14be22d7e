import type { Core } from '@strapi/strapi';
import { isScoped, policyOf } from '../scope/policy';
import { anyPathFilter, MATCH_NOTHING, type Filter, type Models, type Ref } from '../scope/query';
import { BUREAU_ROLES, MEMBERSHIP, USER } from '../uids';

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

type Row = Record<string, any>;

const scope = ({ strapi }: { strapi: Core.Strapi }) => {
  const models: Models = (uid) => strapi.getModel(uid as any) as any;

  /** The bureaus of an admin user, from the membership the office keeps (人员归属). */
  async function membershipBureaus(userId: number | undefined): Promise<number[]> {
    if (!userId) return [];
    const rows = await strapi.db.query(MEMBERSHIP).findMany({ where: { user: { id: userId } }, populate: { bureau: { select: ['id'] } } });
    return rows.map((row) => row.bureau?.id).filter((id): id is number => typeof id === 'number');
  }

  /** The bureau of a users-permissions user (the authenticated user object carries only its role). */
  async function userBureaus(userId: number | undefined): Promise<number[]> {
    if (!userId) return [];
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

  async function resolve(ctx: Row): Promise<Viewer> {
    const strategy: string | undefined = ctx.state?.auth?.strategy?.name;
    if (strategy === 'admin') return adminViewer(ctx.state.user);
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

  /** The filter that limits reads of a type to the viewer's records; null when nothing is hidden from them. */
  async function readFilter(uid: string, given?: Viewer): Promise<Filter | null> {
    const who = await current(given);
    return readFilterOf(uid, who);
  }

  function readFilterOf(uid: string, who: Viewer): Filter | null {
    if (!isScoped(uid) || who.kind === 'all') return null;
    if (who.kind === 'none') return MATCH_NOTHING;
    return anyPathFilter(policyOf(uid)!.read as string[], who.bureauIds);
  }

  /** The filter of the records of a type the viewer may change (MATCH_NOTHING when it may change none). */
  function writeFilterOf(uid: string, who: Viewer): Filter | null {
    if (!who.canWrite) return MATCH_NOTHING;
    if (who.kind === 'all') return null;
    const policy = policyOf(uid);
    if (!policy) return null;
    if (who.kind === 'none' || policy.write === 'office') return MATCH_NOTHING;
    return anyPathFilter(policy.write, who.bureauIds);
  }

  async function writeFilter(uid: string, given?: Viewer): Promise<Filter | null> {
    return writeFilterOf(uid, await current(given));
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
    readFilter,
    writeFilter,
    readFilterOf,
    writeFilterOf,
    models,

    /** May the viewer read these records of a type? (Unknown records count as unreadable.) */
    async canRead(uid: string, refs: Ref[], given?: Viewer) {
      return allMatch(uid, refs, await readFilter(uid, given));
    },

    /** May the viewer change these records of a type? */
    async canWrite(uid: string, refs: Ref[], given?: Viewer) {
      return allMatch(uid, refs, await writeFilter(uid, given));
    },

    /** Which of these record ids of a type the viewer may read (for endpoints that query the database directly). */
    async readableIds(uid: string, ids: number[], given?: Viewer): Promise<Set<number>> {
      if (!ids.length) return new Set();
      return (await matching(uid, ids.map((id) => ({ id })), await readFilter(uid, given))).matched;
    },

    /** An admin user's bureaus: null when they see all (office, leaders, super admins), [] when they belong nowhere. */
    async adminBureauIds(user: Row | undefined): Promise<number[] | null> {
      const who = await adminViewer(user);
      return who.kind === 'all' ? null : who.bureauIds;
    },

    membershipBureaus,
    userBureaus,
  };
};

export type ScopeService = ReturnType<typeof scope>;
export default scope;
