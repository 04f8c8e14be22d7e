import ExcelJS from 'exceljs';
import { IMPORT_HEADERS } from '../../src/domain/land-import';
import { adminActor, restActor } from '../helpers/bureaus';
import { download, bureau, count, create, creditCode, expectFieldError, rest, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const UID = 'api::land-evaluation.land-evaluation';
const SETTING = 'api::land-evaluation-setting.land-evaluation-setting';
const IMPORT = '/api/dispatch/imports/land-evaluations';

/**
 * 亩产效益评价 through the REST API, the settings the office keeps, and the bulk import of a year's workbook — as the
 * office (a full-access API token) and a super admin. Scores and grades worked out by hand (default weights: tax per
 * mu 45, revenue per mu 35, output per unit of energy 10, R&D ratio 10; each indicator ÷ the year's best × 100).
 */
describe('亩产效益评价', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const enterprises: Record<string, Json> = {};
  const evaluations: Record<string, Json> = {};

  /** Every evaluation of a year as { enterprise name: [score, rank, grade] }. */
  const graded = async (year: number) => {
    const res = await api().get(`/api/land-evaluations?filters[year][$eq]=${year}&populate=enterprise&pagination[pageSize]=100`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.data.map((row: Json) => [row.enterprise.name.split('-')[0], [Number(row.score), row.rank, row.grade]]));
  };

  const figures = {
    E1: { landArea: 10, taxRevenue: 100, revenue: 1000, energyConsumption: 100, rdExpense: 50, employees: 100 },
    E2: { landArea: 20, taxRevenue: 100, revenue: 1000, energyConsumption: 50, rdExpense: 20, employees: 50 },
    E3: { landArea: 5, taxRevenue: 25, revenue: 1000, energyConsumption: 200, rdExpense: 0, employees: 10 },
    E4: { landArea: 40, taxRevenue: 40, revenue: 400, rdExpense: 8, employees: 20 },
    E5: { landArea: 20, taxRevenue: 100, revenue: 1000, energyConsumption: 50, rdExpense: 20, employees: 50 },
  };

  beforeAll(async () => {
    for (const [index, name] of ['E1', 'E2', 'E3', 'E4', 'E5', 'F1', 'F2', 'F3', 'F4', 'F5'].entries()) {
      enterprises[name] = await create(app, 'enterprises', { name: unique(`${name}-亩产测试企业`), creditCode: creditCode(900 + index) });
    }
  });

  describe('grading a year', () => {
    it('scores, ranks and grades the hand-worked cohort, ties sharing rank and grade', async () => {
      for (const [name, data] of Object.entries(figures)) {
        evaluations[name] = await create(app, 'land-evaluations', { enterprise: enterprises[name].documentId, year: 2025, evaluator: '第三方评估机构', ...data });
      }
      // E1 45 + 17.5 + 5 + 10 = 77.5; E3 22.5 + 35 + 2.5 + 0 = 60; E2 = E5 22.5 + 8.75 + 10 + 4 = 45.25; E4 4.5 + 1.75 + 0 + 4 = 10.25
      // share ranked ahead: 0 % A, 20 % B, 40 % B (both), 80 % C
      expect(await graded(2025)).toEqual({
        E1: [77.5, 1, 'A'],
        E3: [60, 2, 'B'],
        E2: [45.25, 3, 'B'],
        E5: [45.25, 3, 'B'],
        E4: [10.25, 5, 'C'],
      });
    });

    it('stores the derived indicators and shows how the score was computed', async () => {
      const res = await api().get(`/api/land-evaluations/${evaluations.E1.documentId}`);
      const row = res.body.data;
      expect([row.taxPerMu, row.revenuePerMu, row.revenuePerEnergy, row.labourProductivity, row.rdRatio].map(Number)).toEqual([10, 100, 10, 10, 5]);
      expect(row.scoring.indicators.find((part: Json) => part.indicator === 'revenuePerMu')).toMatchObject({ value: 100, best: 200, normalised: 50, weight: 35, contribution: 17.5 });
      expect(row.scoring.grading).toMatchObject({ mode: 'rank', percentile: 20, aheadShare: 0, cutoffs: { a: 20, b: 60, c: 95 } });
      const e4 = (await api().get(`/api/land-evaluations/${evaluations.E4.documentId}`)).body.data;
      expect(e4.revenuePerEnergy).toBeNull();
      expect(e4.scoring.indicators.find((part: Json) => part.indicator === 'revenuePerEnergy')).toMatchObject({ value: null, normalised: 0 });
    });

    it('grades a single enterprise of its year as the best of its cohort', async () => {
      await create(app, 'land-evaluations', { enterprise: enterprises.E1.documentId, year: 2024, ...figures.E4 });
      // no energy figure: 45 + 35 + 0 + 10
      expect(await graded(2024)).toEqual({ E1: [90, 1, 'A'] });
    });

    it('does not let a client write a score or a grade', async () => {
      const res = await api().put(`/api/land-evaluations/${evaluations.E4.documentId}`, { note: '复核', score: 99, grade: 'A', rank: 1 });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/score|grade|rank/);
      expect((await graded(2025)).E4).toEqual([10.25, 5, 'C']);
      // the admin panel and internal code go through the document service: the grading overwrites what they send
      await app.strapi.documents(UID as any).update({ documentId: evaluations.E4.documentId, data: { note: '复核', score: 99, grade: 'A' } as any });
      expect((await graded(2025)).E4).toEqual([10.25, 5, 'C']);
    });

    it('re-grades the whole year when one evaluation changes, and when one is deleted', async () => {
      await update(app, 'land-evaluations', evaluations.E3.documentId, { landArea: 50 });
      // E3 now 0.5 万元/亩 tax, 20 万元/亩 revenue; best revenue per mu 100 (E1)
      // E1 45 + 35 + 5 + 10 = 95; E2 = E5 22.5 + 17.5 + 10 + 4 = 54; E4 4.5 + 3.5 + 0 + 4 = 12; E3 2.25 + 7 + 2.5 + 0 = 11.75
      expect(await graded(2025)).toEqual({
        E1: [95, 1, 'A'],
        E2: [54, 2, 'B'],
        E5: [54, 2, 'B'],
        E4: [12, 4, 'C'],
        E3: [11.75, 5, 'C'],
      });
      const temporary = await create(app, 'land-evaluations', { enterprise: enterprises.F5.documentId, year: 2025, landArea: 1, taxRevenue: 20, revenue: 10 });
      // F5's 20 万元/亩 tax is the new best: E1's tax share halves
      expect((await graded(2025)).E1[0]).toBe(72.5);
      expect((await api().del(`/api/land-evaluations/${temporary.documentId}`)).status).toBe(204);
      expect((await graded(2025)).E1).toEqual([95, 1, 'A']);
    });

    it('grades evaluations written at the same time together', async () => {
      const [first, second] = await Promise.all([
        api().post('/api/land-evaluations', { enterprise: enterprises.F1.documentId, year: 2021, ...figures.E1 }),
        api().post('/api/land-evaluations', { enterprise: enterprises.F2.documentId, year: 2021, ...figures.E2 }),
      ]);
      expect([first.status, second.status]).toEqual([201, 201]);
      // E1 and E2 alone: best tax 10, revenue 100, energy 20, R&D 5 → E1 45 + 35 + 5 + 10 = 95; E2 22.5 + 17.5 + 10 + 4 = 54
      expect(await graded(2021)).toEqual({ F1: [95, 1, 'A'], F2: [54, 2, 'B'] });
      const rows = (await api().get('/api/land-evaluations?filters[year][$eq]=2021')).body.data;
      expect(rows.map((row: Json) => row.scoring.cohortSize)).toEqual([2, 2]);
    });

    it('refuses a second evaluation of the same enterprise and year, and a zero land area, writing nothing', async () => {
      const before = await count(app, 'land-evaluations');
      const twice = await api().post('/api/land-evaluations', { enterprise: enterprises.E1.documentId, year: 2025, ...figures.E1 });
      expect(expectFieldError(twice, UID, 'year')).toContain('2025 年度的亩产效益评价已存在');
      const zero = await api().post('/api/land-evaluations', { enterprise: enterprises.F1.documentId, year: 2025, ...figures.E1, landArea: 0 });
      expectFieldError(zero, UID, 'landArea');
      const nobody = await api().post('/api/land-evaluations', { year: 2025, ...figures.E1 });
      expectFieldError(nobody, UID, 'enterprise');
      expect(await count(app, 'land-evaluations')).toBe(before);
    });
  });

  describe('the office settings', () => {
    it('are seeded with the defaults', async () => {
      const res = await api().get('/api/land-evaluation-setting');
      expect(res.status).toBe(200);
      const s = res.body.data;
      expect([s.weightTaxPerMu, s.weightRevenuePerMu, s.weightRevenuePerEnergy, s.weightLabourProductivity, s.weightRdRatio].map(Number)).toEqual([45, 35, 10, 0, 10]);
      expect([s.gradingMode, Number(s.cutoffA), Number(s.cutoffB), Number(s.cutoffC)]).toEqual(['rank', 20, 60, 95]);
    });

    it('refuse weights that do not add up to 100 and cut-offs out of order, naming the field', async () => {
      expect(expectFieldError(await api().put('/api/land-evaluation-setting', { weightTaxPerMu: 50 }), SETTING, 'weights')).toContain('105');
      expectFieldError(await api().put('/api/land-evaluation-setting', { cutoffB: 10 }), SETTING, 'cutoffB');
      expectFieldError(await api().put('/api/land-evaluation-setting', { thresholdC: 90 }), SETTING, 'thresholdC');
      expect(Number((await api().get('/api/land-evaluation-setting')).body.data.weightTaxPerMu)).toBe(45);
      expect((await graded(2025)).E1).toEqual([95, 1, 'A']);
    });

    it('re-grade every year when changed: fixed thresholds, then other weights', async () => {
      expect((await api().put('/api/land-evaluation-setting', { gradingMode: 'threshold' })).status).toBe(200);
      // thresholds 85 / 70 / 50: 95 A, 54 C, 12 and 11.75 D; 2024's 90 A
      expect(await graded(2025)).toEqual({ E1: [95, 1, 'A'], E2: [54, 2, 'C'], E5: [54, 2, 'C'], E4: [12, 4, 'D'], E3: [11.75, 5, 'D'] });
      expect(await graded(2024)).toEqual({ E1: [90, 1, 'A'] });

      // tax per mu alone, by rank again: E1 100; E2 = E5 50; E4 10; E3 5
      const tax = { weightTaxPerMu: 100, weightRevenuePerMu: 0, weightRevenuePerEnergy: 0, weightLabourProductivity: 0, weightRdRatio: 0, gradingMode: 'rank' };
      expect((await api().put('/api/land-evaluation-setting', tax)).status).toBe(200);
      expect(await graded(2025)).toEqual({ E1: [100, 1, 'A'], E2: [50, 2, 'B'], E5: [50, 2, 'B'], E4: [10, 4, 'C'], E3: [5, 5, 'C'] });
      expect(await graded(2024)).toEqual({ E1: [100, 1, 'A'] });

      const defaults = { weightTaxPerMu: 45, weightRevenuePerMu: 35, weightRevenuePerEnergy: 10, weightLabourProductivity: 0, weightRdRatio: 10 };
      expect((await api().put('/api/land-evaluation-setting', defaults)).status).toBe(200);
      expect((await graded(2025)).E1).toEqual([95, 1, 'A']);
    });
  });

  describe('importing the third party’s workbook', () => {
    const workbook = async (rows: unknown[][], header: string[] = IMPORT_HEADERS) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('2023');
      sheet.addRow(header);
      for (const row of rows) sheet.addRow(row);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    /** 企业名称, 统一社会信用代码, 项目编号, 年度, 用地面积(亩), 税收(万元), 营业收入(万元), 综合能耗(吨标煤), 研发经费(万元), 从业人数, 评价机构 */
    const line = (who: { name?: string; code?: string; project?: string }, year: unknown, f: Json) => [
      who.name ?? null,
      who.code ?? null,
      who.project ?? null,
      year,
      f.landArea,
      f.taxRevenue,
      f.revenue,
      f.energyConsumption ?? null,
      f.rdExpense ?? null,
      f.employees ?? null,
      '临沂某评估有限公司',
    ];
    const upload = async (body: Buffer, year?: string, url = IMPORT, authorization?: string) => {
      const request = app
        .http()
        .post(url)
        .set('Authorization', authorization ?? (await app.token()))
        .attach('file', body, { filename: '亩产效益评价.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      return year === undefined ? request : request.field('year', year);
    };

    it('offers the template with the Chinese header row', async () => {
      const res = await download(app, `${IMPORT}?year=2023`, await app.token('read-only'));
      expect(res.status).toBe(200);
      expect(decodeURIComponent(res.headers['content-disposition'])).toContain('亩产效益评价导入模板（2023年度）.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([
        '企业名称',
        '统一社会信用代码',
        '项目编号',
        '年度',
        '用地面积(亩)',
        '税收(万元)',
        '营业收入(万元)',
        '综合能耗(吨标煤)',
        '研发经费(万元)',
        '从业人数',
        '评价机构',
      ]);
    });

    it('imports a good file in one go and grades the year', async () => {
      const project = await create(app, 'projects', { name: unique('亩产测试项目-'), category: 'general', enterprise: enterprises.F3.documentId });
      const body = await workbook([
        line({ name: enterprises.F1.name }, 2023, figures.E1),
        line({ code: enterprises.F2.creditCode }, 2023, figures.E2),
        [],
        line({ name: enterprises.F3.name, project: project.code }, '', figures.E3),
      ]);
      const res = await upload(body, '2023');
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({ created: 3, years: [2023] });
      // the fixture's E1, E2, E3 alone: 77.5, 45.25, 60 (same bests); ahead 0 → A, 1/3 → B, 2/3 → C
      expect(await graded(2023)).toEqual({ F1: [77.5, 1, 'A'], F3: [60, 2, 'B'], F2: [45.25, 3, 'C'] });
      const f3 = (await api().get(`/api/land-evaluations?filters[year][$eq]=2023&filters[project][code][$eq]=${project.code}&populate=project`)).body.data;
      expect(f3).toHaveLength(1);
      expect(f3[0].evaluator).toBe('临沂某评估有限公司');
    });

    it('rejects a file with bad rows row by row, and imports none of it', async () => {
      const before = await count(app, 'land-evaluations');
      const body = await workbook([
        line({ name: enterprises.F5.name }, 2023, figures.E1), // 2: fine on its own
        line({ name: '不存在的企业' }, 2023, figures.E1), // 3
        line({ name: enterprises.F4.name }, 2023, { ...figures.E1, landArea: 0 }), // 4
        line({ code: enterprises.F5.creditCode }, 2023, figures.E2), // 5: F5 again
        line({ name: enterprises.F1.name }, 2023, figures.E2), // 6: stored already
        line({ name: enterprises.F4.name, code: enterprises.F1.creditCode }, 2023, figures.E2), // 7: name and code disagree
        line({ name: enterprises.E1.name }, 2022, { ...figures.E2, taxRevenue: '一百' }), // 8: other year, not a number
      ]);
      const res = await upload(body, '2023');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('未导入任何记录');
      const rows = res.body.error.details.rows as Json[];
      expect(rows.map((issue) => [issue.row, issue.field])).toEqual([
        [3, 'enterprise'],
        [4, 'landArea'],
        [5, 'enterprise'],
        [6, 'year'],
        [7, 'enterprise'],
        [8, 'year'],
        [8, 'taxRevenue'],
      ]);
      expect(rows[2]).toMatchObject({ message: expect.stringContaining('与第 2 行重复'), messageEn: expect.stringContaining('duplicates row 2') });
      expect(rows[1].message).toBe('用地面积(亩)须大于 0');
      expect(await count(app, 'land-evaluations')).toBe(before);
      expect(await count(app, 'land-evaluations', `filters[enterprise][documentId][$eq]=${enterprises.F5.documentId}`)).toBe(0);
    });

    it('refuses what is not a workbook, a bad year, a file without the needed columns', async () => {
      const notExcel = await upload(Buffer.from('企业名称,年度\n甲,2023\n'), '2023');
      expect(notExcel.status).toBe(400);
      expect(notExcel.body.error.details.errors[0].path).toEqual(['file']);
      const badYear = await upload(await workbook([]), '二〇二三');
      expect(badYear.status).toBe(400);
      expect(badYear.body.error.details.errors[0].path).toEqual(['year']);
      const columns = await upload(await workbook([['x', 2023]], ['企业名称', '年度']), '2023');
      expect(columns.status).toBe(400);
      expect(columns.body.error.details.rows.map((issue: Json) => issue.field)).toEqual(['landArea', 'taxRevenue', 'revenue']);
    });

    it('works from the admin panel for the office and 区工信局, not for another department', async () => {
      const year = (y: number) => workbook([line({ name: enterprises.F4.name }, y, figures.E1)]);
      const superAdmin = await app.adminToken();
      const res = await upload(await year(2022), '2022', '/dispatch/imports/land-evaluations', superAdmin);
      expect(res.status).toBe(201);
      expect(await graded(2022)).toEqual({ F4: [100, 1, 'A'] });
      const industry = await adminActor(app, 'department', await bureau(app, 'industry-it'), '区工信局 admin');
      const lead = await upload(await year(2019), '2019', '/dispatch/imports/land-evaluations', industry.authorization);
      expect(lead.status).toBe(201);
      expect(await graded(2019)).toEqual({ F4: [100, 1, 'A'] });
      const commerce = await adminActor(app, 'department', await bureau(app, 'commerce'), '区商务局 admin');
      const refused = await upload(await year(2018), '2018', '/dispatch/imports/land-evaluations', commerce.authorization);
      expect(refused.status).toBe(403);
      expect(await graded(2018)).toEqual({});
    });

    it('through REST for 区工信局’s people; another department or a town is refused before the file is read, learning nothing of it', async () => {
      const industry = await restActor(app, 'department', await bureau(app, 'industry-it'), '区工信局 user');
      const ok = await upload(await workbook([line({ name: enterprises.F5.name }, 2017, figures.E1)]), '2017', IMPORT, industry.authorization);
      expect(ok.status).toBe(201);
      expect(await graded(2017)).toEqual({ F5: [100, 1, 'A'] });

      // a file whose row report would name the evaluation 工信局 keeps (F5, 2017) and a project of another unit
      const project = await create(app, 'projects', { name: unique('他人项目-'), category: 'general', enterprise: enterprises.F2.documentId });
      const probe = await workbook([
        line({ name: enterprises.F5.name }, 2017, figures.E1),
        line({ name: enterprises.F1.name, project: project.code }, 2017, figures.E2),
      ]);
      const before = await count(app, 'land-evaluations');
      const outsiders = [
        await restActor(app, 'department', await bureau(app, 'commerce'), '区商务局 user'),
        await restActor(app, 'town', await bureau(app, 'sample-yitang'), '义堂镇 user'),
        await adminActor(app, 'town', await bureau(app, 'sample-yitang'), '义堂镇 admin'),
      ];
      for (const [index, who] of outsiders.entries()) {
        const url = index === 2 ? '/dispatch/imports/land-evaluations' : IMPORT;
        const res = await upload(probe, '2017', url, who.authorization);
        expect({ who: who.label, status: res.status }).toEqual({ who: who.label, status: 403 });
        const text = JSON.stringify(res.body);
        expect(text).not.toContain(enterprises.F5.name);
        expect(text).not.toContain(project.name);
        expect(text).not.toContain('已存在');
        // the department holds the import permission (for 区工信局 and 区金融监管局): the scope refuses it, by name
        if (index === 0) expect(res.body.error.message).toContain('亩产效益评价仅限区工信局和协调办公室导入');
      }
      expect(await count(app, 'land-evaluations')).toBe(before);
    });
  });
});
