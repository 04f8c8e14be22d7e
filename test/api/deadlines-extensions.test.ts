import request from 'supertest';
import { useStrapi } from '../helpers/strapi';
import { authenticatedUser, bureau, create, createProject, expectFieldError, type Json, read, unique, update } from '../helpers/fixtures';

const EXTENSION = 'plugin::deadlines.extension';
const DEADLINE = 'plugin::deadlines.deadline';
const OVERRIDE = 'plugin::deadlines.calendar-override';
const TASK = 'api::task.task';
const PROBLEM = 'api::problem.problem';
const CM = `/content-manager/collection-types/${EXTENSION}`;

/**
 * 延期 (SPEC §4): the responsible bureau asks with a reason and a later date; only the coordination office decides,
 * once; an approval moves the deadline and the record's due field to the end of the requested date and is kept in
 * the deadline's history. The plugin's types are reached through the admin panel's content manager.
 */
describe('deadline extensions', () => {
  const app = useStrapi();
  let editor: string;

  /** An admin-panel session of a department admin (seeded role 区直部门) of 区财政局, the bureau responsible for the tasks below. */
  async function editorSession(): Promise<string> {
    const { strapi } = app;
    const role = await strapi.db.query('admin::role').findOne({ where: { code: 'department' } });
    expect(role).toBeTruthy();
    const email = `editor-${Date.now()}@test.local`;
    const password = 'Editor-Password-2026';
    await strapi.service('admin::user').create({
      email,
      firstname: '区财政局',
      lastname: '编辑',
      password,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    const user = await strapi.db.query('admin::user').findOne({ where: { email } });
    const finance = await strapi.db.query('api::bureau.bureau').findOne({ where: { code: 'finance' } });
    await strapi.documents('plugin::bureau-views.membership' as any).create({ data: { user: user.id, bureau: finance.id } as any });
    const login = await request(strapi.server.httpServer).post('/admin/login').send({ email, password });
    expect(login.status).toBe(200);
    return `Bearer ${login.body.data.token}`;
  }

  beforeAll(async () => {
    editor = await editorSession();
  });

  const as = (authorization: () => Promise<string>) => ({
    get: async (url: string) => app.http().get(url).set('Authorization', await authorization()),
    post: async (url: string, body: Json) => app.http().post(url).set('Authorization', await authorization()).send(body),
    put: async (url: string, body: Json) => app.http().put(url).set('Authorization', await authorization()).send(body),
  });
  const office = () => as(() => app.adminToken());
  const asEditor = () => as(async () => editor);

  const deadlineOf = async (uid: string, documentId: string) => {
    const rows = await app.strapi.db
      .query(DEADLINE)
      .findMany({ where: { targetUid: uid, targetDocumentId: documentId }, populate: ['bureau', 'extensions'] });
    expect(rows).toHaveLength(1);
    return rows[0] as Json;
  };
  const extension = (documentId: string) => app.strapi.db.query(EXTENSION).findOne({ where: { documentId }, populate: ['deadline', 'requestedBy'] });
  const countExtensions = () => app.strapi.db.query(EXTENSION).count();

  const createTask = async (deadline: string) => {
    const task = await create(app, 'tasks', { title: unique('责任事项-'), deadline, responsibleBureau: (await bureau(app, 'finance')).documentId });
    return { task, deadline: await deadlineOf(TASK, task.documentId) };
  };
  /** The bureau's request, through the admin panel as the content manager sends it. */
  const ask = (client: ReturnType<typeof as>, deadline: Json | null, body: Json) =>
    client.post(CM, { ...(deadline ? { deadline: { connect: [{ documentId: deadline.documentId }] } } : {}), ...body });
  const decide = (client: ReturnType<typeof as>, documentId: string, body: Json) => client.put(`${CM}/${documentId}`, body);

  describe('who can reach them', () => {
    it('the plugin’s extensions have no content-API routes, and a users-permissions user cannot use the admin API', async () => {
      const user = await authenticatedUser(app, ['api::task.task.find', 'api::task.task.update']);
      const { deadline } = await createTask('2027-06-30');
      for (const authorization of [user, await app.token()]) {
        expect((await app.http().get('/api/deadlines/extensions').set('Authorization', authorization)).status).toBe(404);
        // no route for it: 404, or 405 where only the admin panel's static GET matches the path
        expect([404, 405]).toContain((await app.http().post('/api/deadlines/extensions').set('Authorization', authorization).send({ data: {} })).status);
        expect((await app.http().get('/api/extensions').set('Authorization', authorization)).status).toBe(404);
      }
      const before = await countExtensions();
      const res = await ask(
        as(async () => user),
        deadline,
        { reason: '资金未到位', requestedDueDate: '2027-07-31' }
      );
      expect(res.status).toBe(401);
      expect(await countExtensions()).toBe(before);
    });
  });

  describe('asking', () => {
    it('a request needs a deadline, a reason and a date after the current due date', async () => {
      const { deadline } = await createTask('2027-06-15');
      const before = await countExtensions();

      const noDeadline = await ask(asEditor(), null, { reason: '资金未到位', requestedDueDate: '2027-07-15' });
      expectFieldError(noDeadline, EXTENSION, 'deadline');

      const noReason = await ask(asEditor(), deadline, { requestedDueDate: '2027-07-15' });
      expectFieldError(noReason, EXTENSION, 'reason');

      for (const date of ['2027-06-15', '2027-06-01']) {
        const notLater = await ask(asEditor(), deadline, { reason: '资金未到位', requestedDueDate: date });
        const message = expectFieldError(notLater, EXTENSION, 'requestedDueDate');
        expect(message).toContain('2027-06-15');
      }
      expect(await countExtensions()).toBe(before);
      expect(await deadlineOf(TASK, deadline.targetDocumentId)).toMatchObject({ dueDate: '2027-06-15', extendedDueDate: null });
    });

    it('a bureau’s request is pending and names the responsible bureau', async () => {
      const { deadline } = await createTask('2027-06-20');
      const res = await ask(asEditor(), deadline, { reason: '设备到货延迟', requestedDueDate: '2027-07-20' });
      expect(res.status).toBe(201);
      const stored = await extension(res.body.data.documentId);
      expect(stored).toMatchObject({ state: 'pending', decidedAt: null, previousDueAt: null, requestedDueDate: '2027-07-20' });
      expect(stored.deadline.id).toBe(deadline.id);
      expect(stored.requestedBy.id).toBe((await bureau(app, 'finance')).id);
    });

    it('a met deadline cannot be extended', async () => {
      const { task, deadline } = await createTask('2027-06-25');
      await update(app, 'tasks', task.documentId, { state: 'done', completionNote: '已办结' });
      const before = await countExtensions();
      const res = await ask(office(), deadline, { reason: '补充材料', requestedDueDate: '2027-07-25' });
      expectFieldError(res, EXTENSION, 'deadline');
      expect(await countExtensions()).toBe(before);
    });
  });

  describe('deciding', () => {
    it('an admin who is not the office cannot approve or refuse: 400, and nothing moves', async () => {
      const { task, deadline } = await createTask('2027-05-10');
      const asked = await ask(asEditor(), deadline, { reason: '征地手续未完成', requestedDueDate: '2027-06-10' });
      expect(asked.status).toBe(201);
      const id = asked.body.data.documentId;

      for (const state of ['approved', 'refused']) {
        const res = await decide(asEditor(), id, { state, decisionNote: '自行批准' });
        const message = expectFieldError(res, EXTENSION, 'state');
        expect(message).toContain('协调办公室');
      }
      expect(await extension(id)).toMatchObject({ state: 'pending', decidedAt: null, decisionNote: null });
      const after = await deadlineOf(TASK, task.documentId);
      expect(after).toMatchObject({ dueDate: '2027-05-10', extendedDueDate: null, version: deadline.version });
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-05-10T15:59:59.999Z');

      // the office can still decide it
      expect((await decide(office(), id, { state: 'approved' })).status).toBe(200);
    });

    it('the office approves: the deadline and the task’s due field move to the end of the requested date, with the history', async () => {
      const { task, deadline } = await createTask('2027-03-10');
      const asked = await ask(asEditor(), deadline, { reason: '设计变更', requestedDueDate: '2027-04-09' });
      expect(asked.status).toBe(201);
      const started = Date.now();
      const res = await decide(office(), asked.body.data.documentId, { state: 'approved', decisionNote: '同意延期' });
      expect(res.status).toBe(200);

      const decided = await extension(asked.body.data.documentId);
      expect(decided.state).toBe('approved');
      expect(Date.parse(decided.decidedAt)).toBeGreaterThanOrEqual(started - 1000);
      expect(new Date(decided.previousDueAt).toISOString()).toBe('2027-03-10T15:59:59.999Z');

      const after = await deadlineOf(TASK, task.documentId);
      expect(after).toMatchObject({ dueDate: '2027-04-09', extendedDueDate: '2027-04-09', state: 'pending' });
      expect(new Date(after.dueAt).toISOString()).toBe('2027-04-09T15:59:59.999Z');
      expect(after.version).toBe(deadline.version + 1);
      expect(after.history.at(-1)).toMatchObject({ reason: 'extension', from: '2027-03-10T15:59:59.999Z', dueAt: '2027-04-09T15:59:59.999Z' });
      expect(after.extensions.map((e: Json) => e.documentId)).toEqual([asked.body.data.documentId]);

      const stored = (await read(app, 'tasks', task.documentId))!;
      expect(stored.dueAt).toBe('2027-04-09T15:59:59.999Z');
      expect(stored.deadline).toBe('2027-03-10'); // the task's own deadline field is the plan; the due instant is the extended one

      // saving the task again keeps the extension
      await update(app, 'tasks', task.documentId, { description: '设计变更后重新排期' });
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-04-09T15:59:59.999Z');
      expect((await deadlineOf(TASK, task.documentId)).version).toBe(after.version);
    });

    it('an approved extension of a working-day deadline moves the record’s due field, and a calendar change does not undo it', async () => {
      const project = await createProject(app);
      const lead = await bureau(app, 'planning');
      const problem = await create(app, 'problems', {
        project: project.documentId,
        category: 'procedures',
        title: unique('规划问题-'),
        description: '规划调整审批慢',
        state: 'assigned',
        leadBureau: lead.documentId,
        assignedAt: '2026-08-24T02:00:00.000Z',
      });
      expect(problem.proposalDueAt).toBe('2026-08-27T15:59:59.999Z');
      const deadline = await deadlineOf(PROBLEM, problem.documentId);
      expect(deadline.state).toBe('overdue');

      const asked = await ask(office(), deadline, { reason: '需市级部门会商', requestedDueDate: '2026-09-04' });
      expect(asked.status).toBe(201);
      expect((await decide(office(), asked.body.data.documentId, { state: 'approved' })).status).toBe(200);
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe('2026-09-04T15:59:59.999Z');
      const extended = await deadlineOf(PROBLEM, problem.documentId);
      expect(extended.history.at(-1)).toMatchObject({ reason: 'extension', dueAt: '2026-09-04T15:59:59.999Z' });

      // a rest day inside the original span would have moved the computed date; the extended one stays
      const override = await office().post(`/content-manager/collection-types/${OVERRIDE}`, { date: '2026-08-25', kind: 'rest', name: '测试' });
      expect(override.status).toBe(201);
      await app.strapi.plugin('deadlines').service('settings').idle();
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe('2026-09-04T15:59:59.999Z');
      expect((await deadlineOf(PROBLEM, problem.documentId)).dueDate).toBe('2026-09-04');
      const removed = await app
        .http()
        .delete(`/content-manager/collection-types/${OVERRIDE}/${override.body.data.documentId}`)
        .set('Authorization', await app.adminToken());
      expect(removed.status).toBe(200);
      await app.strapi.plugin('deadlines').service('settings').idle();
    });

    it('a refused request moves nothing', async () => {
      const { task, deadline } = await createTask('2027-02-26');
      const asked = await ask(asEditor(), deadline, { reason: '人手不足', requestedDueDate: '2027-03-31' });
      const res = await decide(office(), asked.body.data.documentId, { state: 'refused', decisionNote: '理由不充分' });
      expect(res.status).toBe(200);
      const decided = await extension(asked.body.data.documentId);
      expect(decided).toMatchObject({ state: 'refused', decisionNote: '理由不充分', previousDueAt: null });
      expect(decided.decidedAt).toEqual(expect.any(String));

      const after = await deadlineOf(TASK, task.documentId);
      expect(after).toMatchObject({ dueDate: '2027-02-26', extendedDueDate: null, version: deadline.version });
      expect(after.history.some((h: Json) => h.reason === 'extension')).toBe(false);
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-02-26T15:59:59.999Z');
    });

    it('a decided request cannot be changed again', async () => {
      const { task, deadline } = await createTask('2027-01-29');
      const approved = await ask(asEditor(), deadline, { reason: '天气原因停工', requestedDueDate: '2027-02-26' });
      expect((await decide(office(), approved.body.data.documentId, { state: 'approved' })).status).toBe(200);
      const refused = await ask(asEditor(), await deadlineOf(TASK, task.documentId), { reason: '再次申请', requestedDueDate: '2027-03-31' });
      expect(refused.status).toBe(201);
      expect((await decide(office(), refused.body.data.documentId, { state: 'refused' })).status).toBe(200);
      const settled = await deadlineOf(TASK, task.documentId);

      for (const [documentId, body] of [
        [approved.body.data.documentId, { state: 'refused' }],
        [approved.body.data.documentId, { state: 'pending' }],
        [refused.body.data.documentId, { state: 'approved' }],
        [refused.body.data.documentId, { state: 'pending' }],
      ] as Array<[string, Json]>) {
        const res = await decide(office(), documentId, body);
        const message = expectFieldError(res, EXTENSION, 'state');
        expect(message).toContain('已处理');
      }
      // nor can the approved date be rewritten afterwards
      const rewrite = await decide(office(), approved.body.data.documentId, { requestedDueDate: '2027-12-31' });
      expectFieldError(rewrite, EXTENSION, 'requestedDueDate');

      expect(await extension(approved.body.data.documentId)).toMatchObject({ state: 'approved', requestedDueDate: '2027-02-26' });
      expect((await extension(refused.body.data.documentId)).state).toBe('refused');
      const after = await deadlineOf(TASK, task.documentId);
      expect(after).toMatchObject({ dueDate: '2027-02-26', extendedDueDate: '2027-02-26', version: settled.version });
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-02-26T15:59:59.999Z');
    });
  });

  describe('through the document service', () => {
    it('platform code (no request) decides as the office, and the same checks apply', async () => {
      const { task, deadline } = await createTask('2027-08-31');
      const documents = app.strapi.documents(EXTENSION as any);
      await expect(
        documents.create({ data: { deadline: deadline.documentId, reason: '测试', requestedDueDate: '2027-08-01' } as any })
      ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('申请延至（requestedDueDate）') });

      const created = await documents.create({ data: { deadline: deadline.documentId, reason: '测试', requestedDueDate: '2027-09-30' } as any });
      await documents.update({ documentId: created.documentId, data: { state: 'approved' } as any });
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-09-30T15:59:59.999Z');
      await expect(documents.update({ documentId: created.documentId, data: { state: 'refused' } as any })).rejects.toMatchObject({
        name: 'ValidationError',
        message: expect.stringContaining('审批状态（state）'),
      });
      expect((await deadlineOf(TASK, task.documentId)).dueDate).toBe('2027-09-30');
    });
  });
});
