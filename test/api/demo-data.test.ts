import { DateTime } from 'luxon';
import request from 'supertest';
import { seedDemoData } from '../../src/bootstrap/demo-data';
import { DEV_ACCOUNTS, ensureDevAccounts } from '../../src/bootstrap/dev-accounts';
import { useStrapi } from '../helpers/strapi';

const STAGES = ['declared', 'pre_assessing', 'assessed', 'in_library', 'reported_to_city', 'started', 'completed', 'operating', 'withdrawn'];
const CATEGORIES = ['key_provincial_municipal', 'optimized_provincial', 'overall_development', 'livelihood', 'general'];
/** Every collection the demo data writes to, by REST path. */
const COLLECTIONS = [
  'enterprises',
  'experts',
  'projects',
  'pre-assessments',
  'opinions',
  'progress-reports',
  'problems',
  'problem-lists',
  'meetings',
  'minutes',
  'tasks',
  'pledges',
  'land-evaluations',
];

describe('demo data', () => {
  const app = useStrapi();

  const get = async (path: string) => {
    const res = await app.http().get(path).set('Authorization', await app.token());
    expect(res.status).toBe(200);
    return res.body;
  };
  const totals = async () => {
    const counts: Record<string, number> = {};
    for (const path of COLLECTIONS) counts[path] = (await get(`/api/${path}?pagination[pageSize]=1`)).meta.pagination.total;
    return counts;
  };

  beforeAll(async () => {
    await seedDemoData(app.strapi);
  }, 300000);

  it('loads about 36 demo projects over every stage and category, with generated codes', async () => {
    const body = await get(
      '/api/projects?pagination[pageSize]=100&fields[0]=name&fields[1]=code&fields[2]=stage&fields[3]=category&fields[4]=isDemo&fields[5]=completedInvestment'
    );
    const projects: any[] = body.data;
    expect(body.meta.pagination.total).toBeGreaterThanOrEqual(30);
    expect(new Set(projects.map((p) => p.stage))).toEqual(new Set(STAGES));
    expect(new Set(projects.map((p) => p.category))).toEqual(new Set(CATEGORIES));
    for (const project of projects) {
      expect(project.code).toMatch(/^LS-\d{4}-\d{4}$/);
      expect(project.isDemo).toBe(true);
      expect(project.name).toMatch(/（演示）$/);
    }
    // progress reports have fed the completed investment of every project under way or done
    for (const project of projects.filter((p) => ['started', 'completed', 'operating'].includes(p.stage))) {
      expect(Number(project.completedInvestment)).toBeGreaterThan(0);
    }
  });

  it('gives every pre-assessment its opinions: open ones partly answered, completed ones fully, with a conclusion', async () => {
    const body = await get(
      '/api/pre-assessments?pagination[pageSize]=100&fields[0]=state&fields[1]=conclusion&populate[opinions][fields][0]=state'
    );
    const preAssessments: any[] = body.data;
    expect(preAssessments.length).toBeGreaterThan(10);
    for (const preAssessment of preAssessments) expect(preAssessment.opinions.length).toBeGreaterThan(0);

    const open = preAssessments.filter((p) => p.state === 'open');
    const completed = preAssessments.filter((p) => p.state === 'completed');
    expect(open.length).toBeGreaterThan(0);
    expect(completed.length).toBeGreaterThan(0);
    const statuses = open.flatMap((p) => p.opinions.map((o: any) => o.state));
    expect(statuses).toContain('submitted');
    expect(statuses).toContain('pending');
    for (const preAssessment of completed) {
      expect(preAssessment.conclusion).toBeTruthy();
      expect(preAssessment.opinions.every((o: any) => o.state === 'submitted')).toBe(true);
    }
  });

  it('has problems in several statuses, one escalated to the city', async () => {
    const body = await get('/api/problems?pagination[pageSize]=100&fields[0]=state&fields[1]=level&fields[2]=isUrgent');
    const problems: any[] = body.data;
    expect(problems.length).toBeGreaterThanOrEqual(20);
    const statuses = new Set(problems.map((p) => p.state));
    for (const status of ['reported', 'assigned', 'proposed', 'resolving', 'resolved', 'escalated']) expect(statuses).toContain(status);
    expect(problems.some((p) => p.state === 'escalated' && p.level === 'city')).toBe(true);
    expect(problems.some((p) => p.isUrgent)).toBe(true);
  });

  it('fills the other records: lists, meetings with minutes, tasks, pledges', async () => {
    const counts = await totals();
    expect(counts.enterprises).toBeGreaterThanOrEqual(8);
    expect(counts.experts).toBeGreaterThanOrEqual(6);
    expect(counts['problem-lists']).toBe(2);
    expect(counts.meetings).toBeGreaterThanOrEqual(4);
    expect(counts.minutes).toBeGreaterThanOrEqual(3);
    expect(counts.tasks).toBeGreaterThanOrEqual(10);
    expect(counts.pledges).toBeGreaterThanOrEqual(3);

    const tasks = (await get('/api/tasks?pagination[pageSize]=100&fields[0]=state&fields[1]=completionNote')).data;
    expect(tasks.filter((t: any) => t.state === 'done').every((t: any) => t.completionNote)).toBe(true);
  });

  it('watches the big borrowers: two with three months of indicators, one yellow warning open for 区金融监管局', async () => {
    const indicators = await get('/api/finance-indicators?pagination[pageSize]=100&populate[enterprise][fields][0]=name');
    const byEnterprise = new Set(indicators.data.map((row: any) => row.enterprise.name));
    expect(byEnterprise.size).toBe(2);
    expect(indicators.meta.pagination.total).toBe(6);
    const warnings = await get('/api/finance-warnings?populate[bureau][fields][0]=code');
    expect(warnings.data).toHaveLength(1);
    expect(warnings.data[0]).toMatchObject({ level: 'yellow', state: 'open', bureau: { code: 'financial-regulation' } });
    expect(warnings.data[0].firedRules.map((rule: any) => rule.indicator)).toEqual(['debtToAssetRatio']);
  });

  it('grades last year\'s 亩产效益评价 of the demo enterprises', async () => {
    const year = new Date().getFullYear() - 1;
    const rows = (await get(`/api/land-evaluations?filters[year][$eq]=${year}&sort=rank:asc&pagination[pageSize]=100`)).data;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((row: any) => row.isDemo && ['A', 'B', 'C', 'D'].includes(row.grade) && row.scoring?.indicators?.length)).toBe(true);
    expect(rows[0]).toMatchObject({ rank: 1, grade: 'A' });
    expect(new Set(rows.map((row: any) => row.grade)).size).toBeGreaterThan(1);
  });

  it('has one inspection with two findings, each with its notice, one of them replied', async () => {
    const inspections = await get('/api/inspections?populate[findings][populate][bureau][fields][0]=code');
    expect(inspections.data).toHaveLength(1);
    expect(inspections.data[0].findings.map((finding: any) => finding.bureau.code)).toEqual(['natural-resources', 'sample-lanshan-street']);
    // (the demo's overdue items escalated to the office raise notices of their own: source overdue_escalation)
    const notices = await get('/api/supervision-notices?filters[source][$eq]=inspection_finding&populate[bureau][fields][0]=code&sort=id:asc');
    expect(notices.data.map((notice: any) => [notice.bureau.code, notice.state])).toEqual([
      ['natural-resources', 'replied'],
      ['sample-lanshan-street', 'issued'],
    ]);
  });

  it('has the last two weeks of co-working days, with the absent and the excused flagged', async () => {
    const days = await get('/api/co-working-days?populate[attendance][populate][bureau][fields][0]=code&sort=date:asc');
    expect(days.data.length).toBeGreaterThanOrEqual(2);
    const monday = DateTime.now().setZone('Asia/Shanghai').startOf('week');
    const from = monday.minus({ weeks: 2 }).toISODate()!;
    const to = monday.minus({ days: 1 }).toISODate()!;
    expect(days.data.every((day: any) => day.date >= from && day.date <= to)).toBe(true);
    expect(days.data.flatMap((day: any) => day.attendance.map((row: any) => row.status))).toEqual(expect.arrayContaining(['present', 'absent', 'excused']));
    const report = await get(`/api/dispatch/co-working?from=${from}&to=${to}`);
    const flagged = report.data.weeks.flatMap((week: any) => week.bureaus.filter((row: any) => row.flagged).map((row: any) => row.bureau.name));
    // 区财政局 absent two weeks ago, 兰山生态环境分局 excused only last week (a week a holiday emptied expects nothing)
    const expected = report.data.weeks.filter((week: any) => week.expected).map((week: any) => (week.week === from ? '区财政局' : '兰山生态环境分局'));
    expect(flagged).toEqual(expected);
    const bureaus = await get('/api/bureaus?filters[code][$eq]=commerce');
    expect(bureaus.data[0].chiefRepresentative).toBeTruthy();
  });

  it('adds nothing when run a second time', async () => {
    const before = await totals();
    await seedDemoData(app.strapi);
    expect(await totals()).toEqual(before);
  });

  describe('one sign-in per kind of person, in development only', () => {
    const PASSWORD = 'Lanshan-Demo-2026';
    const withEnv = async (env: string, run: () => Promise<void>) => {
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = env;
      try {
        await run();
      } finally {
        process.env.NODE_ENV = previous;
      }
    };
    const signIn = async (email: string) => {
      const res = await request(app.strapi.server.httpServer).post('/admin/login').send({ email, password: PASSWORD });
      expect(res.status).toBe(200);
      return `Bearer ${res.body.data.token}`;
    };
    const total = async (authorization: string, uid: string) => {
      const res = await app.http().get(`/content-manager/collection-types/${uid}?page=1&pageSize=10`).set('Authorization', authorization);
      expect(res.status).toBe(200);
      return res.body.pagination.total as number;
    };

    it('creates nothing outside development', async () => {
      await withEnv('production', () => ensureDevAccounts(app.strapi));
      const found = await app.strapi.db.query('admin::user').findMany({ where: { email: { $in: DEV_ACCOUNTS.map((a) => a.email) } } });
      expect(found).toEqual([]);
    });

    it('in development the office, a department, a town and a leader each see the platform through their own eyes', async () => {
      await withEnv('development', () => ensureDevAccounts(app.strapi));
      const [office, department, town, leader] = await Promise.all(DEV_ACCOUNTS.map((account) => signIn(account.email)));
      const PROJECT = 'api::project.project';
      const OPINION = 'api::opinion.opinion';
      const all = { projects: await total(office, PROJECT), opinions: await total(office, OPINION) };
      expect(all.projects).toBeGreaterThanOrEqual(30);

      // the leader reads everything and changes nothing
      expect(await total(leader, PROJECT)).toBe(all.projects);
      const anyProject = (await app.strapi.db.query(PROJECT).findMany({ limit: 1 }))[0];
      const write = await app.http().put(`/content-manager/collection-types/${PROJECT}/${anyProject.documentId}`).set('Authorization', leader).send({ name: '改名' });
      expect(write.status).toBe(403);

      // the town sees exactly its own projects; the department exactly its own opinions
      const yitang = await app.strapi.db.query('api::bureau.bureau').findOne({ where: { code: 'sample-yitang' } });
      const ownProjects = await app.strapi.db.query(PROJECT).count({ where: { applicantBureau: { id: yitang.id } } });
      expect(ownProjects).toBeGreaterThan(0);
      expect(await total(town, PROJECT)).toBe(ownProjects);
      const resources = await app.strapi.db.query('api::bureau.bureau').findOne({ where: { code: 'natural-resources' } });
      const ownOpinions = await app.strapi.db.query(OPINION).count({ where: { bureau: { id: resources.id } } });
      expect(ownOpinions).toBeGreaterThan(0);
      expect(await total(department, OPINION)).toBe(ownOpinions);
      expect(ownOpinions).toBeLessThan(all.opinions);

      // and neither reaches the settings
      for (const authorization of [department, town, leader]) {
        expect((await app.http().get('/admin/roles').set('Authorization', authorization)).status).toBe(403);
      }
    });
  });
});
