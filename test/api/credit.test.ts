import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { shanghaiDate, ZONE } from '../../src/domain/time';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { download, bureau, count, create, creditCode, expectFieldError, read, rest, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const CREDIT = 'api::credit-record.credit-record';
const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 信用记录与失信名单 through the API: a blacklisting record puts the enterprise on the list, turns its projects red
 * (with the reason) and refuses a new pre-assessment for them; a repair (date and reason) lifts both; the list is
 * exported as a spreadsheet; a bad record is a 400 naming its field, and nothing is written.
 */
describe('credit records and the dishonesty list', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const today = () => shanghaiDate(new Date());
  const daysAgo = (days: number) => DateTime.now().setZone(ZONE).minus({ days }).toISODate()!;
  const daysAhead = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;

  let yitang: Json;
  let office: AdminActor;
  /** 区发改局's API user: a department, not the office, leading the credit records. */
  let reform: RestActor;
  let serial = 700;

  const enterprise = () => create(app, 'enterprises', { name: unique('失信测试企业-'), creditCode: creditCode((serial += 1)) });
  const project = (owner: Json) => create(app, 'projects', { name: unique('信用测试项目-'), category: 'general', applicantBureau: yitang.documentId, enterprise: owner.documentId });
  const blacklisting = (owner: Json, extra: Json = {}) => ({
    enterprise: owner.documentId,
    kind: 'false_information',
    description: '申报重大项目时提供虚假的投资协议和财务报表',
    decidedAt: daysAgo(30),
    decidedBy: '区发改局',
    blacklist: true,
    measures: '取消重大项目资格，追回已享受的优惠政策',
    ...extra,
  });
  const repair = { repairedAt: daysAgo(1), repairReason: '已完成整改，主动纠正失信行为并作出信用承诺' };

  const blacklisted = async (owner: Json) => (await read(app, 'enterprises', owner.documentId))!.blacklisted;
  const projectRead = async (target: Json) => (await read(app, 'projects', target.documentId))!;
  const codes = (reasons: Json[] | null | undefined) => (reasons ?? []).map((reason) => reason.code);
  const dashboardRow = async (target: Json) => {
    const res = await api().get('/api/traffic-lights/projects?pagination[pageSize]=100');
    expect(res.status).toBe(200);
    return res.body.data.find((row: Json) => row.documentId === target.documentId);
  };
  const settle = () => app.strapi.plugin('traffic-lights').service('tracker').idle();

  beforeAll(async () => {
    yitang = await bureau(app, 'sample-yitang');
    office = await adminActor(app, 'office', null, 'office');
    reform = await restActor(app, 'department', await bureau(app, 'development-reform'), '区发改局 api user');
  });

  describe('a blacklisting, then its repair', () => {
    let investor: Json;
    let other: Json;
    let first: Json;
    let second: Json;
    let elsewhere: Json;
    let record: Json;

    beforeAll(async () => {
      investor = await enterprise();
      other = await enterprise();
      first = await project(investor);
      second = await project(investor);
      elsewhere = await project(other);
      await settle();
    });

    it('puts the enterprise on the list and turns every project of it red, naming the blacklist, with the write’s own lights pass', async () => {
      expect(await blacklisted(investor)).toBe(false);
      expect((await projectRead(first)).light).toBe('green');

      const res = await reform.post('/api/credit-records', blacklisting(investor, { project: first.documentId }));
      expect(res.status).toBe(201);
      record = res.body.data;
      expect(record.state).toBe('effective');
      // the write's own lights pass (after its commit: a 区发改局 write runs in the scope's transaction)
      await settle();
      expect((await app.strapi.db.query('api::project.project').findOne({ where: { documentId: first.documentId }, select: ['light'] })).light).toBe('red');

      expect(await blacklisted(investor)).toBe(true);
      for (const target of [first, second]) {
        const stored = await projectRead(target);
        expect(stored.light).toBe('red');
        expect(stored.lightReasons).toEqual(
          expect.arrayContaining([expect.objectContaining({ code: 'blacklisted', message: `投资方「${investor.name}」已列入失信名单` })])
        );
        const row = await dashboardRow(target);
        expect(row.light).toBe('red');
        expect(codes(row.lightReasons)).toContain('blacklisted');
      }
      // another investor's project is untouched
      expect((await projectRead(elsewhere)).light).toBe('green');
      expect(await blacklisted(other)).toBe(false);
    });

    it('refuses a new pre-assessment for its projects with a 400 naming the project, and writes no pre-assessment or opinion', async () => {
      const before = { preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') };
      const res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: second.documentId });
      const message = expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(message).toContain(`项目投资方「${investor.name}」已列入失信名单，信用修复前不得申请预评估`);
      expect(message).toContain('dishonesty list');
      expect({ preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') }).toEqual(before);
      expect((await projectRead(second)).stage).toBe('declared');
    });

    it('lists the enterprise for anyone reading the enterprises, and no client can set the flag itself', async () => {
      const listed = await api().get('/api/enterprises?filters[blacklisted][$eq]=true&pagination[pageSize]=100');
      expect(listed.body.data.map((row: Json) => row.documentId)).toContain(investor.documentId);
      expect(listed.body.data.map((row: Json) => row.documentId)).not.toContain(other.documentId);

      const res = await api().put(`/api/enterprises/${other.documentId}`, { blacklisted: true });
      expect(res.status).toBe(400);
      expect(await blacklisted(other)).toBe(false);
    });

    it('a repair with its date and reason takes the enterprise off the list, its projects out of red, and allows the pre-assessment', async () => {
      const res = await reform.put(`/api/credit-records/${record.documentId}`, repair);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ state: 'repaired', repairedAt: repair.repairedAt, repairReason: repair.repairReason });

      expect(await blacklisted(investor)).toBe(false);
      for (const target of [first, second]) {
        const stored = await projectRead(target);
        expect(codes(stored.lightReasons)).not.toContain('blacklisted');
        expect(stored.light).toBe('green');
        expect(codes((await dashboardRow(target)).lightReasons)).not.toContain('blacklisted');
      }

      const allowed = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: second.documentId });
      expect(allowed.status).toBe(201);
    });

    it('only the office undoes a repair, which puts the enterprise back on the list', async () => {
      const refused = await reform.put(`/api/credit-records/${record.documentId}`, { repairedAt: null, repairReason: null });
      expectFieldError(refused, CREDIT, 'repairedAt');
      expect((await read(app, 'credit-records', record.documentId))!.state).toBe('repaired');
      expect(await blacklisted(investor)).toBe(false);

      const undone = await api().put(`/api/credit-records/${record.documentId}`, { repairedAt: null, repairReason: null });
      expect(undone.status).toBe(200);
      expect(undone.body.data.state).toBe('effective');
      expect(await blacklisted(investor)).toBe(true);
      expect((await projectRead(first)).light).toBe('red');

      // and repaired again for the tests below
      expect((await api().put(`/api/credit-records/${record.documentId}`, repair)).status).toBe(200);
      expect(await blacklisted(investor)).toBe(false);
    });
  });

  describe('several records', () => {
    it('an enterprise stays on the list while any of its blacklisting records is unrepaired', async () => {
      const investor = await enterprise();
      const target = await project(investor);
      const one = await create(app, 'credit-records', blacklisting(investor));
      const two = await create(app, 'credit-records', blacklisting(investor, { kind: 'contract_breach', decidedAt: daysAgo(10) }));
      // a record that does not blacklist changes nothing
      await create(app, 'credit-records', { enterprise: investor.documentId, kind: 'tax_arrears', description: '逾期缴纳城镇土地使用税', decidedAt: daysAgo(5), blacklist: false });
      expect(await blacklisted(investor)).toBe(true);

      expect((await api().put(`/api/credit-records/${one.documentId}`, repair)).status).toBe(200);
      expect(await blacklisted(investor)).toBe(true);
      expect((await projectRead(target)).light).toBe('red');

      expect((await api().put(`/api/credit-records/${two.documentId}`, repair)).status).toBe(200);
      expect(await blacklisted(investor)).toBe(false);
      expect((await projectRead(target)).light).toBe('green');
    });

    it('an unrepaired blacklisting is lifted by a repair, not by the department untoggling or deleting it; the office may delete it', async () => {
      const investor = await enterprise();
      const listed = await create(app, 'credit-records', blacklisting(investor));

      expectFieldError(await reform.put(`/api/credit-records/${listed.documentId}`, { blacklist: false }), CREDIT, 'blacklist');
      // deleting workflow records is the office's: the department's role holds no delete at all
      expect((await reform.del(`/api/credit-records/${listed.documentId}`)).status).toBe(403);
      expect(await read(app, 'credit-records', listed.documentId)).not.toBeNull();
      expect(await blacklisted(investor)).toBe(true);

      expect((await api().del(`/api/credit-records/${listed.documentId}`)).status).toBe(204);
      expect(await read(app, 'credit-records', listed.documentId)).toBeNull();
      expect(await blacklisted(investor)).toBe(false);
    });
  });

  describe('bad records are refused with a 400 naming the field, and nothing is written', () => {
    let investor: Json;
    let foreign: Json;

    beforeAll(async () => {
      investor = await enterprise();
      foreign = await project(await enterprise());
    });

    const refused = async (data: Json, field: string, says?: string) => {
      const before = await count(app, 'credit-records');
      const message = expectFieldError(await api().post('/api/credit-records', data), CREDIT, field);
      if (says) expect(message).toContain(says);
      expect(await count(app, 'credit-records')).toBe(before);
      expect(await blacklisted(investor)).toBe(false);
    };

    it('without an enterprise', () => refused(blacklisting(investor, { enterprise: null }), 'enterprise'));
    it('naming a project of another enterprise', () => refused(blacklisting(investor, { project: foreign.documentId }), 'project', '所选项目的投资方不是'));
    it('decided in the future', () => refused(blacklisting(investor, { decidedAt: daysAhead(2) }), 'decidedAt', '不能晚于今天'));
    it('repaired without a reason', () => refused(blacklisting(investor, { repairedAt: today() }), 'repairReason', '修复理由'));
    it('repaired without a date', () => refused(blacklisting(investor, { repairReason: '已整改' }), 'repairedAt', '修复日期'));
    it('repaired before it was decided', () => refused(blacklisting(investor, { repairedAt: daysAgo(31), repairReason: '已整改' }), 'repairedAt', '不能早于认定日期'));
    it('repaired in the future', () => refused(blacklisting(investor, { repairedAt: daysAhead(1), repairReason: '已整改' }), 'repairedAt'));
    it('with an unknown kind', () => refused(blacklisting(investor, { kind: 'gossip' }), 'kind'));

    it('a client cannot set the state itself: it follows the repair', async () => {
      const res = await api().post('/api/credit-records', blacklisting(investor, { state: 'repaired' }));
      expectFieldError(res, CREDIT, 'state');
      expect(await blacklisted(investor)).toBe(false);
    });
  });

  describe('the dishonesty list (失信名单) as a spreadsheet', () => {
    const fetchFile = (url: string, authorization: string) => download(app, url, authorization);
    const rowsOf = async (body: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(body as any);
      const sheet = book.worksheets[0];
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };

    it('lists exactly the enterprises on the list, with their unrepaired records, through the API and the admin panel', async () => {
      const listed = await enterprise();
      const target = await project(listed);
      await create(app, 'credit-records', blacklisting(listed, { project: target.documentId, decidedAt: daysAgo(3) }));
      const onList = (await api().get('/api/enterprises?filters[blacklisted][$eq]=true&pagination[pageSize]=100')).body.data.map((row: Json) => row.name);
      expect(onList).toContain(listed.name);

      for (const [label, url, authorization] of [
        ['api', '/api/dispatch/exports/dishonesty-list', await app.token()],
        ['admin', '/dispatch/exports/dishonesty-list', office.authorization],
      ]) {
        const res = await fetchFile(url, authorization);
        expect({ label, status: res.status }).toEqual({ label, status: 200 });
        expect(res.headers['content-type']).toContain(XLSX);
        expect(res.headers['content-disposition']).toContain(encodeURIComponent('失信名单'));
        const rows = await rowsOf(res.body);
        expect(rows[0][0]).toBe('兰山区重大项目投资主体失信名单');
        const header = rows.find((row) => row.includes('企业名称'))!;
        for (const name of ['企业名称', '统一社会信用代码', '失信类型', '认定日期', '惩戒措施', '涉及项目', '状态']) expect(header).toContain(name);
        const data = rows.filter((row) => typeof row[0] === 'number');
        const column = (name: string) => header.indexOf(name);
        expect({ label, names: data.map((row) => row[column('企业名称')]).sort() }).toEqual({ label, names: [...onList].sort() });
        const row = data.find((cells) => cells[column('企业名称')] === listed.name)!;
        expect(row[column('统一社会信用代码')]).toBe(listed.creditCode);
        expect(row[column('失信类型')]).toBe('利用虚假信息和资料骗取重大项目资格或优惠政策');
        expect(row[column('认定日期')]).toBe(daysAgo(3));
        expect(row[column('涉及项目')]).toBe(target.name);
      }
    });

    it('is 区发改局’s, the office’s and the leaders’ to export; a town and another department are refused (403), through the API and the admin panel', async () => {
      const listed = await enterprise();
      await create(app, 'credit-records', blacklisting(listed, { decidedAt: daysAgo(2) }));
      const reformAdmin = await adminActor(app, 'department', await bureau(app, 'development-reform'), '区发改局 admin');
      const allowed: Array<[string, string, string]> = [
        ['区发改局 api user', '/api/dispatch/exports/dishonesty-list', reform.authorization],
        ['区发改局 admin', '/dispatch/exports/dishonesty-list', reformAdmin.authorization],
        ['office api user', '/api/dispatch/exports/dishonesty-list', (await restActor(app, 'office', null, 'office api user')).authorization],
        ['office admin', '/dispatch/exports/dishonesty-list', office.authorization],
        ['leader api user', '/api/dispatch/exports/dishonesty-list', (await restActor(app, 'leader', null, 'leader api user')).authorization],
        ['leader admin', '/dispatch/exports/dishonesty-list', (await adminActor(app, 'leader', null, 'leader admin')).authorization],
      ];
      for (const [label, url, authorization] of allowed) {
        const res = await fetchFile(url, authorization);
        expect({ label, status: res.status }).toEqual({ label, status: 200 });
        const names = (await rowsOf(res.body)).flat();
        expect({ label, listed: names.includes(listed.name) }).toEqual({ label, listed: true });
      }

      const commerce = await bureau(app, 'commerce');
      const refused: Array<[string, string, string]> = [
        ['town api user', '/api/dispatch/exports/dishonesty-list', (await restActor(app, 'town', yitang, 'town api user')).authorization],
        ['town admin', '/dispatch/exports/dishonesty-list', (await adminActor(app, 'town', yitang, 'town admin')).authorization],
        ['区商务局 api user', '/api/dispatch/exports/dishonesty-list', (await restActor(app, 'department', commerce, '区商务局 api user')).authorization],
        ['区商务局 admin', '/dispatch/exports/dishonesty-list', (await adminActor(app, 'department', commerce, '区商务局 admin')).authorization],
      ];
      for (const [label, url, authorization] of refused) {
        const res = await app.http().get(url).set('Authorization', authorization);
        expect({ label, status: res.status }).toEqual({ label, status: 403 });
        expect(res.headers['content-type']).toContain('application/json');
        expect(res.body.error.message).toContain('失信名单仅限区发改局、协调办公室和区领导导出');
        expect(res.body.error.message).toContain('the dishonesty list is exported by 区发改局, the coordination office and the district leaders only');
        expect(JSON.stringify(res.body)).not.toContain(listed.name);
      }
    });
  });
});
