import { useStrapi } from '../helpers/strapi';

/**
 * With REDIS_URL set but Redis unreachable (nothing listens on the port), sign-ins are still answered at once and
 * still limited: the counters go to the database table until Redis answers again.
 */
process.env.REDIS_URL = 'redis://127.0.0.1:1';
process.env.AUTH_RATE_LIMIT_MAX = '5';

describe('sign-in limits while Redis is unreachable', () => {
  const app = useStrapi();

  it('counts in the database instead, and refuses the 6th wrong sign-in for one account', async () => {
    expect(app.strapi.plugin('deadlines').service('scheduler').status()).toMatchObject({ backend: 'bull' });
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const email = `redis-down-${Date.now()}@test.local`;
    await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: email, email, password: 'Right-Password-2026', provider: 'local', confirmed: true, blocked: false, role: role.id });

    const began = Date.now();
    for (let i = 0; i < 5; i += 1) {
      const res = await app.http().post('/api/auth/local').send({ identifier: email, password: `wrong-${i}` });
      expect(res.status).toBe(400);
    }
    const refused = await app.http().post('/api/auth/local').send({ identifier: email, password: 'Right-Password-2026' });
    expect([refused.status, refused.body.error.name]).toEqual([429, 'RateLimitError']);
    expect(refused.body.error.message).toContain('登录尝试过于频繁');
    // no attempt waited for Redis (each would have taken a second or more)
    expect(Date.now() - began).toBeLessThan(6000);
    const rows = await app.strapi.db.connection('auth_rate_limits').where('bucket', 'like', 'api:login:account:%');
    expect(rows.map((row: any) => Number(row.count))).toEqual([6]);
  });
});
