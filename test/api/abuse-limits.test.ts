import { bucketsFor, authRouteOf, rateLimitsFrom } from '../../src/utils/auth-rate-limit';
import { unique, type Json } from '../helpers/fixtures';
import { describeWithRedis, redisClient } from '../helpers/services';
import { useStrapi } from '../helpers/strapi';

/**
 * Sign-in and password-reset attempts are limited per account and per client address, whatever the spelling of the
 * path or the account, for the REST API and the admin panel; the counters are shared by every instance (Redis with
 * REDIS_URL, else the database). Also: the security headers, and the page size capped whatever is asked.
 *
 * A short window (12 s) so that the end of a window can be awaited; behind a proxy (IS_PROXIED=true) so that each
 * test comes from addresses of its own (X-Forwarded-For), except where the proxy is switched off.
 */
const WINDOW_SECONDS = 12;
process.env.AUTH_RATE_LIMIT_WINDOW_SECONDS = String(WINDOW_SECONDS);
process.env.AUTH_RATE_LIMIT_MAX = '5';
process.env.AUTH_RATE_LIMIT_IP_MAX = '20';
process.env.IS_PROXIED = 'true';

const PASSWORD = 'Right-Password-2026';
let ipSerial = 0;
const freshIp = () => `203.0.113.${(ipSerial += 1)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sign-in and password-reset rate limits', () => {
  const app = useStrapi();

  /** A users-permissions user (authenticated role) with a known e-mail and password. */
  async function upUser(): Promise<{ id: number; username: string; email: string }> {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const username = unique('limited-');
    const email = `${username}@test.local`;
    const user = await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username, email, password: PASSWORD, provider: 'local', confirmed: true, blocked: false, role: role.id });
    return { id: user.id, username, email };
  }

  const login = (path: string, body: Json, ip?: string, form = false) => {
    const request = app.http().post(path);
    if (ip) request.set('X-Forwarded-For', ip);
    return form ? request.type('form').send(body) : request.send(body);
  };

  const expectLimited = (res: any, zh: string, en: string) => {
    expect([res.status, res.body?.error?.name]).toEqual([429, 'RateLimitError']);
    expect(res.body.error.message).toContain(zh);
    expect(res.body.error.message).toContain(en);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  };

  it('reads the proxy setting: behind a proxy the client address comes from the last X-Forwarded-For entry', () => {
    expect(app.strapi.server.app.proxy).toBe(true);
    expect(app.strapi.server.app.maxIpsCount).toBe(1);
  });

  it('refuses the 6th wrong sign-in for one account whatever the spelling of path, account, field or body', async () => {
    const { email, username } = await upUser();
    const ip = freshIp();
    // which spellings reach the sign-in handler (a wrong password is a 400 there; 404/405 is no route): a trailing
    // slash and another case do; a percent-encoded or doubled slash path does not — all count the same
    const attempts: Array<[string, Json, boolean]> = [
      ['/api/auth/local', { identifier: email, password: 'wrong-1' }, false],
      ['/api/auth/local/', { identifier: ` ${email.toUpperCase()} `, password: 'wrong-2' }, false],
      ['/API/Auth/Local', { identifier: email.replace('l', 'ｌ'), password: 'wrong-3' }, false],
      ['/api/auth/%6Cocal', { identifier: email, password: 'wrong-4' }, true],
      ['/api/auth/local?lang=zh', { email, password: 'wrong-5' }, false],
    ];
    const reached: string[] = [];
    for (const [path, body, form] of attempts) {
      const res = await login(path, body, ip, form);
      expect([path, res.status]).not.toEqual([path, 429]);
      if (res.status === 400) reached.push(path);
    }
    // the router answers a trailing slash and another case as the same route
    expect(reached).toEqual(expect.arrayContaining(['/api/auth/local', '/api/auth/local/', '/API/Auth/Local']));

    for (const [path, body, form] of [
      ...attempts,
      ['//api//auth/local', { identifier: email, password: 'wrong' }, false] as [string, Json, boolean],
      ['/api/auth/local', { identifier: username, password: 'wrong' }, false] as [string, Json, boolean],
    ]) {
      expectLimited(await login(path, body, ip, form), '登录尝试过于频繁', 'Too many sign-in attempts');
    }
    // the user name of the same person counts as the same account
  });

  it('refuses the 6th wrong sign-in for one account from as many addresses, and a right one too until the window ends', async () => {
    const { email } = await upUser();
    for (let i = 0; i < 5; i += 1) expect((await login('/api/auth/local', { identifier: email, password: `wrong-${i}` }, freshIp())).status).toBe(400);
    expectLimited(await login('/api/auth/local', { identifier: email, password: 'wrong' }, freshIp()), '登录', 'sign-in');
    const right = await login('/api/auth/local', { identifier: email, password: PASSWORD }, freshIp());
    expectLimited(right, '登录', 'sign-in');
    await sleep(Number(right.headers['retry-after']) * 1000 + 500);
    const after = await login('/api/auth/local', { identifier: email, password: PASSWORD }, freshIp());
    expect(after.status).toBe(200);
    expect(after.body.jwt).toEqual(expect.any(String));
  }, 30000);

  it('does not count successful sign-ins: colleagues behind one address all get in', async () => {
    const ip = freshIp();
    const { email } = await upUser();
    for (let i = 0; i < 25; i += 1) expect((await login('/api/auth/local', { identifier: email, password: PASSWORD }, ip)).status).toBe(200);
  });

  it('refuses the 21st attempt from one address whatever accounts it tries, and whatever it writes into X-Forwarded-For itself', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      // the proxy appends the address it saw; what the client sent is to its left and not believed
      const forwarded = i % 2 ? `198.51.100.${i}, ${ip}` : ip;
      expect((await login('/api/auth/local', { identifier: `nobody-${i}@test.local`, password: 'x' }, forwarded)).status).toBe(400);
    }
    expectLimited(await login('/api/auth/local', { identifier: 'nobody-else@test.local', password: 'x' }, ip), '登录', 'sign-in');
    // another address is not affected
    expect((await login('/api/auth/local', { identifier: 'nobody-else@test.local', password: 'x' }, freshIp())).status).toBe(400);
  });

  it('without the proxy setting X-Forwarded-For is ignored: changing it does not make a new client', async () => {
    const server = app.strapi.server.app;
    server.proxy = false;
    try {
      // every attempt below comes from the test's own socket address, whatever header it sends
      for (let i = 0; i < 20; i += 1) {
        const res = await login('/api/auth/local', { identifier: `spray-${i}@test.local`, password: 'x' }, freshIp());
        expect(res.status).toBe(400);
      }
      expectLimited(await login('/api/auth/local', { identifier: 'spray-x@test.local', password: 'x' }, freshIp()), '登录', 'sign-in');
    } finally {
      server.proxy = true;
    }
  });

  it('limits password-reset requests per account and per address', async () => {
    const email = `${unique('reset-')}@test.local`;
    for (let i = 0; i < 5; i += 1) {
      const variant = [email, email.toUpperCase(), ` ${email}`, email.replace('r', 'ｒ'), email][i];
      const res = await login(i % 2 ? '/api/auth/forgot-password/' : '/api/auth/forgot-password', { email: variant }, freshIp(), i === 3);
      expect(res.status).not.toBe(429);
    }
    expectLimited(await login('/api/auth/forgot-password', { email }, freshIp()), '重置密码尝试过于频繁', 'Too many password-reset attempts');
    // the reset itself (its code is no account): per address
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      const res = await login('/api/auth/reset-password', { code: `bad-${i}`, password: 'New-Password-2026', passwordConfirmation: 'New-Password-2026' }, ip);
      expect(res.status).toBe(400);
    }
    expectLimited(await login('/api/auth/reset-password', { code: 'bad', password: 'x', passwordConfirmation: 'x' }, ip), '重置密码', 'password-reset');
  });

  it('limits the admin panel sign-in, password reset and registration the same way', async () => {
    const email = `${unique('office-')}@test.local`;
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    await app.strapi
      .service('admin::user')
      .create({ email, firstname: '限流', lastname: '测试', password: PASSWORD, isActive: true, registrationToken: null, roles: [superAdmin.id] });
    const spellings = [email, email.toUpperCase(), ` ${email} `, email.replace('o', 'ｏ'), email];
    for (let i = 0; i < 5; i += 1) {
      const res = await login(i === 2 ? '/admin/login/' : '/admin/login', { email: spellings[i], password: 'wrong' }, freshIp());
      expect(res.status).not.toBe(429);
    }
    expectLimited(await login('/Admin/Login', { email, password: PASSWORD }, freshIp()), '登录尝试过于频繁', 'Too many sign-in attempts');

    const other = `${unique('forgot-')}@test.local`;
    for (let i = 0; i < 5; i += 1) expect((await login('/admin/forgot-password', { email: i % 2 ? other.toUpperCase() : other }, freshIp())).status).not.toBe(429);
    expectLimited(await login('/admin/forgot-password', { email: other }, freshIp()), '重置密码', 'password-reset');

    // registering the first administrator (refused here: there is one) is counted too
    const newcomer = `${unique('first-')}@test.local`;
    for (let i = 0; i < 5; i += 1) {
      const res = await login(i % 2 ? '/admin/register-admin/' : '/admin/register-admin', { email: newcomer, password: PASSWORD, firstname: '新', lastname: '人' }, freshIp());
      expect(res.status).not.toBe(429);
    }
    expectLimited(await login('/admin/register-admin', { email: newcomer.toUpperCase(), password: PASSWORD, firstname: '新' }, freshIp()), '注册尝试过于频繁', 'Too many registration attempts');
  });

  describe('the counters are shared by every instance', () => {
    const limits = rateLimitsFrom({ accountMax: 5, ipMax: 20, windowSeconds: WINDOW_SECONDS });
    const accountKey = (user: { id: number; email: string }) =>
      bucketsFor(authRouteOf('POST', '/api/auth/local')!, '0.0.0.0', { identifier: user.email }, limits, user.id)[1].key;

    if (!process.env.REDIS_URL) {
      it('keeps them in the database without Redis: what another instance counted there counts here', async () => {
        const user = await upUser();
        const { email } = user;
        await login('/api/auth/local', { identifier: email, password: 'wrong' }, freshIp());
        const knex = app.strapi.db.connection;
        const row = await knex('auth_rate_limits').where({ bucket: accountKey(user) }).first();
        expect(Number(row.count)).toBe(1);
        // another instance on the same database counted four more
        await knex('auth_rate_limits').where({ bucket: accountKey(user) }).update({ count: 5 });
        expectLimited(await login('/api/auth/local', { identifier: email, password: PASSWORD }, freshIp()), '登录', 'sign-in');
      });
    }

    describeWithRedis('in Redis with REDIS_URL', () => {
      it('keeps them in Redis under the platform prefix: what another instance counted there counts here', async () => {
        const user = await upUser();
        const { email } = user;
        await login('/api/auth/local', { identifier: email, password: 'wrong' }, freshIp());
        const { prefix } = app.strapi.plugin('deadlines').service('scheduler').status() as { prefix: string };
        const key = `${prefix}:auth-rate-limit:${accountKey(user)}`;
        const client = redisClient(process.env.REDIS_URL!);
        try {
          expect(await client.get(key)).toBe('1');
          expect(await client.pttl(key)).toBeGreaterThan(0);
          // another instance sharing the Redis counted four more
          await client.incrby(key, 4);
          expectLimited(await login('/api/auth/local', { identifier: email, password: PASSWORD }, freshIp()), '登录', 'sign-in');
          expect(await app.strapi.db.connection.schema.hasTable('auth_rate_limits')).toBe(false);
        } finally {
          client.disconnect();
        }
      });
    });
  });

  describe('security headers and page size', () => {

    it('sends HSTS, a CSP, SAMEORIGIN framing, a referrer policy and nosniff on the API and the admin API', async () => {
      for (const path of ['/api/bureaus', '/admin/init']) {
        const res = await app.http().get(path).set('Authorization', await app.token());
        expect([path, res.status]).toEqual([path, 200]);
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("object-src 'none'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('serves at most 100 records a page whatever page size or limit is asked', async () => {
      for (let i = 0; i < 105; i += 1) await app.strapi.documents('api::expert.expert').create({ data: { name: `专家${i}` } as any });
      const get = async (query: string) => app.http().get(`/api/experts?${query}`).set('Authorization', await app.token());

      const page = await get('pagination[pageSize]=100000');
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBe(100);
      expect(page.body.meta.pagination).toMatchObject({ pageSize: 100, total: 105 });

      const limited = await get('pagination[limit]=100000');
      expect(limited.status).toBe(200);
      expect(limited.body.data.length).toBe(100);
      expect(limited.body.meta.pagination).toMatchObject({ limit: 100 });

      const negative = await get('pagination[limit]=-1');
      expect(negative.status).toBe(200);
      expect(negative.body.data.length).toBeLessThanOrEqual(100);

      // v4-style and foreign spellings: refused (strictParams) or not read as a page size at all
      expect((await get('_limit=100000')).status).toBe(400);
      expect((await get('pageSize=100000')).status).toBe(400);
      const topLevel = await get('limit=100000');
      expect([topLevel.status, topLevel.body.data.length]).toEqual([200, 25]);
      const twice = await get('pagination[pageSize]=100000&pagination[pageSize]=5');
      expect(twice.status).toBe(200);
      expect(twice.body.data.length).toBeLessThanOrEqual(100);
      const startLimit = await get('pagination[start]=0&pagination[limit]=100000');
      expect([startLimit.status, startLimit.body.data.length]).toEqual([200, 100]);
    });
  });
});
