import path from 'path';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from './database';
import { purgeRedisPrefix } from './services';

/**
 * Boots the real application in-process on a fresh database, with its HTTP server mounted for supertest.
 * One instance per test file: `const app = useStrapi();` at the top of a describe block.
 */
export interface TestApp {
  strapi: Core.Strapi;
  /** supertest agent on the mounted Koa server */
  http: () => request.Agent;
  /** A bearer header for an API token of the given type (created once per type). */
  token(type?: 'full-access' | 'read-only'): Promise<string>;
  /** A bearer header for an admin-panel session of a super admin (for `/content-manager/...`). */
  adminToken(): Promise<string>;
  database: TestDatabase;
}

const appDir = path.resolve(__dirname, '..', '..');

export async function startStrapi(): Promise<TestApp> {
  const database = await createTestDatabase();
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await strapi.load();
  strapi.server.mount();

  const tokens = new Map<string, string>();
  let admin: string | undefined;
  const app: TestApp = {
    strapi,
    database,
    http: () => request.agent(strapi.server.httpServer),
    async token(type = 'full-access') {
      if (!tokens.has(type)) {
        const created = await strapi
          .service('admin::api-token')
          .create({ name: `test-${type}-${Date.now()}`, type, lifespan: null, description: 'test' });
        tokens.set(type, `Bearer ${created.accessKey}`);
      }
      return tokens.get(type)!;
    },
    async adminToken() {
      if (!admin) admin = `Bearer ${await createSuperAdminSession(strapi)}`;
      return admin;
    },
  };
  return app;
}

async function createSuperAdminSession(strapi: Core.Strapi): Promise<string> {
  const email = `office-${Date.now()}@test.local`;
  const password = 'Test-Password-2026';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    firstname: '测试',
    lastname: '管理员',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const response = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.token;
}

/**
 * Waits until the database pool has been idle for a moment, so that background work a test set off (a listener's
 * write after a commit, a recomputation) finishes before the pool closes rather than failing the last test.
 */
async function quiesce(strapi: TestApp['strapi'], quietMs = 250, timeoutMs = 15000) {
  const pool = (strapi.db.connection as any).client?.pool;
  if (!pool?.numUsed) return;
  const until = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < until) {
    if (pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function stopStrapi(app: TestApp | undefined) {
  if (!app) return;
  await quiesce(app.strapi);
  // with REDIS_URL the deadline scheduler keeps its jobs in Redis under a prefix of this test's own database
  const queue = app.strapi.plugin('deadlines')?.service('scheduler').status() as { prefix: string | null } | undefined;
  const redis = process.env.REDIS_URL;
  await app.strapi.destroy();
  if (queue?.prefix && redis) await purgeRedisPrefix(redis, queue.prefix);
  await app.database.drop();
}

/** Starts the app before the file's tests and stops it after; the returned object fills in once started. */
export function useStrapi(): TestApp {
  const holder = {} as TestApp;
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startStrapi();
    Object.assign(holder, app);
  }, 120000);
  afterAll(async () => {
    await stopStrapi(app);
  }, 60000);
  return holder;
}
