import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, create, expectFieldError, read, rest, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const PROJECT = 'api::project.project';
const PROBLEM = 'api::problem.problem';
const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const OPINION = 'api::opinion.opinion';
const EXPERT = 'api::expert.expert';
const DEADLINE = 'plugin::deadlines.deadline';
const BIN = 'plugin::dispatch.deleted-record';
const DAY = 24 * 3600_000;

/**
 * 回收站: whatever path deletes a workflow record (REST, the content manager), the office finds it in the bin and
 * restores it with its documentId, its fields, its relations on both sides and its deadlines; only the office
 * deletes; a project with open items is refused until it is withdrawn; old snapshots are purged, never before 90 days.
 */
describe('deleted workflow records are kept and restored by the office', () => {
  const app = useStrapi();
  let office: RestActor;
  let officeAdmin: AdminActor;
  let department: RestActor;
  let lead: Json;

  const deadlinesOf = (documentId: string): Promise<Json[]> =>
    app.strapi.db.query(DEADLINE).findMany({ where: { targetDocumentId: documentId }, orderBy: { id: 'asc' } });
  const binOf = (documentId: string): Promise<Json[]> =>
    app.strapi.db.query(BIN).findMany({ where: { targetDocumentId: documentId }, orderBy: { id: 'asc' } });
  const row = (uid: string, documentId: string, populate?: string[]) =>
    app.strapi.db.query(uid as any).findOne({ where: { documentId }, populate });
  const settle = () => app.strapi.plugin('traffic-lights').service('tracker').idle();

  beforeAll(async () => {
    office = await restActor(app, 'office', await bureau(app, 'office'), '区重大项目协调办公室 api user');
    officeAdmin = await adminActor(app, 'office', null, '办公室管理员');
    lead = await bureau(app, 'natural-resources');
    department = await restActor(app, 'department', lead, '区自然资源局 api user');
  });

  describe('a problem with its deadline and task, deleted and restored through REST', () => {
    let project: Json;
    let problem: Json;
    let task: Json;
    let entry: Json;
    let dueBefore: Json;

    beforeAll(async () => {
      project = await create(app, 'projects', { name: unique('回收站项目-'), category: 'general' });
      problem = await create(app, 'problems', { project: project.documentId, category: 'land_supply', title: unique('用地指标不足-'), description: '需要协调新增建设用地指标' });
      problem = await update(app, 'problems', problem.documentId, { state: 'assigned', leadBureau: lead.documentId });
      task = await create(app, 'tasks', { title: unique('调剂用地指标-'), project: project.documentId, problem: problem.documentId, responsibleBureau: lead.documentId, state: 'pending', deadline: '2030-06-30' });
      [dueBefore] = await deadlinesOf(problem.documentId);
      expect(dueBefore.state).toBe('pending');
    });

    it('the office deletes it: it is gone, its deadline cancelled, and the bin holds every field and both sides of its relations', async () => {
      const res = await office.del(`/api/problems/${problem.documentId}`);
      expect(res.status).toBe(204);
      expect(await read(app, 'problems', problem.documentId)).toBeNull();
      const [deadline] = await deadlinesOf(problem.documentId);
      expect(deadline.state).toBe('cancelled');

      const list = await office.get(`/api/dispatch/deleted-records?uid=${PROBLEM}&q=${encodeURIComponent(problem.title)}`);
      expect(list.status).toBe(200);
      expect(list.body.data).toHaveLength(1);
      entry = list.body.data[0];
      expect(entry).toMatchObject({ targetUid: PROBLEM, targetDocumentId: problem.documentId, type: '困难问题', restoredAt: null });
      expect(entry.label).toContain(problem.title);
      expect(entry.deletedBy).toContain('用户');
      const [stored] = await binOf(problem.documentId);
      expect(new Date(stored.expiresAt).getTime() - new Date(stored.deletedAt).getTime()).toBe(180 * DAY);
      expect(stored.snapshot).toMatchObject({
        title: problem.title,
        state: 'assigned',
        assignedAt: problem.assignedAt,
        project: project.documentId,
        leadBureau: lead.documentId,
        tasks: [task.documentId],
      });
      // the task stays, without its problem
      expect((await row('api::task.task', task.documentId, ['problem'])).problem).toBeNull();
    });

    it('restoring brings it back with its documentId, fields, relations on both sides and its deadline pending at the same due instant', async () => {
      const res = await office.post(`/api/dispatch/deleted-records/${entry.documentId}/restore`, {});
      expect(res.status).toBe(200);
      expect(res.body.data.missing).toEqual([]);
      const back = (await read(app, 'problems', problem.documentId, 'populate=project,leadBureau,tasks'))!;
      expect(back).toMatchObject({
        title: problem.title,
        state: 'assigned',
        assignedAt: problem.assignedAt,
        proposalDueAt: problem.proposalDueAt,
        createdAt: problem.createdAt,
        project: { documentId: project.documentId },
        leadBureau: { documentId: lead.documentId },
      });
      expect(back.tasks.map((t: Json) => t.documentId)).toEqual([task.documentId]);
      expect((await row('api::task.task', task.documentId, ['problem'])).problem.documentId).toBe(problem.documentId);
      const deadlines = await deadlinesOf(problem.documentId);
      expect(deadlines).toHaveLength(1);
      expect(deadlines[0]).toMatchObject({ id: dueBefore.id, state: 'pending', dueDate: dueBefore.dueDate, cancelledAt: null });
      expect(new Date(deadlines[0].dueAt).toISOString()).toBe(new Date(dueBefore.dueAt).toISOString());
      const [stored] = await binOf(problem.documentId);
      expect(stored.restoredAt).toBeTruthy();
      expect(stored.restoredBy).toContain('用户');
      await settle();
      // the change history tells the delete and the restore, both by the office user through the REST API
      const history = (await office.get(`/api/history/records/${PROBLEM}/${problem.documentId}`)).body.data;
      const [restored, deleted] = history.filter((change: Json) => ['delete', 'restore'].includes(change.action));
      expect(restored).toMatchObject({ action: 'restore', actorVia: 'user', path: 'rest' });
      expect(deleted).toMatchObject({ action: 'delete', actorVia: 'user', path: 'rest' });
      expect(restored.actorName).toBe(deleted.actorName);
      expect(restored.changes).toEqual(expect.arrayContaining([{ field: 'title', from: null, to: problem.title }]));
    });

    it('restoring it twice is refused, naming the field', async () => {
      const res = await office.post(`/api/dispatch/deleted-records/${entry.documentId}/restore`, {});
      expectFieldError(res, BIN, 'restoredAt');
    });
  });

  describe('a pre-assessment with its opinions, deleted and restored in the admin panel', () => {
    let preAssessment: Json;
    let opinions: Json[];
    let opinionDeadlines: Json[];

    beforeAll(async () => {
      const project = await create(app, 'projects', { name: unique('预评估回收项目-'), category: 'general' });
      preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      opinions = await app.strapi.db.query(OPINION).findMany({ where: { preAssessment: { documentId: preAssessment.documentId } }, orderBy: { id: 'asc' } });
      expect(opinions.length).toBeGreaterThan(0);
      opinionDeadlines = await app.strapi.db.query(DEADLINE).findMany({ where: { targetDocumentId: { $in: opinions.map((o) => o.documentId) } }, orderBy: { id: 'asc' } });
      expect(opinionDeadlines.length).toBe(opinions.length);
      expect(opinionDeadlines.every((d) => d.state === 'pending')).toBe(true);
    });

    it('the content manager deletes it with its opinions; each lands in the bin, the opinions with the pre-assessment', async () => {
      const res = await officeAdmin.remove(PRE_ASSESSMENT, preAssessment.documentId);
      expect(res.status).toBe(200);
      expect(await row(PRE_ASSESSMENT, preAssessment.documentId)).toBeNull();
      expect(await app.strapi.db.query(OPINION).count({ where: { documentId: { $in: opinions.map((o) => o.documentId) } } })).toBe(0);
      const [parent] = await binOf(preAssessment.documentId);
      expect(parent.cascade).toBe(false);
      expect(parent.deletedBy).toContain('办公室管理员');
      expect(parent.snapshot.opinions).toEqual(opinions.map((o) => o.documentId));
      for (const opinion of opinions) {
        const [child] = await binOf(opinion.documentId);
        expect(child).toMatchObject({ cascade: true, batch: parent.batch });
        expect(child.snapshot.preAssessment).toBe(preAssessment.documentId);
      }
      const cancelled = await app.strapi.db.query(DEADLINE).findMany({ where: { id: { $in: opinionDeadlines.map((d) => d.id) } } });
      expect(cancelled.every((d: Json) => d.state === 'cancelled')).toBe(true);

      const list = await officeAdmin.get(`/dispatch/deleted-records?uid=${PRE_ASSESSMENT}`);
      expect(list.status).toBe(200);
      expect(list.body.data.map((e: Json) => e.targetDocumentId)).toContain(preAssessment.documentId);
    });

    it('restoring it brings back the same opinions, both sides connected, and their deadlines pending at the same due dates', async () => {
      const [parent] = await binOf(preAssessment.documentId);
      // an opinion alone would come back without its pre-assessment: refused, naming the way
      const [child] = await binOf(opinions[0].documentId);
      expectFieldError(await officeAdmin.post(`/dispatch/deleted-records/${child.documentId}/restore`), BIN, 'cascade');
      expect(await row(OPINION, opinions[0].documentId)).toBeNull();
      const res = await officeAdmin.post(`/dispatch/deleted-records/${parent.documentId}/restore`);
      expect(res.status).toBe(200);
      expect(res.body.data.restored).toHaveLength(1 + opinions.length);
      expect(res.body.data.missing).toEqual([]);
      const back = await row(PRE_ASSESSMENT, preAssessment.documentId, ['opinions', 'project', 'leadBureau']);
      expect(back).toMatchObject({ state: 'open', title: preAssessment.title, requestedAt: expect.anything(), attestedBy: '王建国' });
      expect(new Date(back.attestedAt).toISOString()).toBe(new Date(preAssessment.attestedAt).toISOString());
      expect(back.opinions.map((o: Json) => o.documentId).sort()).toEqual(opinions.map((o) => o.documentId).sort());
      // no second fan-out: exactly the opinions it had
      expect(await app.strapi.db.query(OPINION).count({ where: { preAssessment: { id: back.id } } })).toBe(opinions.length);
      for (const opinion of opinions) {
        const restored = await row(OPINION, opinion.documentId, ['preAssessment', 'bureau']);
        expect(restored).toMatchObject({ title: opinion.title, dimension: opinion.dimension, state: 'pending', preAssessment: { documentId: preAssessment.documentId } });
      }
      const deadlines = await app.strapi.db.query(DEADLINE).findMany({ where: { targetDocumentId: { $in: opinions.map((o) => o.documentId) } }, orderBy: { id: 'asc' } });
      expect(deadlines.map((d: Json) => [d.id, d.state, d.dueDate])).toEqual(opinionDeadlines.map((d) => [d.id, 'pending', d.dueDate]));
      for (const opinion of opinions) expect((await binOf(opinion.documentId))[0].restoredAt).toBeTruthy();
      await settle();
    });
  });

  describe('a project', () => {
    let project: Json;
    let problem: Json;

    beforeAll(async () => {
      project = await create(app, 'projects', { name: unique('待删除项目-'), category: 'general' });
      problem = await create(app, 'problems', { project: project.documentId, category: 'policy', title: unique('政策兑现-'), description: '政策兑现缓慢' });
      await create(app, 'tasks', { title: unique('兑现政策-'), project: project.documentId, responsibleBureau: lead.documentId, state: 'in_progress', deadline: '2030-06-30' });
    });

    it('with open items is refused with a 400 naming what is open, and nothing is written', async () => {
      const binBefore = await app.strapi.db.query(BIN).count();
      const res = await office.del(`/api/projects/${project.documentId}`);
      const message = expectFieldError(res, PROJECT, 'stage');
      expect(message).toContain('项目仍有 1 个未办结的困难问题、1 项未完成的责任事项');
      expect(message).toContain('请先将项目撤回（withdrawn）后再删除');
      expect(message).toContain('withdraw it');
      expect(await read(app, 'projects', project.documentId)).not.toBeNull();
      expect(await app.strapi.db.query(BIN).count()).toBe(binBefore);
      // the content manager says the same
      const viaAdmin = await officeAdmin.remove(PROJECT, project.documentId);
      expect(viaAdmin.status).toBe(400);
      expect(await read(app, 'projects', project.documentId)).not.toBeNull();
    });

    it('once withdrawn it is deleted, and restoring it reconnects its problems and tasks from their side', async () => {
      await update(app, 'projects', project.documentId, { stage: 'withdrawn' });
      const res = await office.del(`/api/projects/${project.documentId}`);
      expect(res.status).toBe(204);
      expect((await row(PROBLEM, problem.documentId, ['project'])).project).toBeNull();
      const [entry] = await binOf(project.documentId);
      expect(entry.snapshot).toMatchObject({ name: project.name, stage: 'withdrawn', problems: [problem.documentId] });
      expect(entry.snapshot.tasks).toHaveLength(1);

      const restore = await office.post(`/api/dispatch/deleted-records/${entry.documentId}/restore`, {});
      expect(restore.status).toBe(200);
      const back = (await read(app, 'projects', project.documentId, 'populate=problems,tasks'))!;
      expect(back).toMatchObject({ name: project.name, stage: 'withdrawn', createdAt: project.createdAt });
      expect(back.problems.map((p: Json) => p.documentId)).toEqual([problem.documentId]);
      expect(back.tasks).toHaveLength(1);
      expect((await row(PROBLEM, problem.documentId, ['project'])).project.documentId).toBe(project.documentId);
      await settle();
    });
  });

  describe('who may delete and restore', () => {
    /** A fresh entry of the bin: an expert deleted by the office. */
    const binEntry = async () => {
      const expert = await create(app, 'experts', { name: unique('删除的专家-') });
      expect((await office.del(`/api/experts/${expert.documentId}`)).status).toBe(204);
      return (await binOf(expert.documentId))[0];
    };

    it('a department user cannot delete a workflow record: refused by the route, and by the document service on any other path; nothing is written', async () => {
      const project = await create(app, 'projects', { name: unique('部门项目-'), category: 'general' });
      const problem = await create(app, 'problems', { project: project.documentId, category: 'policy', title: unique('部门删除-'), description: '不应被删除', leadBureau: lead.documentId });
      expect((await department.del(`/api/problems/${problem.documentId}`)).status).toBe(403);
      // past the route permissions (a role given the delete permission by mistake, any other path): the document
      // service itself refuses a delete by anyone but the office
      const asDepartment = { state: { auth: { strategy: { name: 'users-permissions' }, credentials: department.user }, user: department.user, route: { info: { type: 'content-api' } } } };
      await expect(
        app.strapi.requestContext.run(asDepartment as any, () => app.strapi.documents(PROBLEM as any).delete({ documentId: problem.documentId }))
      ).rejects.toThrow('只有协调办公室可以删除业务记录');
      expect(await read(app, 'problems', problem.documentId)).not.toBeNull();
      expect(await binOf(problem.documentId)).toHaveLength(0);
    });

    it('a department admin cannot delete through the content manager', async () => {
      const admin = await adminActor(app, 'department', lead, '部门管理员');
      const project = await create(app, 'projects', { name: unique('部门后台项目-'), category: 'general' });
      const problem = await create(app, 'problems', { project: project.documentId, category: 'policy', title: unique('部门后台删除-'), description: '不应被删除', leadBureau: lead.documentId });
      const res = await admin.remove(PROBLEM, problem.documentId);
      expect(res.status).toBe(403);
      expect(await read(app, 'problems', problem.documentId)).not.toBeNull();
    });

    it('only the office lists and restores: a department user and a department admin are refused, in Chinese and English', async () => {
      const listed = await department.get('/api/dispatch/deleted-records');
      expect(listed.status).toBe(403);
      // Strapi's own refusals (the role's permissions, the route's policy) are said in Chinese too
      expect(listed.body.error.message).toBe('没有权限 / Forbidden');
      const admin = await adminActor(app, 'department', lead, '部门管理员2');
      const page = await admin.get('/dispatch/deleted-records');
      expect(page.status).toBe(403);
      expect(page.body.error.message).toBe('没有权限 / Policy Failed');
      const any = await binEntry();
      expect((await department.post(`/api/dispatch/deleted-records/${any.documentId}/restore`, {})).status).toBe(403);
    });

    it('the bin itself cannot be written, not even by a super admin or internal code', async () => {
      const superAdmin = await app.adminToken();
      const created = await app.http().post(`/content-manager/collection-types/${BIN}`).set('Authorization', superAdmin).send({ targetUid: PROBLEM });
      expect(created.status).toBeGreaterThanOrEqual(400);
      const any = await binEntry();
      await expect(app.strapi.documents(BIN as any).update({ documentId: any.documentId, data: { label: '篡改' } as any })).rejects.toThrow();
      await expect(app.strapi.documents(BIN as any).delete({ documentId: any.documentId })).rejects.toThrow();
      expect((await row(BIN, any.documentId)).label).toBe(any.label);
    });
  });

  it('a bulk delete in the content manager keeps each record, each restorable on its own', async () => {
    const experts = [await create(app, 'experts', { name: unique('批量专家-') }), await create(app, 'experts', { name: unique('批量专家-') })];
    const res = await officeAdmin.bulkDelete(EXPERT, experts.map((e) => e.documentId));
    expect(res.status).toBe(200);
    for (const expert of experts) expect(await row(EXPERT, expert.documentId)).toBeNull();
    const entries = await Promise.all(experts.map(async (expert) => (await binOf(expert.documentId))[0]));
    expect(entries.map((entry) => entry.cascade)).toEqual([false, false]);
    expect((await officeAdmin.post(`/dispatch/deleted-records/${entries[1].documentId}/restore`)).status).toBe(200);
    expect(await row(EXPERT, experts[1].documentId)).toMatchObject({ name: experts[1].name });
    expect(await row(EXPERT, experts[0].documentId)).toBeNull();
  });

  it('restoring over a record that exists again with the same documentId is refused', async () => {
    const expert = await create(app, 'experts', { name: unique('专家-') });
    expect((await office.del(`/api/experts/${expert.documentId}`)).status).toBe(204);
    const [entry] = await binOf(expert.documentId);
    await app.strapi.documents(EXPERT as any).create({ data: { name: expert.name, documentId: expert.documentId } as any });
    const res = await office.post(`/api/dispatch/deleted-records/${entry.documentId}/restore`, {});
    expectFieldError(res, BIN, 'targetDocumentId');
    expect((await row(BIN, entry.documentId)).restoredAt).toBeNull();
  });

  it('the daily purge removes expired snapshots and keeps younger ones, never one under 90 days old', async () => {
    const make = async (name: string) => {
      const expert = await create(app, 'experts', { name: unique(name) });
      expect((await office.del(`/api/experts/${expert.documentId}`)).status).toBe(204);
      return (await binOf(expert.documentId))[0];
    };
    const expired = await make('过期专家-');
    const young = await make('新删专家-');
    const tooYoung = await make('保留期不足专家-');
    const now = Date.now();
    const backdate = (entry: Json, deletedDaysAgo: number, expiresDaysAgo: number) =>
      app.strapi.db.query(BIN).update({
        where: { id: entry.id },
        data: { deletedAt: new Date(now - deletedDaysAgo * DAY), expiresAt: new Date(now - expiresDaysAgo * DAY) },
      });
    await backdate(expired, 181, 1);
    await backdate(young, 179, -1);
    // an expiry inside the first 90 days (a wrong value) does not shorten the minimum
    await backdate(tooYoung, 60, 1);

    const removed = await app.strapi.plugin('dispatch').service('recycle-bin').purge();
    expect(removed).toBe(1);
    expect(await row(BIN, expired.documentId)).toBeNull();
    expect(await row(BIN, young.documentId)).not.toBeNull();
    expect(await row(BIN, tooYoung.documentId)).not.toBeNull();
  });
});
