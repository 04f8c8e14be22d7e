import { adminActor, idsOf, restActor, totalOf, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, create, creditCode, rest, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

/**
 * Records one bureau keeps for the district (work plan §四): 亩产效益评价 by 区工信局, credit records by 区发改局,
 * financial indicators, warnings and warning rules by 区金融监管局. Each is seen and changed by its lead bureau and
 * the office, read by leaders, and invisible to towns and the other departments — through REST and the admin panel.
 */
describe('records kept by a lead bureau', () => {
  const app = useStrapi();

  interface Kept {
    key: string;
    uid: string;
    plural: string;
    lead: string;
    record: Json;
    /** A harmless change its lead bureau may make. */
    change: Json;
    /** A record of the same type another bureau tries to create. */
    fresh: () => Json;
  }

  const kept: Kept[] = [];
  const rest_: Record<string, RestActor> = {};
  const admin: Record<string, AdminActor> = {};
  let enterprise: Json;
  let watched: Json;

  beforeAll(async () => {
    enterprise = await create(app, 'enterprises', { name: unique('亩产企业-'), creditCode: creditCode(7101) });
    watched = await create(app, 'enterprises', { name: unique('授信企业-'), creditCode: creditCode(7102), creditLine: 80000 });

    const evaluation = await create(app, 'land-evaluations', {
      enterprise: enterprise.documentId,
      year: 2025,
      landArea: 50,
      taxRevenue: 600,
      revenue: 12000,
    });
    const credit = await create(app, 'credit-records', {
      enterprise: enterprise.documentId,
      kind: 'contract_breach',
      description: '未按约定履行投资协议',
      decidedAt: '2026-03-02',
      blacklist: false,
    });
    const indicator = await create(app, 'finance-indicators', { enterprise: watched.documentId, period: '2026-09', overdueLoans: 1200 });
    const warnings = await rest(app).get(`/api/finance-warnings?filters[indicator][documentId][$eq]=${indicator.documentId}`);
    const warning = warnings.body.data?.[0];
    if (!warning) throw new Error(`overdue loans raised no warning: ${JSON.stringify(warnings.body)}`);
    const rules = await rest(app).get('/api/finance-warning-rules?pagination[pageSize]=1');
    const rule = rules.body.data?.[0];
    if (!rule) throw new Error('no seeded warning rule');

    let month = 0;
    kept.push(
      {
        key: 'land evaluation',
        uid: 'api::land-evaluation.land-evaluation',
        plural: 'land-evaluations',
        lead: 'industry-it',
        record: evaluation,
        change: { employees: 120 },
        fresh: () => ({ enterprise: enterprise.documentId, year: 2024, landArea: 10, taxRevenue: 50, revenue: 900 }),
      },
      {
        key: 'credit record',
        uid: 'api::credit-record.credit-record',
        plural: 'credit-records',
        lead: 'development-reform',
        record: credit,
        change: { measures: '约谈企业负责人' },
        fresh: () => ({ enterprise: enterprise.documentId, kind: 'other', description: '其他失信行为', decidedAt: '2026-04-01', blacklist: false }),
      },
      {
        key: 'finance indicator',
        uid: 'api::finance-indicator.finance-indicator',
        plural: 'finance-indicators',
        lead: 'financial-regulation',
        record: indicator,
        change: { note: '银行数据已核对' },
        fresh: () => ({ enterprise: watched.documentId, period: `2025-${String((month += 1)).padStart(2, '0')}` }),
      },
      {
        key: 'finance warning',
        uid: 'api::finance-warning.finance-warning',
        plural: 'finance-warnings',
        lead: 'financial-regulation',
        record: warning,
        change: { serviceOffered: '协调银行续贷，暂缓抽贷' },
        // warnings are raised by the platform: only their handling is ever written by people
        fresh: () => ({ serviceOffered: '走访企业' }),
      },
      {
        key: 'finance warning rule',
        uid: 'api::finance-warning-rule.finance-warning-rule',
        plural: 'finance-warning-rules',
        lead: 'financial-regulation',
        record: rule,
        change: { name: `${rule.name}（已复核）` },
        fresh: () => ({ name: unique('规则-'), indicator: 'petitions', comparison: 'gt', threshold: 3, level: 'yellow', active: true }),
      }
    );

    const codes = { industry: 'industry-it', credit: 'development-reform', finance: 'financial-regulation', commerce: 'commerce', town: 'sample-yitang' };
    for (const [name, code] of Object.entries(codes)) {
      const home = await bureau(app, code);
      const kind = name === 'town' ? 'town' : 'department';
      rest_[code] = await restActor(app, kind, home, `${name} user`);
      admin[code] = await adminActor(app, kind, home, `${name} admin`);
    }
    rest_.leader = await restActor(app, 'leader', null, 'leader');
    admin.leader = await adminActor(app, 'leader', null, 'leader admin');
    rest_.office = await restActor(app, 'office', null, 'office');
  });

  /** The other bureaus: every department that does not lead the type, and a town. */
  const outsiders = (lead: string) => ['industry-it', 'development-reform', 'financial-regulation', 'commerce', 'sample-yitang'].filter((code) => code !== lead);

  it('the lead bureau, the office and leaders see the records through REST; nobody else does', async () => {
    for (const type of kept) {
      for (const who of [rest_[type.lead], rest_.office, rest_.leader]) {
        const list = await who.get(`/api/${type.plural}?pagination[pageSize]=100`);
        expect({ type: type.key, who: who.label, status: list.status, has: idsOf(list.body).includes(type.record.documentId) }).toEqual({ type: type.key, who: who.label, status: 200, has: true });
        const one = await who.get(`/api/${type.plural}/${type.record.documentId}`);
        expect({ type: type.key, who: who.label, status: one.status }).toEqual({ type: type.key, who: who.label, status: 200 });
      }
      for (const code of outsiders(type.lead)) {
        const who = rest_[code];
        const list = await who.get(`/api/${type.plural}?pagination[pageSize]=100`);
        expect({ type: type.key, who: who.label, status: list.status, ids: idsOf(list.body), total: totalOf(list.body) }).toEqual({ type: type.key, who: who.label, status: 200, ids: [], total: 0 });
        const one = await who.get(`/api/${type.plural}/${type.record.documentId}`);
        expect({ type: type.key, who: who.label, status: one.status }).toEqual({ type: type.key, who: who.label, status: 404 });
      }
    }
  });

  it('no populate or relation filter reaches them from a record others can read', async () => {
    // the enterprise is everyone's; its land evaluations and credit records are not
    const town = rest_['sample-yitang'];
    const commerce = rest_.commerce;
    for (const who of [town, commerce]) {
      const filtered = await who.get(`/api/enterprises?filters[documentId][$eq]=${enterprise.documentId}&populate=*`);
      expect(filtered.status).toBe(200);
      const row = filtered.body.data[0];
      for (const field of ['landEvaluations', 'creditRecords', 'financeIndicators', 'financeWarnings']) {
        if (row && field in row) expect({ who: who.label, field, value: row[field] }).toEqual({ who: who.label, field, value: [] });
      }
    }
    // a project linked by a credit record does not carry the record to the project's other readers
    const reform = rest_['development-reform'];
    const yitang = await bureau(app, 'sample-yitang');
    const project = await create(app, 'projects', { name: unique('信用关联-'), category: 'general', enterprise: enterprise.documentId, applicantBureau: yitang.documentId });
    const linked = await reform.post('/api/credit-records', { enterprise: enterprise.documentId, project: project.documentId, kind: 'other', description: '申报材料与实际不符', decidedAt: '2026-02-03', blacklist: false });
    expect(linked.status).toBe(201);
    const own = await rest_['sample-yitang'].get(`/api/projects/${project.documentId}?populate=*`);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(linked.body.data.documentId);
  });

  it('only the lead bureau (and the office) change or create them; leaders and others are refused and nothing changes', async () => {
    for (const type of kept) {
      const lead = rest_[type.lead];
      const changed = await lead.put(`/api/${type.plural}/${type.record.documentId}`, type.change);
      expect({ type: type.key, status: changed.status, body: changed.status === 200 ? 'ok' : changed.body }).toEqual({ type: type.key, status: 200, body: 'ok' });

      const before = await app.strapi.db.query(type.uid as any).count();
      const leader = await rest_.leader.put(`/api/${type.plural}/${type.record.documentId}`, type.change);
      expect({ type: type.key, who: 'leader', status: leader.status }).toEqual({ type: type.key, who: 'leader', status: 403 });
      const leaderPost = await rest_.leader.post(`/api/${type.plural}`, type.fresh());
      expect({ type: type.key, who: 'leader', status: leaderPost.status }).toEqual({ type: type.key, who: 'leader', status: 403 });
      const leaderDel = await rest_.leader.del(`/api/${type.plural}/${type.record.documentId}`);
      expect({ type: type.key, who: 'leader', status: leaderDel.status }).toEqual({ type: type.key, who: 'leader', status: 403 });
      for (const code of outsiders(type.lead)) {
        const who = rest_[code];
        const put = await who.put(`/api/${type.plural}/${type.record.documentId}`, type.change);
        expect({ type: type.key, who: who.label, status: put.status }).toEqual({ type: type.key, who: who.label, status: code === 'sample-yitang' ? 403 : 404 });
        const post = await who.post(`/api/${type.plural}`, type.fresh());
        expect({ type: type.key, who: who.label, status: post.status }).toEqual({ type: type.key, who: who.label, status: 403 });
        const del = await who.del(`/api/${type.plural}/${type.record.documentId}`);
        expect([403, 404]).toContain(del.status);
      }
      expect({ type: type.key, count: await app.strapi.db.query(type.uid as any).count() }).toEqual({ type: type.key, count: before });
    }
  });

  it('the lead bureau creates new records of its own type', async () => {
    for (const type of kept.filter((t) => t.key !== 'finance warning')) {
      const created = await rest_[type.lead].post(`/api/${type.plural}`, type.fresh());
      expect({ type: type.key, status: created.status, body: created.status === 201 ? 'ok' : created.body }).toEqual({ type: type.key, status: 201, body: 'ok' });
    }
  });

  it('a lead bureau links its record to a project outside its scope, which then opens that project to it alone', async () => {
    const town = await bureau(app, 'sample-yitang');
    const project = await create(app, 'projects', { name: unique('失信关联项目-'), category: 'general', enterprise: enterprise.documentId, applicantBureau: town.documentId });
    const reform = rest_['development-reform'];
    expect((await reform.get(`/api/projects/${project.documentId}`)).status).toBe(404);

    const linked = await reform.post('/api/credit-records', {
      enterprise: enterprise.documentId,
      project: project.documentId,
      kind: 'other',
      description: '项目申报材料不实',
      decidedAt: '2026-05-06',
      blacklist: false,
    });
    expect(linked.status).toBe(201);
    expect((await reform.get(`/api/projects/${project.documentId}`)).status).toBe(200);
    const populated = await reform.get(`/api/credit-records/${linked.body.data.documentId}?populate=project`);
    expect(populated.body.data.project?.documentId).toBe(project.documentId);
    // the other lead bureaus and departments gain nothing from it
    for (const code of ['financial-regulation', 'commerce']) {
      expect({ code, status: (await rest_[code].get(`/api/projects/${project.documentId}`)).status }).toEqual({ code, status: 404 });
    }
    // and linking is no way to probe: a project that does not exist is still refused
    const ghost = await reform.post('/api/credit-records', {
      enterprise: enterprise.documentId,
      project: 'no-such-project-documentid',
      kind: 'other',
      description: '不存在的项目',
      decidedAt: '2026-05-06',
      blacklist: false,
    });
    expect(ghost.status).toBe(400);
  });

  it('in the admin panel: the lead bureau lists and opens them, other departments see none, towns have no access, leaders read', async () => {
    for (const type of kept) {
      const lead = admin[type.lead];
      const list = await lead.list(type.uid);
      expect({ type: type.key, status: list.status, has: idsOf(list.body).includes(type.record.documentId) }).toEqual({ type: type.key, status: 200, has: true });
      expect((await lead.findOne(type.uid, type.record.documentId)).status).toBe(200);

      const leader = await admin.leader.list(type.uid);
      expect({ type: type.key, status: leader.status, has: idsOf(leader.body).includes(type.record.documentId) }).toEqual({ type: type.key, status: 200, has: true });
      const leaderEdit = await admin.leader.update(type.uid, type.record.documentId, type.change);
      expect({ type: type.key, who: 'leader', status: leaderEdit.status }).toEqual({ type: type.key, who: 'leader', status: 403 });

      for (const code of outsiders(type.lead)) {
        const who = admin[code];
        const others = await who.list(type.uid);
        if (code === 'sample-yitang') {
          expect({ type: type.key, who: who.label, status: others.status }).toEqual({ type: type.key, who: who.label, status: 403 });
          continue;
        }
        expect({ type: type.key, who: who.label, status: others.status, ids: idsOf(others.body) }).toEqual({ type: type.key, who: who.label, status: 200, ids: [] });
        const opened = await who.findOne(type.uid, type.record.documentId);
        expect({ type: type.key, who: who.label, status: opened.status }).toEqual({ type: type.key, who: who.label, status: 404 });
        const edited = await who.update(type.uid, type.record.documentId, type.change);
        expect([403, 404]).toContain(edited.status);
      }
    }
  });

  it('roles seeded before these types existed get their permissions once on the next start, and what the office takes away stays away', async () => {
    const { strapi } = app;
    const CREDIT = 'api::credit-record.credit-record';
    const adminPermissions = async (code: string) => {
      const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: ['permissions'] });
      return role.permissions.filter((p: Json) => p.subject === CREDIT).map((p: Json) => p.action.split('.').pop()).sort();
    };
    const apiPermissions = async (type: string) => {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type }, populate: ['permissions'] });
      return role.permissions.filter((p: Json) => p.action.startsWith(`${CREDIT}.`)).map((p: Json) => p.action.split('.').pop()).sort();
    };
    const expected = { department: ['create', 'read', 'update'], town: [] as string[], apiDepartment: ['create', 'find', 'findOne', 'update'], apiTown: ['find', 'findOne'] };
    const snapshot = async () => ({
      department: await adminPermissions('department'),
      town: await adminPermissions('town'),
      apiDepartment: await apiPermissions('department'),
      apiTown: await apiPermissions('town'),
    });
    expect(await snapshot()).toEqual(expected);

    // a database from before credit records: no role has heard of them, and no record of seeded types is kept
    const adminRoles = await strapi.db.query('admin::role').findMany({ where: { code: { $in: ['office', 'department', 'town', 'leader'] } }, select: ['id'] });
    await strapi.db.query('admin::permission').deleteMany({ where: { subject: CREDIT, role: { id: { $in: adminRoles.map((r: Json) => r.id) } } } });
    await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { action: { $startsWith: `${CREDIT}.` } } });
    await strapi.store({ type: 'plugin', name: 'bureau-views', key: 'seeded-types' }).delete({});
    expect(await snapshot()).toEqual({ department: [], town: [], apiDepartment: [], apiTown: [] });

    await strapi.plugin('bureau-views').service('roles').seed();
    expect(await snapshot()).toEqual(expected);

    // the office then withdraws the department's create: later starts leave that alone
    const department = await strapi.db.query('admin::role').findOne({ where: { code: 'department' }, populate: ['permissions'] });
    const create = department.permissions.find((p: Json) => p.subject === CREDIT && p.action.endsWith('.create'));
    await strapi.db.query('admin::permission').delete({ where: { id: create.id } });
    await strapi.plugin('bureau-views').service('roles').seed();
    await strapi.plugin('bureau-views').service('roles').seed();
    expect(await adminPermissions('department')).toEqual(['read', 'update']);
  });

  it('the land evaluation settings are read with the evaluations (区工信局, the office, leaders) and changed by the office alone', async () => {
    for (const code of ['industry-it', 'office', 'leader']) {
      const read = await rest_[code].get('/api/land-evaluation-setting');
      expect({ who: code, status: read.status, weighted: read.body.data?.weightTaxPerMu !== undefined }).toEqual({ who: code, status: 200, weighted: true });
    }
    for (const code of ['sample-yitang', 'commerce', 'financial-regulation']) {
      const read = await rest_[code].get('/api/land-evaluation-setting');
      expect({ who: code, status: read.status }).toEqual({ who: code, status: 404 });
    }
    const refused = await rest_['industry-it'].put('/api/land-evaluation-setting', { gradingMode: 'threshold' });
    expect(refused.status).toBe(403);
    // the admin panel: 区工信局 and leaders open it; a town's admin has no such page
    const page = (who: AdminActor) => who.get('/content-manager/single-types/api::land-evaluation-setting.land-evaluation-setting');
    expect((await page(admin['industry-it'])).body.data?.weightTaxPerMu).toBeDefined();
    expect((await page(admin.leader)).body.data?.weightTaxPerMu).toBeDefined();
    expect((await page(admin['sample-yitang'])).status).toBe(403);
  });

  describe('an enterprise’s held fields', () => {
    const ENTERPRISE = 'api::enterprise.enterprise';
    const HELD = ['blacklisted', 'creditLine', 'financeWatched'];
    /** What each sees of the three: the dishonesty list is 发改局's, the credit line and watch 金融监管局's. */
    const sees: Record<string, string[]> = {
      office: HELD,
      leader: HELD,
      'development-reform': ['blacklisted'],
      'financial-regulation': ['creditLine', 'financeWatched'],
      'industry-it': [],
      commerce: [],
      'sample-yitang': [],
    };
    let project: Json;

    beforeAll(async () => {
      // a town's project whose investor is watched (80 000 万元 credit line) and on the dishonesty list
      await app.strapi.documents(ENTERPRISE as any).update({ documentId: watched.documentId, data: { blacklisted: true } as any });
      const yitang = await bureau(app, 'sample-yitang');
      project = await create(app, 'projects', { name: unique('授信企业项目-'), category: 'general', enterprise: watched.documentId, applicantBureau: yitang.documentId });
    });

    const shown = (row: Json | undefined) => HELD.filter((field) => row && field in row);

    it('are in the answers, at any depth, of those they belong to only: REST and the admin panel', async () => {
      for (const [code, fields] of Object.entries(sees)) {
        const one = await rest_[code].get(`/api/enterprises/${watched.documentId}`);
        expect({ who: code, status: one.status, shown: shown(one.body.data) }).toEqual({ who: code, status: 200, shown: fields });
        const list = await rest_[code].get(`/api/enterprises?filters[documentId][$eq]=${watched.documentId}&fields[0]=name&fields[1]=creditLine&fields[2]=blacklisted`);
        expect({ who: code, shown: shown(list.body.data[0]) }).toEqual({ who: code, shown: fields.filter((field) => field !== 'financeWatched') });
      }
      // through a populated relation: the town reads its project and the project's investor, without the held fields
      const own = await rest_['sample-yitang'].get(`/api/projects/${project.documentId}?populate[enterprise]=true`);
      expect(own.status).toBe(200);
      expect(own.body.data.enterprise.name).toBe(watched.name);
      expect(shown(own.body.data.enterprise)).toEqual([]);
      expect(shown((await rest_.office.get(`/api/projects/${project.documentId}?populate[enterprise]=true`)).body.data.enterprise)).toEqual(HELD);

      for (const code of ['commerce', 'financial-regulation', 'development-reform']) {
        const opened = await admin[code].findOne(ENTERPRISE, watched.documentId);
        expect({ who: code, status: opened.status, shown: shown(opened.body.data) }).toEqual({ who: code, status: 200, shown: sees[code] });
      }
    });

    it('cannot be filtered or sorted by anyone else: a 400 naming the field, in Chinese and English', async () => {
      const town = rest_['sample-yitang'];
      for (const [url, field] of [
        ['/api/enterprises?filters[blacklisted][$eq]=true', 'filters.blacklisted'],
        ['/api/enterprises?filters[$or][0][name][$eq]=x&filters[$or][1][creditLine][$gte]=50000', 'filters.creditLine'],
        ['/api/projects?filters[enterprise][financeWatched][$eq]=true', 'filters.enterprise.financeWatched'],
        ['/api/enterprises?sort=creditLine:desc', 'sort.creditLine'],
        ['/api/projects?populate[enterprise][filters][blacklisted][$eq]=true', 'populate.enterprise.filters.blacklisted'],
      ]) {
        const res = await town.get(url);
        expect({ url, status: res.status, path: res.body.error?.details?.errors?.[0]?.path }).toEqual({ url, status: 400, path: [field] });
        expect(res.body.error.message).toContain('仅限其牵头单位、办公室和区领导查看');
        expect(res.body.error.message).toContain('is kept by its lead bureau');
      }
      // 发改局 lists the dishonesty list; 金融监管局 the watched enterprises; neither the other's
      const reform = await rest_['development-reform'].get('/api/enterprises?filters[blacklisted][$eq]=true&pagination[pageSize]=100');
      expect(reform.status).toBe(200);
      expect(idsOf(reform.body)).toContain(watched.documentId);
      expect((await rest_['development-reform'].get('/api/enterprises?filters[financeWatched][$eq]=true')).status).toBe(400);
      const finance = await rest_['financial-regulation'].get('/api/enterprises?filters[financeWatched][$eq]=true&pagination[pageSize]=100');
      expect(finance.status).toBe(200);
      expect(idsOf(finance.body)).toContain(watched.documentId);
      expect((await rest_['financial-regulation'].get('/api/enterprises?filters[blacklisted][$eq]=true')).status).toBe(400);
      // the admin panel's list too
      const listed = await admin.commerce.list(ENTERPRISE, 'filters[$and][0][blacklisted][$eq]=true');
      expect(listed.status).toBe(400);
    });

    it('are left to others when someone else creates an enterprise: a town’s credit line is not kept, nor does it join the watch', async () => {
      const res = await rest_['sample-yitang'].post('/api/enterprises', {
        name: unique('镇街新建企业-'),
        creditCode: creditCode(7103),
        creditLine: 90000,
      });
      expect(res.status).toBe(201);
      expect(shown(res.body.data)).toEqual([]);
      const stored = await app.strapi.db.query(ENTERPRISE).findOne({ where: { documentId: res.body.data.documentId } });
      expect({ creditLine: stored.creditLine, blacklisted: stored.blacklisted, financeWatched: stored.financeWatched }).toEqual({
        creditLine: null,
        blacklisted: false,
        financeWatched: false,
      });
    });
  });
});
