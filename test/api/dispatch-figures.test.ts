import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, create, createProject, expectFieldError, read, rest, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const BULLETIN = 'api::bulletin.bulletin';
const PROJECT = 'api::project.project';
const LIGHT_CHANGE = 'plugin::traffic-lights.light-change';
const H1 = 'from=2026-01-01&to=2026-06-30';

/**
 * 调度与通报 through the API: each figure of the first half of 2026 on records whose answers are worked out below by
 * hand, what each kind of caller sees, bad parameters, and bulletins that keep the figures of the day they were
 * issued while a new bulletin shows a later correction.
 *
 * Records of 2026 H1 (cut-off 2026-06-30):
 * - 义堂镇 (town): P1 planned 2026-02-10, started 2026-03-01, annual plan 2000; P2 planned 2026-05-20, not started,
 *   annual plan 1000; P3 planned 2026-08-01 (after the period). Reports P1 2026-02 600 + 2026-06 400 (+ 2026-07 300,
 *   after the cut-off month), P2 2026-05 500.
 *   → start 1 ÷ 2 = 50 %; investment (600 + 400 + 500) ÷ (2000 + 1000) = 50 %.
 *   Problems it reported, all led by 区自然资源局: Q1 2026-03 resolved 2026-04-10, Q2 2026-05 assigned, Q3 2026-06
 *   escalated, Q4 2026-07 (after the period) → 1 resolved ÷ (3 reported − 1 escalated) = 50 %.
 *   Pledge: one node due 2026-04-30 achieved that day → 100 %.
 *   Lights at the cut-off: P1 red on 2026-03-01 then green on 2026-06-15 → green; P2 yellow since 2026-05-01; P3
 *   entered after the cut-off → not counted. → green 1, yellow 1.
 *   Score (0.5 + 0.5 + 0.5 + 1) ÷ 4 = 0.625.
 * - 白沙埠镇 (town): P4 planned 2026-04-01, started 2026-06-30 (the cut-off day), annual plan 500; report 2026-03 250;
 *   red since 23:00 Beijing time on 2026-06-30. → start 100 %, investment 50 %, problems —, pledges —, red 1.
 *   Score (1 + 0.5) ÷ 2 = 0.75: first of the applicant units, 义堂镇 second.
 * - 区自然资源局 (department): leads Q1–Q4 → 50 %; pledge nodes 2026-03-31 met, 2026-05-31 achieved 2026-06-05 (late)
 *   → 50 %. Score 0.5: first of the departments.
 * - District: start 2 ÷ 3 = 66.67 %; investment 1750 ÷ 3500 = 50 %; problems 1 ÷ 2 = 50 %; pledges 2 ÷ 3 = 66.67 %;
 *   lights green 1, yellow 1, red 1.
 */
