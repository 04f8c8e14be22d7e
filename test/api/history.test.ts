import ExcelJS from 'exceljs';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, download, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const PROJECT = 'api::project.project';
const PROBLEM = 'api::problem.problem';
const CHANGE = 'plugin::history.change';
const LIGHT_FIELDS = ['light', 'lightReasons', 'lightChangedAt'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 变更记录: every create, update and delete of a workflow record — through the REST API, the admin panel and the
 * platform's own jobs — leaves who, when, through which door and each field's old and new value; a write that rolls
 * back or changes nothing leaves none; nobody can change or delete the history; the office searches and exports it;
 * a record's history is seen by whoever may read the record.
 */
describe('change history (变更记录)', () => {
  const app = useStrapi();
  let yitang: Json;
  let baishabu: Json;
  let officeUser: RestActor;
  let yitangUser: RestActor;
  let baishabuUser: RestActor;
  let officeAdmin: AdminActor;
  let yitangAdmin: AdminActor;

  /** The changes of one record, newest first, as the platform stored them. */
  const stored = (documentId: string): Promise<Json[]> =>
    app.strapi.db.query(CHANGE as any).findMany({ where: { targetDocumentId: documentId }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
  /** The traffic-light engine writing a project's light after a write: a change of its own, by 系统任务, at its own time. */
  const lightWrite = (change: Json) => change.path === 'job' && (change.changes as Json[]).every((item) => LIGHT_FIELDS.includes(item.field));
  /**
   * The changes a test's own writes left, newest first: once the light engine has settled (its write of a project's
   * light comes after the request, and would otherwise land between two of the test's steps), without those writes.
   */
  const recorded = async (documentId: string): Promise<Json[]> => {
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
    return (await stored(documentId)).filter((change) => !lightWrite(change));
  };
  const history = (caller: { get(url: string): Promise<any> }, uid: string, documentId: string) => caller.get(`/api/history/records/${uid}/${documentId}`);
  const fieldsOf = (change: Json) => (change.changes as Json[]).map((item) => item.field).sort();

  beforeAll(async () => {
    [yitang, baishabu] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu')]);
    officeUser = await restActor(app, 'office', null, 'office api user');
    yitangUser = await restActor(app, 'town', yitang, 'yitang api user');
    baishabuUser = await restActor(app, 'town', baishabu, 'baishabu api user');
    officeAdmin = await adminActor(app, 'office', null, '办公室');
    yitangAdmin = await adminActor(app, 'town', yitang, '义堂');
  });

  afterAll(async () => {
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
  });

  describe('who, when, how and what', () => {
    let project: Json;

    it('a town user’s REST create: every field set, from nothing, by that user through REST', async () => {
      const name = unique('留痕项目-');
      const before = Date.now();
      const res = await yitangUser.post('/api/projects', { name, category: 'general', plannedInvestment: 1200.5 });
      expect(res.status).toBe(201);
      project = res.body.data;
      const [change, ...older] = await recorded(project.documentId);
      expect(older).toEqual([]);
      expect(change).toMatchObject({
        targetUid: PROJECT,
        targetDocumentId: project.documentId,
        action: 'create',
        actorVia: 'user',
        actorId: yitangUser.user.id,
        actorName: yitangUser.user.username,
        path: 'rest',
      });
      expect(change.targetLabel).toBe(`${project.code} ${name}`);
      expect(new Date(change.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
      const byField = Object.fromEntries((change.changes as Json[]).map((item) => [item.field, item]));
      expect(byField.name).toEqual({ field: 'name', from: null, to: name });
      expect(byField.plannedInvestment).toEqual({ field: 'plannedInvestment', from: null, to: 1200.5 });
      // the town's own bureau, set by the platform whatever the body said, as its documentId
      expect(byField.applicantBureau).toEqual({ field: 'applicantBureau', from: null, to: yitang.documentId });
      expect(byField.code.to).toBe(project.code);
      for (const noise of ['createdAt', 'updatedAt', 'documentId', 'createdBy', 'updatedBy', 'id']) expect(byField[noise]).toBeUndefined();
    });

    it('an API token’s REST update: only the changed fields, old and new', async () => {
      const res = await app.http().put(`/api/projects/${project.documentId}`).set('Authorization', await app.token()).send({ data: { summary: '新概况', plannedInvestment: 1300 } });
      expect(res.status).toBe(200);
      const [change] = await recorded(project.documentId);
      expect(change).toMatchObject({ action: 'update', actorVia: 'token', path: 'rest' });
      expect(change.actorName).toMatch(/^API 令牌「test-full-access-/);
      expect(change.changes).toEqual([
        { field: 'summary', from: null, to: '新概况' },
        { field: 'plannedInvestment', from: 1200.5, to: 1300 },
      ]);
    });

    it('an update that changes nothing leaves no row', async () => {
      const count = (await recorded(project.documentId)).length;
      const res = await app.http().put(`/api/projects/${project.documentId}`).set('Authorization', await app.token()).send({ data: { summary: '新概况', plannedInvestment: 1300 } });
      expect(res.status).toBe(200);
      expect(await recorded(project.documentId)).toHaveLength(count);
    });

    it('an admin’s save in the content manager: the admin by name and e-mail, through the admin panel', async () => {
      const res = await officeAdmin.update(PROJECT, project.documentId, { summary: '后台改的概况' });
      expect(res.status).toBe(200);
      const [change] = await recorded(project.documentId);
      expect(change).toMatchObject({ action: 'update', actorVia: 'admin', actorId: officeAdmin.user.id, path: 'admin' });
      expect(change.actorName).toBe(`测试办公室（${officeAdmin.email}）`);
      expect(change.changes).toEqual([{ field: 'summary', from: '新概况', to: '后台改的概况' }]);
    });

    it('a relation changed: the related documentIds before and after', async () => {
      const res = await app.http().put(`/api/projects/${project.documentId}`).set('Authorization', await app.token()).send({ data: { applicantBureau: baishabu.documentId } });
      expect(res.status).toBe(200);
      const [change] = await recorded(project.documentId);
      expect(change.changes).toEqual([{ field: 'applicantBureau', from: yitang.documentId, to: baishabu.documentId }]);
      await app.http().put(`/api/projects/${project.documentId}`).set('Authorization', await app.token()).send({ data: { applicantBureau: yitang.documentId } });
    });

    it('an internal job (no request): 系统任务, path job', async () => {
      await app.strapi.documents(PROJECT as any).update({ documentId: project.documentId, data: { industry: '新材料' } as any });
      const [change] = await recorded(project.documentId);
      expect(change).toMatchObject({ action: 'update', actorVia: 'system', actorName: '系统任务', path: 'job', actorId: null });
      expect(change.changes).toEqual([{ field: 'industry', from: null, to: '新材料' }]);
    });

    it('a delete: every field that was set, to nothing', async () => {
      const doomed = (await officeUser.post('/api/projects', { name: unique('待删项目-'), category: 'general', summary: '要删' })).body.data;
      const res = await officeUser.del(`/api/projects/${doomed.documentId}`);
      expect([200, 204]).toContain(res.status);
      const [change] = await recorded(doomed.documentId);
      expect(change).toMatchObject({ action: 'delete', actorVia: 'user', actorName: officeUser.user.username, path: 'rest' });
      expect(change.targetLabel).toContain(doomed.name);
      const byField = Object.fromEntries((change.changes as Json[]).map((item) => [item.field, item]));
      expect(byField.summary).toEqual({ field: 'summary', from: '要删', to: null });
      expect(byField.name).toEqual({ field: 'name', from: doomed.name, to: null });
    });

    it('a record of another type names its project in its label', async () => {
      const res = await yitangUser.post('/api/problems', { project: project.documentId, category: 'land_supply', title: '用地指标不足', description: '缺少指标' });
      expect(res.status).toBe(201);
      const [change] = await recorded(res.body.data.documentId);
      expect(change.targetUid).toBe(PROBLEM);
      expect(change.targetLabel).toBe(`用地指标不足「${project.name}」`);
    });
  });

  describe('nothing recorded that did not happen', () => {
    it('a write rolled back with its transaction leaves no history', async () => {
      const project = (await officeUser.post('/api/projects', { name: unique('回滚项目-'), category: 'general' })).body.data;
      const count = (await recorded(project.documentId)).length;
      await expect(
        app.strapi.db.transaction(async () => {
          await app.strapi.documents(PROJECT as any).update({ documentId: project.documentId, data: { summary: '不会留下' } as any });
          expect((await stored(project.documentId)).filter((change) => !lightWrite(change)).length).toBe(count + 1);
          throw new Error('roll back');
        })
      ).rejects.toThrow('roll back');
      expect(await recorded(project.documentId)).toHaveLength(count);
      const row = await app.strapi.db.query(PROJECT as any).findOne({ where: { documentId: project.documentId } });
      expect(row.summary).toBeNull();
    });

    it('a write refused with a 400 leaves no history', async () => {
      const project = (await officeUser.post('/api/projects', { name: unique('拒绝项目-'), category: 'general' })).body.data;
      const count = (await recorded(project.documentId)).length;
      const res = await officeUser.put(`/api/projects/${project.documentId}`, { stage: 'completed' });
      expect(res.status).toBe(400);
      expect(await recorded(project.documentId)).toHaveLength(count);
    });
  });

  describe('append-only', () => {
    let change: Json;
    beforeAll(async () => {
      [change] = await app.strapi.db.query(CHANGE as any).findMany({ orderBy: { id: 'asc' }, limit: 1 });
    });

    it('no REST route creates, changes or deletes a change, whoever calls', async () => {
      for (const authorization of [officeUser.authorization, await app.token()]) {
        const put = await app.http().put(`/api/history/changes/${change.documentId}`).set('Authorization', authorization).send({ data: { actorName: '篡改' } });
        const del = await app.http().delete(`/api/history/changes/${change.documentId}`).set('Authorization', authorization);
        const post = await app.http().post('/api/history/changes').set('Authorization', authorization).send({ data: { actorName: '伪造' } });
        for (const res of [put, del, post]) expect([403, 404, 405]).toContain(res.status);
      }
    });

    it('the content manager refuses to change or delete one, even for a super admin', async () => {
      const superAdmin = await app.adminToken();
      for (const authorization of [superAdmin, officeAdmin.authorization]) {
        const base = `/content-manager/collection-types/${CHANGE}`;
        const put = await app.http().put(`${base}/${change.documentId}`).set('Authorization', authorization).send({ actorName: '篡改' });
        const del = await app.http().delete(`${base}/${change.documentId}`).set('Authorization', authorization);
        const bulk = await app.http().post(`${base}/actions/bulkDelete`).set('Authorization', authorization).send({ documentIds: [change.documentId] });
        const post = await app.http().post(base).set('Authorization', authorization).send({ targetUid: PROJECT, targetDocumentId: 'x'.repeat(24), action: 'create', at: new Date().toISOString(), actorVia: 'admin', path: 'admin' });
        for (const res of [put, del, bulk, post]) expect(res.status).toBeGreaterThanOrEqual(400);
      }
      const after = await app.strapi.db.query(CHANGE as any).findOne({ where: { id: change.id } });
      expect(after).toEqual(change);
      expect(await app.strapi.db.query(CHANGE as any).count({ where: { targetDocumentId: 'x'.repeat(24) } })).toBe(0);
    });

    it('the document service refuses it too', async () => {
      await expect(app.strapi.documents(CHANGE as any).update({ documentId: change.documentId, data: { actorName: '篡改' } as any })).rejects.toThrow(/append-only/);
      await expect(app.strapi.documents(CHANGE as any).delete({ documentId: change.documentId })).rejects.toThrow(/append-only/);
      expect(await app.strapi.db.query(CHANGE as any).findOne({ where: { id: change.id } })).toEqual(change);
    });
  });

  describe('searching and exporting (the office)', () => {
    let project: Json;
    beforeAll(async () => {
      project = (await yitangUser.post('/api/projects', { name: unique('查询项目-'), category: 'general' })).body.data;
      await app.http().put(`/api/projects/${project.documentId}`).set('Authorization', await app.token()).send({ data: { summary: '查询用概况' } });
    });

    it('filters by record, action, field, actor, label and day, newest first', async () => {
      const all = await officeUser.get(`/api/history/changes?uid=${PROJECT}&documentId=${project.documentId}`);
      expect(all.status).toBe(200);
      expect(all.body.data.map((row: Json) => row.action)).toEqual(['update', 'create']);
      expect(all.body.meta.pagination).toMatchObject({ page: 1, total: 2 });

      const updates = await officeUser.get(`/api/history/changes?documentId=${project.documentId}&action=update&field=summary`);
      expect(updates.body.data).toHaveLength(1);
      expect(fieldsOf(updates.body.data[0])).toEqual(['summary']);
      const none = await officeUser.get(`/api/history/changes?documentId=${project.documentId}&field=industry`);
      expect(none.body.data).toEqual([]);

      const byActor = await officeUser.get(`/api/history/changes?actor=${encodeURIComponent(yitangUser.user.username)}&q=${encodeURIComponent(project.name)}`);
      expect(byActor.body.data.map((row: Json) => [row.action, row.targetDocumentId])).toEqual([['create', project.documentId]]);

      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const todays = await officeUser.get(`/api/history/changes?documentId=${project.documentId}&from=${today}&to=${today}`);
      expect(todays.body.data).toHaveLength(2);
      const past = await officeUser.get(`/api/history/changes?documentId=${project.documentId}&to=2020-01-01`);
      expect(past.body.data).toEqual([]);

      const paged = await officeUser.get('/api/history/changes?pagination[pageSize]=1&pagination[page]=2');
      expect(paged.body.data).toHaveLength(1);
      expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 1 });
    });

    it('names a bad parameter in Chinese and English', async () => {
      for (const [query, parameter, label] of [
        ['pagination[pageSize]=101', 'pageSize', '每页条数'],
        ['action=publish', 'action', '操作'],
        ['from=2026-02-30', 'from', '起始日期'],
        ['uid=plugin::history.change', 'uid', '记录类型'],
        ['where[id]=1', 'where', 'where'],
      ]) {
        const res = await officeUser.get(`/api/history/changes?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toContain(`${label}（${parameter}）`);
        expect(res.body.error.message).toContain(`${parameter}: `);
      }
    });

    it('is the office’s: other roles get a 403, admins without the permission too', async () => {
      expect((await yitangUser.get('/api/history/changes')).status).toBe(403);
      expect((await yitangUser.get('/api/history/changes/export')).status).toBe(403);
      expect((await app.http().get('/api/history/changes')).status).toBe(403);
      expect((await yitangAdmin.get('/history/changes')).status).toBe(403);
      const admin = await officeAdmin.get(`/history/changes?documentId=${project.documentId}`);
      expect(admin.status).toBe(200);
      expect(admin.body.data).toHaveLength(2);
    });

    it('exports the search as a workbook with Chinese headers and each change spelled out', async () => {
      const res = await download(app, `/api/history/changes/export?documentId=${project.documentId}`, officeUser.authorization);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('变更记录'));
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as any);
      const rows: string[][] = [];
      book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value === null || value === undefined ? '' : String(value)))));
      expect(rows[0][0]).toBe('兰山区重大项目落地服务平台变更记录');
      const header = rows.findIndex((row) => row.includes('操作人'));
      expect(rows[header]).toEqual(['序号', '时间', '记录类型', '记录', '记录编号', '操作', '操作人', '操作人身份', '途径', '变更内容（字段：原值 → 新值）']);
      const body = rows.slice(header + 1);
      expect(body.map((row) => [row[2], row[5], row[8]])).toEqual([
        ['项目', '修改', 'REST 接口'],
        ['项目', '新增', 'REST 接口'],
      ]);
      expect(body[0][9]).toBe('项目概况：（空） → 查询用概况');
      expect(body[1][9]).toContain(`项目名称：（空） → ${project.name}`);
      expect(body[1][6]).toBe(yitangUser.user.username);
      const admin = await download(app, `/history/changes/export?documentId=${project.documentId}`, officeAdmin.authorization);
      expect(admin.status).toBe(200);
    });
  });

  describe('one record’s history, for whoever may read the record', () => {
    let project: Json;
    beforeAll(async () => {
      project = (await yitangUser.post('/api/projects', { name: unique('范围项目-'), category: 'general' })).body.data;
    });

    it('the record’s own bureau reads it (REST and admin panel); another bureau gets a 404', async () => {
      const own = await history(yitangUser, PROJECT, project.documentId);
      expect(own.status).toBe(200);
      expect(own.body.data.map((row: Json) => row.action)).toEqual(['create']);
      expect((await history(baishabuUser, PROJECT, project.documentId)).status).toBe(404);
      const ownAdmin = await yitangAdmin.get(`/history/records/${PROJECT}/${project.documentId}`);
      expect(ownAdmin.status).toBe(200);
      expect(ownAdmin.body.data).toHaveLength(1);
      const otherAdmin = await adminActor(app, 'town', baishabu, '白沙埠');
      expect((await otherAdmin.get(`/history/records/${PROJECT}/${project.documentId}`)).status).toBe(404);
      expect((await history(officeUser, PROJECT, project.documentId)).status).toBe(200);
    });

    it('a deleted record’s history is the office’s; an unknown type is a 404', async () => {
      await officeUser.del(`/api/projects/${project.documentId}`);
      expect((await history(yitangUser, PROJECT, project.documentId)).status).toBe(404);
      const office = await history(officeUser, PROJECT, project.documentId);
      expect(office.body.data.map((row: Json) => row.action)).toEqual(['delete', 'create']);
      expect((await history(officeUser, CHANGE, project.documentId)).status).toBe(404);
      expect((await history(officeUser, 'admin::user', project.documentId)).status).toBe(404);
    });
  });
});
