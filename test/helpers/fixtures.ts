import type { Response } from 'supertest';
import { checkCharacter } from '../../src/domain/credit-code';
import { fieldLabel } from '../../src/domain/labels';
import type { TestApp } from './strapi';

/**
 * Small helpers shared by the API test files: REST calls with the full-access token, counting, seeded bureaus,
 * valid credit codes and the check that a 400 names its field in Chinese and English.
 */

export type Json = Record<string, any>;

/** REST verbs with an Authorization header (the full-access API token unless another is given). */
export function rest(app: TestApp, authorization?: () => Promise<string>) {
  const auth = authorization ?? (() => app.token());
  return {
    get: async (url: string) => app.http().get(url).set('Authorization', await auth()),
    post: async (url: string, data: Json) => app.http().post(url).set('Authorization', await auth()).send({ data }),
    put: async (url: string, data: Json) => app.http().put(url).set('Authorization', await auth()).send({ data }),
    del: async (url: string) => app.http().delete(url).set('Authorization', await auth()),
  };
}

/** GET a file (.xlsx, .docx) as bytes in `res.body`: supertest would otherwise try to parse it. */
export function download(app: TestApp, url: string, authorization: string) {
  return app
    .http()
    .get(url)
    .set('Authorization', authorization)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

/** Creates a record through the REST API and returns its `data`; fails loudly if the API refuses. */
export async function create(app: TestApp, plural: string, data: Json): Promise<Json> {
  const res = await rest(app).post(`/api/${plural}`, data);
  if (res.status !== 201) throw new Error(`POST /api/${plural} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Updates a record through the REST API and returns its `data`; fails loudly if the API refuses. */
export async function update(app: TestApp, plural: string, documentId: string, data: Json): Promise<Json> {
  const res = await rest(app).put(`/api/${plural}/${documentId}`, data);
  if (res.status !== 200) throw new Error(`PUT /api/${plural}/${documentId} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** Reads one record through the REST API (null on 404). */
export async function read(app: TestApp, plural: string, documentId: string, query = ''): Promise<Json | null> {
  const res = await rest(app).get(`/api/${plural}/${documentId}${query ? `?${query}` : ''}`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`GET /api/${plural}/${documentId} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** How many records the REST API lists (pagination total), optionally filtered by a query string. */
export async function count(app: TestApp, plural: string, filters = ''): Promise<number> {
  const res = await rest(app).get(`/api/${plural}?pagination[pageSize]=1${filters ? `&${filters}` : ''}`);
  if (res.status !== 200) throw new Error(`GET /api/${plural} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.meta.pagination.total;
}

/** A seeded bureau by its code (see src/bootstrap/bureaus.ts). */
export async function bureau(app: TestApp, code: string): Promise<Json> {
  const res = await rest(app).get(`/api/bureaus?filters[code][$eq]=${encodeURIComponent(code)}`);
  const found = res.body.data?.[0];
  if (!found) throw new Error(`no bureau with code ${code}`);
  return found;
}

let serial = 0;
/** A unique suffix for names within one test file. */
export const unique = (prefix = '') => `${prefix}${Date.now().toString(36)}${(serial += 1)}`;

/** A valid 统一社会信用代码 (GB 32100-2015) for the n-th enterprise of a test: 9137130 2 + 9 digits + check. */
export function creditCode(n: number): string {
  const first17 = `91371302${String(n).padStart(9, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A project with sensible defaults. */
export const createProject = (app: TestApp, data: Json = {}) =>
  create(app, 'projects', { name: unique('测试项目-'), category: 'general', ...data });

/**
 * Asserts a rejected write: HTTP 400, a ValidationError whose message names the field by its Chinese label
 * (src/domain/labels.ts) and by its English API name.
 */
export function expectFieldError(res: Response, uid: string, field: string) {
  expect(res.status).toBe(400);
  expect(res.body.error?.name).toBe('ValidationError');
  const message: string = res.body.error.message;
  const label = fieldLabel(uid, field);
  expect(label).not.toBe(field); // the label really is a Chinese label
  expect(message).toContain(label);
  expect(message).toContain(field);
  // and in the platform's form "中文名（path.to.field）", the label naming this very field
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(message).toMatch(new RegExp(`${escape(label)}（([^）]*\\.)?${escape(field)}）`));
  return message;
}

/**
 * A users-permissions user with the `authenticated` role (not the office), allowed the given content-API
 * actions (e.g. `api::project.project.update`), belonging to the bureau of the given code (without one it
 * sees no scoped record), logged in through POST /api/auth/local.
 * Returns the `Authorization` header value of its JWT.
 */
export async function authenticatedUser(app: TestApp, actions: string[], bureauCode?: string): Promise<string> {
  const { strapi } = app;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!role) throw new Error('no authenticated role');
  for (const action of actions) {
    const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
    if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
  }
  const home = bureauCode ? await strapi.db.query('api::bureau.bureau').findOne({ where: { code: bureauCode } }) : null;
  if (bureauCode && !home) throw new Error(`no bureau with code ${bureauCode}`);
  const username = unique('town-user-');
  const password = 'Town-Password-2026';
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({ username, email: `${username}@test.local`, password, provider: 'local', confirmed: true, blocked: false, role: role.id, ...(home ? { bureau: home.id } : {}) });
  const login = await app.http().post('/api/auth/local').send({ identifier: username, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return `Bearer ${login.body.jwt}`;
}

/**
 * An admin-panel user with the given admin roles (ids), signed in through POST /admin/login.
 * Returns the `Authorization` header value of its session.
 */
export async function adminSession(app: TestApp, roles: number[], firstname = '测试'): Promise<string> {
  const email = `${unique('admin-')}@test.local`;
  const password = 'Admin-Password-2026';
  await app.strapi.service('admin::user').create({ email, firstname, lastname: '管理员', password, isActive: true, registrationToken: null, roles });
  const login = await app.http().post('/admin/login').send({ email, password });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return `Bearer ${login.body.data.token}`;
}