describe('dispatch figures and bulletins', () => {
  const app = useStrapi();
  const api = () => rest(app);

  let yitang: Json;
  let baishabu: Json;
  let land: Json;
  let townUser: RestActor;
  let nobody: RestActor;
  let leaderAdmin: AdminActor;
  let townAdmin: AdminActor;
  const projects: Record<string, Json> = {};

  const unitOf = (body: Json, unit: Json) => body.data.units.find((row: Json) => row.bureau.documentId === unit.documentId);
  /** Backdates when a project entered the platform (fixtures are created today; the figures look at 2026 H1). */
  const enteredOn = (project: Json, iso: string) => app.strapi.db.query(PROJECT).update({ where: { id: project.id }, data: { createdAt: new Date(iso) } });
  const lightChange = (project: Json, from: string, to: string, iso: string) =>
    app.strapi.db.query(LIGHT_CHANGE).create({
      data: { key: `project:${project.documentId}`, kind: 'project', targetUid: PROJECT, targetDocumentId: project.documentId, project: project.id, from, to, cause: 'record', changedAt: new Date(iso) },
    });
  const problem = (project: Json, data: Json) =>
    create(app, 'problems', { project: project.documentId, reportingBureau: yitang.documentId, leadBureau: land.documentId, category: 'land_supply', title: '用地指标', description: '缺少用地指标', ...data });

  beforeAll(async () => {
    [yitang, baishabu, land] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu'), bureau(app, 'natural-resources')]);
    townUser = await restActor(app, 'town', yitang, 'yitang api user');
    nobody = await restActor(app, 'town', null, 'town user without a bureau');
    leaderAdmin = await adminActor(app, 'leader', null, 'leader admin');
    townAdmin = await adminActor(app, 'town', yitang, 'yitang admin');

    const plan = { plannedInvestment: 10000 };
    projects.p1 = await createProject(app, { ...plan, applicantBureau: yitang.documentId, plannedStartDate: '2026-02-10', actualStartDate: '2026-03-01', annualPlannedInvestment: 2000 });
    projects.p2 = await createProject(app, { ...plan, applicantBureau: yitang.documentId, plannedStartDate: '2026-05-20', annualPlannedInvestment: 1000 });
    projects.p3 = await createProject(app, { ...plan, applicantBureau: yitang.documentId, plannedStartDate: '2026-08-01' });
    projects.p4 = await createProject(app, { ...plan, applicantBureau: baishabu.documentId, plannedStartDate: '2026-04-01', actualStartDate: '2026-06-30', annualPlannedInvestment: 500 });

    for (const [project, period, investmentThisPeriod] of [
      [projects.p1, '2026-02', 600],
      [projects.p1, '2026-06', 400],
      [projects.p1, '2026-07', 300],
      [projects.p2, '2026-05', 500],
      [projects.p4, '2026-03', 250],
    ] as const) {
      await create(app, 'progress-reports', { project: project.documentId, period, investmentThisPeriod });
    }

    await problem(projects.p1, { period: '2026-03', state: 'resolved', resolution: '已办理用地手续', resolvedAt: '2026-04-10T02:00:00.000Z' });
    await problem(projects.p1, { period: '2026-05', state: 'assigned' });
    await problem(projects.p2, { period: '2026-06', level: 'city', state: 'escalated' });
    await problem(projects.p2, { period: '2026-07' });

    await create(app, 'pledges', { bureau: yitang.documentId, pledgedBy: '义堂镇镇长', year: 2026, targets: '上半年开工', nodes: [{ title: '开工', targetDate: '2026-04-30', achievedDate: '2026-04-30' }] });
    await create(app, 'pledges', {
      bureau: land.documentId,
      pledgedBy: '区自然资源局局长',
      year: 2026,
      targets: '保障用地',
      nodes: [
        { title: '组卷报批', targetDate: '2026-03-31', achievedDate: '2026-03-30' },
        { title: '供地', targetDate: '2026-05-31', achievedDate: '2026-06-05' },
      ],
    });

    for (const key of ['p1', 'p2', 'p4']) await enteredOn(projects[key], '2026-01-05T02:00:00.000Z');
    await lightChange(projects.p1, 'green', 'red', '2026-03-01T01:00:00.000Z');
    await lightChange(projects.p1, 'red', 'green', '2026-06-15T01:00:00.000Z');
    await lightChange(projects.p2, 'green', 'yellow', '2026-05-01T01:00:00.000Z');
    await lightChange(projects.p4, 'green', 'red', '2026-06-30T15:00:00.000Z');
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
  });

  describe('figures of a period', () => {
    let body: Json;
    beforeAll(async () => {
      const res = await api().get(`/api/dispatch/figures?${H1}`);
      expect(res.status).toBe(200);
      body = res.body;
    });

    it('gives a town its start, investment, problem, pledge and light figures', () => {
      expect(unitOf(body, yitang)).toMatchObject({
        group: 'applicant',
        startRate: { planned: 2, started: 1, rate: 0.5 },
        investmentRate: { annualPlan: 3000, completed: 1500, rate: 0.5 },
        problemResolution: { reported: 3, resolved: 1, escalated: 1, counted: 2, rate: 0.5 },
        pledgeFulfilment: { due: 1, met: 1, late: 0, missed: 0, rate: 1 },
        lights: { red: 0, yellow: 1, green: 1, total: 2 },
        score: 0.625,
        rank: 2,
      });
    });

    it('counts a start on the cut-off day and a light turned red late on the cut-off day; "—" (null) where nothing was due', () => {
      expect(unitOf(body, baishabu)).toMatchObject({
        startRate: { planned: 1, started: 1, rate: 1 },
        investmentRate: { annualPlan: 500, completed: 250, rate: 0.5 },
        problemResolution: { reported: 0, rate: null },
        pledgeFulfilment: { due: 0, rate: null },
        lights: { red: 1, yellow: 0, green: 0, total: 1 },
        score: 0.75,
        rank: 1,
      });
    });

    it('gives a department the problems it leads and its pledges, and no project figures', () => {
      expect(unitOf(body, land)).toMatchObject({
        group: 'department',
        startRate: null,
        investmentRate: null,
        lights: null,
        problemResolution: { reported: 3, resolved: 1, escalated: 1, counted: 2, rate: 0.5 },
        pledgeFulfilment: { due: 2, met: 1, late: 1, missed: 0, rate: 0.5 },
        score: 0.5,
        rank: 1,
      });
    });

    it('sums the district and ranks each group, units with nothing to measure unranked', () => {
      expect(body.data.district).toEqual({
        startRate: { planned: 3, started: 2, rate: 0.6667 },
        investmentRate: { annualPlan: 3500, completed: 1750, rate: 0.5 },
        problemResolution: { reported: 3, resolved: 1, escalated: 1, counted: 2, rate: 0.5 },
        pledgeFulfilment: { due: 3, met: 2, late: 1, missed: 0, rate: 0.6667 },
        lights: { red: 1, yellow: 1, green: 1, total: 3 },
        // no 督办单 was issued in the period (see test/api/supervision.test.ts)
        supervision: { received: 0, replied: 0, repliedOnTime: 0, accepted: 0, open: 0, overdue: 0, rate: null },
        // no 集中办公日 was planned in the period (see test/api/co-working.test.ts)
        coWorking: { daysPlanned: 0, daysPresent: 0, expectedWeeks: 0, attendedWeeks: 0, flaggedWeeks: 0, rate: null },
      });
      expect(body.data.ranking.applicant.slice(0, 2).map((entry: Json) => [entry.documentId, entry.rank])).toEqual([
        [baishabu.documentId, 1],
        [yitang.documentId, 2],
      ]);
      expect(body.data.ranking.applicant.slice(2).every((entry: Json) => entry.rank === null && entry.score === null)).toBe(true);
      expect(body.data.ranking.department[0]).toMatchObject({ documentId: land.documentId, rank: 1, score: 0.5 });
      expect(body.data.units.some((row: Json) => ['office', 'city'].includes(row.bureau.kind))).toBe(false);
    });

    it('shows the definitions next to the figures, in Chinese first', () => {
      expect(body.meta.definitions.startRate).toMatchObject({ name: '开工率', formula: '开工率 = 已开工项目数 ÷ 计划开工项目数' });
      expect(body.meta.definitions.problemResolution.definition).toContain('已上报市级');
      expect(Object.keys(body.meta.definitions)).toEqual(expect.arrayContaining(['investmentRate', 'pledgeFulfilment', 'lights', 'ranking', 'supervision', 'coWorking']));
    });

    it('narrows to one unit', async () => {
      const res = await api().get(`/api/dispatch/figures?${H1}&unit=${land.documentId}`);
      expect(res.status).toBe(200);
      expect(res.body.data.units.map((row: Json) => row.bureau.documentId)).toEqual([land.documentId]);
    });
  });

  describe('who sees what', () => {
    it('a town sees its own unit (with its rank) and the district line, not the other units or the ranking', async () => {
      const res = await townUser.get(`/api/dispatch/figures?${H1}`);
      expect(res.status).toBe(200);
      expect(res.body.data.units.map((row: Json) => row.bureau.documentId)).toEqual([yitang.documentId]);
      expect(res.body.data.units[0]).toMatchObject({ rank: 2, startRate: { rate: 0.5 } });
      expect(res.body.data.district.startRate).toEqual({ planned: 3, started: 2, rate: 0.6667 });
      expect(res.body.data.ranking).toBeNull();
    });

    it('a department sees its own line: the problems it leads and its pledges', async () => {
      const landUser = await restActor(app, 'department', land, 'natural-resources api user');
      const res = await landUser.get(`/api/dispatch/figures?${H1}`);
      expect(res.status).toBe(200);
      expect(res.body.data.units).toHaveLength(1);
      expect(res.body.data.units[0]).toMatchObject({ bureau: { documentId: land.documentId }, problemResolution: { rate: 0.5 }, pledgeFulfilment: { rate: 0.5 }, rank: 1 });
    });

    it('the office is not a unit of the figures: 404 even for the office', async () => {
      const office = await bureau(app, 'office');
      expect((await api().get(`/api/dispatch/figures?${H1}&unit=${office.documentId}`)).status).toBe(404);
    });

    it("another unit's figures answer 404 to a town", async () => {
      const res = await townUser.get(`/api/dispatch/figures?${H1}&unit=${baishabu.documentId}`);
      expect(res.status).toBe(404);
    });

    it('a read-only API token (a district-wide integration) reads every unit and the ranking', async () => {
      const res = await app.http().get(`/api/dispatch/figures?${H1}`).set('Authorization', await app.token('read-only'));
      expect(res.status).toBe(200);
      expect(unitOf(res.body, baishabu)).toMatchObject({ rank: 1 });
      expect(res.body.data.ranking.department[0].documentId).toBe(land.documentId);
    });

    it('a user without a bureau sees nothing', async () => {
      const res = await nobody.get(`/api/dispatch/figures?${H1}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ units: [], district: null, ranking: null });
    });

    it('leaders see every unit in the admin panel; a town admin is not given the figures page', async () => {
      const res = await leaderAdmin.get(`/dispatch/figures?${H1}`);
      expect(res.status).toBe(200);
      expect(unitOf(res.body, yitang)).toMatchObject({ rank: 2, score: 0.625 });
      expect(res.body.data.ranking.applicant[0].documentId).toBe(baishabu.documentId);
      expect((await townAdmin.get(`/dispatch/figures?${H1}`)).status).toBe(403);
    });

    it('anyone signed in reads the public pledge ranking of a year', async () => {
      const res = await townUser.get('/api/dispatch/pledge-ranking?year=2026');
      expect(res.status).toBe(200);
      expect(res.body.data.year).toBe(2026);
      expect(res.body.data.units.map((entry: Json) => [entry.bureau.documentId, entry.rank, entry.rate, entry.late])).toEqual([
        [yitang.documentId, 1, 1, 0],
        [land.documentId, 2, 0.5, 1],
      ]);
      expect(res.body.meta.definitions.pledgeRanking.name).toBe('践诺排名');
      expect((await app.http().get('/api/dispatch/pledge-ranking?year=2026')).status).toBe(403);
    });
  });

  describe('bad parameters', () => {
    it.each([
      ['to=2026-06-30', 'from', '统计起始日（from）'],
      ['from=2026-01-01', 'to', '截止日（to）'],
      ['from=2026-02-30&to=2026-06-30', 'from', '统计起始日（from）'],
      ['from=2026-07-01&to=2026-06-30', 'to', '截止日（to）'],
      [`${H1}&unit=not%20an%20id`, 'unit', '单位（unit）'],
      [`${H1}&bureau=x`, 'bureau', '（bureau）'],
    ])('GET figures?%s → 400 naming %s', async (query, parameter, chinese) => {
      const res = await api().get(`/api/dispatch/figures?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(chinese);
      expect(res.body.error.message).toContain(`${parameter}: `);
      expect(res.body.error.details.errors.map((error: Json) => error.path)).toEqual([[parameter]]);
    });

    it('GET pledge-ranking?year=abc → 400 naming the year', async () => {
      const res = await api().get('/api/dispatch/pledge-ranking?year=abc');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('年度（year）：须为 2000 到 2100 之间的年份 / year: must be a year from 2000 to 2100');
    });
  });

  describe('bulletins', () => {
    /**
     * 2025, 义堂镇: P5 planned to start 2025-03-01, not started; Q5 reported 2025-06, not resolved (the 2026 records
     * above are outside 2025, except the annual plans, which count for the cut-off's year whatever it is).
     * → start 0 ÷ 1, problems 0 ÷ 1 on the first bulletin; both corrected afterwards → 1 ÷ 1 on the second.
     */
    let p5: Json;
    let q5: Json;
    let first: Json;
    const YEAR = { periodLabel: '2025年', periodStart: '2025-01-01', periodEnd: '2025-12-31' };

    beforeAll(async () => {
      p5 = await createProject(app, { applicantBureau: yitang.documentId, plannedStartDate: '2025-03-01' });
      q5 = await problem(p5, { period: '2025-06' });
      const draft = await create(app, 'bulletins', YEAR);
      first = await update(app, 'bulletins', draft.documentId, { state: 'issued' });
    });

    it('freezes the figures as of the cut-off when issued, with a generated title and the issue time', () => {
      expect(first).toMatchObject({ state: 'issued', title: '2025年重大项目落地实绩通报' });
      expect(Date.now() - new Date(first.issuedAt).getTime()).toBeLessThan(60_000);
      expect(first.figures.period).toEqual({ from: '2025-01-01', to: '2025-12-31' });
      expect(unitOf({ data: first.figures }, yitang)).toMatchObject({ startRate: { planned: 1, started: 0, rate: 0 }, problemResolution: { reported: 1, resolved: 0, rate: 0 } });
      expect(first.figures.definitions.startRate.name).toBe('开工率');
      // no 2025 progress reports: 义堂镇 0 ÷ 3000 and 白沙埠镇 0 ÷ 500 invested; both score 0 and share the first rank
      const rankOf = (unit: Json) => first.figures.ranking.applicant.find((entry: Json) => entry.documentId === unit.documentId);
      expect(rankOf(yitang)).toMatchObject({ rank: 1, score: 0 });
      expect(rankOf(baishabu)).toMatchObject({ rank: 1, score: 0 });
    });

    it('keeps its figures when records are corrected later; a new bulletin and the live figures show the correction', async () => {
      await update(app, 'projects', p5.documentId, { actualStartDate: '2025-02-20' });
      await update(app, 'problems', q5.documentId, { state: 'resolved', resolution: '已协调解决', resolvedAt: '2025-09-01T02:00:00.000Z' });

      const kept = await read(app, 'bulletins', first.documentId);
      expect(kept!.figures).toEqual(first.figures);

      const live = await api().get('/api/dispatch/figures?from=2025-01-01&to=2025-12-31');
      expect(unitOf(live.body, yitang)).toMatchObject({ startRate: { started: 1, rate: 1 }, problemResolution: { resolved: 1, rate: 1 } });

      const second = await create(app, 'bulletins', { ...YEAR, periodLabel: '2025年（更正）', state: 'issued' });
      expect(unitOf({ data: second.figures }, yitang)).toMatchObject({ startRate: { planned: 1, started: 1, rate: 1 }, problemResolution: { reported: 1, resolved: 1, rate: 1 } });
      expect(second.title).toBe('2025年（更正）重大项目落地实绩通报');
    });

    it('an issued bulletin cannot be changed or deleted, and nothing is written', async () => {
      const change = await api().put(`/api/bulletins/${first.documentId}`, { note: '改稿' });
      expectFieldError(change, BULLETIN, 'state');
      expect(change.body.error.message).toContain('通报已印发，不能再修改');
      expectFieldError(await api().put(`/api/bulletins/${first.documentId}`, { state: 'draft' }), BULLETIN, 'state');
      const removal = await api().del(`/api/bulletins/${first.documentId}`);
      expectFieldError(removal, BULLETIN, 'state');
      expect(removal.body.error.message).toContain('通报已印发，不能删除');
      const stored = await read(app, 'bulletins', first.documentId);
      expect(stored).toMatchObject({ state: 'issued', note: null, figures: first.figures });
    });

    it('clients cannot write the figures or the issue time', async () => {
      for (const [field, forged, label] of [
        ['figures', { district: 'forged' }, '通报数据（figures）'],
        ['issuedAt', '2020-01-01T00:00:00.000Z', '印发时间（issuedAt）'],
      ] as const) {
        const res = await api().post('/api/bulletins', { ...YEAR, periodLabel: '伪造', [field]: forged });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(label);
        expect(res.body.error.message).toContain(`Invalid key ${field}`);
      }
      expect(await app.strapi.db.query(BULLETIN).count({ where: { periodLabel: '伪造' } })).toBe(0);
      // internal code (and the admin panel) goes through the same rule: the values are dropped, never stored
      const draft = await create(app, 'bulletins', YEAR);
      const internal = await app.strapi.documents(BULLETIN as any).update({ documentId: draft.documentId, data: { figures: { forged: true }, issuedAt: new Date() } as any });
      expect(internal).toMatchObject({ figures: null, issuedAt: null });
      expect((await api().del(`/api/bulletins/${draft.documentId}`)).status).toBe(204);
    });

    it('a period must end after it starts, and a bulletin is issued only once its cut-off day has passed', async () => {
      expectFieldError(await api().post('/api/bulletins', { periodLabel: '倒置', periodStart: '2025-07-01', periodEnd: '2025-06-30' }), BULLETIN, 'periodEnd');
      const early = await api().post('/api/bulletins', { periodLabel: '2099年', periodStart: '2099-01-01', periodEnd: '2099-12-31', state: 'issued' });
      expectFieldError(early, BULLETIN, 'periodEnd');
      expect(early.body.error.message).toContain('截止日尚未过去');
      expectFieldError(await api().post('/api/bulletins', { periodLabel: '缺截止日', periodStart: '2025-01-01', state: 'issued' }), BULLETIN, 'periodEnd');
      expect(await app.strapi.db.query(BULLETIN).count({ where: { periodLabel: { $in: ['倒置', '2099年', '缺截止日'] } } })).toBe(0);
    });

    it('a delete arriving while the draft is being issued waits for the issue, then is refused', async () => {
      const draft = await create(app, 'bulletins', { ...YEAR, periodLabel: '并发' });
      let updated!: () => void;
      let release!: () => void;
      const didUpdate = new Promise<void>((resolve) => (updated = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      // the issue is written but not yet committed when the delete comes in
      const issuing = app.strapi.db.transaction(async () => {
        await app.strapi.documents(BULLETIN as any).update({ documentId: draft.documentId, data: { state: 'issued' } as any });
        updated();
        await gate;
      });
      await didUpdate;
      const removal = api().del(`/api/bulletins/${draft.documentId}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await issuing;
      const res = await removal;
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('通报已印发，不能删除');
      expect(await read(app, 'bulletins', draft.documentId)).toMatchObject({ state: 'issued' });
    });

    it('the office issues from the admin panel too; the figures in its form are never taken, and an issued bulletin is read-only there', async () => {
      const office = await adminActor(app, 'office', null, 'office admin');
      const created = await office.create(BULLETIN, { ...YEAR, periodLabel: '2025年（后台）' });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId;
      const issued = await office.update(BULLETIN, documentId, { ...YEAR, periodLabel: '2025年（后台）', state: 'issued', figures: { forged: true }, issuedAt: '2020-01-01T00:00:00.000Z' });
      expect(issued.status).toBe(200);
      const stored = await app.strapi.db.query(BULLETIN).findOne({ where: { documentId } });
      expect(stored.figures.forged).toBeUndefined();
      expect(unitOf({ data: stored.figures }, yitang)).toMatchObject({ startRate: { planned: 1, started: 1 } });
      expect(new Date(stored.issuedAt).getFullYear()).toBeGreaterThan(2020);
      const again = await office.update(BULLETIN, documentId, { ...YEAR, periodLabel: '改过', state: 'issued' });
      expectFieldError(again, BULLETIN, 'state');
      expectFieldError(await office.remove(BULLETIN, documentId), BULLETIN, 'state');
      expect(await app.strapi.db.query(BULLETIN).findOne({ where: { documentId } })).toMatchObject({ periodLabel: '2025年（后台）', state: 'issued' });
    });

    it('everyone reads bulletins; only the office writes them', async () => {
      expect((await townUser.get(`/api/bulletins/${first.documentId}`)).status).toBe(200);
      expect((await townUser.post('/api/bulletins', YEAR)).status).toBe(403);
    });
  });
});
