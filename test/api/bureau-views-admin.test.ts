import qs from 'qs';
import { useStrapi } from '../helpers/strapi';
import type { Json } from '../helpers/fixtures';
import { type AdminActor, adminActor, idsOf, MEMBERSHIP, totalOf } from '../helpers/bureaus';
import {
  buildWorld,
  describeIds,
  expectedRelated,
  filterProbes,
  KIND_OF,
  leakedRecords,
  PEER,
  platformRelated,
  platformRow,
  probeExpectation,
  RIGHTS,
  SCOPED,
  type ScopedKey,
  scopedRelations,
  targetsOutsideWriteScope,
  TYPE,
  TYPE_KEYS,
  type TypeKey,
  type World,
} from '../helpers/bureau-world';

/**
 * bureau-views in the admin panel (content manager), as admin users with the seeded admin roles and a
 * membership: the same scope as the REST API on lists, totals, edit views, relation counts, relation pickers
 * and writes; department and town admins reach no settings; leaders read everything and write nothing.
 */
describe('bureau-views: the admin panel (content manager)', () => {
  const app = useStrapi();
  let world: World;
  const admins = {} as Record<ScopedKey | 'office' | 'leader' | 'nomember', AdminActor>;
  const MISSING = 'nosuchdocumentid000000000';

  beforeAll(async () => {
    world = await buildWorld(app);
    admins.D1 = await adminActor(app, 'department', world.bureaus.D1, 'D1');
    admins.D2 = await adminActor(app, 'department', world.bureaus.D2, 'D2');
    admins.T1 = await adminActor(app, 'town', world.bureaus.T1, 'T1');
    admins.T2 = await adminActor(app, 'town', world.bureaus.T2, 'T2');
    admins.office = await adminActor(app, 'office', world.bureaus.office, 'office');
    admins.leader = await adminActor(app, 'leader', world.bureaus.office, 'leader');
    admins.nomember = await adminActor(app, 'department', null, 'department admin without a membership');
  }, 120000);

  const uid = (type: TypeKey) => TYPE[type].uid;
  const names = (ids: Iterable<string>) => describeIds(world, ids);
  const name = (id: string) => names([id])[0];

  function expectExactly(res: Json, expected: Iterable<string>) {
    expect({ status: res.status, error: res.body?.error?.message }).toEqual({ status: 200, error: undefined });
    const wanted = [...expected];
    expect(names(idsOf(res.body))).toEqual(names(wanted));
    expect(totalOf(res.body)).toBe(wanted.length);
  }
  const snapshot = async (type: TypeKey, id: string) => {
    const row = await platformRow(app, type, id);
    if (!row) return null;
    return { [TYPE[type].editable]: row[TYPE[type].editable], updatedAt: String(row.updatedAt) };
  };
  const count = (type: TypeKey) => app.strapi.db.query(uid(type) as any).count();
  const marker = (type: TypeKey) => ({ [TYPE[type].editable]: `篡改-${type}-${Date.now()}` });
  const connect = (documentId: string) => ({ connect: [{ documentId }], disconnect: [] });

  describe.each(SCOPED)('an admin of bureau %s', (who) => {
    const kind = KIND_OF[who];

    it.each(TYPE_KEYS)('lists exactly the %s records of its scope, with a matching pagination total', async (type) => {
      const res = await admins[who].list(uid(type));
      expectExactly(res, world.visible[who][type]);
      expect(leakedRecords(world, who, res.body)).toEqual([]);
    });

    it.each(TYPE_KEYS)('opens each %s record of its scope, and gets 404 for every other one', async (type) => {
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const id of world.all[type]) {
        const res = await admins[who].findOne(uid(type), id);
        seen[name(id)] = res.status;
        wanted[name(id)] = world.visible[who][type].has(id) ? 200 : 404;
        expect(leakedRecords(world, who, res.body)).toEqual([]);
      }
      expect(seen).toEqual(wanted);
    });

    it.each(TYPE_KEYS)('%s: no filter on whose the record is changes the list or total beyond its own records', async (type) => {
      const failures: string[] = [];
      for (const probe of filterProbes(world, who, type)) {
        const expected = await probeExpectation(app, world, who, type, probe);
        const res = await admins[who].list(uid(type), qs.stringify({ filters: probe.filters }, { encodeValuesOnly: true }));
        const got = res.status === 200 ? names(idsOf(res.body)) : [`HTTP ${res.status}`];
        const total = res.body?.pagination?.total;
        if (JSON.stringify(got) !== JSON.stringify(names(expected)) || total !== expected.size) {
          failures.push(`${probe.name}: got ${JSON.stringify(got)} (total ${total}), expected ${JSON.stringify(names(expected))}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it.each(TYPE_KEYS)('%s: relation counts and related records in the list and the edit view count only records it may read', async (type) => {
      const failures: string[] = [];
      const relations = scopedRelations(app, type);
      const listed = await admins[who].list(uid(type));
      if (listed.status !== 200) failures.push(`list: HTTP ${listed.status} ${listed.body?.error?.message ?? ''}`);
      const check = async (where: string, record: Json) => {
        for (const { field, target } of relations) {
          if (!(field in record)) continue;
          const expected = await expectedRelated(app, world, who, type, record.documentId, field, target);
          const value = record[field];
          const got =
            value && typeof value.count === 'number'
              ? { count: value.count }
              : { ids: (Array.isArray(value) ? value : value ? [value] : []).map((item: Json) => item.documentId).sort() };
          const want = 'count' in got ? { count: expected.length } : { ids: expected };
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            failures.push(`${where} ${name(record.documentId)}.${field}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
          }
        }
      };
      for (const record of (listed.body?.results ?? []) as Json[]) await check('list', record);
      for (const id of world.visible[who][type]) {
        const one = await admins[who].findOne(uid(type), id);
        if (one.status === 200) await check('edit view', one.body.data);
      }
      expect(failures).toEqual([]);
    });

    it.each(TYPE_KEYS)('%s: the edit view’s related records are only those it may read', async (type) => {
      const failures: string[] = [];
      for (const id of world.visible[who][type]) {
        for (const { field, target } of scopedRelations(app, type)) {
          const res = await admins[who].existing(uid(type), id, field);
          for (const leak of leakedRecords(world, who, res.body)) failures.push(`${name(id)}.${field} shows ${leak}`);
          if (res.status !== 200) {
            failures.push(`${name(id)}.${field}: HTTP ${res.status}`);
            continue;
          }
          const expected = await expectedRelated(app, world, who, type, id, field, target);
          const got = idsOf(res.body);
          if (JSON.stringify(got) !== JSON.stringify(expected) || totalOf(res.body) !== expected.length) {
            failures.push(`${name(id)}.${field}: ${JSON.stringify(names(got))} (total ${totalOf(res.body)}), expected ${JSON.stringify(names(expected))}`);
          }
        }
      }
      // and nothing through the records it cannot open
      for (const id of [...world.all[type]].filter((id) => !world.visible[who][type].has(id)).sort().slice(0, 3)) {
        for (const { field } of scopedRelations(app, type)) {
          const res = await admins[who].existing(uid(type), id, field);
          if (res.status === 200 && idsOf(res.body).length) failures.push(`${name(id)}.${field} (not readable) lists ${JSON.stringify(names(idsOf(res.body)))}`);
          for (const leak of leakedRecords(world, who, res.body)) failures.push(`${name(id)}.${field} shows ${leak}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it.each(TYPE_KEYS)('cannot change a %s record outside its write scope: 404 like a missing record, and it stays as it was', async (type) => {
      const missing = await admins[who].update(uid(type), MISSING, marker(type));
      const mayUpdate = RIGHTS[kind].update.includes(type);
      expect(missing.status).toBe(mayUpdate ? 404 : missing.status);
      expect([403, 404]).toContain(missing.status);
      const { readOnly, unreadable } = targetsOutsideWriteScope(world, who, type);
      const outcomes: Json = {};
      const expected: Json = {};
      for (const id of [readOnly, unreadable].filter(Boolean) as string[]) {
        const before = await snapshot(type, id);
        const res = await admins[who].update(uid(type), id, marker(type));
        outcomes[name(id)] = { status: res.status, stored: await snapshot(type, id) };
        expected[name(id)] = { status: missing.status, stored: before };
      }
      expect(outcomes).toEqual(expected);
    });

    it.each(TYPE_KEYS)('cannot delete any %s record, one by one or in bulk, and the records stay', async (type) => {
      const { readOnly, unreadable } = targetsOutsideWriteScope(world, who, type);
      const own = [...world.writable[who][type]].sort()[0];
      const targets = [own, readOnly, unreadable].filter(Boolean) as string[];
      const missing = await admins[who].remove(uid(type), MISSING);
      expect([403, 404]).toContain(missing.status);
      const outcomes: Json = {};
      for (const id of targets) {
        const res = await admins[who].remove(uid(type), id);
        outcomes[name(id)] = { refused: [403, 404].includes(res.status), exists: Boolean(await platformRow(app, type, id)) };
        if (id !== own) expect({ id: name(id), status: res.status }).toEqual({ id: name(id), status: missing.status });
      }
      const bulk = await admins[who].bulkDelete(uid(type), targets);
      outcomes.bulk = { refused: bulk.status >= 400 || bulk.body?.data?.count === 0 };
      for (const id of targets) outcomes[`${name(id)} after bulk`] = Boolean(await platformRow(app, type, id));
      const expected: Json = { bulk: { refused: true } };
      for (const id of targets) {
        expected[name(id)] = { refused: true, exists: true };
        expected[`${name(id)} after bulk`] = true;
      }
      expect(outcomes).toEqual(expected);
    });

    it('changes the records of its own write scope that its role may update', async () => {
      const changes: Partial<Record<TypeKey, Json>> = {
        project: { summary: `${who} 修改摘要` },
        preAssessment: { conclusionNote: `${who} 补充说明` },
        opinion: { verdict: 'approve' },
        problem: { suggestion: `${who} 建议` },
        task: { description: `${who} 推进情况` },
        progressReport: { description: `${who} 进展说明` },
        monthlyReport: { note: `${who} 备注` },
        pledge: { measures: `${who} 措施` },
      };
      const results: Json = {};
      const expected: Json = {};
      for (const type of RIGHTS[kind].update) {
        const id = [...world.writable[who][type]].sort()[0];
        if (!id) continue;
        const data = changes[type]!;
        const res = await admins[who].update(uid(type), id, data);
        const field = Object.keys(data)[0];
        results[`${type} ${name(id)}`] = { status: res.status, stored: (await platformRow(app, type, id))?.[field] };
        expected[`${type} ${name(id)}`] = { status: 200, stored: data[field] };
      }
      expect(Object.keys(expected).length).toBeGreaterThan(2);
      expect(results).toEqual(expected);
    });

    it('cannot sort the list through a relation (400), and sorts on the records’ own fields', async () => {
      for (const [type, sort] of [
        ['preAssessment', 'sort=project.name:ASC'],
        ['preAssessment', 'sort=opinions.content:ASC'],
        ['project', 'sort=applicantBureau.name:DESC'],
        ['task', 'sort=problem.title:ASC'],
      ] as Array<[TypeKey, string]>) {
        const res = await admins[who].list(uid(type), sort);
        expect({ type, sort, status: res.status }).toEqual({ type, sort, status: 400 });
      }
      expectExactly(await admins[who].list(uid('opinion'), 'sort=dimension:ASC'), world.visible[who].opinion);
    });

    it('searching the list (_q) or adding unknown parameters finds nothing outside its scope', async () => {
      const commerceOnPA2 = world.opinionsOf.PA2.find((id) => world.opinionBureau.get(id) === 'commerce')!;
      const search = await admins[who].list(uid('opinion'), `_q=${encodeURIComponent(world.opinionText.get(commerceOnPA2)!)}`);
      expectExactly(search, world.visible[who].opinion.has(commerceOnPA2) ? [commerceOnPA2] : []);
      for (const query of ['where[id][$gt]=0', `where[applicantBureau][id]=${world.bureaus[PEER[who]].id}`]) {
        const res = await admins[who].list(uid('project'), query);
        if (res.status === 200) expectExactly(res, world.visible[who].project);
        else expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
    });

    it('every relation picker offers only records it may read, whatever it searches or asks to include', async () => {
      const failures: string[] = [];
      for (const type of TYPE_KEYS) {
        for (const { field, target } of scopedRelations(app, type)) {
          const unreadable = [...world.all[target]].filter((id) => !world.visible[who][target].has(id));
          const ids = (await Promise.all(unreadable.slice(0, 3).map((id) => platformRow(app, target, id)))).map((row) => row!.id);
          const own = [...world.writable[who][type]][0];
          const queries = [
            '',
            '_q=' + encodeURIComponent('项目'),
            qs.stringify({ idsToInclude: ids.map(String) }),
            ...(own ? [qs.stringify({ id: own, idsToInclude: ids.map(String) })] : []),
          ];
          for (const query of queries) {
            const res = await admins[who].available(uid(type), field, query);
            if (![200, 403].includes(res.status)) failures.push(`${type}.${field} ?${query}: HTTP ${res.status}`);
            for (const leak of leakedRecords(world, who, res.body)) failures.push(`${type}.${field} ?${query} offers ${leak}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('relation pickers of the forms a bureau fills in', () => {
    it.each(['D1', 'D2'] as ScopedKey[])('the opinion form of %s offers exactly the pre-assessments it may read', async (who) => {
      expectExactly(await admins[who].available(uid('opinion'), 'preAssessment'), world.visible[who].preAssessment);
    });

    it.each(SCOPED)('the problem form of %s offers exactly the projects it may read', async (who) => {
      expectExactly(await admins[who].available(uid('problem'), 'project'), world.visible[who].project);
    });

    it('the edit view of a pre-assessment shows a department only the opinions it may read', async () => {
      const d1 = await admins.D1.existing(uid('preAssessment'), world.r.PA2, 'opinions');
      expectExactly(d1, world.opinionsOf.PA2.filter((id) => world.opinionBureau.get(id) === 'D1'));
      const d2 = await admins.D2.existing(uid('preAssessment'), world.r.PA2, 'opinions');
      expectExactly(d2, world.opinionsOf.PA2);
      const count = await admins.D1.findOne(uid('preAssessment'), world.r.PA2);
      expect(count.body.data.opinions).toEqual({ count: 2 });
    });
  });

  describe('creating in the admin panel: the bureau field is the admin’s own', () => {
    const created: Array<[TypeKey, string]> = [];
    afterEach(async () => {
      for (const [type, id] of created.splice(0)) await app.strapi.documents(uid(type) as any).delete({ documentId: id });
    });

    async function createAs(admin: AdminActor, type: TypeKey, body: Json, field: string) {
      const res = await admin.create(uid(type), body);
      expect({ status: [200, 201].includes(res.status) ? 'created' : res.status, error: res.body?.error?.message }).toEqual({ status: 'created', error: undefined });
      const documentId = res.body.data.documentId;
      created.push([type, documentId]);
      return (await platformRow(app, type, documentId, [field]))?.[field]?.code as string;
    }

    it('a town admin’s project belongs to its town even when the form names the other town', async () => {
      const bureau = await createAs(admins.T1, 'project', { name: '冒名项目', category: 'general', applicantBureau: connect(world.bureaus.T2.documentId) }, 'applicantBureau');
      expect(bureau).toBe(world.bureaus.T1.code);
      const [, id] = created[created.length - 1];
      expect((await admins.T2.findOne(uid('project'), id)).status).toBe(404);
    });

    it('problems, monthly reports and pledges are the creating admin’s own', async () => {
      for (const who of SCOPED) {
        const other = world.bureaus[PEER[who]].documentId;
        // each reads this project: its own town's, or the one whose pre-assessment it leads
        const project = world.r[who.endsWith('1') ? 'P1' : 'P2'];
        const problem = await createAs(
          admins[who],
          'problem',
          { project: connect(project), reportingBureau: connect(other), category: 'policy', title: `${who} 报送`, description: '说明' },
          'reportingBureau'
        );
        const report = await createAs(admins[who], 'monthlyReport', { bureau: connect(other), period: '2025-06' }, 'bureau');
        const pledge = await createAs(admins[who], 'pledge', { bureau: connect(other), pledgedBy: '冒名', year: 2026, targets: '目标' }, 'bureau');
        const own = world.bureaus[who].code;
        expect({ who, problem, report, pledge }).toEqual({ who, problem: own, report: own, pledge: own });
      }
    });

    it('nothing is created against a project the admin cannot read', async () => {
      for (const [admin, type, body] of [
        [admins.T1, 'progressReport', { project: connect(world.r.P2), period: '2025-04', investmentThisPeriod: 1 }],
        [admins.D2, 'problem', { project: connect(world.r.P1), category: 'policy', title: '越权', description: '越权' }],
        [admins.T1, 'preAssessment', { project: connect(world.r.PX) }],
      ] as Array<[AdminActor, TypeKey, Json]>) {
        const before = await count(type);
        const res = await admin.create(uid(type), body);
        if ([200, 201].includes(res.status)) created.push([type, res.body.data.documentId]);
        expect({ who: admin.label, type, status: res.status }).toEqual({ who: admin.label, type, status: 400 });
        expect(await count(type)).toBe(before);
      }
    });
  });

  describe('relations changed in the admin panel', () => {
    it('an opinion cannot be connected to a pre-assessment of another bureau', async () => {
      const before = await platformRelated(app, 'opinion', world.r.O_D2, 'preAssessment');
      const refused = await admins.D2.update(uid('opinion'), world.r.O_D2, { preAssessment: connect(world.r.PA1) });
      const missing = await admins.D2.update(uid('opinion'), world.r.O_D2, { preAssessment: connect(MISSING) });
      expect(refused.status).toBe(400);
      expect(String(refused.body?.error?.message)).toContain('preAssessment');
      const text = (res: Json, id: string) => String(res.body?.error?.message ?? '').split(id).join('<id>');
      expect({ status: missing.status, message: text(missing, MISSING) }).toEqual({ status: 400, message: text(refused, world.r.PA1) });
      expect(await platformRelated(app, 'opinion', world.r.O_D2, 'preAssessment')).toEqual(before);
    });

    it('a pre-assessment’s opinions cannot be set, or connected to another bureau’s opinion', async () => {
      const pa1 = await platformRelated(app, 'preAssessment', world.r.PA1, 'opinions');
      const pa2 = await platformRelated(app, 'preAssessment', world.r.PA2, 'opinions');
      for (const body of [
        { opinions: { set: pa1.map((documentId) => ({ documentId })) } },
        { opinions: { connect: [{ documentId: world.r.O_D2 }], disconnect: [] } },
        { opinions: { connect: [], disconnect: [{ documentId: pa1[0] }] } },
      ]) {
        const res = await admins.T1.update(uid('preAssessment'), world.r.PA1, body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
      expect(await platformRelated(app, 'preAssessment', world.r.PA1, 'opinions')).toEqual(pa1);
      expect(await platformRelated(app, 'preAssessment', world.r.PA2, 'opinions')).toEqual(pa2);
    });

    it('a pledge cannot name a project the admin cannot read', async () => {
      const res = await admins.T1.update(uid('pledge'), world.r.G_T1, { projects: connect(world.r.P2) });
      expect(res.status).toBe(400);
      expect(await platformRelated(app, 'pledge', world.r.G_T1, 'projects')).toEqual([]);
    });
  });

  describe('settings are the office’s', () => {
    const settings = (roleId: number): Array<[string, string, Json?]> => [
      ['GET', '/admin/roles'],
      ['GET', `/admin/roles/${roleId}/permissions`],
      ['PUT', `/admin/roles/${roleId}`, { name: '改名', description: '改名' }],
      ['PUT', `/admin/roles/${roleId}/permissions`, { permissions: [] }],
      ['POST', '/admin/roles', { name: '新角色', description: '新角色' }],
      ['GET', '/admin/users'],
      ['POST', '/admin/users', { email: 'intruder@test.local', firstname: 'x', lastname: 'y', roles: [roleId] }],
      ['GET', '/admin/api-tokens'],
      ['GET', '/admin/webhooks'],
      ['GET', '/users-permissions/roles'],
      ['PUT', '/deadlines/calendar/settings', { knownUntil: '2026-12-31' }],
      ['GET', `/content-manager/collection-types/${MEMBERSHIP}?page=1&pageSize=10`],
      ['POST', `/content-manager/collection-types/${MEMBERSHIP}`, {}],
      ['GET', '/content-manager/collection-types/plugin::users-permissions.user?page=1&pageSize=10'],
      ['GET', '/content-manager/collection-types/admin::user?page=1&pageSize=10'],
    ];
    const call = (admin: AdminActor, [method, url, body]: [string, string, Json?]) =>
      method === 'GET' ? admin.get(url) : method === 'PUT' ? admin.put(url, body) : admin.post(url, body);

    async function expectRefusedAll(who: 'D1' | 'T1' | 'leader', only: (method: string) => boolean) {
      const role = await app.strapi.db.query('admin::role').findOne({ where: { code: admins[who].kind } });
      const rolesBefore = await app.strapi.db.query('admin::role').findMany({ select: ['name', 'description'], orderBy: { id: 'asc' } });
      const permissionsBefore = await app.strapi.db.query('admin::permission').count();
      const statuses: Json = {};
      const expected: Json = {};
      for (const endpoint of settings(role.id).filter(([method]) => only(method))) {
        statuses[`${endpoint[0]} ${endpoint[1]}`] = (await call(admins[who], endpoint)).status;
        expected[`${endpoint[0]} ${endpoint[1]}`] = 403;
      }
      expect(statuses).toEqual(expected);
      expect(await app.strapi.db.query('admin::role').findMany({ select: ['name', 'description'], orderBy: { id: 'asc' } })).toEqual(rolesBefore);
      expect(await app.strapi.db.query('admin::permission').count()).toBe(permissionsBefore);
      expect(await app.strapi.db.query('admin::user').findOne({ where: { email: 'intruder@test.local' } })).toBeNull();
    }

    it.each(['D1', 'T1'] as const)('the %s admin is refused every settings page, role and user edit (403), and nothing changes', async (who) => {
      await expectRefusedAll(who, () => true);
    });

    it('a leader admin cannot edit roles, users, memberships or settings (403), and nothing changes', async () => {
      await expectRefusedAll('leader', (method) => method !== 'GET');
    });

    it('the office admin reaches roles, users and memberships', async () => {
      for (const url of ['/admin/roles', '/admin/users', `/content-manager/collection-types/${MEMBERSHIP}?page=1&pageSize=10`]) {
        expect({ url, status: (await admins.office.get(url)).status }).toEqual({ url, status: 200 });
      }
    });
  });

  describe('district-wide admins', () => {
    it.each(TYPE_KEYS)('the office admin lists every %s record', async (type) => {
      expectExactly(await admins.office.list(uid(type)), world.all[type]);
    });

    it.each(TYPE_KEYS)('a leader admin lists and opens every %s record', async (type) => {
      expectExactly(await admins.leader.list(uid(type)), world.all[type]);
      for (const id of world.all[type]) expect((await admins.leader.findOne(uid(type), id)).status).toBe(200);
    });

    it.each(TYPE_KEYS)('a leader admin cannot create, change or delete a %s record (403)', async (type) => {
      const id = [...world.all[type]].sort()[0];
      const before = await snapshot(type, id);
      const total = await count(type);
      const statuses = {
        create: (await admins.leader.create(uid(type), marker(type))).status,
        update: (await admins.leader.update(uid(type), id, marker(type))).status,
        delete: (await admins.leader.remove(uid(type), id)).status,
        bulkDelete: (await admins.leader.bulkDelete(uid(type), [id])).status,
      };
      expect(statuses).toEqual({ create: 403, update: 403, delete: 403, bulkDelete: 403 });
      expect(await snapshot(type, id)).toEqual(before);
      expect(await count(type)).toBe(total);
    });
  });

  describe('an admin without a membership (fail closed)', () => {
    it.each(TYPE_KEYS)('sees no %s record', async (type) => {
      const res = await admins.nomember.list(uid(type));
      if (res.status === 200) expectExactly(res, []);
      else expect(res.status).toBe(403);
      for (const id of world.all[type]) expect([403, 404]).toContain((await admins.nomember.findOne(uid(type), id)).status);
    });

    it('cannot create a problem, monthly report or pledge', async () => {
      for (const [type, body] of [
        ['problem', { project: connect(world.r.P1), category: 'policy', title: '无单位', description: '无单位' }],
        ['monthlyReport', { bureau: connect(world.bureaus.D1.documentId), period: '2025-07' }],
        ['pledge', { bureau: connect(world.bureaus.D1.documentId), pledgedBy: '无单位', year: 2026, targets: '无单位' }],
      ] as Array<[TypeKey, Json]>) {
        const before = await count(type);
        const res = await admins.nomember.create(uid(type), body);
        expect({ type, refused: res.status >= 400 && res.status < 500 }).toEqual({ type, refused: true });
        expect(await count(type)).toBe(before);
      }
    });
  });
});
