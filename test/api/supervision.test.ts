import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import { parseNoticeNumber } from '../../src/domain/supervision';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { download, bureau, count, create, createProject, expectFieldError, type Json, rest, unique, update } from '../helpers/fixtures';
import { fakeWallClock } from '../deadlines/helpers';
import { useStrapi } from '../helpers/strapi';

const INSPECTION = 'api::inspection.inspection';
const NOTICE = 'api::supervision-notice.supervision-notice';
const DEADLINE = 'plugin::deadlines.deadline';
const ZONE = 'Asia/Shanghai';

/**
 * 专项督查与督办单 (work plan §3.5): the office's inspection raises one numbered notice per finding it marks; the
 * bureau replies through the REST API, the office returns (new reply deadline) or accepts through the admin panel;
 * the notice's deadline follows; an overdue item escalated to the office becomes a notice too.
 */
describe('special inspections and supervision notices', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const db = (uid: string) => app.strapi.db.query(uid as any);

  let land: Json;
  let commerce: Json;
  let landUser: RestActor;
  let commerceUser: RestActor;
  let leaderUser: RestActor;
  let officeAdmin: AdminActor;
  let landAdmin: AdminActor;
  let project: Json;

  const calendar = () => app.strapi.plugin('deadlines').service('calendar').get();
  const endOfDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).endOf('day').toUTC().toISO();
  const deadlineOf = async (notice: Json) => {
    const rows = await db(DEADLINE).findMany({ where: { targetUid: NOTICE, targetDocumentId: notice.documentId }, populate: ['bureau', 'rule'] });
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const noticesOf = async (inspection: Json): Promise<Json[]> => {
    const res = await api().get(`/api/supervision-notices?filters[inspection][documentId][$eq]=${inspection.documentId}&populate[bureau][fields][0]=code&sort=id:asc`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const findings = () => [
    { bureau: land.documentId, project: project.documentId, issue: '用地手续办理进度滞后，未按期出具规划条件', requirement: '10 日内出具规划条件并报送进展', raiseNotice: true },
    { bureau: commerce.documentId, issue: '招商合同履约情况台账不完整', requirement: '补齐台账', replyWorkingDays: 3, raiseNotice: true },
    { bureau: commerce.documentId, issue: '宣传材料更新不及时', raiseNotice: false },
  ];

  beforeAll(async () => {
    land = await bureau(app, 'natural-resources');
    commerce = await bureau(app, 'commerce');
    project = await createProject(app, { applicantBureau: (await bureau(app, 'sample-yitang')).documentId });
    landUser = await restActor(app, 'department', land, 'natural resources user');
    commerceUser = await restActor(app, 'department', commerce, 'commerce user');
    leaderUser = await restActor(app, 'leader', null, 'leader');
    officeAdmin = await adminActor(app, 'office', null, 'office admin');
    landAdmin = await adminActor(app, 'department', land, 'natural resources admin');
  });

  describe('an inspection with findings', () => {
    let inspection: Json;
    let notices: Json[];

    beforeAll(async () => {
      inspection = await create(app, 'inspections', {
        title: unique('重点项目用地专项督查-'),
        scopeKind: 'projects',
        projects: [project.documentId],
        bureaus: [land.documentId],
        inspectedAt: '2026-11-20',
        inspectors: '王某、李某',
        state: 'done',
        findings: findings(),
      });
      notices = await noticesOf(inspection);
    });

    it('raises one numbered notice per finding marked 下发督办单, to its bureau, numbered in sequence', async () => {
      expect(notices.map((notice) => notice.bureau.code)).toEqual(['natural-resources', 'commerce']);
      const numbers = notices.map((notice) => parseNoticeNumber(notice.number));
      expect(numbers.every(Boolean)).toBe(true);
      const year = DateTime.now().setZone(ZONE).year;
      expect(numbers.map((n) => n!.year)).toEqual([year, year]);
      expect(numbers[1]!.sequence).toBe(numbers[0]!.sequence + 1);
      expect(notices[0]).toMatchObject({ source: 'inspection_finding', state: 'issued', issue: findings()[0].issue, replyWorkingDays: 5 });
      expect(notices[1].replyWorkingDays).toBe(3);
    });

    it('gives each notice its reply deadline in working days, pending for its bureau', async () => {
      const cal = await calendar();
      for (const notice of notices) {
        const due = cal.addWorkingDays(DateTime.fromISO(notice.issuedAt).setZone(ZONE).toISODate(), notice.replyWorkingDays).date;
        expect(new Date(notice.replyDueAt).toISOString()).toBe(endOfDay(due));
        const deadline = await deadlineOf(notice);
        expect(deadline.state).toBe('pending');
        expect(deadline.rule.key).toBe('supervision-notice-reply');
        expect(deadline.bureau.id).toBe(notice.bureau.id);
      }
    });

    it('does not raise them again when the inspection is saved again, with or without the findings’ keys', async () => {
      const before = await count(app, 'supervision-notices');
      const stored = await api().get(`/api/inspections/${inspection.documentId}?populate[findings][populate][bureau][fields][0]=code`);
      const keys = stored.body.data.findings.map((finding: Json) => finding.key);
      expect(new Set(keys).size).toBe(3);
      // as a client that does not echo the keys: the same findings sent again
      await update(app, 'inspections', inspection.documentId, { findings: findings(), note: '复查' });
      // and as the admin panel does, with keys
      const again = await update(app, 'inspections', inspection.documentId, {
        findings: findings().map((finding, index) => ({ ...finding, key: keys[index] })),
      });
      expect(again.title).toBe(inspection.title);
      expect(await count(app, 'supervision-notices')).toBe(before);
      // ticking the third finding raises exactly one more
      await update(app, 'inspections', inspection.documentId, { findings: findings().map((finding) => ({ ...finding, raiseNotice: true })) });
      expect(await count(app, 'supervision-notices')).toBe(before + 1);
      expect((await noticesOf(inspection)).map((notice) => notice.issue)).toEqual(findings().map((finding) => finding.issue));
    });

    it('refuses a finding that raises a notice without a bureau, and a theme inspection without a theme (400, nothing written)', async () => {
      const before = await count(app, 'inspections');
      const noBureau = await api().post('/api/inspections', { title: unique('督查-'), scopeKind: 'units', findings: [{ issue: '问题', raiseNotice: true }] });
      expect(expectFieldError(noBureau, 'inspection.finding', 'bureau')).toContain('findings.0.bureau');
      expectFieldError(await api().post('/api/inspections', { title: unique('督查-'), scopeKind: 'theme' }), INSPECTION, 'theme');
      expect(await count(app, 'inspections')).toBe(before);
    });

    it('is read by the bureaus inspected or named in its findings and by leaders; another bureau gets 404', async () => {
      const other = await restActor(app, 'department', await bureau(app, 'development-reform'), 'development reform user');
      expect((await landUser.get(`/api/inspections/${inspection.documentId}`)).status).toBe(200);
      expect((await commerceUser.get(`/api/inspections/${inspection.documentId}`)).status).toBe(200);
      expect((await leaderUser.get(`/api/inspections/${inspection.documentId}`)).status).toBe(200);
      expect((await other.get(`/api/inspections/${inspection.documentId}`)).status).toBe(404);
      // the office writes inspections: a bureau cannot
      expect((await landUser.put(`/api/inspections/${inspection.documentId}`, { note: '已阅' })).status).toBe(403);
    });

    it('in the admin panel a finding’s key, which ties it to its notice, is shown but not editable', async () => {
      const res = await officeAdmin.get('/content-manager/components/inspection.finding/configuration');
      expect(res.status).toBe(200);
      const metadatas = res.body.data.component.metadatas;
      expect(metadatas.key.edit.editable).toBe(false);
      expect(metadatas.issue.edit.editable).not.toBe(false);
    });
  });

  describe('reply, return and acceptance', () => {
    let notice: Json;

    beforeAll(async () => {
      const inspection = await create(app, 'inspections', {
        title: unique('专项督查-'),
        scopeKind: 'units',
        bureaus: [land.documentId],
        inspectedAt: '2026-11-21',
        findings: [{ bureau: land.documentId, issue: '规划条件出具超时', requirement: '限期出具', raiseNotice: true }],
      });
      [notice] = await noticesOf(inspection);
    });

    it('is read and replied to by its bureau only: another bureau gets 404, a reply without text is a 400 naming reply', async () => {
      expect((await commerceUser.get(`/api/supervision-notices/${notice.documentId}`)).status).toBe(404);
      expect((await commerceUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已整改' })).status).toBe(404);
      const list = await landUser.get('/api/supervision-notices?pagination[pageSize]=100');
      expect(list.body.data.map((row: Json) => row.documentId)).toContain(notice.documentId);

      expectFieldError(await landUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'replied' }), NOTICE, 'reply');
      expectFieldError(await landUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '   ' }), NOTICE, 'reply');
      // review is the office's
      expectFieldError(await landUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'accepted' }), NOTICE, 'state');
      expect((await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data.state).toBe('issued');
    });

    it('the bureau replies through the REST API: replied, stamped, its deadline met; the issue stays the office’s', async () => {
      const res = await landUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已出具规划条件，并建立台账。', issue: '改写的问题' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ state: 'replied', reply: '已出具规划条件，并建立台账。', issue: notice.issue });
      expect(res.body.data.repliedAt).toBeTruthy();
      expect((await deadlineOf(notice)).state).toBe('met');
    });

    it('a return needs a note and is the office’s: a department admin cannot', async () => {
      const byBureau = await landAdmin.update(NOTICE, notice.documentId, { state: 'returned', reviewNote: '不行' });
      expect(byBureau.status).toBe(400);
      expect(byBureau.body.error.message).toContain('state');
      const noNote = await officeAdmin.update(NOTICE, notice.documentId, { state: 'returned' });
      expectFieldError(noNote, NOTICE, 'reviewNote');
    });

    it('the office returns it through the admin panel: returned, a new reply deadline, the deadline pending again, history kept', async () => {
      const before = await deadlineOf(notice);
      const res = await officeAdmin.update(NOTICE, notice.documentId, { state: 'returned', reviewNote: '整改材料不全，请补充规划条件文件。' });
      expect(res.status).toBe(200);
      const stored = (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;
      expect(stored.state).toBe('returned');
      const cal = await calendar();
      const due = cal.addWorkingDays(DateTime.fromISO(stored.reviewedAt).setZone(ZONE).toISODate(), stored.replyWorkingDays).date;
      expect(new Date(stored.replyDueAt).toISOString()).toBe(endOfDay(due));
      const deadline = await deadlineOf(notice);
      expect(before.state).toBe('met');
      expect(deadline.state).toBe('pending');
      expect(new Date(deadline.dueAt).toISOString()).toBe(new Date(stored.replyDueAt).toISOString());
      expect(stored.history.map((entry: Json) => [entry.from, entry.to, entry.by])).toEqual([
        [null, 'issued', 'system'],
        ['issued', 'replied', 'bureau'],
        ['replied', 'returned', 'office'],
      ]);
      expect(stored.history[2].note).toBe('整改材料不全，请补充规划条件文件。');
    });

    it('the bureau replies again; the office accepts; accepted is final', async () => {
      const again = await landUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已补充规划条件文件（附件）。' });
      expect(again.status).toBe(200);
      expect(again.body.data.state).toBe('replied');
      expect((await deadlineOf(notice)).state).toBe('met');

      const accepted = await officeAdmin.update(NOTICE, notice.documentId, { state: 'accepted', reviewNote: '整改到位。' });
      expect(accepted.status).toBe(200);
      const stored = (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;
      expect(stored.state).toBe('accepted');
      expect(stored.history.map((entry: Json) => entry.to)).toEqual(['issued', 'replied', 'returned', 'replied', 'accepted']);
      expect((await deadlineOf(notice)).state).toBe('met');

      expectFieldError(await officeAdmin.update(NOTICE, notice.documentId, { state: 'returned', reviewNote: '再看看' }), NOTICE, 'state');
      expectFieldError(await landUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '再改一次' }), NOTICE, 'reply');
    });

    it('exports as .docx naming its number, recipient, issue, deadline, reply and review; 404 for another bureau', async () => {
      const fetchFile = (url: string, authorization: string) => download(app, url, authorization);
      const stored = (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;
      const res = await fetchFile(`/api/dispatch/exports/supervision-notices/${notice.documentId}`, landUser.authorization);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      for (const expected of ['督办单', stored.number, land.name, stored.issue, stored.requirement, '已补充规划条件文件（附件）。', '整改到位。']) {
        expect(text).toContain(expected);
      }
      expect((await fetchFile(`/api/dispatch/exports/supervision-notices/${notice.documentId}`, commerceUser.authorization)).status).toBe(404);
      expect((await fetchFile(`/dispatch/exports/supervision-notices/${notice.documentId}`, officeAdmin.authorization)).status).toBe(200);
      expect((await fetchFile(`/dispatch/exports/supervision-notices/${notice.documentId}`, landAdmin.authorization)).status).toBe(200);
    });
  });

  describe('the office reviewing through the REST API', () => {
    let officeUser: RestActor;
    let notice: Json;
    const read = async () => (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;

    beforeAll(async () => {
      officeUser = await restActor(app, 'office', null, 'office user');
      const res = await api().post('/api/supervision-notices', { bureau: commerce.documentId, project: project.documentId, issue: unique('招商引资项目台账未按月更新-'), replyWorkingDays: 3 });
      expect(res.status).toBe(201);
      notice = res.body.data;
      expect((await commerceUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已更新台账。' })).status).toBe(200);
      expect((await deadlineOf(notice)).state).toBe('met');
      // issued and replied to a week ago: a return gives a reply deadline counted from the return, not from the issue
      const week = 7 * 24 * 3600_000;
      const back = (value: string | null) => (value ? new Date(new Date(value).getTime() - week).toISOString() : value);
      const row = await db(NOTICE).findOne({ where: { documentId: notice.documentId } });
      const replyDueDate = DateTime.fromISO(row.replyDueDate, { zone: ZONE }).minus({ days: 7 }).toISODate();
      await db(NOTICE).update({
        where: { id: row.id },
        data: {
          issuedAt: back(row.issuedAt),
          repliedAt: back(row.repliedAt),
          replyDueDate,
          replyDueAt: endOfDay(replyDueDate!),
          history: row.history.map((entry: Json) => ({ ...entry, at: back(entry.at) })),
        },
      });
      const deadline = await deadlineOf(notice);
      await db(DEADLINE).update({ where: { id: deadline.id }, data: { dueAt: endOfDay(replyDueDate!), dueDate: replyDueDate } });
    });

    it('its own bureau’s user cannot accept it (400 naming state), another bureau’s gets 404; nothing changes', async () => {
      const before = await read();
      expect(before.state).toBe('replied');
      const byOwnBureau = await commerceUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'accepted', reviewNote: '自行办结' });
      expectFieldError(byOwnBureau, NOTICE, 'state');
      // another bureau does not even see it
      expect((await landUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'accepted', reviewNote: '办结' })).status).toBe(404);
      const after = await read();
      expect(after).toMatchObject({ state: 'replied', reviewNote: null, reviewedAt: null });
      expect(after.history).toEqual(before.history);
      expect((await deadlineOf(notice)).state).toBe('met');
    });

    it('the office returns it through REST: a note is required; returned, a new reply deadline from the return, its deadline pending again', async () => {
      const first = await read();
      expectFieldError(await officeUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'returned' }), NOTICE, 'reviewNote');
      expect((await read()).state).toBe('replied');

      const res = await officeUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'returned', reviewNote: '台账缺少 10 月数据，请补充。' });
      expect(res.status).toBe(200);
      const stored = await read();
      expect(stored).toMatchObject({ state: 'returned', reviewNote: '台账缺少 10 月数据，请补充。' });
      const cal = await calendar();
      const due = cal.addWorkingDays(DateTime.fromISO(stored.reviewedAt).setZone(ZONE).toISODate(), 3).date;
      expect(new Date(stored.replyDueAt).toISOString()).toBe(endOfDay(due));
      expect(new Date(stored.replyDueAt).getTime()).toBeGreaterThan(new Date(first.replyDueAt).getTime());
      const deadline = await deadlineOf(notice);
      expect(deadline.state).toBe('pending');
      expect(new Date(deadline.dueAt).toISOString()).toBe(endOfDay(due));
      expect(stored.history.map((entry: Json) => [entry.from, entry.to, entry.by])).toEqual([
        [null, 'issued', 'office'],
        ['issued', 'replied', 'bureau'],
        ['replied', 'returned', 'office'],
      ]);
    });

    it('the bureau replies again and the office accepts through REST: accepted, its deadline met, and it stays accepted', async () => {
      expect((await commerceUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'accepted', reviewNote: '自行办结' })).status).toBe(400);
      expect((await read()).state).toBe('returned');
      expect((await commerceUser.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已补充 10 月台账数据。' })).status).toBe(200);
      expect((await deadlineOf(notice)).state).toBe('met');

      const res = await officeUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'accepted', reviewNote: '台账完整，同意办结。' });
      expect(res.status).toBe(200);
      const stored = await read();
      expect(stored).toMatchObject({ state: 'accepted', reviewNote: '台账完整，同意办结。', reply: '已补充 10 月台账数据。' });
      expect(stored.history.map((entry: Json) => [entry.to, entry.by])).toEqual([
        ['issued', 'office'],
        ['replied', 'bureau'],
        ['returned', 'office'],
        ['replied', 'bureau'],
        ['accepted', 'office'],
      ]);
      const deadline = await deadlineOf(notice);
      expect(deadline.state).toBe('met');
      expectFieldError(await officeUser.put(`/api/supervision-notices/${notice.documentId}`, { state: 'returned', reviewNote: '再看看' }), NOTICE, 'state');
      expect((await read()).state).toBe('accepted');
    });
  });

  describe('an overdue item escalated to the office', () => {
    it('raises exactly one notice to the bureau responsible, naming the item', async () => {
      // a task whose deadline passed two weeks ago: its escalation (1 working day after) is due at once
      const past = DateTime.now().setZone(ZONE).minus({ days: 14 }).toISODate()!;
      const title = unique('出具用地预审意见-');
      const task = await create(app, 'tasks', { title, responsibleBureau: land.documentId, deadline: past, project: project.documentId });
      const deadline = await db(DEADLINE).findOne({ where: { targetUid: 'api::task.task', targetDocumentId: task.documentId } });
      const delivery = app.strapi.plugin('deadlines').service('delivery');
      await delivery.deliver({ deadlineId: deadline.id, version: deadline.version, kind: 'escalation', step: 0 });
      await app.strapi.plugin('deadlines').service('scheduler').drain?.();

      const find = () =>
        db(NOTICE).findMany({ where: { sourceUid: 'api::task.task', sourceDocumentId: task.documentId }, populate: ['bureau', 'project', 'sourceDeadline'] });
      // the notice is raised after the delivery's commit, by the escalation's listener: poll (the bound only ends a hopeless wait)
      let notices: Json[] = [];
      for (let tries = 0; tries < 300 && notices.length === 0; tries += 1) {
        notices = await find();
        if (!notices.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ source: 'overdue_escalation', state: 'issued' });
      expect(notices[0].bureau.id).toBe(land.id);
      expect(notices[0].project.id).toBe(project.id);
      expect(notices[0].sourceDeadline.id).toBe(deadline.id);
      expect(notices[0].issue).toContain(title);

      // delivered again (another worker, a retry): still one notice
      await delivery.deliver({ deadlineId: deadline.id, version: deadline.version, kind: 'escalation', step: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await find()).toHaveLength(1);

      // the notice's own reply deadline passes too and is escalated to the office (the wall clock past its escalation,
      // only Date faked): the office is told, and no notice about the notice is raised
      const noticeDeadline = await deadlineOf(notices[0]);
      expect(noticeDeadline.rule.key).toBe('supervision-notice-reply');
      expect(noticeDeadline.state).toBe('pending');
      const office = await db('api::bureau.bureau').findOne({ where: { kind: 'office' }, orderBy: { id: 'asc' } });
      expect(office).toBeTruthy();
      // a listener added after the platform's: called once the platform's listener of the same event has finished
      const escalated: Json[] = [];
      const stopListening = app.strapi.eventHub.on('deadline.escalated', (payload: Json) => {
        if (payload?.deadline?.id === noticeDeadline.id) escalated.push(payload);
      });
      try {
        fakeWallClock(new Date(new Date(noticeDeadline.dueAt).getTime() + 15 * 24 * 3600_000));
        const job = { deadlineId: noticeDeadline.id, version: noticeDeadline.version, kind: 'escalation' as const, step: 0 };
        expect(await delivery.deliver(job)).toEqual({ status: 'delivered' });
        jest.useRealTimers();
        for (let tries = 0; tries < 300 && escalated.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        jest.useRealTimers();
        stopListening();
      }
      expect(escalated).toHaveLength(1);
      expect(escalated[0].deadline).toMatchObject({ targetUid: NOTICE, targetDocumentId: notices[0].documentId });
      expect(escalated[0].bureau.id).toBe(office.id);
      const told = await db('plugin::deadlines.notification').findMany({ where: { deadline: { id: noticeDeadline.id }, kind: 'escalation' }, populate: ['bureau'] });
      expect(told).toHaveLength(1);
      expect(told[0].bureau.id).toBe(office.id);
      expect(told[0].targetDocumentId).toBe(notices[0].documentId);
      expect(told[0].title).toContain('督办：');
      expect(told[0].message).toContain(`责任单位：${land.name}`);
      // no notice about the notice: none raised from its deadline or naming it as its source
      expect(await db(NOTICE).count({ where: { sourceDeadline: { id: noticeDeadline.id } } })).toBe(0);
      expect(await db(NOTICE).count({ where: { sourceUid: NOTICE } })).toBe(0);
      expect(await find()).toHaveLength(1);
    });
  });

  describe('lights', () => {
    it('an open notice lights its bureau and its project like any item with a deadline; its reply puts it out', async () => {
      const LIGHT = 'plugin::traffic-lights.light';
      const reform = await bureau(app, 'development-reform');
      // the office writes one by hand: 1 working day to reply, so it is due within a working day (yellow)
      const res = await api().post('/api/supervision-notices', { bureau: reform.documentId, project: project.documentId, issue: '项目审批材料退回后未重新报送', replyWorkingDays: 1 });
      expect(res.status).toBe(201);
      const notice = res.body.data;
      expect(notice).toMatchObject({ source: 'manual', state: 'issued' });
      const key = `item:${NOTICE}:${notice.documentId}`;
      // the lights follow a write after its commit: wait for that pass, then read them
      const settle = () => app.strapi.plugin('traffic-lights').service('tracker').idle();
      const lightOf = async (where: Json) => {
        await settle();
        return db(LIGHT).findOne({ where });
      };
      expect(await lightOf({ key })).toMatchObject({ light: 'yellow', open: true });
      const unit = await lightOf({ key: `unit:${reform.documentId}` });
      expect(unit.reasons.map((reason: Json) => reason.target.documentId)).toContain(notice.documentId);
      expect(unit.reasons.find((reason: Json) => reason.target.documentId === notice.documentId).message).toContain('督办单');

      const replier = await restActor(app, 'department', reform, 'development reform replier');
      expect((await replier.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已重新报送审批材料。' })).status).toBe(200);
      const item = await lightOf({ key });
      expect(item).toMatchObject({ light: 'green', open: false });
    });
  });

  describe('figures', () => {
    it('count per unit the notices received, replied on time and open, with their definition', async () => {
      const today = DateTime.now().setZone(ZONE).toISODate()!;
      const res = await api().get(`/api/dispatch/figures?from=${today.slice(0, 8)}01&to=${today}`);
      expect(res.status).toBe(200);
      const unit = (code: string) => res.body.data.units.find((row: Json) => row.bureau.code === code);
      const landNotices = await db(NOTICE).findMany({ where: { bureau: { id: land.id } } });
      const figure = unit('natural-resources').supervision;
      expect(figure.received).toBe(landNotices.length);
      expect(figure.accepted).toBe(landNotices.filter((notice) => notice.state === 'accepted').length);
      expect(figure.open).toBe(landNotices.filter((notice) => notice.state !== 'accepted').length);
      expect(figure.repliedOnTime).toBe(1);
      expect(res.body.data.district.supervision.received).toBe(await db(NOTICE).count());
      expect(res.body.meta.definitions.supervision.name).toBe('督办单办理');
    });
  });

  describe('through the admin panel', () => {
    const connect = (documentId: string) => ({ connect: [{ documentId }], disconnect: [] });
    let inspection: Json;
    let notices: Json[];

    it('an inspection the office admin creates in the content manager raises one numbered notice per marked finding; saved again there, none', async () => {
      const before = await count(app, 'supervision-notices');
      const title = unique('后台专项督查-');
      const created = await officeAdmin.create(INSPECTION, {
        title,
        scopeKind: 'units',
        bureaus: connect(land.documentId),
        inspectedAt: '2026-11-22',
        inspectors: '赵某',
        state: 'done',
        findings: [
          { bureau: connect(land.documentId), project: connect(project.documentId), issue: '后台：用地报批材料缺项', requirement: '补齐报批材料', raiseNotice: true },
          { bureau: connect(commerce.documentId), issue: '后台：招商项目跟踪服务不到位', replyWorkingDays: 3, raiseNotice: true },
          { bureau: connect(commerce.documentId), issue: '后台：宣传栏未更新', raiseNotice: false },
        ],
      });
      expect(created.status).toBe(201);
      inspection = created.body.data;
      notices = await noticesOf(inspection);
      expect(notices.map((notice) => [notice.bureau.code, notice.issue, notice.state, notice.source])).toEqual([
        ['natural-resources', '后台：用地报批材料缺项', 'issued', 'inspection_finding'],
        ['commerce', '后台：招商项目跟踪服务不到位', 'issued', 'inspection_finding'],
      ]);
      expect(notices.map((notice) => notice.replyWorkingDays)).toEqual([5, 3]);
      const numbers = notices.map((notice) => parseNoticeNumber(notice.number));
      expect(numbers.every(Boolean)).toBe(true);
      expect(numbers[1]!.sequence).toBe(numbers[0]!.sequence + 1);
      expect(await count(app, 'supervision-notices')).toBe(before + 2);
      for (const notice of notices) expect((await deadlineOf(notice)).state).toBe('pending');

      // saved again as the edit view does: the findings as read back, with their ids and keys, another field changed
      const form = await officeAdmin.findOne(INSPECTION, inspection.documentId);
      expect(form.status).toBe(200);
      const findingsAsRead: Json[] = form.body.data.findings;
      expect(findingsAsRead).toHaveLength(3);
      expect(new Set(findingsAsRead.map((finding) => finding.key)).size).toBe(3);
      const saved = await officeAdmin.update(INSPECTION, inspection.documentId, {
        title,
        scopeKind: 'units',
        inspectedAt: '2026-11-22',
        state: 'done',
        note: '后台复查',
        findings: findingsAsRead.map(({ id, key, issue, requirement, replyWorkingDays, raiseNotice }) => ({ id, key, issue, requirement, replyWorkingDays, raiseNotice })),
      });
      expect(saved.status).toBe(200);
      expect(await count(app, 'supervision-notices')).toBe(before + 2);
      const again = await noticesOf(inspection);
      expect(again.map((notice) => notice.documentId)).toEqual(notices.map((notice) => notice.documentId));
      expect(again.map((notice) => notice.number)).toEqual(notices.map((notice) => notice.number));
      // the findings keep their units and keys
      const stored = await api().get(`/api/inspections/${inspection.documentId}?populate[findings][populate][bureau][fields][0]=code`);
      expect(stored.body.data.note).toBe('后台复查');
      expect(stored.body.data.findings.map((finding: Json) => [finding.bureau?.code, finding.key])).toEqual(
        findingsAsRead.map((finding, index) => [['natural-resources', 'commerce', 'commerce'][index], finding.key])
      );
    });

    it('the bureau’s department admin replies in the content manager; another bureau’s admin cannot; the office admin accepts', async () => {
      const [notice] = notices; // 区自然资源局's
      const commerceAdmin = await adminActor(app, 'department', commerce, 'commerce admin');
      expect([403, 404]).toContain((await commerceAdmin.update(NOTICE, notice.documentId, { reply: '越权回复' })).status);

      const replied = await landAdmin.update(NOTICE, notice.documentId, { reply: '已补齐报批材料并报送区自然资源局审核。', issue: '改写的问题' });
      expect(replied.status).toBe(200);
      let stored = (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;
      expect(stored).toMatchObject({ state: 'replied', reply: '已补齐报批材料并报送区自然资源局审核。', issue: notice.issue });
      expect(stored.repliedAt).toBeTruthy();
      expect((await deadlineOf(notice)).state).toBe('met');

      const accepted = await officeAdmin.update(NOTICE, notice.documentId, { state: 'accepted', reviewNote: '材料齐全，同意办结。' });
      expect(accepted.status).toBe(200);
      stored = (await api().get(`/api/supervision-notices/${notice.documentId}`)).body.data;
      expect(stored.state).toBe('accepted');
      expect(stored.history.map((entry: Json) => [entry.from, entry.to, entry.by])).toEqual([
        [null, 'issued', 'system'],
        ['issued', 'replied', 'bureau'],
        ['replied', 'accepted', 'office'],
      ]);
    });
  });

  describe('the reply reminder', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('reminds the bureau at 09:00 of the working day before the reply deadline, once; a reply stops it', async () => {
      const science = await bureau(app, 'science-technology');
      const res = await api().post('/api/supervision-notices', { bureau: science.documentId, issue: unique('科技项目申报材料迟报-'), replyWorkingDays: 3 });
      expect(res.status).toBe(201);
      const notice = res.body.data;
      const deadline = await deadlineOf(notice);
      expect(deadline.rule.key).toBe('supervision-notice-reply');
      expect(new Date(deadline.dueAt).toISOString()).toBe(new Date(notice.replyDueAt).toISOString());
      const dueDate = DateTime.fromJSDate(new Date(deadline.dueAt)).setZone(ZONE).toISODate()!;
      const cal = await calendar();
      const remindAt = DateTime.fromISO(cal.addWorkingDays(dueDate, -1).date, { zone: ZONE }).set({ hour: 9 }).toJSDate();
      expect(remindAt.getTime()).toBeGreaterThan(Date.now());

      const delivery = app.strapi.plugin('deadlines').service('delivery');
      const job = { deadlineId: deadline.id, version: deadline.version, kind: 'reminder' as const, step: 0 };
      const reminders = () => db('plugin::deadlines.notification').findMany({ where: { deadline: { id: deadline.id }, kind: 'reminder' }, populate: ['bureau'] });
      // planned for that instant, not sent before it
      expect(await delivery.deliver(job)).toEqual({ status: 'early', runAt: remindAt });
      expect(await reminders()).toHaveLength(0);

      // the wall clock a minute past it (only Date is faked): delivered to the bureau, once however often it runs
      fakeWallClock(new Date(remindAt.getTime() + 60_000));
      const outcome = await delivery.deliver(job);
      expect(['delivered', 'duplicate']).toContain(outcome.status);
      expect((await delivery.deliver(job)).status).toBe('duplicate');
      await app.strapi.plugin('deadlines').service('scheduler').drain?.();
      const sent = await reminders();
      expect(sent).toHaveLength(1);
      expect(sent[0].bureau.id).toBe(science.id);
      expect(sent[0].title).toContain(science.name);
      expect(sent[0].title).toContain(`将于 ${dueDate} 到期`);
      expect(sent[0].targetDocumentId).toBe(notice.documentId);
      jest.useRealTimers();

      // a notice replied to gets no reminder: the deadline is met
      const other = await api().post('/api/supervision-notices', { bureau: science.documentId, issue: unique('科技项目绩效材料缺失-'), replyWorkingDays: 3 });
      const replier = await restActor(app, 'department', science, 'science user');
      expect((await replier.put(`/api/supervision-notices/${other.body.data.documentId}`, { reply: '已补充绩效材料。' })).status).toBe(200);
      const met = await deadlineOf(other.body.data);
      expect(met.state).toBe('met');
      fakeWallClock(new Date(remindAt.getTime() + 60_000));
      expect(await delivery.deliver({ deadlineId: met.id, version: met.version, kind: 'reminder', step: 0 })).toEqual({ status: 'dropped', reason: 'met' });
      expect(await db('plugin::deadlines.notification').count({ where: { deadline: { id: met.id } } })).toBe(0);
    });
  });

  describe('a bulletin issued after notices', () => {
    it('counts the bureau’s notices received, replied on time and open, in its figures and its spreadsheet', async () => {
      const finance = await bureau(app, 'financial-regulation');
      const user = await restActor(app, 'department', finance, 'financial regulation user');
      const raise = async (issue: string) => {
        const res = await api().post('/api/supervision-notices', { bureau: finance.documentId, issue, replyWorkingDays: 5 });
        expect(res.status).toBe(201);
        return res.body.data;
      };
      const open = await raise(unique('金融服务台账未更新-'));
      const replied = await raise(unique('企业融资需求未对接-'));
      const accepted = await raise(unique('预警企业未走访-'));
      for (const notice of [replied, accepted]) {
        expect((await user.put(`/api/supervision-notices/${notice.documentId}`, { reply: '已整改并报送。' })).status).toBe(200);
      }
      expect((await officeAdmin.update(NOTICE, accepted.documentId, { state: 'accepted', reviewNote: '整改到位。' })).status).toBe(200);

      // a bulletin covers days already past: the three notices were issued and handled a week ago
      const week = 7 * 24 * 3600_000;
      const back = (value: string | null) => (value ? new Date(new Date(value).getTime() - week).toISOString() : value);
      for (const notice of [open, replied, accepted]) {
        const row = await db(NOTICE).findOne({ where: { documentId: notice.documentId } });
        await db(NOTICE).update({
          where: { id: row.id },
          data: {
            issuedAt: back(row.issuedAt),
            replyDueAt: back(row.replyDueAt),
            repliedAt: back(row.repliedAt),
            reviewedAt: back(row.reviewedAt),
            history: row.history.map((entry: Json) => ({ ...entry, at: back(entry.at) })),
          },
        });
      }
      const today = DateTime.now().setZone(ZONE);
      const period = { periodLabel: '近两周督办', periodStart: today.minus({ days: 14 }).toISODate(), periodEnd: today.minus({ days: 1 }).toISODate() };
      const draft = await create(app, 'bulletins', period);
      const issued = await update(app, 'bulletins', draft.documentId, { state: 'issued' });
      expect(issued.state).toBe('issued');
      const stored = await db('api::bulletin.bulletin').findOne({ where: { documentId: draft.documentId } });
      const figures = stored.figures.units.find((unit: Json) => unit.bureau.documentId === finance.documentId);
      expect(figures.supervision).toMatchObject({ received: 3, replied: 2, repliedOnTime: 2, accepted: 1, open: 2 });

      const file = await download(app, `/api/dispatch/exports/bulletins/${draft.documentId}`, await app.token());
      expect(file.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as any);
      const sheet = workbook.worksheets[0];
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).map((value) => (value === null || value === undefined ? '' : String(value)))));
      const header = rows.find((row) => row.includes('收到') && row.includes('按期回复') && row.includes('未办结'))!;
      expect(header).toBeTruthy();
      const line = rows.find((row) => row.includes(finance.name))!;
      expect(line).toBeTruthy();
      expect([line[header.indexOf('收到')], line[header.indexOf('按期回复')], line[header.indexOf('未办结')]]).toEqual(['3', '2', '2']);
    });
  });
});
