import crypto from 'crypto';
import qs from 'qs';
import { useStrapi } from '../helpers/strapi';
import type { Json } from '../helpers/fixtures';
import { type AdminActor, adminActor, idsOf, restActor, restCaller, type RestActor, totalOf } from '../helpers/bureaus';
import { buildWorld, describeIds, leakedRecords, leakedSecrets, TYPE, TYPE_KEYS, type World } from '../helpers/bureau-world';

/**
 * Attempts to get around bureau-views: forged or expired tokens, and private fields of users and admin users
 * (password hashes, reset tokens, e-mails) reached through fields, populate or filters.
 */
describe('bureau-views: forged tokens and private fields', () => {
  const app = useStrapi();
  let world: World;
  let d1: RestActor;
  let t1: RestActor;
  let office: RestActor;
  let d1Admin: AdminActor;

  beforeAll(async () => {
    world = await buildWorld(app);
    d1 = await restActor(app, 'department', world.bureaus.D1, 'D1');
    t1 = await restActor(app, 'town', world.bureaus.T1, 'T1');
    office = await restActor(app, 'office', world.bureaus.office, 'office');
    d1Admin = await adminActor(app, 'department', world.bureaus.D1, 'D1');
  }, 120000);

  const b64 = (value: Json | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  const sign = (header: Json, payload: Json, key: string) => {
    const body = `${b64(header)}.${b64(payload)}`;
    return `${body}.${crypto.createHmac('sha256', key).update(body).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);
  const secret = () => app.strapi.config.get('plugin::users-permissions.jwtSecret') as string;
  const projects = (token: string) => restCaller(app, 'forged', `Bearer ${token}`).get('/api/projects?pagination[pageSize]=100');

  describe('JWT tampering on the REST API', () => {
    it('the genuine token of a department user reads its projects (control)', async () => {
      const res = await projects(d1.jwt);
      expect(res.status).toBe(200);
      expect(describeIds(world, idsOf(res.body))).toEqual(describeIds(world, world.visible.D1.project));
    });

    it('a token re-signed with the real secret for the same user is accepted (control for the forgeries below)', async () => {
      const res = await projects(sign({ alg: 'HS256', typ: 'JWT' }, { id: d1.user.id, iat: now(), exp: now() + 600 }, secret()));
      expect(res.status).toBe(200);
      expect(describeIds(world, idsOf(res.body))).toEqual(describeIds(world, world.visible.D1.project));
    });

    it('the same payload with alg "none" and no signature is refused (401)', async () => {
      const [, payload] = d1.jwt.split('.');
      for (const token of [`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`, `${b64({ alg: 'none' })}.${payload}`, `${b64({ alg: 'NONE', typ: 'JWT' })}.${payload}.`]) {
        const res = await projects(token);
        expect({ token, status: res.status }).toEqual({ token, status: 401 });
        expect(res.body?.data ?? null).toBeNull();
      }
    });

    it('alg "none" claiming the office user’s id is refused (401)', async () => {
      const payload = { ...decode(d1.jwt), id: office.user.id };
      const res = await projects(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`);
      expect(res.status).toBe(401);
    });

    it('a token signed with another key is refused (401), for the same user and for the office user', async () => {
      const other = crypto.randomBytes(32).toString('base64');
      for (const id of [d1.user.id, office.user.id]) {
        const res = await projects(sign({ alg: 'HS256', typ: 'JWT' }, { ...decode(d1.jwt), id }, other));
        expect({ id, status: res.status }).toEqual({ id, status: 401 });
      }
    });

    it('the genuine token with its payload changed to the office user’s id is refused (401)', async () => {
      const [header, , signature] = d1.jwt.split('.');
      const res = await projects(`${header}.${b64({ ...decode(d1.jwt), id: office.user.id })}.${signature}`);
      expect(res.status).toBe(401);
    });

    it('an expired token signed with the real secret is refused (401)', async () => {
      const res = await projects(sign({ alg: 'HS256', typ: 'JWT' }, { id: d1.user.id, iat: now() - 8 * 86400, exp: now() - 60 }, secret()));
      expect(res.status).toBe(401);
    });

    it('a token signed with HS512 or HS384 by the real secret is refused (401)', async () => {
      for (const [alg, hash] of [['HS512', 'sha512'], ['HS384', 'sha384']]) {
        const body = `${b64({ alg, typ: 'JWT' })}.${b64({ id: d1.user.id, iat: now(), exp: now() + 600 })}`;
        const token = `${body}.${crypto.createHmac(hash, secret()).update(body).digest('base64url')}`;
        expect({ alg, status: (await projects(token)).status }).toEqual({ alg, status: 401 });
      }
    });
  });

  describe('JWT tampering on the admin panel', () => {
    const me = (authorization: string) => app.http().get('/admin/users/me').set('Authorization', authorization);

    it('a department admin’s genuine token is accepted (control), a forged one is refused (401)', async () => {
      const genuine = await me(d1Admin.authorization);
      expect(genuine.status).toBe(200);
      expect(genuine.body.data.email).toBe(d1Admin.email);
      const token = d1Admin.authorization.replace(/^Bearer /, '');
      const [header, payload, signature] = token.split('.');
      const forgeries = {
        'alg none': `${b64({ ...JSON.parse(Buffer.from(header, 'base64url').toString()), alg: 'none' })}.${payload}.`,
        'other key': sign(JSON.parse(Buffer.from(header, 'base64url').toString()), decode(token), crypto.randomBytes(32).toString('hex')),
        'changed payload': `${header}.${b64({ ...decode(token), userId: '1', id: 1 })}.${signature}`,
        'users-permissions token': d1.jwt,
      };
      const statuses = Object.fromEntries(
        await Promise.all(Object.entries(forgeries).map(async ([name, forged]) => [name, (await me(`Bearer ${forged}`)).status]))
      );
      expect(statuses).toEqual(Object.fromEntries(Object.keys(forgeries).map((name) => [name, 401])));
    });
  });

  describe('private fields of users and admin users', () => {
    /** A probe is fine if it is refused (400/403), or answers exactly like the same request without the probe. */
    async function expectNoOracle(caller: RestActor, base: string, probes: string[]) {
      const plain = await caller.get(base);
      for (const probe of probes) {
        const res = await caller.get(`${base}${base.includes('?') ? '&' : '?'}${probe}`);
        expect({ probe, secrets: leakedSecrets(world, res.body) }).toEqual({ probe, secrets: [] });
        if ([400, 403].includes(res.status)) continue;
        expect({ probe, status: res.status, ids: idsOf(res.body), total: totalOf(res.body) }).toEqual({
          probe,
          status: plain.status,
          ids: idsOf(plain.body),
          total: totalOf(plain.body),
        });
      }
    }

    it.each(['department', 'town', 'office'] as const)('a %s user cannot select, populate or filter on createdBy, updatedBy or password', async (who) => {
      const caller = { department: d1, town: t1, office }[who];
      for (const type of TYPE_KEYS) {
        const base = `/api/${TYPE[type].plural}?pagination[pageSize]=100`;
        await expectNoOracle(caller, base, [
          'fields[0]=password',
          'fields[0]=resetPasswordToken',
          'populate=createdBy',
          'populate[updatedBy]=true',
          'populate[createdBy][fields][0]=email&populate[createdBy][fields][1]=password',
          'populate[0]=createdBy.roles',
          `filters[createdBy][email][$startsWith]=${encodeURIComponent(world.author.email.slice(0, 3))}`,
          'filters[updatedBy][password][$startsWith]=%242',
          'filters[createdBy][resetPasswordToken][$null]=false',
          'filters[$or][0][createdBy][id][$eq]=1&filters[$or][1][id][$gt]=0',
        ]);
      }
    });

    it('hidden bookkeeping fields cannot be used as an oracle', async () => {
      const secretKey = world.r.PA2;
      await expectNoOracle(d1, '/api/opinions?pagination[pageSize]=100', [
        `filters[assignmentKey][$startsWith]=${secretKey}`,
        'fields[0]=assignmentKey',
        'sort=assignmentKey:asc',
      ]);
      await expectNoOracle(t1, '/api/monthly-reports?pagination[pageSize]=100', [`filters[bureauPeriodKey][$contains]=${world.bureaus.T2.documentId}`]);
    });

    it('populate=* on every type shows no password hash, reset token or admin e-mail, and no record outside the scope', async () => {
      for (const type of TYPE_KEYS) {
        for (const query of ['populate=*', 'populate[0]=*', 'populate[createdBy]=*']) {
          const res = await d1.get(`/api/${TYPE[type].plural}?${query}`);
          const privateKeys = (JSON.stringify(res.body).match(/"(assignmentKey|bureauPeriodKey|projectPeriodKey)":/g) ?? []).sort();
          expect({ type, query, secrets: leakedSecrets(world, res.body), leaks: leakedRecords(world, 'D1', res.body), privateKeys }).toEqual({
            type,
            query,
            secrets: [],
            leaks: [],
            privateKeys: [],
          });
        }
      }
    });

    it('a user’s own profile and the users list show no private field, and cannot be filtered on one', async () => {
      const me = await d1.get('/api/users/me');
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(d1.user.id);
      expect(leakedSecrets(world, me.body)).toEqual([]);
      for (const url of ['/api/users', `/api/users/${office.user.id}`, '/api/users/me?populate=*', '/api/users-permissions/roles']) {
        const res = await d1.get(url);
        expect({ url, secrets: leakedSecrets(world, res.body), serverError: res.status >= 500 }).toEqual({ url, secrets: [], serverError: false });
      }
      await expectNoOracle(d1, '/api/users', [
        qs.stringify({ filters: { resetPasswordToken: { $eq: world.resetToken } } }),
        qs.stringify({ filters: { password: { $startsWith: '$2a$' } } }),
        qs.stringify({ filters: { confirmationToken: { $null: true } } }),
        'fields[0]=password',
        'populate[role][populate]=*',
      ]);
    });

    it('a department user cannot create or edit users-permissions roles (403)', async () => {
      const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'department' } });
      const before = await app.strapi.db.query('plugin::users-permissions.permission').count();
      const attempts = {
        create: (await app.http().post('/api/users-permissions/roles').set('Authorization', d1.authorization).send({ name: '越权', description: 'x', permissions: {} })).status,
        edit: (await app.http().put(`/api/users-permissions/roles/${role.id}`).set('Authorization', d1.authorization).send({ name: '越权', description: 'x', permissions: {} })).status,
      };
      expect(attempts).toEqual({ create: 403, edit: 403 });
      expect(await app.strapi.db.query('plugin::users-permissions.permission').count()).toBe(before);
      expect((await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { id: role.id } })).name).toBe(role.name);
    });

    it('the admin panel lists and edit views of a department admin carry no password hash or reset token', async () => {
      const found: Json = {};
      for (const type of TYPE_KEYS) {
        const res = await d1Admin.list(TYPE[type].uid);
        const one = await d1Admin.findOne(TYPE[type].uid, [...world.visible.D1[type]].sort()[0]);
        const text = JSON.stringify([res.body, one.body]);
        found[type] = { list: res.status, editView: one.status, hash: /\$2[aby]\$\d\d\$/.test(text), reset: text.includes(world.resetToken) };
      }
      expect(found).toEqual(Object.fromEntries(TYPE_KEYS.map((type) => [type, { list: 200, editView: 200, hash: false, reset: false }])));
    });
  });
});
