import type { Core } from '@strapi/strapi';

/**
 * Who is behind the current write: the admin panel, a users-permissions user, an API token, or the
 * platform itself (bootstrap, scheduled jobs — no request). Record rules use it for the few decisions
 * reserved to the coordination office (going back a stage, reopening).
 */
export interface Actor {
  via: 'admin' | 'user' | 'token' | 'system';
  id?: number;
  /** The coordination office (or a trusted system path) may correct what others may not. */
  isOffice: boolean;
}

/** users-permissions role type and admin role code of the coordination office. */
export const OFFICE_ROLE = 'office';
const ADMIN_OFFICE_ROLE_CODES = ['strapi-super-admin', 'office'];

export function currentActor(strapi: Core.Strapi): Actor {
  const ctx = strapi.requestContext.get() as any;
  const strategy: string | undefined = ctx?.state?.auth?.strategy?.name;
  if (!ctx || !strategy) return { via: 'system', isOffice: true };
  if (strategy === 'admin') {
    const user = ctx.state.user;
    const roles: Array<{ code: string }> = user?.roles ?? [];
    return { via: 'admin', id: user?.id, isOffice: roles.some((role) => ADMIN_OFFICE_ROLE_CODES.includes(role.code)) };
  }
  if (strategy === 'content-api-token' || strategy === 'api-token') {
    const token = ctx.state.auth.credentials;
    return { via: 'token', id: token?.id, isOffice: token?.type === 'full-access' };
  }
  const user = ctx.state.user;
  return { via: 'user', id: user?.id, isOffice: user?.role?.type === OFFICE_ROLE };
}

/**
 * Runs `work` as the platform: outside the caller's request context, so what it writes is the system's write
 * (unscoped, `via: 'system'`), not the caller's — a warning raised by an indicator, a notice raised by an escalation,
 * a report sent upward.
 */
export const asPlatform = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  (strapi.requestContext.run as (store: unknown, cb: () => Promise<T>) => Promise<T>)(undefined, work);

/** Through which door a write came: the admin panel, the REST API, or the platform's own jobs (no request). */
export type WritePath = 'admin' | 'rest' | 'job';

/** An actor as the change history names it. */
export interface NamedActor extends Actor {
  /** 「管理员姓名（email）」, a REST user's username, an API token's name, or 系统任务 */
  name: string;
  path: WritePath;
}

export function namedActor(strapi: Core.Strapi): NamedActor {
  const ctx = strapi.requestContext.get() as any;
  const actor = currentActor(strapi);
  if (!ctx) return { ...actor, name: '系统任务', path: 'job' };
  const path: WritePath = ctx.state?.route?.info?.type === 'admin' ? 'admin' : 'rest';
  const user = ctx.state?.user;
  if (actor.via === 'admin') {
    const person = [user?.lastname, user?.firstname].filter(Boolean).join('') || user?.username || '';
    return { ...actor, name: person ? `${person}（${user?.email ?? ''}）` : (user?.email ?? '管理员'), path };
  }
  if (actor.via === 'token') return { ...actor, name: `API 令牌「${ctx.state.auth.credentials?.name ?? actor.id}」`, path };
  if (actor.via === 'user') return { ...actor, name: user?.username ?? user?.email ?? `用户 #${actor.id}`, path };
  // a request nobody is signed in to
  return { via: 'user', isOffice: false, name: '未登录访问', path };
}
