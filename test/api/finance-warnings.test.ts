import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { shanghaiDate } from '../../src/domain/time';
import { planActions } from '../../src/plugins/deadlines/server/src/schedule/actions';
import { adminActor, restActor } from '../helpers/bureaus';
import { useStrapi } from '../helpers/strapi';
import { bureau, count, create, creditCode, download, expectFieldError, type Json, read, rest, unique, update } from '../helpers/fixtures';

const ENTERPRISE = 'api::enterprise.enterprise';
const INDICATOR = 'api::finance-indicator.finance-indicator';
const RULE = 'api::finance-warning-rule.finance-warning-rule';
const WARNING = 'api::finance-warning.finance-warning';
const DEADLINE = 'plugin::deadlines.deadline';
const NOTIFICATION = 'plugin::deadlines.notification';
const ZONE = 'Asia/Shanghai';

/**
 * 金融风险预警 (work plan §4.3, led by 区金融监管局): enterprises with a credit line of 5 亿元 or more join by
 * themselves; their periodic indicators are checked against the configurable warning rules; a warning names the
 * rules that fired, is handled by recording the financial service offered, and carries a deadline of the bureau's.
 */
describe('financial early warning', () => {
  const app = useStrapi();
  const api = () => rest(app);
  let serial = 100;

  const enterprise = (creditLine: number | null) =>
    create(app, 'enterprises', { name: unique('临沂测试企业-'), creditCode: creditCode((serial += 1)), creditLine });
  const watched = () => enterprise(80000);
  const indicator = (of: Json, period: string, data: Json = {}) => create(app, 'finance-indicators', { enterprise: of.documentId, period, ...data });

  /** The warnings of one indicator record, as the REST API lists them. */
  const warningsOf = async (indicatorDoc: Json): Promise<Json[]> => {
    const res = await api().get(
      `/api/finance-warnings?filters[indicator][documentId][$eq]=${indicatorDoc.documentId}&populate[bureau][fields][0]=code&populate[enterprise][fields][0]=name`
    );
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const warningOf = async (indicatorDoc: Json) => {
    const list = await warningsOf(indicatorDoc);
    expect(list).toHaveLength(1);
    return list[0];
  };
  const deadlinesOf = (warning: Json): Promise<Json[]> =>
    app.strapi.db.query(DEADLINE).findMany({ where: { targetUid: WARNING, targetDocumentId: warning.documentId }, populate: ['rule', 'bureau'] });
  const deadlineOf = async (warning: Json) => {
    const rows = await deadlinesOf(warning);
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const ruleByKey = async (key: string) => {
    const res = await api().get(`/api/finance-warning-rules?filters[key][$eq]=${key}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    return res.body.data[0] as Json;
  };
  const drain = () => app.strapi.plugin('deadlines').service('scheduler').drain();

  describe('who joins', () => {
    it('an enterprise with a credit line of 50 000 万元 joins by itself; 49 999 万元 does not; it leaves when the line falls', async () => {
      const big = await enterprise(50000);
      expect(big.financeWatched).toBe(true);
      const small = await enterprise(49999);
      expect(small.financeWatched).toBe(false);
      expect((await enterprise(null)).financeWatched).toBe(false);

      expect((await update(app, 'enterprises', small.documentId, { creditLine: 60000 })).financeWatched).toBe(true);
      expect((await update(app, 'enterprises', big.documentId, { creditLine: 20000 })).financeWatched).toBe(false);
      // other changes leave it as it is
      expect((await update(app, 'enterprises', small.documentId, { address: '兰山区' })).financeWatched).toBe(true);
    });

    it('a client cannot put an enterprise under watch itself', async () => {
      const res = await api().post('/api/enterprises', { name: unique('企业-'), creditCode: creditCode((serial += 1)), creditLine: 100, financeWatched: true });
      expectFieldError(res, ENTERPRISE, 'financeWatched');
    });

    it('indicators for an enterprise not under watch are a 400 naming the enterprise, and nothing is written', async () => {
      const small = await enterprise(49999);
      const before = await count(app, 'finance-indicators');
      const res = await api().post('/api/finance-indicators', { enterprise: small.documentId, period: '2026-03', debtToAssetRatio: 90 });
      const message = expectFieldError(res, INDICATOR, 'enterprise');
      expect(message).toContain('未纳入金融预警');
      expect(await count(app, 'finance-indicators')).toBe(before);
      expectFieldError(await api().post('/api/finance-indicators', { period: '2026-03' }), INDICATOR, 'enterprise');
    });

    it('refuses a malformed period, and a management change without its details', async () => {
      const big = await watched();
      expectFieldError(await api().post('/api/finance-indicators', { enterprise: big.documentId, period: '2026-3' }), INDICATOR, 'period');
      expectFieldError(
        await api().post('/api/finance-indicators', { enterprise: big.documentId, period: '2026-03', managementChanged: true }),
        INDICATOR,
        'managementChangeNote'
      );
    });
  });

  describe('raising warnings', () => {
    it('a threshold rule fires: debt-to-asset ratio 75 % gives a yellow warning for 区金融监管局 naming the rule and the value', async () => {
      const big = await watched();
      const calm = await indicator(big, '2026-01', { debtToAssetRatio: 60, loanBalance: 10000, overdueLoans: 0 });
      expect(await warningsOf(calm)).toEqual([]);

      const high = await indicator(big, '2026-02', { debtToAssetRatio: 75, loanBalance: 10000, overdueLoans: 0 });
      const warning = await warningOf(high);
      expect(warning).toMatchObject({ state: 'open', level: 'yellow', period: '2026-02', bureau: { code: 'financial-regulation' } });
      expect(warning.enterprise.name).toBe(big.name);
      expect(warning.title).toBe(`${big.name} 2026-02 黄色金融预警`);
      expect(warning.firedRules).toEqual([
        expect.objectContaining({ name: '资产负债率超过 70%', indicator: 'debtToAssetRatio', indicatorLabel: '资产负债率（%）', comparison: 'gt', threshold: 70, actual: 75, level: 'yellow' }),
      ]);
    });

    it('several rules: the level is the highest, every fired rule is listed with its actual value', async () => {
      const big = await watched();
      const bad = await indicator(big, '2026-04', { debtToAssetRatio: 88, overdueLoans: 1200, petitions: 2 });
      const warning = await warningOf(bad);
      expect(warning.level).toBe('red');
      const fired = Object.fromEntries(warning.firedRules.map((item: Json) => [item.name, item.actual]));
      expect(fired).toEqual({ '资产负债率超过 70%': 88, '资产负债率超过 85%': 88, 出现逾期贷款: 1200, '突出事件：发生群众上访事件': 2 });
    });

    it('a change over the previous period fires: the loan balance down 30 % (抽贷压贷), with both periods’ values', async () => {
      const big = await watched();
      await indicator(big, '2025-11', { loanBalance: 10000 });
      // the previous period is the latest one reported before: December is missing
      const squeezed = await indicator(big, '2026-01', { loanBalance: 7000 });
      const warning = await warningOf(squeezed);
      expect(warning.level).toBe('yellow');
      expect(warning.firedRules).toEqual([
        expect.objectContaining({ indicator: 'loanBalance', comparison: 'change_down_pct', threshold: 20, actual: 7000, previous: 10000, previousPeriod: '2025-11', changePct: -30 }),
      ]);

      // the first period of an enterprise has nothing to compare with
      const first = await watched();
      expect(await warningsOf(await indicator(first, '2026-01', { loanBalance: 10 }))).toEqual([]);
    });

    it('correcting a previous period re-evaluates the next one', async () => {
      const big = await watched();
      const january = await indicator(big, '2026-01', { loanBalance: 10000 });
      const february = await indicator(big, '2026-02', { loanBalance: 9000 });
      expect(await warningsOf(february)).toEqual([]);
      await update(app, 'finance-indicators', january.documentId, { loanBalance: 15000 });
      expect((await warningOf(february)).firedRules).toEqual([expect.objectContaining({ indicator: 'loanBalance', previous: 15000, actual: 9000 })]);
    });

    it('saving the same indicators twice gives one warning and one deadline, and tells the bureau once', async () => {
      const big = await watched();
      const data = { debtToAssetRatio: 72, overdueLoans: 0, note: '第一次报送' };
      const first = await indicator(big, '2026-05', data);
      const warning = await warningOf(first);
      const deadline = await deadlineOf(warning);
      await drain();
      const told = await app.strapi.db.query(NOTIFICATION).count({ where: { deadline: { id: deadline.id } } });

      await update(app, 'finance-indicators', first.documentId, data);
      await update(app, 'finance-indicators', first.documentId, { ...data, note: '重新保存' });
      await drain();
      const again = await warningOf(first);
      expect(again.updatedAt).toBe(warning.updatedAt);
      const after = await deadlineOf(again);
      expect(after).toMatchObject({ id: deadline.id, version: deadline.version, state: 'pending' });
      expect(await app.strapi.db.query(NOTIFICATION).count({ where: { deadline: { id: deadline.id } } })).toBe(told);

      // the same enterprise and period a second time is a 400, not a second record
      const res = await api().post('/api/finance-indicators', { enterprise: big.documentId, period: '2026-05', ...data });
      expectFieldError(res, INDICATOR, 'period');
      expect(await count(app, 'finance-warnings', `filters[enterprise][documentId][$eq]=${big.documentId}`)).toBe(1);
    });

    it('an indicator moved to another period takes its warning along', async () => {
      const big = await watched();
      const raised = await indicator(big, '2025-06', { debtToAssetRatio: 71 });
      const warning = await warningOf(raised);
      await update(app, 'finance-indicators', raised.documentId, { period: '2025-07', debtToAssetRatio: 71 });
      const moved = await warningOf(raised);
      expect(moved).toMatchObject({ documentId: warning.documentId, period: '2025-07', state: 'open', title: `${big.name} 2025-07 黄色金融预警` });
    });

    it('a warning cannot be created by hand', async () => {
      const big = await watched();
      const own = await indicator(big, '2026-06', { debtToAssetRatio: 10 });
      const res = await api().post('/api/finance-warnings', { state: 'open', serviceOffered: '手工预警', note: own.documentId });
      expectFieldError(res, WARNING, 'indicator');
    });
  });

  describe('the deadline of the 区金融监管局', () => {
    it('a new warning is due within 5 working days, owned by 区金融监管局; the bureau is told when it is raised', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-07', { overdueLoans: 300 });
      const warning = await warningOf(raised);
      const deadline = await deadlineOf(warning);
      const lead = await bureau(app, 'financial-regulation');
      expect(deadline).toMatchObject({ state: 'pending', rule: { key: 'finance-warning-5-working-days' }, bureau: { id: lead.id } });
      const raisedOn = shanghaiDate(new Date(warning.raisedAt));
      const expected = await app.http().get(`/api/deadlines/working-days?from=${raisedOn}&days=5`);
      expect(new Date(deadline.dueAt).toISOString()).toBe(expected.body.data.dueAt);
      expect(warning.dueAt).toBe(expected.body.data.dueAt);

      // the first reminder stands in for a "the clock starts" notice: the whole duration before the due day, at 09:00
      // — the day the warning is raised (at once when raised later that day), an earlier working day when it is
      // raised on a day off (so: at once as well)
      const calendar = await app.strapi.plugin('deadlines').service('calendar').get();
      const reminders = planActions(new Date(deadline.dueAt), deadline.rule, calendar).filter((action) => action.kind === 'reminder');
      expect(reminders.map((action) => action.step)).toEqual([0, 1]);
      const first = DateTime.fromJSDate(reminders[0].runAt).setZone(ZONE);
      expect(first.toFormat('HH:mm')).toBe('09:00');
      expect(first.toISODate()! <= raisedOn).toBe(true);
      if (calendar.isWorkingDay(raisedOn)) expect(first.toISODate()).toBe(raisedOn);
      expect(reminders[1].runAt.getTime()).toBeGreaterThan(Date.now());

      // whatever the time of day: the scheduler runs what is due now, then the first reminder is delivered at its
      // planned instant (the clock moved there when it lies ahead) — once, however often it is run
      await drain();
      const job = { deadlineId: deadline.id, version: deadline.version, kind: 'reminder' as const, step: 0 };
      const realNow = Date.now.bind(Date);
      const ahead = Math.max(0, reminders[0].runAt.getTime() - realNow());
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ahead);
      const outcomes: string[] = [];
      try {
        for (let run = 0; run < 2; run += 1) outcomes.push((await app.strapi.plugin('deadlines').service('delivery').deliver(job)).status);
      } finally {
        clock.mockRestore();
      }
      expect(['delivered', 'duplicate']).toContain(outcomes[0]);
      expect(outcomes[1]).toBe('duplicate');
      await app.strapi.plugin('deadlines').service('scheduler').reconcile();
      await drain();

      const notices = await app.strapi.db.query(NOTIFICATION).findMany({ where: { deadline: { id: deadline.id } }, populate: ['bureau'] });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'reminder', bureau: { id: lead.id } });
      expect(notices[0].title).toContain('区金融监管局 金融预警');
    });

    it('handling needs the financial service offered (400 naming it), then stamps it and meets the deadline', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-08', { overdueLoans: 300 });
      const warning = await warningOf(raised);

      const refused = await api().put(`/api/finance-warnings/${warning.documentId}`, { state: 'handled' });
      expectFieldError(refused, WARNING, 'serviceOffered');
      expect((await read(app, 'finance-warnings', warning.documentId))!.state).toBe('open');

      const handled = await update(app, 'finance-warnings', warning.documentId, {
        state: 'handled',
        serviceOffered: '协调合作银行办理无还本续贷 3000 万元，逾期部分展期 6 个月',
        handledBy: '金融监管局 王科长',
      });
      expect(handled.handledAt).toEqual(expect.any(String));
      expect(handled.history.at(-1)).toMatchObject({ event: 'handled', serviceOffered: expect.stringContaining('无还本续贷') });
      const deadline = await deadlineOf(handled);
      expect(deadline.state).toBe('met');

      // clients cannot rewrite what fired or who leads
      expectFieldError(await api().put(`/api/finance-warnings/${warning.documentId}`, { level: 'yellow' }), WARNING, 'level');
      expectFieldError(await api().put(`/api/finance-warnings/${warning.documentId}`, { firedRules: [] }), WARNING, 'firedRules');
      expect(await read(app, 'finance-warnings', warning.documentId)).toMatchObject({ level: 'red', firedRules: warning.firedRules });
      // nor clear it by hand
      expectFieldError(await api().put(`/api/finance-warnings/${warning.documentId}`, { state: 'cleared' }), WARNING, 'state');
    });

    it('an open warning whose indicators are corrected so that nothing fires is cleared and its deadline cancelled', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-09', { debtToAssetRatio: 78 });
      const warning = await warningOf(raised);
      await update(app, 'finance-indicators', raised.documentId, { debtToAssetRatio: 65 });
      const cleared = await warningOf(raised);
      expect(cleared.state).toBe('cleared');
      expect(cleared.history.at(-1)).toMatchObject({ event: 'cleared' });
      expect((await deadlineOf(warning)).state).toBe('cancelled');
    });

    it('deleting the indicators clears their open warning; the warning and its history stay', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-03', { safetyAccidents: 1 });
      const warning = await warningOf(raised);
      expect((await api().del(`/api/finance-indicators/${raised.documentId}`)).status).toBe(204);
      const kept = await read(app, 'finance-warnings', warning.documentId);
      expect(kept).toMatchObject({ state: 'cleared', level: 'red' });
      expect(kept!.history.at(-1)).toMatchObject({ event: 'cleared' });
      expect((await deadlineOf(warning)).state).toBe('cancelled');
    });

    it('more rules firing on an open warning update it without restarting its clock', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-10', { debtToAssetRatio: 78 });
      const warning = await warningOf(raised);
      const deadline = await deadlineOf(warning);
      await update(app, 'finance-indicators', raised.documentId, { debtToAssetRatio: 78, criminalCases: 1 });
      const updated = await warningOf(raised);
      expect(updated).toMatchObject({ state: 'open', level: 'red', raisedAt: warning.raisedAt });
      expect(updated.firedRules.map((item: Json) => item.indicator)).toEqual(['debtToAssetRatio', 'criminalCases']);
      expect(await deadlineOf(updated)).toMatchObject({ id: deadline.id, version: deadline.version, state: 'pending' });
    });

    it('a handled warning reopens when a rule fires it was not handled for, and the clock starts again', async () => {
      const big = await watched();
      const raised = await indicator(big, '2026-11', { debtToAssetRatio: 78 });
      const warning = await warningOf(raised);
      await update(app, 'finance-warnings', warning.documentId, { state: 'handled', serviceOffered: '约谈企业，制定降杠杆计划' });
      // the same rule with another value: still handled
      await update(app, 'finance-indicators', raised.documentId, { debtToAssetRatio: 79 });
      expect((await warningOf(raised)).state).toBe('handled');
      expect((await deadlineOf(warning)).state).toBe('met');

      await update(app, 'finance-indicators', raised.documentId, { debtToAssetRatio: 79, overdueLoans: 500 });
      const reopened = await warningOf(raised);
      expect(reopened).toMatchObject({ state: 'open', level: 'red', handledAt: null, serviceOffered: null });
      expect(reopened.history.map((entry: Json) => entry.event)).toEqual(['raised', 'handled', 'reopened']);
      expect(reopened.history[1].serviceOffered).toBe('约谈企业，制定降杠杆计划');
      expect((await deadlineOf(reopened)).state).toBe('pending');
    });
  });

  describe('in the admin panel', () => {
    const cm = (uid: string) => `/content-manager/collection-types/${uid}`;

    it('the office enters indicators with the relation picker and handles the warning from its edit form', async () => {
      const authorization = await app.adminToken();
      const big = await watched();
      const created = await app
        .http()
        .post(cm(INDICATOR))
        .set('Authorization', authorization)
        .send({ enterprise: { connect: [{ id: big.id }] }, period: '2026-12', overdueLoans: 800, source: 'bank_data' });
      expect(created.status).toBe(201);
      const warning = await warningOf(created.body.data);
      expect(warning.level).toBe('red');

      // the edit form sends the whole record back, read-only fields and unchanged relations included
      const shown = await app.http().get(`${cm(WARNING)}/${warning.documentId}`).set('Authorization', authorization);
      expect(shown.status).toBe(200);
      const form = { ...shown.body.data, enterprise: { connect: [], disconnect: [] }, indicator: { connect: [], disconnect: [] }, bureau: { connect: [], disconnect: [] } };
      const refused = await app.http().put(`${cm(WARNING)}/${warning.documentId}`).set('Authorization', authorization).send({ ...form, state: 'handled' });
      expectFieldError(refused, WARNING, 'serviceOffered');
      const saved = await app
        .http()
        .put(`${cm(WARNING)}/${warning.documentId}`)
        .set('Authorization', authorization)
        .send({ ...form, state: 'handled', serviceOffered: '协调银行办理展期，逾期贷款 800 万元已化解' });
      expect(saved.status).toBe(200);
      const handled = await read(app, 'finance-warnings', warning.documentId, 'populate[bureau][fields][0]=code');
      expect(handled).toMatchObject({ state: 'handled', level: 'red', bureau: { code: 'financial-regulation' }, firedRules: warning.firedRules });
      expect((await deadlineOf(warning)).state).toBe('met');
    });
  });

  describe('importing indicators from an .xlsx sheet', () => {
    const sheet = async (rows: unknown[][]) => {
      const workbook = new ExcelJS.Workbook();
      const worksheet = workbook.addWorksheet('金融预警指标');
      worksheet.addRow(['统一社会信用代码', '企业名称', '指标期（年-月）', '资产负债率（%）', '贷款余额（万元）', '逾期贷款（万元）', '填报人']);
      for (const row of rows) worksheet.addRow(row);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const upload = async (file?: Buffer) => {
      const request = app.http().post('/api/dispatch/imports/finance-indicators').set('Authorization', await app.token());
      return file ? request.attach('file', file, '金融预警指标.xlsx') : request.field('nothing', 'here');
    };

    it('creates each row’s indicators, raises their warnings, and updates them when the sheet comes again', async () => {
      const big = await watched();
      const file = await sheet([
        [big.creditCode, null, '2026-01', 60, 10000, 0, '企业财务部'],
        [null, big.name, '2026年2月', 76.4, 9800, 0, '企业财务部'],
      ]);
      const first = await upload(file);
      expect(first.status).toBe(200);
      expect(first.body.data).toEqual({ rows: 2, created: 2, updated: 0, openWarnings: 1 });
      const listed = await api().get(`/api/finance-indicators?filters[enterprise][documentId][$eq]=${big.documentId}&sort=period`);
      expect(listed.body.data.map((row: Json) => [row.period, Number(row.debtToAssetRatio), row.source, row.reportedBy])).toEqual([
        ['2026-01', 60, 'file_import', '企业财务部'],
        ['2026-02', 76.4, 'file_import', '企业财务部'],
      ]);
      const warning = await warningOf(listed.body.data[1]);
      expect(warning.firedRules).toEqual([expect.objectContaining({ indicator: 'debtToAssetRatio', actual: 76.4 })]);

      const again = await upload(file);
      expect(again.body.data).toEqual({ rows: 2, created: 0, updated: 2, openWarnings: 1 });
      expect((await warningOf(listed.body.data[1])).updatedAt).toBe(warning.updatedAt);
      expect(await count(app, 'finance-indicators', `filters[enterprise][documentId][$eq]=${big.documentId}`)).toBe(2);
    });

    it('all rows or none: a row the rules refuse is a 400 naming the file, the row and why, and nothing is written', async () => {
      const big = await watched();
      const small = await enterprise(1000);
      const before = await count(app, 'finance-indicators');
      const res = await upload(
        await sheet([
          [big.creditCode, null, '2026-03', 50, 1000, 0, null],
          [small.creditCode, null, '2026-03', 50, 1000, 0, null],
          ['91371302MA00000000', null, '2026-03', 'abc', 1000, 0, null],
        ])
      );
      // the sheet's own problems come first
      expect(expectFieldError(res, INDICATOR, 'file')).toContain('第 4 行「资产负债率（%）」：「abc」不是数字');
      // fix them and the rules' turn comes: the first row was written, then rolled back with the second
      const second = await upload(await sheet([[big.creditCode, null, '2026-03', 50, 1000, 0, null], [small.creditCode, null, '2026-03', 50, 1000, 0, null]]));
      const message = expectFieldError(second, INDICATOR, 'file');
      expect(message).toContain('第 3 行：');
      expect(message).toContain('未纳入金融预警');
      expect(await count(app, 'finance-indicators')).toBe(before);
    });

    it('an enterprise the platform does not know is reported by row, by credit code or by name, and nothing is written', async () => {
      const big = await watched();
      const before = await count(app, 'finance-indicators');
      const res = await upload(
        await sheet([
          [big.creditCode, null, '2026-04', 50, 1000, 0, null],
          ['91371302MA0000000X', null, '2026-04', 50, 1000, 0, null],
          [null, '不存在的企业有限公司', '2026-04', 50, 1000, 0, null],
        ])
      );
      const message = expectFieldError(res, INDICATOR, 'file');
      expect(message).toContain('第 3 行：企业「91371302MA0000000X」不存在');
      expect(message).toContain('第 4 行：企业「不存在的企业有限公司」不存在');
      expect(message).not.toContain('第 2 行');
      expect(res.body.error.details.rows.map((row: Json) => row.row)).toEqual([3, 4]);
      expect(await count(app, 'finance-indicators')).toBe(before);
    });

    it('offers the template; filled in as it comes, it imports', async () => {
      const res = await download(app, '/api/dispatch/imports/finance-indicators', await app.token());
      expect(res.status).toBe(200);
      expect(decodeURIComponent(res.headers['content-disposition'])).toContain('金融预警指标导入模板.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      const headers = (book.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
      expect(headers.slice(0, 4)).toEqual(['统一社会信用代码', '企业名称', '指标期（年-月）', '产值（万元）']);
      expect(headers).toEqual(expect.arrayContaining(['资产负债率（%）', '逾期贷款（万元）', '经营者变动', '安全事故（起）', '填报人']));

      const big = await watched();
      const row = headers.map((header) =>
        ({ 统一社会信用代码: big.creditCode, '指标期（年-月）': '2026-05', '资产负债率（%）': 80, 经营者变动: '否', 填报人: '企业财务部' })[header] ?? null
      );
      book.worksheets[0].addRow(row);
      const imported = await upload(Buffer.from(await book.xlsx.writeBuffer()));
      expect(imported.status).toBe(200);
      expect(imported.body.data).toMatchObject({ rows: 1, created: 1, updated: 0, openWarnings: 1 });
      const listed = await api().get(`/api/finance-indicators?filters[enterprise][documentId][$eq]=${big.documentId}&filters[period][$eq]=2026-05`);
      expect(listed.body.data).toEqual([expect.objectContaining({ managementChanged: false, reportedBy: '企业财务部', source: 'file_import' })]);
    });

    it('without a file it is a 400 naming the file', async () => {
      expectFieldError(await upload(), INDICATOR, 'file');
      expectFieldError(await upload(Buffer.from('not a workbook')), INDICATOR, 'file');
    });

    it('区金融监管局 and the office import, through the API and the admin panel; a town and another department are refused and nothing is written', async () => {
      const big = await watched();
      const uploadAs = (url: string, authorization: string, file: Buffer) =>
        app.http().post(url).set('Authorization', authorization).attach('file', file, '金融预警指标.xlsx');
      const month = (period: string) => sheet([[big.creditCode, null, period, 60, 1000, 0, '企业财务部']]);
      const periods = async () => {
        const res = await api().get(`/api/finance-indicators?filters[enterprise][documentId][$eq]=${big.documentId}&sort=period&pagination[pageSize]=100`);
        expect(res.status).toBe(200);
        return res.body.data.map((row: Json) => row.period);
      };
      const REST = '/api/dispatch/imports/finance-indicators';
      const ADMIN = '/dispatch/imports/finance-indicators';
      const lead = await bureau(app, 'financial-regulation');
      const commerce = await bureau(app, 'commerce');
      const town = await bureau(app, 'sample-yitang');

      const refused: Array<[string, string, string]> = [
        ['town api user', REST, (await restActor(app, 'town', town, 'town api user')).authorization],
        ['town admin', ADMIN, (await adminActor(app, 'town', town, 'town admin')).authorization],
        ['区商务局 api user', REST, (await restActor(app, 'department', commerce, '区商务局 api user')).authorization],
        ['区商务局 admin', ADMIN, (await adminActor(app, 'department', commerce, '区商务局 admin')).authorization],
      ];
      const before = await count(app, 'finance-indicators');
      for (const [label, url, authorization] of refused) {
        const res = await uploadAs(url, authorization, await month('2025-01'));
        expect({ label, status: res.status }).toEqual({ label, status: 403 });
      }
      expect(await periods()).toEqual([]);
      expect(await count(app, 'finance-indicators')).toBe(before);

      const allowed: Array<[string, string, string, string]> = [
        ['区金融监管局 api user', REST, (await restActor(app, 'department', lead, '区金融监管局 api user')).authorization, '2025-02'],
        ['区金融监管局 admin', ADMIN, (await adminActor(app, 'department', lead, '区金融监管局 admin')).authorization, '2025-03'],
        ['office api user', REST, (await restActor(app, 'office', null, 'office api user')).authorization, '2025-04'],
        ['office admin', ADMIN, (await adminActor(app, 'office', null, 'office admin')).authorization, '2025-05'],
      ];
      for (const [label, url, authorization, period] of allowed) {
        const res = await uploadAs(url, authorization, await month(period));
        expect({ label, status: res.status, data: res.body.data }).toEqual({ label, status: 200, data: { rows: 1, created: 1, updated: 0, openWarnings: 0 } });
      }
      expect(await periods()).toEqual(['2025-02', '2025-03', '2025-04', '2025-05']);
    });
  });

  describe('rules are configurable', () => {
    it('a rule switched off raises nothing; switched on again it does', async () => {
      const rule = await ruleByKey('debt-ratio-70');
      await update(app, 'finance-warning-rules', rule.documentId, { active: false });
      try {
        const big = await watched();
        expect(await warningsOf(await indicator(big, '2026-01', { debtToAssetRatio: 75 }))).toEqual([]);
      } finally {
        await update(app, 'finance-warning-rules', rule.documentId, { active: true });
      }
      const big = await watched();
      expect((await warningOf(await indicator(big, '2026-01', { debtToAssetRatio: 75 }))).level).toBe('yellow');
    });

    it('a new rule applies to the next indicators saved, with its own level', async () => {
      await create(app, 'finance-warning-rules', { name: unique('贷款银行家数超过 8 家-'), indicator: 'lenderCount', comparison: 'gt', threshold: 8, level: 'red' });
      // rules made in the admin panel have no seed key; several may exist
      await create(app, 'finance-warning-rules', { name: unique('表外融资超过 2 亿元-'), indicator: 'offBalanceFinancing', comparison: 'gt', threshold: 20000, level: 'yellow' });
      const big = await watched();
      const warning = await warningOf(await indicator(big, '2026-02', { lenderCount: 11 }));
      expect(warning.level).toBe('red');
      expect(warning.firedRules[0]).toMatchObject({ indicator: 'lenderCount', actual: 11, threshold: 8 });
    });

    it('refuses malformed rules with a 400 naming the field', async () => {
      const base = { name: unique('规则-'), indicator: 'loanBalance', comparison: 'change_down_pct', threshold: 20, level: 'yellow' };
      expectFieldError(await api().post('/api/finance-warning-rules', { ...base, threshold: -5 }), RULE, 'threshold');
      expectFieldError(await api().post('/api/finance-warning-rules', { ...base, indicator: 'managementChanged' }), RULE, 'comparison');
      expectFieldError(await api().post('/api/finance-warning-rules', { ...base, indicator: 'notAnIndicator' }), RULE, 'indicator');
      expectFieldError(await api().post('/api/finance-warning-rules', { ...base, level: 'green' }), RULE, 'level');
    });

    it('the defaults are seeded: debt ratio, overdue loans, every incident, the loan balance squeezed, interest coverage', async () => {
      const res = await api().get('/api/finance-warning-rules?pagination[pageSize]=100&filters[key][$notNull]=true');
      const byKey = Object.fromEntries(res.body.data.map((rule: Json) => [rule.key, rule]));
      expect(byKey['debt-ratio-70']).toMatchObject({ indicator: 'debtToAssetRatio', comparison: 'gt', level: 'yellow' });
      expect(byKey['debt-ratio-85']).toMatchObject({ indicator: 'debtToAssetRatio', comparison: 'gt', level: 'red' });
      expect(byKey['overdue-loans']).toMatchObject({ indicator: 'overdueLoans', comparison: 'gt', level: 'red' });
      expect(byKey['loan-balance-down-20']).toMatchObject({ indicator: 'loanBalance', comparison: 'change_down_pct', level: 'yellow' });
      expect(byKey['interest-coverage-below-1']).toMatchObject({ indicator: 'interestCoverage', comparison: 'lt', level: 'yellow' });
      for (const incident of ['safetyAccidents', 'criminalCases', 'petitions', 'mediaExposures', 'environmentalIncidents', 'illegalFundraising']) {
        expect(byKey[`incident-${incident}`]).toMatchObject({ indicator: incident, comparison: 'gt', level: 'red', active: true });
      }
      // the rule's indicator list is the indicators' own: every one is a field of 金融预警指标
      const indicators = (app.strapi.getModel(RULE as any).attributes as Json).indicator.enum as string[];
      const fields = Object.keys(app.strapi.getModel(INDICATOR as any).attributes);
      for (const name of indicators) expect(fields).toContain(name);
    });
  });
});
