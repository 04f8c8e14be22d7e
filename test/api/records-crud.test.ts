import { useStrapi } from '../helpers/strapi';
import { bureau, create, createProject, creditCode, type Json, read, rest, unique } from '../helpers/fixtures';

/**
 * Every record type can be created, listed (with pagination meta), read, populated, changed and deleted
 * through the REST API with an API token, in the Strapi 5 `{ data, meta }` shape keyed by documentId.
 */
describe('records through the REST API', () => {
  const app = useStrapi();
  const api = () => rest(app);

  interface RoundTrip {
    plural: string;
    /** What to create; called when the test runs so it can create what the record hangs from. */
    create: () => Promise<Json>;
    /** The fields the created record must show. */
    created: (data: Json) => void;
    /** A query string that populates relations or components, and what the populated record must show. */
    populate: string;
    populated: (data: Json) => void;
    update: (data: Json) => Json;
    updated: (data: Json) => void;
  }

  /** Create → list (pagination meta) → findOne → populate → update → delete → 404. */
  async function roundTrip(spec: RoundTrip) {
    const body = await spec.create();
    const created = await api().post(`/api/${spec.plural}`, body);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['data', 'meta']);
    const record = created.body.data;
    expect(typeof record.documentId).toBe('string');
    expect(record.documentId.length).toBeGreaterThan(10);
    spec.created(record);

    const list = await api().get(`/api/${spec.plural}?pagination[page]=1&pagination[pageSize]=2&sort=createdAt:desc`);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body.data)).toBe(true);
    expect(list.body.data.length).toBeLessThanOrEqual(2);
    expect(list.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(list.body.meta.pagination.total).toBeGreaterThanOrEqual(1);
    expect(list.body.meta.pagination.pageCount).toBe(Math.ceil(list.body.meta.pagination.total / 2));
    expect(list.body.data.map((item: Json) => item.documentId)).toContain(record.documentId);

    const one = await api().get(`/api/${spec.plural}/${record.documentId}`);
    expect(one.status).toBe(200);
    expect(one.body.data.documentId).toBe(record.documentId);
    expect(one.body.data.id).toBe(record.id);

    const populated = await api().get(`/api/${spec.plural}/${record.documentId}?${spec.populate}`);
    expect(populated.status).toBe(200);
    spec.populated(populated.body.data);

    const changed = await api().put(`/api/${spec.plural}/${record.documentId}`, spec.update(record));
    expect(changed.status).toBe(200);
    expect(changed.body.data.documentId).toBe(record.documentId);
    spec.updated(changed.body.data);
    spec.updated((await read(app, spec.plural, record.documentId))!);

    const totalBefore = (await api().get(`/api/${spec.plural}?pagination[pageSize]=1`)).body.meta.pagination.total;
    const deleted = await api().del(`/api/${spec.plural}/${record.documentId}`);
    expect(deleted.status).toBe(204);
    expect((await api().get(`/api/${spec.plural}/${record.documentId}`)).status).toBe(404);
    const totalAfter = (await api().get(`/api/${spec.plural}?pagination[pageSize]=1`)).body.meta.pagination.total;
    expect(totalAfter).toBe(totalBefore - 1);
    return record;
  }

  it('a bureau can be added, listed, read, renamed and removed', async () => {
    const code = unique('test-bureau-');
    await roundTrip({
      plural: 'bureaus',
      create: async () => ({ name: `测试镇-${code}`, code, kind: 'town', chiefRepresentative: '张三' }),
      created: (data) => expect(data).toMatchObject({ code, kind: 'town', chiefRepresentative: '张三', active: true }),
      populate: 'fields[0]=name&fields[1]=code',
      populated: (data) => {
        expect(data.code).toBe(code);
        expect(data.kind).toBeUndefined();
      },
      update: () => ({ phone: '0539-8888888', active: false }),
      updated: (data) => expect(data).toMatchObject({ phone: '0539-8888888', active: false, code }),
    });
  });

  it('an enterprise keeps its (upper-cased) credit code and credit line', async () => {
    const code = creditCode(101);
    await roundTrip({
      plural: 'enterprises',
      create: async () => ({ name: unique('临沂测试企业-'), creditCode: code.toLowerCase(), creditLine: 60000.5 }),
      created: (data) => {
        expect(data.creditCode).toBe(code);
        expect(Number(data.creditLine)).toBe(60000.5);
        expect(data.blacklisted).toBe(false);
      },
      populate: 'populate=projects',
      populated: (data) => expect(data.projects).toEqual([]),
      update: () => ({ legalRepresentative: '李四', creditLine: 1000 }),
      updated: (data) => {
        expect(data.legalRepresentative).toBe('李四');
        expect(Number(data.creditLine)).toBe(1000);
      },
    });
  });

  it('a project with milestones, applicant and investor round-trips, and its milestones can be replaced', async () => {
    const town = await bureau(app, 'sample-yitang');
    const investor = await create(app, 'enterprises', { name: unique('投资方-'), creditCode: creditCode(102) });
    await roundTrip({
      plural: 'projects',
      create: async () => ({
        name: '兰山智能装备产业园',
        category: 'key_provincial_municipal',
        industry: '高端装备',
        applicantBureau: town.documentId,
        enterprise: investor.documentId,
        plannedInvestment: 120000,
        annualPlannedInvestment: 30000,
        landArea: 150.5,
        plannedStartDate: '2026-03-01',
        plannedCompletionDate: '2027-12-31',
        milestones: [
          { title: '取得土地证', plannedDate: '2026-02-15' },
          { title: '主体封顶', plannedDate: '2026-10-31' },
        ],
      }),
      created: (data) => {
        expect(data.code).toMatch(/^LS-\d{4}-\d{4}$/);
        expect(data).toMatchObject({ stage: 'declared', light: 'green', category: 'key_provincial_municipal' });
        expect(Number(data.plannedInvestment)).toBe(120000);
        expect(Number(data.landArea)).toBe(150.5);
        expect(Number(data.completedInvestment)).toBe(0);
      },
      populate: 'populate[milestones]=true&populate[applicantBureau]=true&populate[enterprise]=true',
      populated: (data) => {
        expect(data.milestones.map((m: Json) => [m.title, m.plannedDate])).toEqual([
          ['取得土地证', '2026-02-15'],
          ['主体封顶', '2026-10-31'],
        ]);
        expect(data.applicantBureau.documentId).toBe(town.documentId);
        expect(data.enterprise.documentId).toBe(investor.documentId);
      },
      update: () => ({
        summary: '年产 5 万台套智能装备',
        stage: 'pre_assessing',
        milestones: [{ title: '取得土地证', plannedDate: '2026-02-15', actualDate: '2026-02-10' }],
      }),
      updated: (data) => expect(data).toMatchObject({ summary: '年产 5 万台套智能装备', stage: 'pre_assessing' }),
    });
  });

  it('the replaced milestones are what a later read shows', async () => {
    const project = await createProject(app, { milestones: [{ title: 'A' }, { title: 'B' }] });
    await api().put(`/api/projects/${project.documentId}`, { milestones: [{ title: 'C', actualDate: '2026-01-02' }] });
    const data = await read(app, 'projects', project.documentId, 'populate=milestones');
    expect(data!.milestones.map((m: Json) => [m.title, m.actualDate])).toEqual([['C', '2026-01-02']]);
  });

  it('a progress report round-trips and links to its project', async () => {
    const project = await createProject(app);
    await roundTrip({
      plural: 'progress-reports',
      create: async () => ({ project: project.documentId, period: '2026-04', investmentThisPeriod: 800, description: '完成桩基' }),
      created: (data) => {
        expect(data).toMatchObject({ period: '2026-04', description: '完成桩基' });
        expect(Number(data.investmentThisPeriod)).toBe(800);
        expect(data.projectPeriodKey).toBeUndefined(); // internal key is not exposed
      },
      populate: 'populate=project',
      populated: (data) => expect(data.project.documentId).toBe(project.documentId),
      update: () => ({ investmentThisPeriod: 950, description: '完成桩基及地下室' }),
      updated: (data) => expect(Number(data.investmentThisPeriod)).toBe(950),
    });
  });

  it('a pre-assessment round-trips with its project, experts and generated opinions', async () => {
    const project = await createProject(app);
    const expert = await create(app, 'experts', { name: unique('专家-'), specialty: '环境工程' });
    await roundTrip({
      plural: 'pre-assessments',
      create: async () => ({ attestedBy: '王建国', project: project.documentId, isMajor: true, experts: [expert.documentId] }),
      created: (data) => expect(data).toMatchObject({ state: 'open', isMajor: true }),
      populate: 'populate[project]=true&populate[experts]=true&populate[opinions]=true&populate[leadBureau]=true',
      populated: (data) => {
        expect(data.project.documentId).toBe(project.documentId);
        expect(data.experts.map((e: Json) => e.documentId)).toEqual([expert.documentId]);
        expect(data.opinions.length).toBeGreaterThan(0);
        expect(data.leadBureau.code).toBe('commerce');
      },
      update: () => ({ conclusionNote: '材料已补齐' }),
      updated: (data) => expect(data.conclusionNote).toBe('材料已补齐'),
    });
  });

  it('an opinion can be added to a pre-assessment, submitted and removed', async () => {
    const project = await createProject(app);
    const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
    const regulator = await bureau(app, 'financial-regulation'); // not in the default matrix
    await roundTrip({
      plural: 'opinions',
      create: async () => ({ preAssessment: preAssessment.documentId, bureau: regulator.documentId, dimension: 'investment_benefit' }),
      created: (data) => expect(data).toMatchObject({ dimension: 'investment_benefit', state: 'pending', verdict: null }),
      populate: 'populate[preAssessment]=true&populate[bureau]=true',
      populated: (data) => {
        expect(data.preAssessment.documentId).toBe(preAssessment.documentId);
        expect(data.bureau.code).toBe('financial-regulation');
      },
      update: () => ({ state: 'submitted', verdict: 'approve', content: '符合金融监管要求' }),
      updated: (data) => {
        expect(data).toMatchObject({ state: 'submitted', verdict: 'approve', content: '符合金融监管要求' });
        expect(new Date(data.submittedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      },
    });
  });

  it('an expert round-trips', async () => {
    await roundTrip({
      plural: 'experts',
      create: async () => ({ name: '王五', specialty: '产业经济', title: '研究员', email: 'wangwu@example.com' }),
      created: (data) => expect(data).toMatchObject({ name: '王五', specialty: '产业经济', active: true }),
      populate: 'populate=preAssessments',
      populated: (data) => expect(data.preAssessments).toEqual([]),
      update: () => ({ active: false, organization: '临沂大学' }),
      updated: (data) => expect(data).toMatchObject({ active: false, organization: '临沂大学' }),
    });
  });

  it('a problem round-trips with its project and bureaus', async () => {
    const project = await createProject(app);
    const town = await bureau(app, 'sample-baishabu');
    const lead = await bureau(app, 'natural-resources');
    await roundTrip({
      plural: 'problems',
      create: async () => ({
        project: project.documentId,
        reportingBureau: town.documentId,
        category: 'land_supply',
        title: '用地指标不足',
        description: '项目二期缺少 30 亩用地指标',
        period: '2026-05',
      }),
      created: (data) => expect(data).toMatchObject({ state: 'reported', level: 'district', period: '2026-05' }),
      populate: 'populate[project]=true&populate[reportingBureau]=true',
      populated: (data) => {
        expect(data.project.documentId).toBe(project.documentId);
        expect(data.reportingBureau.documentId).toBe(town.documentId);
      },
      update: () => ({ state: 'assigned', leadBureau: lead.documentId }),
      updated: (data) => {
        expect(data.state).toBe('assigned');
        expect(data.assignedAt).toEqual(expect.any(String));
      },
    });
  });

  it('a problem list round-trips with its problems', async () => {
    const project = await createProject(app);
    const problem = await create(app, 'problems', {
      project: project.documentId,
      category: 'financing',
      title: '融资困难',
      description: '银行授信未落实',
    });
    await roundTrip({
      plural: 'problem-lists',
      create: async () => ({ period: '2026-05', problems: [problem.documentId] }),
      created: (data) => {
        expect(data).toMatchObject({ period: '2026-05', state: 'draft', title: '2026-05 重大项目落地亟待解决问题清单' });
        expect(data.compiledAt).toEqual(expect.any(String));
      },
      populate: 'populate=problems',
      populated: (data) => expect(data.problems.map((p: Json) => p.documentId)).toEqual([problem.documentId]),
      update: () => ({ note: '第一批' }),
      updated: (data) => expect(data.note).toBe('第一批'),
    });
  });

  it('a draft bulletin round-trips (its figures come only when it is issued)', async () => {
    await roundTrip({
      plural: 'bulletins',
      create: async () => ({ periodLabel: '2026年5月', periodStart: '2026-05-01', periodEnd: '2026-05-31' }),
      created: (data) => expect(data).toMatchObject({ title: '2026年5月重大项目落地实绩通报', state: 'draft', periodEnd: '2026-05-31', figures: null, issuedAt: null }),
      populate: 'fields[0]=periodLabel&fields[1]=state',
      populated: (data) => expect(data).toMatchObject({ periodLabel: '2026年5月', state: 'draft' }),
      update: () => ({ note: '待审核' }),
      updated: (data) => expect(data.note).toBe('待审核'),
    });
  });

  it('a meeting round-trips with attendees, projects and problems on the agenda', async () => {
    const project = await createProject(app);
    const problem = await create(app, 'problems', { project: project.documentId, category: 'policy', title: '政策兑现', description: '奖补资金未到位' });
    const office = await bureau(app, 'office');
    const commerce = await bureau(app, 'commerce');
    await roundTrip({
      plural: 'meetings',
      create: async () => ({
        type: 'monthly_dispatch',
        mode: 'video',
        title: '5 月重大项目调度会',
        heldAt: '2026-05-28T02:00:00.000Z',
        attendees: [office.documentId, commerce.documentId],
        projects: [project.documentId],
        problems: [problem.documentId],
      }),
      created: (data) => expect(data).toMatchObject({ type: 'monthly_dispatch', mode: 'video', heldAt: '2026-05-28T02:00:00.000Z' }),
      populate: 'populate[attendees]=true&populate[projects]=true&populate[problems]=true',
      populated: (data) => {
        expect(data.attendees.map((b: Json) => b.code).sort()).toEqual(['commerce', 'office']);
        expect(data.projects.map((p: Json) => p.documentId)).toEqual([project.documentId]);
        expect(data.problems.map((p: Json) => p.documentId)).toEqual([problem.documentId]);
      },
      update: () => ({ location: '区政府 3 楼会议室', mode: 'onsite' }),
      updated: (data) => expect(data).toMatchObject({ location: '区政府 3 楼会议室', mode: 'onsite' }),
    });
  });

  it('minutes round-trip with their meeting and tasks', async () => {
    const meeting = await create(app, 'meetings', { type: 'special_consultation', title: '专题会商', heldAt: '2026-05-20T01:00:00.000Z' });
    const number = unique('兰重办纪〔2026〕');
    await roundTrip({
      plural: 'minutes',
      create: async () => ({ meeting: meeting.documentId, title: '专题会商纪要', number, content: '## 议定事项' }),
      created: (data) => expect(data).toMatchObject({ title: '专题会商纪要', number, content: '## 议定事项' }),
      populate: 'populate[meeting]=true&populate[tasks]=true',
      populated: (data) => {
        expect(data.meeting.documentId).toBe(meeting.documentId);
        expect(data.tasks).toEqual([]);
      },
      update: () => ({ issuedAt: '2026-05-21T08:00:00.000Z' }),
      updated: (data) => expect(data.issuedAt).toBe('2026-05-21T08:00:00.000Z'),
    });
  });

  it('a task round-trips with its minutes and bureaus, and is stamped when done', async () => {
    const meeting = await create(app, 'meetings', { type: 'weekly', title: '周例会', heldAt: '2026-05-18T01:00:00.000Z' });
    const minute = await create(app, 'minutes', { meeting: meeting.documentId, title: '周例会纪要' });
    const lead = await bureau(app, 'planning');
    const co = await bureau(app, 'natural-resources');
    await roundTrip({
      plural: 'tasks',
      create: async () => ({
        minute: minute.documentId,
        title: '完成规划调整',
        deadline: '2026-06-30',
        responsibleBureau: lead.documentId,
        coBureaus: [co.documentId],
      }),
      created: (data) => expect(data).toMatchObject({ title: '完成规划调整', deadline: '2026-06-30', state: 'pending', completedAt: null }),
      populate: 'populate[minute]=true&populate[responsibleBureau]=true&populate[coBureaus]=true',
      populated: (data) => {
        expect(data.minute.documentId).toBe(minute.documentId);
        expect(data.responsibleBureau.code).toBe('planning');
        expect(data.coBureaus.map((b: Json) => b.code)).toEqual(['natural-resources']);
      },
      update: () => ({ state: 'done', completionNote: '规划调整已批复' }),
      updated: (data) => {
        expect(data).toMatchObject({ state: 'done', completionNote: '规划调整已批复' });
        expect(data.completedAt).toEqual(expect.any(String));
      },
    });
  });

  it('a pledge round-trips with its nodes, and its fulfilment rate follows them', async () => {
    const commerce = await bureau(app, 'commerce');
    const project = await createProject(app);
    await roundTrip({
      plural: 'pledges',
      create: async () => ({
        bureau: commerce.documentId,
        pledgedBy: '赵局长',
        year: 2026,
        targets: '全年引进项目 10 个',
        projects: [project.documentId],
        nodes: [
          { title: '一季度签约', targetDate: '2020-03-31', achievedDate: '2020-03-30' },
          { title: '二季度开工', targetDate: '2020-06-30' },
          { title: '远期投产', targetDate: '2099-12-31' },
        ],
      }),
      created: (data) => expect(Number(data.fulfilmentRate)).toBe(0.5),
      populate: 'populate[nodes]=true&populate[bureau]=true&populate[projects]=true',
      populated: (data) => {
        expect(data.nodes.map((n: Json) => n.title)).toEqual(['一季度签约', '二季度开工', '远期投产']);
        expect(data.bureau.code).toBe('commerce');
        expect(data.projects.map((p: Json) => p.documentId)).toEqual([project.documentId]);
      },
      update: () => ({
        nodes: [
          { title: '一季度签约', targetDate: '2020-03-31', achievedDate: '2020-03-30' },
          { title: '二季度开工', targetDate: '2020-06-30', achievedDate: '2020-06-29' },
        ],
      }),
      updated: (data) => expect(Number(data.fulfilmentRate)).toBe(1),
    });
  });

  it('the responsibility matrix can be read and changed as a single type', async () => {
    const query = 'populate[assignments][populate]=bureau&populate[leadBureau]=true';
    const res = await api().get(`/api/responsibility-matrix?${query}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['data', 'meta']);
    const matrix = res.body.data;
    expect(matrix.leadBureau.code).toBe('commerce');
    expect(matrix.assignments).toHaveLength(12);
    expect(matrix.assignments).toContainEqual(
      expect.objectContaining({ dimension: 'environmental_protection', bureau: expect.objectContaining({ code: 'ecology-environment' }) })
    );

    const reform = await bureau(app, 'development-reform');
    const planning = await bureau(app, 'planning');
    const put = await api().put('/api/responsibility-matrix', {
      leadBureau: reform.documentId,
      note: '依据工作方案第二部分',
      assignments: [
        { bureau: reform.documentId, dimension: 'industrial_policy' },
        { bureau: planning.documentId, dimension: 'planning_layout' },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.data.documentId).toBe(matrix.documentId);

    const after = (await api().get(`/api/responsibility-matrix?${query}`)).body.data;
    expect(after.leadBureau.code).toBe('development-reform');
    expect(after.note).toBe('依据工作方案第二部分');
    expect(after.assignments.map((a: Json) => [a.bureau.code, a.dimension])).toEqual([
      ['development-reform', 'industrial_policy'],
      ['planning', 'planning_layout'],
    ]);
  });
});
