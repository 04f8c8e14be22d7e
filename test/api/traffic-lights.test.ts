import { DateTime } from 'luxon';
import { WorkingCalendar, shanghaiDate } from '../../src/plugins/deadlines/server/src/calendar/working-calendar';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, create, creditCode, rest, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const ZONE = 'Asia/Shanghai';
const LIGHT = 'plugin::traffic-lights.light';
const LIGHT_CHANGE = 'plugin::traffic-lights.light-change';

/**
 * 亮灯管理 through the API: lights and reasons follow the records (an opinion going overdue and being submitted,
 * a task done, a problem resolved, an enterprise blacklisted), every change of colour is kept once, the rules
 * page changes them, and the summary, table and trend show each caller only what its bureau may see.
 */
describe('traffic lights follow the records, explain themselves and keep their history', () => {
  const app = useStrapi();
  const calendar = WorkingCalendar.create();
  const today = () => shanghaiDate(new Date());
  const daysAgo = (days: number) => DateTime.now().setZone(ZONE).minus({ days }).toISODate()!;
  const tracker = () => app.strapi.plugin('traffic-lights').service('tracker');
  const settle = () => tracker().idle();

  let yitang: Json;
  let baishabu: Json;
  let land: Json;
  let office: AdminActor;
  let townAdmin: AdminActor;
  let townUser: RestActor;

  const projectLight = async (documentId: string) =>
    app.strapi.db.query('api::project.project').findOne({ where: { documentId }, select: ['light', 'lightReasons', 'lightChangedAt'] });
  const changesOf = (key: string) => app.strapi.db.query(LIGHT_CHANGE).findMany({ where: { key }, orderBy: { id: 'asc' } });
  const codes = (reasons: Json[] | null) => (reasons ?? []).map((reason) => reason.code);

  beforeAll(async () => {
    [yitang, baishabu, land] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu'), bureau(app, 'natural-resources')]);
    office = await adminActor(app, 'office', null, 'office');
    townAdmin = await adminActor(app, 'town', yitang, 'yitang admin');
    townUser = await restActor(app, 'town', yitang, 'yitang api user');
  });

  describe('an opinion overdue, then submitted', () => {
    let project: Json;
    let opinions: Json[];

    beforeAll(async () => {
      project = await create(app, 'projects', { name: unique('新材料产业园-'), category: 'general', applicantBureau: yitang.documentId });
      // back-filled: requested three weeks ago, so every opinion (2 working days) is long overdue
      await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId, requestedAt: DateTime.now().minus({ days: 21 }).toISO() });
      await settle();
      opinions = await app.strapi.db.query('api::opinion.opinion').findMany({
        where: { preAssessment: { project: { documentId: project.documentId } } },
        populate: { bureau: true },
        orderBy: { id: 'asc' },
      });
    });

    it('turns the project red with one reason per overdue opinion, naming the bureau and the working days', async () => {
      expect(opinions.length).toBeGreaterThan(1);
      const stored = await projectLight(project.documentId);
      expect(stored.light).toBe('red');
      const overdue = stored.lightReasons.filter((reason: Json) => reason.code === 'overdue');
      expect(overdue).toHaveLength(opinions.length);
      for (const opinion of opinions) {
        const days = calendar.workingDaysBetween(shanghaiDate(new Date(opinion.dueAt)), today());
        expect(days).toBeGreaterThan(3);
        const reason = overdue.find((candidate: Json) => candidate.target.documentId === opinion.documentId);
        expect(reason).toMatchObject({
          light: 'red',
          value: days,
          message: `${opinion.bureau.name} 意见逾期 ${days} 个工作日`,
          target: { uid: 'api::opinion.opinion', documentId: opinion.documentId },
          bureau: { documentId: opinion.bureau.documentId, name: opinion.bureau.name },
        });
      }
      expect(new Date(stored.lightChangedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);
    });

    it('lights each opinion and each responsible bureau too', async () => {
      const item = await app.strapi.db.query(LIGHT).findOne({ where: { key: `item:api::opinion.opinion:${opinions[0].documentId}` } });
      expect(item).toMatchObject({ kind: 'item', light: 'red', open: true });
      const unit = await app.strapi.db.query(LIGHT).findOne({ where: { key: `unit:${opinions[0].bureau.documentId}` } });
      expect(unit.light).toBe('red');
      expect(unit.reasons.map((reason: Json) => reason.target.documentId)).toContain(opinions[0].documentId);
    });

    it('writes one history row for the project turning red, none for saves that change nothing', async () => {
      const key = `project:${project.documentId}`;
      expect((await changesOf(key)).map((row) => [row.from, row.to])).toEqual([['green', 'red']]);
      await update(app, 'projects', project.documentId, { summary: '补充项目简介' });
      const engine = app.strapi.plugin('traffic-lights').service('engine');
      await engine.recomputeAll('daily');
      expect(await changesOf(key)).toHaveLength(1);
      // nothing changed since: a second pass rewrites no light and no project (stored reasons compare equal to
      // fresh ones, although PostgreSQL's jsonb gives their keys back in another order)
      const saved = await app.strapi.db.query('api::project.project').findOne({ where: { documentId: project.documentId }, select: ['updatedAt'] });
      const again = await engine.recomputeAll('daily');
      expect(again).toMatchObject({ written: 0, changes: 0 });
      expect(again.items).toBeGreaterThan(0);
      expect(await app.strapi.db.query('api::project.project').findOne({ where: { documentId: project.documentId }, select: ['updatedAt'] })).toEqual(saved);
    });

    it('drops the reason of a submitted opinion, and turns green once all are in', async () => {
      const [first, ...rest] = opinions;
      await update(app, 'opinions', first.documentId, { verdict: 'approve', content: '符合产业导向', state: 'submitted' });
      await settle();
      const after = await projectLight(project.documentId);
      expect(after.lightReasons.map((reason: Json) => reason.target.documentId)).not.toContain(first.documentId);
      expect(after.light).toBe('red');
      const item = await app.strapi.db.query(LIGHT).findOne({ where: { key: `item:api::opinion.opinion:${first.documentId}` } });
      expect(item).toMatchObject({ light: 'green', open: false, reasons: [] });
      expect((await changesOf(`item:api::opinion.opinion:${first.documentId}`)).map((row) => row.to)).toEqual(['red', 'green']);

      for (const opinion of rest) await update(app, 'opinions', opinion.documentId, { verdict: 'approve', content: '同意', state: 'submitted' });
      await settle();
      expect(await projectLight(project.documentId)).toMatchObject({ light: 'green', lightReasons: [] });
      const history = await changesOf(`project:${project.documentId}`);
      expect(history.map((row) => [row.from, row.to])).toEqual([
        ['green', 'red'],
        ['red', 'green'],
      ]);
      expect(history[1].cause).toBe('record');
    });
  });

  describe('a task done and a problem resolved', () => {
    let project: Json;
    let task: Json;
    let problem: Json;

    beforeAll(async () => {
      project = await create(app, 'projects', { name: unique('冷链物流中心-'), category: 'livelihood', applicantBureau: yitang.documentId });
      task = await create(app, 'tasks', { title: '协调供电线路迁改', project: project.documentId, responsibleBureau: land.documentId, deadline: daysAgo(2) });
      problem = await create(app, 'problems', {
        project: project.documentId,
        reportingBureau: yitang.documentId,
        category: 'land_supply',
        title: unique('用地指标未落实-'),
        description: '需调整土地利用计划',
        isUrgent: true,
        leadBureau: land.documentId,
        state: 'assigned',
        assignedAt: DateTime.now().minus({ days: 14 }).toISO(),
      });
      await settle();
    });

    it('is red for the urgent problem past its due, with the task overdue beside it', async () => {
      const stored = await projectLight(project.documentId);
      expect(stored.light).toBe('red');
      expect(codes(stored.lightReasons)).toEqual(expect.arrayContaining(['urgent_problem', 'overdue']));
      const urgent = stored.lightReasons.find((reason: Json) => reason.code === 'urgent_problem');
      expect(urgent.message).toBe(`特别重大问题「${problem.title}」逾期未解决`);
      expect(stored.lightReasons.filter((reason: Json) => reason.target.documentId === task.documentId)).toHaveLength(1);
    });

    it('loses the problem’s reasons when it is resolved, and the task’s when it is done', async () => {
      await update(app, 'problems', problem.documentId, { state: 'proposed', proposal: '调剂年度用地指标' });
      await update(app, 'problems', problem.documentId, { state: 'resolving' });
      await update(app, 'problems', problem.documentId, { state: 'resolved', resolution: '指标已下达' });
      await settle();
      const afterProblem = await projectLight(project.documentId);
      expect(afterProblem.lightReasons.map((reason: Json) => reason.target.documentId)).toEqual([task.documentId]);

      await update(app, 'tasks', task.documentId, { state: 'done', completionNote: '线路已迁改' });
      await settle();
      expect(await projectLight(project.documentId)).toMatchObject({ light: 'green', lightReasons: [] });
    });
  });

  describe('a blacklisted enterprise', () => {
    it('turns its projects red, and green again when taken off the list', async () => {
      const enterprise = await create(app, 'enterprises', { name: unique('某某置业有限公司-'), creditCode: creditCode(901) });
      const project = await create(app, 'projects', { name: unique('商业综合体-'), category: 'general', applicantBureau: baishabu.documentId, enterprise: enterprise.documentId });
      await settle();
      expect((await projectLight(project.documentId)).light).toBe('green');

      await app.strapi.documents('api::enterprise.enterprise').update({ documentId: enterprise.documentId, data: { blacklisted: true } });
      await settle();
      const red = await projectLight(project.documentId);
      expect(red).toMatchObject({ light: 'red', lightReasons: [{ code: 'blacklisted', message: `投资方「${enterprise.name}」已列入失信名单` }] });

      await app.strapi.documents('api::enterprise.enterprise').update({ documentId: enterprise.documentId, data: { blacklisted: true, address: '兰山区' } });
      await app.strapi.documents('api::enterprise.enterprise').update({ documentId: enterprise.documentId, data: { blacklisted: false } });
      await settle();
      expect((await projectLight(project.documentId)).light).toBe('green');
      expect((await changesOf(`project:${project.documentId}`)).map((row) => `${row.from}→${row.to}`)).toEqual(['green→red', 'red→green']);
    });
  });

  describe('start slip and the rules page', () => {
    let project: Json;

    beforeAll(async () => {
      // planned to start 20 days ago, not started: slipped less than a month → yellow by default
      project = await create(app, 'projects', { name: unique('光伏组件项目-'), category: 'key_provincial_municipal', applicantBureau: baishabu.documentId, plannedStartDate: daysAgo(20) });
      await settle();
    });

    afterAll(async () => {
      await office.put('/traffic-lights/rules', { data: [{ scope: 'key_provincial_municipal', values: { startSlipYellowMonths: null, startSlipRedMonths: null } }] });
      await settle();
    });

    it('is yellow for a start that slipped under a month', async () => {
      const stored = await projectLight(project.documentId);
      expect(stored).toMatchObject({ light: 'yellow', lightReasons: [{ code: 'start_slip', light: 'yellow' }] });
      expect(stored.lightReasons[0].message).toMatch(new RegExp(`^计划 ${daysAgo(20)} 开工，已延误 20 天 仍未开工$`));
    });

    it('lists the rules with labels, and refuses a bad row naming the field, writing nothing', async () => {
      const listed = await office.get('/traffic-lights/rules');
      expect(listed.status).toBe(200);
      expect(listed.body.data[0]).toEqual({
        scope: 'default',
        values: { dueSoonWorkingDays: 1, overdueYellowMaxWorkingDays: 3, startSlipYellowMonths: 0, startSlipRedMonths: 1, scheduleYellowPoints: 10, scheduleRedPoints: 30, urgentProblemRed: true, blacklistRed: true },
      });
      expect(listed.body.meta.scopes.key_provincial_municipal).not.toBe('key_provincial_municipal');
      expect(listed.body.meta.fields.startSlipRedMonths.zh).toBe('开工延误红灯（月）');

      const bad = await office.put('/traffic-lights/rules', { data: [{ scope: 'key_provincial_municipal', values: { startSlipRedMonths: 0 } }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('开工延误红灯（月）');
      expect(bad.body.error.message).toContain('startSlipRedMonths');
      expect(bad.body.error.details.errors[0].path).toEqual(['data', 0, 'values', 'startSlipRedMonths']);
      expect((await office.get('/traffic-lights/rules')).body.data.find((row: Json) => row.scope === 'key_provincial_municipal').values.startSlipRedMonths).toBeNull();
    });

    it('recomputes every light when the office changes a category’s rules', async () => {
      // key projects: yellow only after a month's slip, red after two — a 20-day slip is no longer lit
      const relaxed = await office.put('/traffic-lights/rules', { data: [{ scope: 'key_provincial_municipal', values: { startSlipYellowMonths: 1, startSlipRedMonths: 2 } }] });
      expect(relaxed.status).toBe(200);
      expect(relaxed.body.data.find((row: Json) => row.scope === 'key_provincial_municipal').values).toMatchObject({ startSlipYellowMonths: 1, startSlipRedMonths: 2, dueSoonWorkingDays: null });
      await settle();
      expect(await projectLight(project.documentId)).toMatchObject({ light: 'green', lightReasons: [] });
      const history = await changesOf(`project:${project.documentId}`);
      expect(history.map((row) => [row.to, row.cause])).toEqual([
        ['yellow', 'record'],
        ['green', 'rules'],
      ]);
    });

    it('keeps the rules to those allowed to change them', async () => {
      const refused = await townAdmin.put('/traffic-lights/rules', { data: [{ scope: 'default', values: { dueSoonWorkingDays: 5 } }] });
      expect(refused.status).toBe(403);
      expect((await townAdmin.get('/traffic-lights/rules')).status).toBe(403);
    });
  });

  describe('summary, table and trend, scoped to the caller', () => {
    const allOf = async (get: (url: string) => Promise<any>, query = '') => {
      const rows: Json[] = [];
      for (let page = 1; ; page += 1) {
        const res = await get(`/traffic-lights/projects?pageSize=2&page=${page}${query}`);
        expect(res.status).toBe(200);
        rows.push(...res.body.data);
        if (page >= res.body.meta.pagination.pageCount) return { rows, total: res.body.meta.pagination.total };
      }
    };

    it('counts by colour exactly what the table lists, for the office', async () => {
      await settle();
      const summary = await office.get('/traffic-lights/summary');
      expect(summary.status).toBe(200);
      const { rows, total } = await allOf(office.get);
      const projects = await app.strapi.db.query('api::project.project').findMany({ select: ['documentId', 'light'] });
      expect(total).toBe(projects.length);
      expect(summary.body.data.total).toBe(projects.length);
      for (const light of ['red', 'yellow', 'green']) {
        expect(summary.body.data.counts[light]).toBe(rows.filter((row) => row.light === light).length);
        expect(summary.body.data.counts[light]).toBe(projects.filter((project) => project.light === light).length);
        const filtered = await allOf(office.get, `&light=${light}`);
        expect(filtered.total).toBe(summary.body.data.counts[light]);
      }
      // red first, then yellow, then green
      const ranks = rows.map((row) => ({ red: 2, yellow: 1, green: 0 })[row.light as 'red']);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      const unitTotals = summary.body.data.units.reduce((sum: number, unit: Json) => sum + unit.total, 0);
      expect(unitTotals).toBe(projects.length);
      // each unit with its worst reasons (at most five) and how many it has in all
      const lit = summary.body.data.units.filter((unit: Json) => unit.light !== 'green');
      expect(lit.length).toBeGreaterThan(0);
      for (const unit of summary.body.data.units) {
        expect(unit.reasons.length).toBeLessThanOrEqual(5);
        expect(unit.reasonCount).toBeGreaterThanOrEqual(unit.reasons.length);
        expect(unit.light === 'green').toBe(unit.reasonCount === 0);
      }
    });

    it('shows a town only its own projects, in the admin panel and through the API', async () => {
      const mine = await app.strapi.db.query('api::project.project').findMany({ where: { applicantBureau: { id: yitang.id } }, select: ['documentId', 'light'] });
      expect(mine.length).toBeGreaterThan(0);
      const others = await app.strapi.db.query('api::project.project').count({ where: { applicantBureau: { id: baishabu.id } } });
      expect(others).toBeGreaterThan(0);

      const summary = await townAdmin.get('/traffic-lights/summary');
      expect(summary.status).toBe(200);
      expect(summary.body.data.total).toBe(mine.length);
      expect(summary.body.data.units.map((unit: Json) => unit.bureau.documentId)).toEqual([yitang.documentId]);
      const { rows } = await allOf(townAdmin.get);
      expect(rows.map((row) => row.documentId).sort()).toEqual(mine.map((project) => project.documentId).sort());
      // another town's filter answers nothing, not its projects
      expect((await townAdmin.get(`/traffic-lights/projects?unit=${baishabu.documentId}`)).body.meta.pagination.total).toBe(0);

      const api = await townUser.get('/api/traffic-lights/summary');
      expect(api.status).toBe(200);
      expect(api.body.data.total).toBe(mine.length);
      const page = await townUser.get('/api/traffic-lights/projects?pagination[pageSize]=100');
      expect(page.body.data.map((row: Json) => row.documentId).sort()).toEqual(mine.map((project) => project.documentId).sort());
    });

    it('lists a row with its applicant, reasons and the next item due with its bureau', async () => {
      const project = await create(app, 'projects', { name: unique('数据中心-'), category: 'general', applicantBureau: yitang.documentId });
      const task = await create(app, 'tasks', { title: '办理施工许可', project: project.documentId, responsibleBureau: land.documentId, deadline: today() });
      await settle();
      const res = await office.get(`/traffic-lights/projects?unit=${yitang.documentId}&light=yellow&sort=name:asc`);
      const row = res.body.data.find((candidate: Json) => candidate.documentId === project.documentId);
      expect(row).toMatchObject({
        name: project.name,
        applicantBureau: { documentId: yitang.documentId, name: yitang.name },
        light: 'yellow',
        lightReasons: [{ code: 'due_soon', message: `${land.name} 任务今日到期` }],
        nextDue: { uid: 'api::task.task', documentId: task.documentId, title: `任务：${task.title}`, bureau: { documentId: land.documentId, name: land.name } },
      });
      expect(new Date(row.nextDue.dueAt).toISOString()).toBe(DateTime.fromISO(today(), { zone: ZONE }).endOf('day').toJSDate().toISOString());
    });

    it('answers the trend with this month’s counts equal to the summary', async () => {
      const [summary, trend] = await Promise.all([office.get('/traffic-lights/summary'), office.get('/traffic-lights/trend?months=3')]);
      expect(trend.status).toBe(200);
      expect(trend.body.data).toHaveLength(3);
      const current = trend.body.data[2];
      expect(current.month).toBe(today().slice(0, 7));
      expect({ red: current.red, yellow: current.yellow, green: current.green }).toEqual(summary.body.data.counts);
      expect(current.turnedGreen).toBeGreaterThanOrEqual(3);
      expect(current.turnedRed).toBeGreaterThanOrEqual(3);
    });

    it('answers a bad parameter with a 400 naming it, and nobody signed in with 403', async () => {
      const bad = await office.get('/traffic-lights/projects?light=blue&pageSize=500');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('灯色（light）');
      expect(bad.body.error.message).toContain('每页条数（pageSize）');
      const unknown = await townUser.get('/api/traffic-lights/projects?filters[light]=red');
      expect(unknown.status).toBe(400);
      const nobody = await app.http().get('/api/traffic-lights/summary');
      expect(nobody.status).toBe(403);
    });

    it('costs the same number of SQL queries whatever the page size', async () => {
      const count = async (url: string) => {
        // a recompute still running from an earlier write would be counted with the request
        await app.strapi.plugin('traffic-lights').service('tracker').idle();
        let queries = 0;
        const listener = () => (queries += 1);
        app.strapi.db.connection.on('query', listener);
        try {
          expect((await office.get(url)).status).toBe(200);
        } finally {
          app.strapi.db.connection.off('query', listener);
        }
        return queries;
      };
      const small = await count('/traffic-lights/projects?pageSize=1');
      const large = await count('/traffic-lights/projects?pageSize=100');
      expect(large).toBe(small);
    });
  });

  describe('a read-only API token (the big screens)', () => {
    it('reads the summary and the table of the whole district', async () => {
      const res = await rest(app, () => app.token('read-only')).get('/api/traffic-lights/summary');
      expect(res.status).toBe(200);
      expect(res.body.data.total).toBe(await app.strapi.db.query('api::project.project').count({}));
    });
  });
});
