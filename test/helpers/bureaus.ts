import type { Response } from 'supertest';
import type { Json } from './fixtures';
import { unique } from './fixtures';
import type { TestApp } from './strapi';

/**
 * Actors of the per-bureau scoping (plugin bureau-views, see src/plugins/bureau-views/README.md):
 * users-permissions users of the REST API and admin users of the admin panel, each with one of the four
 * roles the plugin seeds and (optionally) a bureau.
 */

export type RoleKind = 'office' | 'department' | 'town' | 'leader';

export const MEMBERSHIP = 'plugin::bureau-views.membership';
const UP_USER = 'plugin::users-permissions.user';
const UP_ROLE = 'plugin::users-permissions.role';

/** Something that sends authenticated requests. */
export interface Caller {
  label: string;
  authorization: string;
  get(url: string): Promise<Response>;
  /** REST: the body is wrapped as `{ data }`. */
  post(url: string, data: Json): Promise<Response>;
  put(url: string, data: Json): Promise<Response>;
  del(url: string): Promise<Response>;
}

export interface RestActor extends Caller {
  kind: RoleKind;
  bureau: Json | null;
  user: Json;
  jwt: string;
}

/** REST verbs for a given `Authorization` header value. */
export function restCaller(app: TestApp, label: string, authorization: string): Caller {
  return {
    label,
    authorization,
    get: (url) => app.http().get(url).set('Authorization', authorization),
    post: (url, data) => app.http().post(url).set('Authorization', authorization).send({ data }),
    put: (url, data) => app.http().put(url).set('Authorization', authorization).send({ data }),
    del: (url) => app.http().delete(url).set('Authorization', authorization),
  };
}

/** The users-permissions role of a type; the four workflow roles are seeded by bureau-views. */
export async function upRole(app: TestApp, kind: RoleKind): Promise<Json> {
  const role = await app.strapi.db.query(UP_ROLE).findOne({ where: { type: kind } });
  if (!role) throw new Error(`no users-permissions role of type "${kind}" (bureau-views seeds office, department, town, leader)`);
  return role;
}

/**
 * A users-permissions user of a role type with a bureau (or none), created as the platform (password hashed by
 * the service) and logged in through POST /api/auth/local.
 */
export async function restActor(app: TestApp, kind: RoleKind, bureau: Json | null, label: string = kind): Promise<RestActor> {
  const role = await upRole(app, kind);
  const username = unique(`${kind}-`);
  const email = `${username}@test.local`;
  const password = 'Bureau-Password-2026';
  const data: Json = { username, email, password, provider: 'local', confirmed: true, blocked: false, role: role.id };
  if (bureau) data.bureau = bureau.documentId;
  const user = await app.strapi.plugin('users-permissions').service('user').add(data);
  const login = await app.http().post('/api/auth/local').send({ identifier: email, password });
  if (login.status !== 200) throw new Error(`login of ${label} failed: ${login.status} ${JSON.stringify(login.body)}`);
  const stored = await app.strapi.db.query(UP_USER).findOne({ where: { id: user.id }, populate: ['bureau', 'role'] });
  if (bureau && stored?.bureau?.id !== bureau.id) throw new Error(`${label}: the user's bureau was not stored`);
  const jwt: string = login.body.jwt;
  return { ...restCaller(app, label, `Bearer ${jwt}`), kind, bureau, user: stored, jwt };
}

/** An admin user of the admin panel (`/content-manager/...`) with a membership. */
export interface AdminActor {
  label: string;
  kind: RoleKind;
  bureau: Json | null;
  user: Json;
  email: string;
  authorization: string;
  get(url: string): Promise<Response>;
  post(url: string, body?: Json): Promise<Response>;
  put(url: string, body?: Json): Promise<Response>;
  del(url: string): Promise<Response>;
  /** GET /content-manager/collection-types/:uid?page=1&pageSize=100 → `{ results, pagination: { total } }` */
  list(uid: string, query?: string): Promise<Response>;
  /** GET /content-manager/collection-types/:uid/:documentId → `{ data }` */
  findOne(uid: string, documentId: string, query?: string): Promise<Response>;
  create(uid: string, body: Json): Promise<Response>;
  update(uid: string, documentId: string, body: Json): Promise<Response>;
  remove(uid: string, documentId: string): Promise<Response>;
  bulkDelete(uid: string, documentIds: string[]): Promise<Response>;
  /** Relation picker: GET /content-manager/relations/:uid/:field (records one could connect). */
  available(uid: string, field: string, query?: string): Promise<Response>;
  /** Edit view: GET /content-manager/relations/:uid/:documentId/:field (records connected). */
  existing(uid: string, documentId: string, field: string, query?: string): Promise<Response>;
}

