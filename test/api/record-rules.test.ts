import { shanghaiYear } from '../../src/domain/time';
import { useStrapi } from '../helpers/strapi';
import {
  authenticatedUser,
  bureau,
  count,
  create,
  createProject,
  creditCode,
  expectFieldError,
  type Json,
  read,
  rest,
  unique,
  update,
} from '../helpers/fixtures';

const ENTERPRISE = 'api::enterprise.enterprise';
const PROJECT = 'api::project.project';
const REPORT = 'api::progress-report.progress-report';
const PROBLEM = 'api::problem.problem';
const PROBLEM_LIST = 'api::problem-list.problem-list';
const OPINION = 'api::opinion.opinion';
const TASK = 'api::task.task';
/** The town the users-permissions user of these tests belongs to. */
const TOWN = 'sample-yitang';

/**
 * The record rules, seen from a client: every refused write is a 400 naming the field in Chinese and English,
 * and leaves the stored data exactly as it was.
 */
describe('record rules', () => {
  const app = useStrapi();
  const api = () => rest(app);

  describe('enterprises', () => {
    it('an enterprise with an invalid credit code is refused and not created', async () => {
      const before = await count(app, 'enterprises');
      const first17 = creditCode(1).slice(0, 17);
      const right = creditCode(1)[17];
      const wrong = right === 'A' ? 'B' : 'A';
      for (const bad of [first17 + wrong, `91350100M000100O43`, `91350100M000100S43`]) {
        const res = await api().post('/api/enterprises', { name: unique('坏代码企业-'), creditCode: bad });
        expectFieldError(res, ENTERPRISE, 'creditCode');
      }
      const tooShort = await api().post('/api/enterprises', { name: unique('坏代码企业-'), creditCode: first17 });
      expectFieldError(tooShort, ENTERPRISE, 'creditCode');
      expect(await count(app, 'enterprises')).toBe(before);
    });

    it('the checksum message says the check character is wrong, in both languages', async () => {
      const code = creditCode(2);
      const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
      const res = await api().post('/api/enterprises', { name: unique('坏代码企业-'), creditCode: bad });
      const message = expectFieldError(res, ENTERPRISE, 'creditCode');
      expect(message).toContain('校验码错误');
      expect(message).toContain('wrong check character');
    });

    it('a valid code in lower case is accepted and stored in upper case', async () => {
      const code = creditCode(3);
      const res = await api().post('/api/enterprises', { name: unique('合规企业-'), creditCode: code.toLowerCase() });
      expect(res.status).toBe(201);
      expect(res.body.data.creditCode).toBe(code);
    });

    it('changing a stored credit code to an invalid one is refused and the old code is kept', async () => {
      const code = creditCode(4);
      const enterprise = await create(app, 'enterprises', { name: unique('企业-'), creditCode: code });
      const res = await api().put(`/api/enterprises/${enterprise.documentId}`, { creditCode: '91350100M000100Y44' });
      expectFieldError(res, ENTERPRISE, 'creditCode');
      expect((await read(app, 'enterprises', enterprise.documentId))!.creditCode).toBe(code);
    });

    it('a negative credit line is refused', async () => {
      const before = await count(app, 'enterprises');
      const res = await api().post('/api/enterprises', { name: unique('企业-'), creditCode: creditCode(5), creditLine: -100 });
      expectFieldError(res, ENTERPRISE, 'creditLine');
      expect(await count(app, 'enterprises')).toBe(before);
    });
  });

  describe('project money, land and dates', () => {
    it.each([
      ['plannedInvestment', { plannedInvestment: -1 }],
      ['annualPlannedInvestment', { annualPlannedInvestment: -0.5 }],
      ['landArea', { landArea: -10 }],
    ])('a negative %s is refused and no project is created', async (field, data) => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', { name: unique('项目-'), ...data });
      const message = expectFieldError(res, PROJECT, field);
      expect(message).toContain('不能小于 0');
      expect(await count(app, 'projects')).toBe(before);
    });

    it('a negative land area on an existing project is refused and the old area kept', async () => {
      const project = await createProject(app, { landArea: 80 });
      const res = await api().put(`/api/projects/${project.documentId}`, { landArea: -80 });
      expectFieldError(res, PROJECT, 'landArea');
      expect(Number((await read(app, 'projects', project.documentId))!.landArea)).toBe(80);
    });

    it('an annual plan above the total plan is refused', async () => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', { name: unique('项目-'), plannedInvestment: 100, annualPlannedInvestment: 150 });
      expectFieldError(res, PROJECT, 'annualPlannedInvestment');
      expect(await count(app, 'projects')).toBe(before);
    });

    it('a planned completion before the planned start is refused', async () => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', {
        name: unique('项目-'),
        plannedStartDate: '2026-06-01',
        plannedCompletionDate: '2026-05-31',
      });
      const message = expectFieldError(res, PROJECT, 'plannedCompletionDate');
      expect(message).toContain('计划开工日期');
      expect(await count(app, 'projects')).toBe(before);
    });

    it('an actual completion before the actual start is refused on update, and the dates stay as they were', async () => {
      const project = await createProject(app, { stage: 'started', actualStartDate: '2026-03-01' });
      const res = await api().put(`/api/projects/${project.documentId}`, { actualCompletionDate: '2026-02-28' });
      expectFieldError(res, PROJECT, 'actualCompletionDate');
      const stored = (await read(app, 'projects', project.documentId))!;
      expect(stored.actualCompletionDate).toBeNull();
      expect(stored.actualStartDate).toBe('2026-03-01');
    });

    it('the same day for start and completion is fine', async () => {
      const res = await api().post('/api/projects', { name: unique('项目-'), plannedStartDate: '2026-06-01', plannedCompletionDate: '2026-06-01' });
      expect(res.status).toBe(201);
    });
  });

  describe('read-only project fields', () => {
    it.each([
      ['light', { light: 'red' }],
      ['completedInvestment', { completedInvestment: 500 }],
    ])('writing %s when creating a project is a 400 and nothing is created', async (field, data) => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', { name: unique('项目-'), ...data });
      expectFieldError(res, PROJECT, field);
      expect(await count(app, 'projects')).toBe(before);
    });

    it.each([
      ['light', { light: 'red' }],
      ['completedInvestment', { completedInvestment: 500 }],
    ])('writing %s on an existing project is a 400 and the project is unchanged', async (field, data) => {
      const project = await createProject(app, { leader: '原领导' });
      const res = await api().put(`/api/projects/${project.documentId}`, { leader: '新领导', ...data });
      expectFieldError(res, PROJECT, field);
      const stored = (await read(app, 'projects', project.documentId))!;
      expect(stored.light).toBe('green');
      expect(Number(stored.completedInvestment)).toBe(0);
      expect(stored.leader).toBe('原领导');
    });
  });

  describe('project stages', () => {
    let townUser: string;
    beforeAll(async () => {
      townUser = await authenticatedUser(app, [
        'api::project.project.find',
        'api::project.project.findOne',
        'api::project.project.create',
        'api::project.project.update',
        'api::problem.problem.find',
        'api::problem.problem.findOne',
        'api::problem.problem.update',
      ], TOWN);
    });
    const asTown = () => rest(app, async () => townUser);

    it('a town user cannot move a project back a stage, and the stage stays where it was', async () => {
      const created = await asTown().post('/api/projects', { name: unique('镇街项目-') });
      expect(created.status).toBe(201);
      const id = created.body.data.documentId;
      expect((await asTown().put(`/api/projects/${id}`, { stage: 'in_library' })).status).toBe(200);

      const back = await asTown().put(`/api/projects/${id}`, { stage: 'assessed' });
      const message = expectFieldError(back, PROJECT, 'stage');
      expect(message).toContain('已入库');
      expect(message).toContain('已评估');
      expect((await read(app, 'projects', id))!.stage).toBe('in_library');

      // forward is still allowed for the same user
      expect((await asTown().put(`/api/projects/${id}`, { stage: 'reported_to_city' })).body.data.stage).toBe('reported_to_city');
    });

    it('a town user cannot bring a withdrawn project back', async () => {
      const project = await createProject(app, { stage: 'withdrawn', applicantBureau: (await bureau(app, TOWN)).documentId });
      const res = await asTown().put(`/api/projects/${project.documentId}`, { stage: 'declared' });
      expectFieldError(res, PROJECT, 'stage');
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('withdrawn');
    });

    it('the coordination office (full-access token) can move a project back', async () => {
      const project = await createProject(app, { stage: 'in_library' });
      const res = await api().put(`/api/projects/${project.documentId}`, { stage: 'assessed' });
      expect(res.status).toBe(200);
      expect(res.body.data.stage).toBe('assessed');
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('assessed');
    });

    it('a started project needs its actual start date', async () => {
      const project = await createProject(app, { stage: 'in_library' });
      const res = await api().put(`/api/projects/${project.documentId}`, { stage: 'started' });
      expectFieldError(res, PROJECT, 'actualStartDate');
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('in_library');

      const ok = await api().put(`/api/projects/${project.documentId}`, { stage: 'started', actualStartDate: '2026-04-08' });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ stage: 'started', actualStartDate: '2026-04-08' });
    });

    it('a project created as completed needs both actual dates', async () => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', { name: unique('项目-'), stage: 'completed', actualStartDate: '2025-01-01' });
      expectFieldError(res, PROJECT, 'actualCompletionDate');
      expect(await count(app, 'projects')).toBe(before);
    });

    describe('problem transitions by a bureau user', () => {
      it('an illegal jump assigned → resolved is refused for a bureau user, allowed for the office', async () => {
        const project = await createProject(app);
        const lead = await bureau(app, 'natural-resources');
        const problem = await create(app, 'problems', {
          project: project.documentId,
          category: 'land_supply',
          title: '用地',
          description: '缺用地指标',
          state: 'assigned',
          leadBureau: lead.documentId,
          reportingBureau: (await bureau(app, TOWN)).documentId,
        });
        const res = await asTown().put(`/api/problems/${problem.documentId}`, { state: 'resolved', resolution: '已解决' });
        const message = expectFieldError(res, PROBLEM, 'state');
        expect(message).toContain('已交办');
        expect(message).toContain('已办结');
        const stored = (await read(app, 'problems', problem.documentId))!;
        expect(stored).toMatchObject({ state: 'assigned', resolution: null, resolvedAt: null });

        const office = await api().put(`/api/problems/${problem.documentId}`, { state: 'resolved', resolution: '已解决' });
        expect(office.status).toBe(200);
        expect(office.body.data.state).toBe('resolved');
      });
    });
  });

  describe('progress reports', () => {
    it.each(['2026-13', '2026-1', '2026-00', '26-01', '2026/03'])('a report for the malformed period %s is refused', async (period) => {
      const project = await createProject(app);
      const before = await count(app, 'progress-reports');
      const res = await api().post('/api/progress-reports', { project: project.documentId, period, investmentThisPeriod: 10 });
      expectFieldError(res, REPORT, 'period');
      expect(await count(app, 'progress-reports')).toBe(before);
      expect(Number((await read(app, 'projects', project.documentId))!.completedInvestment)).toBe(0);
    });

    it('a negative investment this period is refused', async () => {
      const project = await createProject(app);
      const before = await count(app, 'progress-reports');
      const res = await api().post('/api/progress-reports', { project: project.documentId, period: '2026-02', investmentThisPeriod: -5 });
      expectFieldError(res, REPORT, 'investmentThisPeriod');
      expect(await count(app, 'progress-reports')).toBe(before);
    });

    it('a report without a project is refused', async () => {
      const before = await count(app, 'progress-reports');
      const res = await api().post('/api/progress-reports', { period: '2026-02', investmentThisPeriod: 5 });
      expectFieldError(res, REPORT, 'project');
      expect(await count(app, 'progress-reports')).toBe(before);
    });

    it('a progress report for a month already reported is refused and the project total is unchanged', async () => {
      const project = await createProject(app);
      const first = await create(app, 'progress-reports', { project: project.documentId, period: '2026-03', investmentThisPeriod: 500 });
      expect(Number((await read(app, 'projects', project.documentId))!.completedInvestment)).toBe(500);

      const second = await api().post('/api/progress-reports', { project: project.documentId, period: '2026-03', investmentThisPeriod: 300 });
      const message = expectFieldError(second, REPORT, 'period');
      expect(message).toContain('2026-03');

      expect(await count(app, 'progress-reports', `filters[project][documentId][$eq]=${project.documentId}`)).toBe(1);
      const stored = (await read(app, 'projects', project.documentId))!;
      expect(Number(stored.completedInvestment)).toBe(500);
      expect(Number((await read(app, 'progress-reports', first.documentId))!.investmentThisPeriod)).toBe(500);
    });

    it('the same month for another project is fine', async () => {
      const a = await createProject(app);
      const b = await createProject(app);
      await create(app, 'progress-reports', { project: a.documentId, period: '2026-03', investmentThisPeriod: 1 });
      const res = await api().post('/api/progress-reports', { project: b.documentId, period: '2026-03', investmentThisPeriod: 2 });
      expect(res.status).toBe(201);
    });

    it("reports add up to the project's completed investment; changing or deleting one recomputes it", async () => {
      const project = await createProject(app);
      const total = async () => Number((await read(app, 'projects', project.documentId))!.completedInvestment);
      const march = await create(app, 'progress-reports', { project: project.documentId, period: '2026-03', investmentThisPeriod: 500 });
      const april = await create(app, 'progress-reports', { project: project.documentId, period: '2026-04', investmentThisPeriod: 250.25 });
      expect(await total()).toBe(750.25);

      await update(app, 'progress-reports', march.documentId, { investmentThisPeriod: 600 });
      expect(await total()).toBe(850.25);

      // moving April onto March's month is the same duplicate, refused
      const clash = await api().put(`/api/progress-reports/${april.documentId}`, { period: '2026-03' });
      expectFieldError(clash, REPORT, 'period');
      expect((await read(app, 'progress-reports', april.documentId))!.period).toBe('2026-04');

      expect((await api().del(`/api/progress-reports/${april.documentId}`)).status).toBe(204);
      expect(await total()).toBe(600);
      expect((await api().del(`/api/progress-reports/${march.documentId}`)).status).toBe(204);
      expect(await total()).toBe(0);
    });

    it('moving a report to another project recomputes both projects', async () => {
      const a = await createProject(app);
      const b = await createProject(app);
      const report = await create(app, 'progress-reports', { project: a.documentId, period: '2026-05', investmentThisPeriod: 90 });
      await update(app, 'progress-reports', report.documentId, { project: b.documentId });
      expect(Number((await read(app, 'projects', a.documentId))!.completedInvestment)).toBe(0);
      expect(Number((await read(app, 'projects', b.documentId))!.completedInvestment)).toBe(90);
    });
  });

  describe('problems', () => {
    const newProblem = async (extra: Json = {}) => {
      const project = await createProject(app);
      return create(app, 'problems', { project: project.documentId, category: 'procedures', title: '环评手续', description: '环评批复滞后', ...extra });
    };

    it.each(['2026-13', '2026-1'])('a problem for the malformed period %s is refused', async (period) => {
      const project = await createProject(app);
      const before = await count(app, 'problems');
      const res = await api().post('/api/problems', { project: project.documentId, category: 'other', title: 't', description: 'd', period });
      expectFieldError(res, PROBLEM, 'period');
      expect(await count(app, 'problems')).toBe(before);
    });

    it('a new problem without a period is filed under the current month', async () => {
      const problem = await newProblem();
      expect(problem.period).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(problem.state).toBe('reported');
    });

    it('assigning without a lead bureau is refused and nothing is stamped', async () => {
      const problem = await newProblem();
      const res = await api().put(`/api/problems/${problem.documentId}`, { state: 'assigned' });
      expectFieldError(res, PROBLEM, 'leadBureau');
      expect((await read(app, 'problems', problem.documentId))!).toMatchObject({ state: 'reported', assignedAt: null });
    });

    it('a problem goes assigned → proposed → resolving → resolved, each step stamped, each needing what it needs', async () => {
      const problem = await newProblem();
      const id = problem.documentId;
      const lead = await bureau(app, 'ecology-environment');

      const assigned = await update(app, 'problems', id, { state: 'assigned', leadBureau: lead.documentId });
      expect(assigned.state).toBe('assigned');
      expect(Date.parse(assigned.assignedAt)).toBeGreaterThan(Date.now() - 60_000);

      const noProposal = await api().put(`/api/problems/${id}`, { state: 'proposed', proposal: '  ' });
      expectFieldError(noProposal, PROBLEM, 'proposal');
      expect((await read(app, 'problems', id))!).toMatchObject({ state: 'assigned', proposedAt: null });

      const proposed = await update(app, 'problems', id, { state: 'proposed', proposal: '开辟绿色通道，10 个工作日内批复' });
      expect(proposed.state).toBe('proposed');
      expect(proposed.proposedAt).toEqual(expect.any(String));
      expect(proposed.assignedAt).toBe(assigned.assignedAt); // earlier stamps are kept

      await update(app, 'problems', id, { state: 'resolving' });

      const noResolution = await api().put(`/api/problems/${id}`, { state: 'resolved' });
      expectFieldError(noResolution, PROBLEM, 'resolution');
      expect((await read(app, 'problems', id))!).toMatchObject({ state: 'resolving', resolvedAt: null });

      const resolved = await update(app, 'problems', id, { state: 'resolved', resolution: '环评已批复' });
      expect(resolved.state).toBe('resolved');
      expect(resolved.resolvedAt).toEqual(expect.any(String));
    });

    it('escalating a problem that is not city level is refused; a city-level one goes to escalated', async () => {
      const problem = await newProblem({ level: 'district' });
      const res = await api().put(`/api/problems/${problem.documentId}`, { state: 'escalated' });
      const message = expectFieldError(res, PROBLEM, 'level');
      expect(message).toContain('市级');
      expect((await read(app, 'problems', problem.documentId))!.state).toBe('reported');

      const city = await update(app, 'problems', problem.documentId, { state: 'escalated', level: 'city' });
      expect(city).toMatchObject({ state: 'escalated', level: 'city' });
    });

    it('a new problem created straight as assigned is refused without a lead bureau and not created', async () => {
      const project = await createProject(app);
      const before = await count(app, 'problems');
      const res = await api().post('/api/problems', { project: project.documentId, category: 'other', title: 't', description: 'd', state: 'assigned' });
      expectFieldError(res, PROBLEM, 'leadBureau');
      expect(await count(app, 'problems')).toBe(before);
    });
  });

  describe('opinions', () => {
    it('submitting an opinion without a verdict or without content is refused and it stays pending', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const list = await api().get(`/api/opinions?filters[preAssessment][documentId][$eq]=${preAssessment.documentId}&pagination[pageSize]=1`);
      const opinion = list.body.data[0];
      expect(opinion.state).toBe('pending');

      const noVerdict = await api().put(`/api/opinions/${opinion.documentId}`, { state: 'submitted', content: '同意落地' });
      expectFieldError(noVerdict, OPINION, 'verdict');
      const noContent = await api().put(`/api/opinions/${opinion.documentId}`, { state: 'submitted', verdict: 'approve' });
      expectFieldError(noContent, OPINION, 'content');
      const neither = await api().put(`/api/opinions/${opinion.documentId}`, { state: 'submitted' });
      const message = expectFieldError(neither, OPINION, 'verdict');
      expect(message).toContain('意见内容（content）');

      const stored = (await read(app, 'opinions', opinion.documentId))!;
      expect(stored).toMatchObject({ state: 'pending', verdict: null, content: null, submittedAt: null });

      const ok = await update(app, 'opinions', opinion.documentId, { state: 'submitted', verdict: 'conditional', content: '需补充能评' });
      expect(ok.state).toBe('submitted');
      expect(ok.submittedAt).toEqual(expect.any(String));
    });
  });

  describe('tasks', () => {
    it('a task marked done without a completion note is refused and stays open', async () => {
      const task = await create(app, 'tasks', { title: '协调供电', deadline: '2026-07-31' });
      const res = await api().put(`/api/tasks/${task.documentId}`, { state: 'done' });
      expectFieldError(res, TASK, 'completionNote');
      expect((await read(app, 'tasks', task.documentId))!).toMatchObject({ state: 'pending', completedAt: null });

      const before = await count(app, 'tasks');
      const created = await api().post('/api/tasks', { title: '协调供水', deadline: '2026-07-31', state: 'done', completionNote: '' });
      expectFieldError(created, TASK, 'completionNote');
      expect(await count(app, 'tasks')).toBe(before);
    });

    it('reopening a done task clears its completion time', async () => {
      const task = await create(app, 'tasks', { title: '协调供气', deadline: '2026-07-31', state: 'done', completionNote: '已通气' });
      expect(task.completedAt).toEqual(expect.any(String));
      const reopened = await update(app, 'tasks', task.documentId, { state: 'in_progress' });
      expect(reopened.completedAt).toBeNull();
    });
  });

  describe('problem lists', () => {
    it.each(['2026-13', '2026-1'])('a problem list for the malformed period %s is refused', async (period) => {
      const before = await count(app, 'problem-lists');
      const res = await api().post('/api/problem-lists', { period });
      expectFieldError(res, PROBLEM_LIST, 'period');
      expect(await count(app, 'problem-lists')).toBe(before);
    });

    it('an issued problem list cannot be changed or deleted', async () => {
      const list = await create(app, 'problem-lists', { period: '2026-06', note: '原稿' });
      const issued = await update(app, 'problem-lists', list.documentId, { state: 'issued' });
      expect(issued.issuedAt).toEqual(expect.any(String));

      const change = await api().put(`/api/problem-lists/${list.documentId}`, { note: '改稿' });
      expectFieldError(change, PROBLEM_LIST, 'state');
      const reopen = await api().put(`/api/problem-lists/${list.documentId}`, { state: 'draft' });
      expectFieldError(reopen, PROBLEM_LIST, 'state');

      const removal = await api().del(`/api/problem-lists/${list.documentId}`);
      expectFieldError(removal, PROBLEM_LIST, 'state');

      const stored = (await read(app, 'problem-lists', list.documentId))!;
      expect(stored).toMatchObject({ state: 'issued', note: '原稿', issuedAt: issued.issuedAt });
    });

    it('a new list without chosen problems is compiled from the month’s unresolved district-level problems', async () => {
      const project = await createProject(app);
      const problem = (extra: Json) =>
        create(app, 'problems', { project: project.documentId, category: 'land_supply', title: unique('用地-'), description: '用地指标不足', period: '2025-03', ...extra });
      const district = await problem({ level: 'district' });
      const urgent = await problem({ level: 'district', isUrgent: true });
      await problem({ level: 'local' });
      await problem({ level: 'district', period: '2025-04' });
      const resolved = await problem({ level: 'district', state: 'assigned', leadBureau: (await bureau(app, 'natural-resources')).documentId });
      await update(app, 'problems', resolved.documentId, { state: 'resolved', resolution: '已解决' });

      const list = await create(app, 'problem-lists', { period: '2025-03' });
      const stored = (await read(app, 'problem-lists', list.documentId, 'populate[problems]=true'))!;
      expect(stored.problems.map((row: Json) => row.documentId).sort()).toEqual([district.documentId, urgent.documentId].sort());
      // a list whose problems the office chose keeps them
      const chosen = await create(app, 'problem-lists', { period: '2025-03', problems: [district.documentId] });
      expect((await read(app, 'problem-lists', chosen.documentId, 'populate[problems]=true'))!.problems.map((row: Json) => row.documentId)).toEqual([district.documentId]);
    });

    it('an issued list keeps its problems as they stood, whatever happens to them later', async () => {
      const project = await createProject(app);
      const lead = await bureau(app, 'natural-resources');
      const problem = await create(app, 'problems', {
        project: project.documentId,
        category: 'financing',
        title: '融资缺口',
        description: '银行授信未落实',
        level: 'district',
        period: '2025-05',
        state: 'assigned',
        leadBureau: lead.documentId,
      });
      const list = await create(app, 'problem-lists', { period: '2025-05', snapshot: [{ title: '伪造' }] });
      expect((await read(app, 'problem-lists', list.documentId))!.snapshot).toBeNull();
      await update(app, 'problem-lists', list.documentId, { state: 'issued' });
      await update(app, 'problems', problem.documentId, { title: '融资缺口（已更正）', state: 'resolved', resolution: '已协调授信' });

      const stored = (await read(app, 'problem-lists', list.documentId))!;
      expect(stored.snapshot).toEqual([
        expect.objectContaining({
          documentId: problem.documentId,
          title: '融资缺口',
          category: 'financing',
          state: 'assigned',
          resolution: null,
          project: { name: project.name },
          leadBureau: { name: lead.name },
        }),
      ]);
    });

    it('a draft problem list can still be changed and deleted', async () => {
      const list = await create(app, 'problem-lists', { period: '2026-07' });
      expect((await update(app, 'problem-lists', list.documentId, { note: '补充' })).note).toBe('补充');
      expect((await api().del(`/api/problem-lists/${list.documentId}`)).status).toBe(204);
      expect(await read(app, 'problem-lists', list.documentId)).toBeNull();
    });
  });

  describe('fields inside components', () => {
    it('a pledge node achieved in the future is refused, naming the node field in Chinese and English', async () => {
      const before = await count(app, 'pledges');
      const res = await api().post('/api/pledges', {
        pledgedBy: '负责人',
        year: 2026,
        targets: '目标',
        nodes: [{ title: '开工', targetDate: '2026-01-31', achievedDate: '2099-01-01' }],
      });
      const message = expectFieldError(res, 'pledge.node', 'achievedDate');
      expect(message).toContain('nodes.0.achievedDate');
      expect(message).toContain('实现日期不能晚于今天');
      expect(await count(app, 'pledges')).toBe(before);
    });

    it('a milestone without a title is refused, naming 节点名称 (milestones.0.title)', async () => {
      const before = await count(app, 'projects');
      const res = await api().post('/api/projects', { name: unique('项目-'), milestones: [{ plannedDate: '2026-03-01' }] });
      const message = expectFieldError(res, 'project.milestone', 'title');
      expect(message).toContain('milestones.0.title');
      expect(await count(app, 'projects')).toBe(before);
    });
  });

  describe('project codes', () => {
    const year = shanghaiYear();
    const sequenceOf = (code: string) => Number(code.split('-')[2]);

    it('projects get sequential LS-<year>-NNNN codes', async () => {
      const a = await createProject(app);
      const b = await createProject(app);
      expect(a.code).toMatch(new RegExp(`^LS-${year}-\\d{4}$`));
      expect(b.code).toMatch(new RegExp(`^LS-${year}-\\d{4}$`));
      expect(sequenceOf(b.code)).toBe(sequenceOf(a.code) + 1);
    });

    it('an explicitly given code is kept, and the generator skips it', async () => {
      const last = await createProject(app);
      const next = `LS-${year}-${String(sequenceOf(last.code) + 1).padStart(4, '0')}`;
      const explicit = await createProject(app, { code: next });
      expect(explicit.code).toBe(next);
      const after = await createProject(app);
      expect(after.code).toBe(`LS-${year}-${String(sequenceOf(last.code) + 2).padStart(4, '0')}`);
    });

    it('an explicitly given code that is already taken, or malformed, is refused', async () => {
      const existing = await createProject(app);
      const before = await count(app, 'projects');
      const dup = await api().post('/api/projects', { name: unique('项目-'), code: existing.code });
      expectFieldError(dup, PROJECT, 'code');
      const malformed = await api().post('/api/projects', { name: unique('项目-'), code: 'ls-2026-1' });
      expectFieldError(malformed, PROJECT, 'code');
      expect(await count(app, 'projects')).toBe(before);
    });

    it('20 projects created at the same time all get distinct codes', async () => {
      const before = await count(app, 'projects');
      const token = await app.token();
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          app.http().post('/api/projects').set('Authorization', token).send({ data: { name: `并发项目-${i}`, category: 'general' } })
        )
      );
      expect(responses.map((res) => res.status)).toEqual(Array(20).fill(201));
      const codes = responses.map((res) => res.body.data.code);
      expect(new Set(codes).size).toBe(20);
      for (const code of codes) expect(code).toMatch(new RegExp(`^LS-${year}-\\d{4}$`));
      const sequences = codes.map(sequenceOf).sort((x, y) => x - y);
      expect(sequences[19] - sequences[0]).toBe(19); // no gaps: a contiguous run
      expect(await count(app, 'projects')).toBe(before + 20);
    });
  });
});
