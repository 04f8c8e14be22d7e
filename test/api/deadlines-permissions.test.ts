import { useStrapi } from '../helpers/strapi';
import { adminSession, type Json } from '../helpers/fixtures';

const RULE = 'plugin::deadlines.rule';
const OVERRIDE = 'plugin::deadlines.calendar-override';
const READ = 'plugin::deadlines.settings.read';
const UPDATE = 'plugin::deadlines.settings.update';
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

/**
 * The deadline settings (rules, the working calendar and its corrections, monthly report status) are guarded by
 * the plugin's own admin permissions, 查看期限设置 and 修改期限设置: super admins have them, the built-in Editor role
 * does not — even though Strapi gives Editors the content manager on every type, 期限规则 included. The inbox stays
 * every signed-in admin's.
 */
describe('deadline settings need the plugin’s permissions', () => {
  const app = useStrapi();
  let editor: string;
  let deadlineOfficer: string;
  let rule: Json;

  const as = (authorization: () => Promise<string>) => ({
    get: async (url: string) => app.http().get(url).set('Authorization', await authorization()),
    post: async (url: string, body: Json) => app.http().post(url).set('Authorization', await authorization()).send(body),
    put: async (url: string, body: Json) => app.http().put(url).set('Authorization', await authorization()).send(body),
    del: async (url: string) => app.http().delete(url).set('Authorization', await authorization()),
  });
  const superAdmin = () => as(() => app.adminToken());
  const asEditor = () => as(async () => editor);
  const asOfficer = () => as(async () => deadlineOfficer);
  const storedRule = () => app.strapi.db.query(RULE).findOne({ where: { documentId: rule.documentId } });
  const knownUntil = async () => (await superAdmin().get('/deadlines/calendar/settings')).body.data.knownUntil;

  beforeAll(async () => {
    const { strapi } = app;
    const editorRole = await strapi.service('admin::role').findOne({ code: 'strapi-editor' });
    expect(editorRole).toBeTruthy();
    editor = await adminSession(app, [editorRole.id], '区财政局');

    // a role of the office's own making: the content manager on 期限规则 and 节假日调整, plus both plugin permissions
    const officerRole = await strapi.service('admin::role').create({ name: '期限管理员', description: '维护期限规则与工作日历' });
    const fields = (uid: string) => Object.keys(strapi.getModel(uid as any).attributes);
    await strapi.service('admin::role').addPermissions(officerRole.id, [
      ...[RULE, OVERRIDE].flatMap((uid) =>
        ['read', 'create', 'update', 'delete'].map((action) => ({
          action: `plugin::content-manager.explorer.${action}`,
          subject: uid,
          properties: action === 'delete' ? {} : { fields: fields(uid) },
          conditions: [],
        }))
      ),
      { action: READ, subject: null, properties: {}, conditions: [] },
      { action: UPDATE, subject: null, properties: {}, conditions: [] },
    ]);
    deadlineOfficer = await adminSession(app, [officerRole.id], '协调办');
    rule = await strapi.db.query(RULE).findOne({ where: { key: 'opinion-2-working-days' } });
  });

  it('both permissions are offered in the role editor, in Chinese, under the deadlines plugin', async () => {
    const res = await superAdmin().get('/admin/permissions');
    expect(res.status).toBe(200);
    const actions = (res.body.data.sections.plugins as Json[]).filter((action) => action.plugin === 'deadlines');
    expect(actions.map((action) => action.action).sort()).toEqual([READ, UPDATE]);
    for (const action of actions) expect(action.displayName).toMatch(/期限设置/);
  });

  it('an Editor may edit 期限规则 in the content manager by Strapi’s defaults, yet gets 403 and changes nothing', async () => {
    // Strapi's default Editor permissions cover the rule type: the refusal is the plugin's, not the content manager's
    const editorRole = await app.strapi.service('admin::role').findOne({ code: 'strapi-editor' });
    const cmUpdate = await app.strapi.db
      .query('admin::permission')
      .findOne({ where: { action: 'plugin::content-manager.explorer.update', subject: RULE, role: { id: editorRole.id } } });
    expect(cmUpdate).toBeTruthy();

    const before = await storedRule();
    const edited = await asEditor().put(`${cm(RULE)}/${rule.documentId}`, { ...before, id: undefined, duration: 10 });
    expect(edited.status).toBe(403);
    expect(edited.body.error.message).toContain('修改期限设置');
    expect((await storedRule()).duration).toBe(2);

    const count = await app.strapi.db.query(RULE).count();
    const created = await asEditor().post(cm(RULE), {
      name: '会商：3 天内出纪要',
      contentType: 'api::meeting.meeting',
      startField: 'heldAt',
      durationKind: 'calendar_days',
      duration: 3,
      active: true,
    });
    expect(created.status).toBe(403);
    expect(await app.strapi.db.query(RULE).count()).toBe(count);

    expect((await asEditor().del(`${cm(RULE)}/${rule.documentId}`)).status).toBe(403);
    expect(await storedRule()).toBeTruthy();
  });

  it('an Editor gets 403 on the working calendar: the known-until date and corrections; and cannot see the settings', async () => {
    const was = await knownUntil();
    const res = await asEditor().put('/deadlines/calendar/settings', { knownUntil: '2030-12-31' });
    expect(res.status).toBe(403);
    expect(await knownUntil()).toBe(was);

    const overrides = await app.strapi.db.query(OVERRIDE).count();
    const correction = await asEditor().post(cm(OVERRIDE), { date: '2026-12-28', kind: 'rest', name: '测试' });
    expect(correction.status).toBe(403);
    expect(await app.strapi.db.query(OVERRIDE).count()).toBe(overrides);

    for (const url of ['/deadlines/calendar/settings', '/deadlines/calendar?from=2026-10-01&to=2026-10-07', '/deadlines/monthly-reports']) {
      expect({ url, status: (await asEditor().get(url)).status }).toEqual({ url, status: 403 });
    }
  });

  it('the inbox stays open to every signed-in admin', async () => {
    const inbox = await asEditor().get('/deadlines/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.data).toMatchObject({ notifications: expect.any(Array), deadlines: expect.any(Array) });
    expect((await app.http().get('/deadlines/inbox')).status).toBe(401);
  });

  it('a super admin changes the calendar and the rules: 200', async () => {
    const res = await superAdmin().put('/deadlines/calendar/settings', { knownUntil: '2030-12-31' });
    expect(res.status).toBe(200);
    expect(res.body.data.knownUntil).toBe('2030-12-31');
    expect((await superAdmin().put('/deadlines/calendar/settings', { knownUntil: null })).status).toBe(200);

    const before = await storedRule();
    const edited = await superAdmin().put(`${cm(RULE)}/${rule.documentId}`, { ...before, id: undefined, description: '协调办修订' });
    expect(edited.status).toBe(200);
    expect((await storedRule()).description).toBe('协调办修订');
    expect((await superAdmin().get('/deadlines/monthly-reports')).status).toBe(200);
  });

  it('any role granted 修改期限设置 may change them too: the permission decides, not the role’s name', async () => {
    const res = await asOfficer().put('/deadlines/calendar/settings', { knownUntil: '2031-12-31' });
    expect(res.status).toBe(200);
    expect(await knownUntil()).toBe('2031-12-31');
    await asOfficer().put('/deadlines/calendar/settings', { knownUntil: null });

    const before = await storedRule();
    const edited = await asOfficer().put(`${cm(RULE)}/${rule.documentId}`, { ...before, id: undefined, duration: 3 });
    expect(edited.status).toBe(200);
    expect((await storedRule()).duration).toBe(3);
    expect((await asOfficer().get('/deadlines/monthly-reports')).status).toBe(200);
  });
});