export async function adminRole(app: TestApp, code: RoleKind): Promise<Json> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code } });
  if (!role) throw new Error(`no admin role with code "${code}" (bureau-views seeds office, department, town, leader)`);
  return role;
}

/** Logs an admin user in through POST /admin/login and returns the bearer header. */
export async function adminLogin(app: TestApp, email: string, password: string): Promise<string> {
  const response = await app.http().post('/admin/login').send({ email, password });
  if (response.status !== 200) throw new Error(`admin login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return `Bearer ${response.body.data.token}`;
}

/**
 * An admin user with the admin role of a code and, when a bureau is given, a membership
 * `plugin::bureau-views.membership` { user, bureau } created as the platform. Each gets its own e-mail
 * (the login route is rate limited per e-mail).
 */
export async function adminActor(app: TestApp, kind: RoleKind, bureau: Json | null, label: string = `${kind} admin`): Promise<AdminActor> {
  const { strapi } = app;
  const role = await adminRole(app, kind);
  const email = `${unique(`admin-${kind}-`)}@test.local`;
  const password = 'Admin-Password-2026';
  const user = await strapi.service('admin::user').create({
    email,
    firstname: label,
    lastname: '测试',
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  if (bureau) {
    await strapi.documents(MEMBERSHIP as any).create({ data: { user: user.id, bureau: bureau.documentId } as any });
  }
  const authorization = await adminLogin(app, email, password);
  const send = (request: any, body?: Json) => (body === undefined ? request : request.send(body));
  const get = (url: string) => app.http().get(url).set('Authorization', authorization);
  const post = (url: string, body?: Json) => send(app.http().post(url).set('Authorization', authorization), body);
  const put = (url: string, body?: Json) => send(app.http().put(url).set('Authorization', authorization), body);
  const del = (url: string) => app.http().delete(url).set('Authorization', authorization);
  const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
  const withQuery = (base: string, query?: string) => (query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base);
  return {
    label,
    kind,
    bureau,
    user,
    email,
    authorization,
    get,
    post,
    put,
    del,
    list: (uid, query) => get(withQuery(`${cm(uid)}?page=1&pageSize=100`, query)),
    findOne: (uid, documentId, query) => get(withQuery(`${cm(uid)}/${documentId}`, query)),
    create: (uid, body) => post(cm(uid), body),
    update: (uid, documentId, body) => put(`${cm(uid)}/${documentId}`, body),
    remove: (uid, documentId) => del(`${cm(uid)}/${documentId}`),
    bulkDelete: (uid, documentIds) => post(`${cm(uid)}/actions/bulkDelete`, { documentIds }),
    available: (uid, field, query) => get(withQuery(`/content-manager/relations/${uid}/${field}?pageSize=100`, query)),
    existing: (uid, documentId, field, query) =>
      get(withQuery(`/content-manager/relations/${uid}/${documentId}/${field}?pageSize=100`, query)),
  };
}

/** The documentIds of a list response (REST `data` or content-manager `results`). */
export function idsOf(body: Json): string[] {
  const rows: Json[] = Array.isArray(body) ? body : (body?.data ?? body?.results ?? []);
  return rows.map((row) => row.documentId).sort();
}

/** The pagination total of a list response (REST `meta.pagination` or content-manager `pagination`). */
export function totalOf(body: Json): number | undefined {
  return body?.meta?.pagination?.total ?? body?.pagination?.total;
}

export const sorted = (ids: Iterable<string>) => [...ids].sort();
