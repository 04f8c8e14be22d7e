import { useStrapi } from '../helpers/strapi';
import type { Json } from '../helpers/fixtures';
import { type Caller, restActor, restCaller, type RestActor } from '../helpers/bureaus';
import {
  buildWorld,
  describeIds,
  KIND_OF,
  PEER,
  platformRelated,
  platformRow,
  RIGHTS,
  SCOPED,
  type ScopedKey,
  targetsOutsideWriteScope,
  TYPE,
  TYPE_KEYS,
  type TypeKey,
  type World,
} from '../helpers/bureau-world';

/**
 * bureau-views through the REST API, writes: a department or town changes only the records of its write scope
 * (others answer 404 and stay as they were), deleting is the office's alone, creates land in the caller's own
 * bureau whatever the body says, and relations may only point at records the caller may read (on the parent
 * side of a one-to-many: change). Leaders, read-only tokens and users without a bureau write nothing.
 */
describe('bureau-views: writing through the REST API', () => {
  const app = useStrapi();
  let world: World;
  const actors = {} as Record<ScopedKey | 'office' | 'leader' | 'nobody', RestActor>;
  let readOnlyToken: Caller;
  const MISSING = 'nosuchdocumentid000000000';

  beforeAll(async () => {
    world = await buildWorld(app);
    actors.D1 = await restActor(app, 'department', world.bureaus.D1, 'D1');
    actors.D2 = await restActor(app, 'department', world.bureaus.D2, 'D2');
    actors.T1 = await restActor(app, 'town', world.bureaus.T1, 'T1');
    actors.T2 = await restActor(app, 'town', world.bureaus.T2, 'T2');
    actors.office = await restActor(app, 'office', world.bureaus.office, 'office');
    actors.leader = await restActor(app, 'leader', world.bureaus.office, 'leader');
    actors.nobody = await restActor(app, 'department', null, 'department user without a bureau');
    readOnlyToken = restCaller(app, 'read-only token', await app.token('read-only'));
  }, 120000);

  const url = (type: TypeKey, id?: string) => `/api/${TYPE[type].plural}${id ? `/${id}` : ''}`;
  const name = (id: string) => describeIds(world, [id])[0];
  /** The row as stored (platform read): what must not change after a refused write. */
  const snapshot = async (type: TypeKey, id: string) => {
    const row = await platformRow(app, type, id);
    if (!row) return null;
    return { [TYPE[type].editable]: row[TYPE[type].editable], updatedAt: String(row.updatedAt) };
  };
  const count = async (type: TypeKey) => app.strapi.db.query(TYPE[type].uid as any).count();
  const marker = (type: TypeKey) => ({ [TYPE[type].editable]: `篡改-${type}-${Date.now()}` });

  describe.each(SCOPED)('a user of bureau %s', (who) => {
    const kind = KIND_OF[who];

    it.each(TYPE_KEYS)('cannot change a %s record outside its write scope: answered like a missing record, and it stays as it was', async (type) => {
      const missing = await actors[who].put(url(type, MISSING), marker(type));
      const mayUpdate = RIGHTS[kind].update.includes(type);
      // a role allowed to update the type reaches the scope check, which answers 404 like a record that does not exist
      expect(missing.status).toBe(mayUpdate ? 404 : missing.status);
      expect([403, 404]).toContain(missing.status);
      const { readOnly, unreadable } = targetsOutsideWriteScope(world, who, type);
      const outcomes: Json = {};
      const expected: Json = {};
      for (const id of [readOnly, unreadable].filter(Boolean) as string[]) {
        const before = await snapshot(type, id);
        const res = await actors[who].put(url(type, id), marker(type));
        outcomes[name(id)] = { status: res.status, stored: await snapshot(type, id) };
        expected[name(id)] = { status: missing.status, stored: before };
      }
      expect(outcomes).toEqual(expected);
    });

    it.each(TYPE_KEYS)('cannot delete any %s record, its own or another bureau’s, and the record stays', async (type) => {
      const missing = await actors[who].del(url(type, MISSING));
      expect([403, 404]).toContain(missing.status);
      const { readOnly, unreadable } = targetsOutsideWriteScope(world, who, type);
      const own = [...world.writable[who][type]].sort()[0];
      const outcomes: Json = {};
      const expected: Json = {};
      for (const id of [own, readOnly, unreadable].filter(Boolean) as string[]) {
        const res = await actors[who].del(url(type, id));
        outcomes[name(id)] = { refused: [403, 404].includes(res.status), exists: Boolean(await platformRow(app, type, id)) };
        expected[name(id)] = { refused: true, exists: true };
        // another bureau's record is answered like a missing one
        if (id !== own) expect({ id: name(id), status: res.status }).toEqual({ id: name(id), status: missing.status });
      }
      expect(outcomes).toEqual(expected);
    });

    it(`changes the records of its own write scope that its role may update`, async () => {
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
        const res = await actors[who].put(url(type, id), data);
        const stored = await platformRow(app, type, id);
        const field = Object.keys(data)[0];
        results[`${type} ${name(id)}`] = { status: res.status, stored: stored?.[field] };
        expected[`${type} ${name(id)}`] = { status: 200, stored: data[field] };
      }
      expect(Object.keys(expected).length).toBeGreaterThan(2);
      expect(results).toEqual(expected);
    });
  });

  describe('creating: the bureau field is the caller’s own, whatever the body says', () => {
    const created: Array<[TypeKey, string]> = [];
    afterEach(async () => {
      // the world's visible sets stay as built for the other tests
      for (const [type, id] of created.splice(0)) await app.strapi.documents(TYPE[type].uid as any).delete({ documentId: id });
    });

    async function createAs(actor: RestActor, type: TypeKey, data: Json, field: string) {
      const res = await actor.post(url(type), data);
      expect({ status: res.status, error: res.body?.error?.message }).toEqual({ status: 201, error: undefined });
      created.push([type, res.body.data.documentId]);
      const stored = await platformRow(app, type, res.body.data.documentId, [field]);
      return { id: res.body.data.documentId as string, bureau: stored?.[field]?.code as string };
    }

    it('a town’s new project belongs to the town even when the body names the other town, and that town cannot see it', async () => {
      const { id, bureau } = await createAs(actors.T1, 'project', { name: '冒名项目', category: 'general', applicantBureau: world.bureaus.T2.documentId }, 'applicantBureau');
      expect(bureau).toBe(world.bureaus.T1.code);
      expect((await actors.T2.get(url('project', id))).status).toBe(404);
      expect((await actors.T1.get(url('project', id))).status).toBe(200);
    });

    it('a town’s new project given the other town by numeric id or connect still belongs to the town', async () => {
      for (const applicantBureau of [world.bureaus.T2.id, { connect: [world.bureaus.T2.documentId] }, { set: [{ documentId: world.bureaus.T2.documentId }] }]) {
        const { bureau } = await createAs(actors.T1, 'project', { name: '冒名项目', category: 'general', applicantBureau }, 'applicantBureau');
        expect({ applicantBureau, bureau }).toEqual({ applicantBureau, bureau: world.bureaus.T1.code });
      }
    });

    it('a reported problem is reported by the caller’s bureau, for a town and for a department', async () => {
      for (const [who, project] of [['T1', 'P1'], ['D1', 'P1'], ['D2', 'P2']] as Array<[ScopedKey, string]>) {
        const { bureau } = await createAs(
          actors[who],
          'problem',
          { project: world.r[project], reportingBureau: world.bureaus[PEER[who]].documentId, category: 'policy', title: `${who} 报送`, description: '说明' },
          'reportingBureau'
        );
        expect({ who, bureau }).toEqual({ who, bureau: world.bureaus[who].code });
      }
    });

    it('a monthly report and a pledge are the caller’s own', async () => {
      for (const who of SCOPED) {
        const report = await createAs(actors[who], 'monthlyReport', { bureau: world.bureaus[PEER[who]].documentId, period: '2025-03' }, 'bureau');
        const pledge = await createAs(
          actors[who],
          'pledge',
          { bureau: world.bureaus[PEER[who]].documentId, pledgedBy: '冒名', year: 2026, targets: '目标' },
          'bureau'
        );
        expect({ who, report: report.bureau, pledge: pledge.bureau }).toEqual({ who, report: world.bureaus[who].code, pledge: world.bureaus[who].code });
      }
    });

    it('a record cannot be created against a project the caller cannot read: 400 naming the field, nothing created', async () => {
      const attempts: Array<[RestActor, TypeKey, Json, string]> = [
        [actors.T1, 'progressReport', { project: world.r.P2, period: '2025-04', investmentThisPeriod: 1 }, 'project'],
        [actors.T1, 'problem', { project: world.r.P2, category: 'policy', title: '越权', description: '越权' }, 'project'],
        [actors.D2, 'problem', { project: world.r.P1, category: 'policy', title: '越权', description: '越权' }, 'project'],
        [actors.T1, 'preAssessment', { project: world.r.P2 }, 'project'],
        [actors.D1, 'problem', { project: world.r.PX, category: 'policy', title: '越权', description: '越权' }, 'project'],
      ];
      for (const [actor, type, data, field] of attempts) {
        const before = await count(type);
        const opinions = await count('opinion');
        const res = await actor.post(url(type), data);
        if (res.status === 201) created.push([type, res.body.data.documentId]);
        expect({ who: actor.label, type, status: res.status, namesField: String(res.body?.error?.message ?? '').includes(field) }).toEqual({
          who: actor.label,
          type,
          status: 400,
          namesField: true,
        });
        expect(await count(type)).toBe(before);
        expect(await count('opinion')).toBe(opinions);
      }
    });
  });

  describe('relations written by a department or town', () => {
    /** A refused relation: a 400 naming the field, answered as for a record that does not exist. */
    async function expectRefused(actor: RestActor, type: TypeKey, id: string, field: string, value: (target: string) => unknown, target: string) {
      const refused = await actor.put(url(type, id), { [field]: value(target) });
      const missing = await actor.put(url(type, id), { [field]: value(MISSING) });
      const message = (res: Json, ref: string) => String(res.body?.error?.message ?? '').split(ref).join('<id>');
      expect({ status: refused.status, namesField: message(refused, target).includes(field) }).toEqual({ status: 400, namesField: true });
      expect({ status: missing.status, message: message(missing, MISSING) }).toEqual({ status: refused.status, message: message(refused, target) });
    }

    it('an opinion cannot be moved to a pre-assessment of another bureau, in any form', async () => {
      const before = await platformRelated(app, 'opinion', world.r.O_D2, 'preAssessment');
      const pa1 = await platformRow(app, 'preAssessment', world.r.PA1);
      const forms: Array<[string, (target: string) => unknown]> = [
        ['connect', (target) => ({ connect: [target] })],
        ['connect object', (target) => ({ connect: [{ documentId: target }] })],
        ['set', (target) => ({ set: [target] })],
        ['plain documentId', (target) => target],
      ];
      for (const [form, value] of forms) {
        await expectRefused(actors.D2, 'opinion', world.r.O_D2, 'preAssessment', value, world.r.PA1);
        expect({ form, preAssessment: await platformRelated(app, 'opinion', world.r.O_D2, 'preAssessment') }).toEqual({ form, preAssessment: before });
      }
      const byId = await actors.D2.put(url('opinion', world.r.O_D2), { preAssessment: pa1!.id });
      expect(byId.status).toBe(400);
      expect(await platformRelated(app, 'opinion', world.r.O_D2, 'preAssessment')).toEqual(before);
    });

    it('a pre-assessment’s opinions cannot be set, nor connected or disconnected to records the town cannot change', async () => {
      const pa1 = await platformRelated(app, 'preAssessment', world.r.PA1, 'opinions');
      const pa2 = await platformRelated(app, 'preAssessment', world.r.PA2, 'opinions');
      const commerceOnPA1 = world.opinionsOf.PA1.find((id) => world.opinionBureau.get(id) === 'commerce')!;
      const attempts: Array<[RestActor, string, Json]> = [
        [actors.T1, world.r.PA1, { opinions: { set: pa1 } }],
        [actors.T1, world.r.PA1, { opinions: { set: [] } }],
        [actors.T1, world.r.PA1, { opinions: { connect: [world.r.O_D2] } }],
        [actors.T1, world.r.PA1, { opinions: [world.r.O_D2] }],
        [actors.T1, world.r.PA1, { opinions: { disconnect: [commerceOnPA1] } }],
        [actors.T2, world.r.PA2, { opinions: { connect: [commerceOnPA1] } }],
        [actors.T2, world.r.PA2, { opinions: { disconnect: [world.r.O_D2] } }],
      ];
      for (const [actor, id, data] of attempts) {
        const res = await actor.put(url('preAssessment', id), data);
        expect({ who: actor.label, data, status: res.status, namesField: String(res.body?.error?.message ?? '').includes('opinions') }).toEqual({
          who: actor.label,
          data,
          status: 400,
          namesField: true,
        });
      }
      expect(await platformRelated(app, 'preAssessment', world.r.PA1, 'opinions')).toEqual(pa1);
      expect(await platformRelated(app, 'preAssessment', world.r.PA2, 'opinions')).toEqual(pa2);
    });

    it('a project’s progress reports and problems, and a problem’s tasks, cannot be re-homed from the parent side', async () => {
      const attempts: Array<[RestActor, TypeKey, string, Json, string]> = [
        [actors.T1, 'project', world.r.P1, { progressReports: { connect: [world.r.R2] } }, 'progressReports'],
        [actors.T1, 'project', world.r.P1, { problems: { set: [] } }, 'problems'],
        [actors.T1, 'project', world.r.P1, { tasks: { connect: [world.r.K3] } }, 'tasks'],
        // K2 is unreadable for D1, K3 readable (co-responsible) but not D1's to change
        [actors.D1, 'problem', world.r.Q1, { tasks: { connect: [world.r.K2] } }, 'tasks'],
        [actors.D1, 'problem', world.r.Q1, { tasks: { connect: [world.r.K3] } }, 'tasks'],
      ];
      const before = {
        R2: await platformRelated(app, 'progressReport', world.r.R2, 'project'),
        Q1: await platformRelated(app, 'problem', world.r.Q1, 'project'),
        K2: await platformRelated(app, 'task', world.r.K2, 'problem'),
        K3: await platformRelated(app, 'task', world.r.K3, 'problem'),
        K3project: await platformRelated(app, 'task', world.r.K3, 'project'),
      };
      for (const [actor, type, id, data, field] of attempts) {
        const res = await actor.put(url(type, id), data);
        expect({ who: actor.label, data, status: res.status, namesField: String(res.body?.error?.message ?? '').includes(field) }).toEqual({
          who: actor.label,
          data,
          status: 400,
          namesField: true,
        });
      }
      expect({
        R2: await platformRelated(app, 'progressReport', world.r.R2, 'project'),
        Q1: await platformRelated(app, 'problem', world.r.Q1, 'project'),
        K2: await platformRelated(app, 'task', world.r.K2, 'problem'),
        K3: await platformRelated(app, 'task', world.r.K3, 'problem'),
        K3project: await platformRelated(app, 'task', world.r.K3, 'project'),
      }).toEqual(before);
    });

    it('to-many and to-one relations may point only at records the caller reads', async () => {
      await expectRefused(actors.T1, 'pledge', world.r.G_T1, 'projects', (target) => ({ connect: [target] }), world.r.P2);
      await expectRefused(actors.D1, 'pledge', world.r.G_D1, 'projects', (target) => [target], world.r.PX);
      await expectRefused(actors.D1, 'task', world.r.K1, 'minute', (target) => target, world.r.N2);
      await expectRefused(actors.T1, 'progressReport', world.r.R1, 'project', (target) => ({ connect: [target] }), world.r.P2);
      expect(await platformRelated(app, 'pledge', world.r.G_T1, 'projects')).toEqual([]);
      expect(await platformRelated(app, 'pledge', world.r.G_D1, 'projects')).toEqual([world.r.P2]);
      expect(await platformRelated(app, 'task', world.r.K1, 'minute')).toEqual([]);
      expect(await platformRelated(app, 'progressReport', world.r.R1, 'project')).toEqual([world.r.P1]);
    });

    it('a relation to a record the caller reads is accepted', async () => {
      // D1 reads P1 (it leads PA1): its pledge may name it
      const res = await actors.D1.put(url('pledge', world.r.G_D1), { projects: { connect: [world.r.P1] } });
      expect(res.status).toBe(200);
      expect(await platformRelated(app, 'pledge', world.r.G_D1, 'projects')).toEqual([world.r.P1, world.r.P2].sort());
      await app.strapi.documents(TYPE.pledge.uid as any).update({ documentId: world.r.G_D1, data: { projects: { set: [world.r.P2] } } as any });
    });
  });

  describe('callers that may not write', () => {
    const createBodies = (): Record<TypeKey, Json> => ({
      project: { name: '不应创建', category: 'general' },
      preAssessment: { project: world.r.PX },
      opinion: { preAssessment: world.r.PA1, bureau: world.bureaus.D1.documentId, dimension: 'energy_consumption' },
      problem: { project: world.r.P1, category: 'policy', title: '不应创建', description: '不应创建' },
      task: { title: '不应创建', deadline: '2026-12-31' },
      progressReport: { project: world.r.P1, period: '2025-05', investmentThisPeriod: 1 },
      monthlyReport: { bureau: world.bureaus.D1.documentId, period: '2025-05' },
      pledge: { bureau: world.bureaus.D1.documentId, pledgedBy: '不应创建', year: 2026, targets: '不应创建' },
      meeting: { type: 'weekly', mode: 'onsite', title: '不应创建', heldAt: '2026-02-01T02:00:00.000Z' },
      minute: { title: '不应创建' },
    });

    async function expectNoWrites(caller: Caller, allowed: (status: number) => boolean) {
      const outcomes: Json = {};
      for (const type of TYPE_KEYS) {
        const before = await count(type);
        const id = [...world.all[type]].sort()[0];
        const snap = await snapshot(type, id);
        const created = await caller.post(url(type), createBodies()[type]);
        const updated = await caller.put(url(type, id), marker(type));
        const deleted = await caller.del(url(type, id));
        outcomes[type] = {
          create: allowed(created.status),
          update: allowed(updated.status),
          delete: allowed(deleted.status),
          count: (await count(type)) - before,
          unchanged: JSON.stringify(await snapshot(type, id)) === JSON.stringify(snap),
        };
      }
      const expected = Object.fromEntries(TYPE_KEYS.map((type) => [type, { create: true, update: true, delete: true, count: 0, unchanged: true }]));
      expect(outcomes).toEqual(expected);
    }

    it('a leader reads everything but every POST, PUT and DELETE is 403 and changes nothing', async () => {
      await expectNoWrites(actors.leader, (status) => status === 403);
    });

    it('a read-only API token cannot write (403) and changes nothing', async () => {
      await expectNoWrites(readOnlyToken, (status) => status === 403);
    });

    it('a user without a bureau cannot create, change or delete anything', async () => {
      await expectNoWrites(actors.nobody, (status) => status >= 400 && status < 500);
    });
  });

  describe('the office', () => {
    it('changes any record, including meetings and minutes, and deletes', async () => {
      for (const type of TYPE_KEYS) {
        const id = [...world.all[type]].sort()[0];
        const data = type === 'opinion' ? { verdict: 'conditional' } : { [TYPE[type].editable]: `办公室修改-${type}` };
        const res = await actors.office.put(url(type, id), data);
        expect({ type, status: res.status }).toEqual({ type, status: 200 });
      }
      const meeting = await actors.office.post(url('meeting'), { type: 'weekly', mode: 'video', title: '办公室会议', heldAt: '2026-02-01T02:00:00.000Z' });
      expect(meeting.status).toBe(201);
      expect((await actors.office.del(url('meeting', meeting.body.data.documentId))).status).toBe(204);
      expect(await platformRow(app, 'meeting', meeting.body.data.documentId)).toBeNull();
    });
  });
});
