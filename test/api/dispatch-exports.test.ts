import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { download, bureau, create, update, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * 导出 through the API and the admin panel's routes: the project ledger, a problem list, a minute and a bulletin,
 * opened again with exceljs / jszip — titles, headers, row counts, totals — and scoped like everything else: a town
 * exports only its own projects, another unit's minute is a 404, a bad filter a 400 naming it.
 */
describe('exports officials work with', () => {
  const app = useStrapi();
  let yitang: Json;
  let baishabu: Json;
  let planning: Json;
  let townUser: RestActor;
  let office: AdminActor;
  let townAdmin: AdminActor;
  const yitangProjects: Json[] = [];
  const baishabuProjects: Json[] = [];

  const fetchFile = (url: string, authorization: string) => download(app, url, authorization);
  const token = async () => app.token();
  const workbook = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as any);
    return book;
  };
  /** Every row's cell texts, top to bottom (merged title rows included once per row). */
  const texts = (sheet: ExcelJS.Worksheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1).map((value) => cellText(value))));
    return rows;
  };
  const cellText = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object' && value !== null) {
      const v = value as Json;
      if ('richText' in v) return v.richText.map((part: Json) => part.text).join('');
      if ('result' in v) return String(v.result);
      if (value instanceof Date) return value.toISOString();
    }
    return String(value);
  };
  /** The rows between the header row (the one with `header`) and the 合计 row. */
  const body = (rows: string[][], header: string) => {
    const start = rows.findIndex((row) => row.includes(header));
    const end = rows.findIndex((row, index) => index > start && row.some((cell) => cell.startsWith('合计')));
    return rows.slice(start + 1, end < 0 ? undefined : end);
  };

  beforeAll(async () => {
    [yitang, baishabu, planning] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu'), bureau(app, 'planning')]);
    townUser = await restActor(app, 'town', yitang, 'yitang api user');
    office = await adminActor(app, 'office', null, 'office');
    townAdmin = await adminActor(app, 'town', yitang, 'yitang admin');
    const project = (applicant: Json, planned: number, annual: number, land: number) =>
      create(app, 'projects', { name: unique('导出项目-'), category: 'general', applicantBureau: applicant.documentId, plannedInvestment: planned, annualPlannedInvestment: annual, landArea: land });
    yitangProjects.push(await project(yitang, 12000, 3000, 85.5), await project(yitang, 8000.25, 2000, 40));
    baishabuProjects.push(await project(baishabu, 5000, 1000, 12.75));
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
  });

  describe('the project ledger (台账)', () => {
    it('lists every project for the office, with its title, header, lights and totals worked out by hand', async () => {
      const res = await fetchFile('/api/dispatch/exports/ledger', await token());
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(XLSX);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('兰山区重大项目台账')}`);
      const sheet = (await workbook(res.body)).worksheets[0];
      const rows = texts(sheet);
      expect(rows[0][0]).toBe('兰山区重大项目台账');
      expect(rows.some((row) => row.some((cell) => cell.includes('全区')))).toBe(true);
      const listed = body(rows, '项目名称');
      expect(listed.map((row) => row.find((cell) => cell.startsWith('导出项目-'))).sort()).toEqual([...yitangProjects, ...baishabuProjects].map((p) => p.name).sort());
      expect(listed.every((row) => row.includes('绿灯'))).toBe(true);
      // the header stays in view
      expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
      const totals = rows.find((row) => row.some((cell) => cell.startsWith('合计')))!;
      const header = rows.find((row) => row.includes('项目名称'))!;
      const column = (name: string) => Number(totals[header.findIndex((cell) => cell.startsWith(name))]);
      expect(column('计划总投资')).toBeCloseTo(12000 + 8000.25 + 5000, 2);
      expect(column('年度计划投资')).toBeCloseTo(6000, 2);
      expect(column('用地面积')).toBeCloseTo(85.5 + 40 + 12.75, 2);
    });

    it('lists only a town’s own projects for the town, through the API and the admin panel', async () => {
      for (const [label, url, authorization] of [
        ['api', '/api/dispatch/exports/ledger', townUser.authorization],
        ['admin', '/dispatch/exports/ledger', townAdmin.authorization],
      ]) {
        const res = await fetchFile(url, authorization);
        expect({ label, status: res.status }).toEqual({ label, status: 200 });
        const rows = texts((await workbook(res.body)).worksheets[0]);
        const names = body(rows, '项目名称').map((row) => row.find((cell) => cell.startsWith('导出项目-')));
        expect({ label, names: names.sort() }).toEqual({ label, names: yitangProjects.map((p) => p.name).sort() });
        expect(rows.slice(0, 4).some((row) => row.some((cell) => cell.includes(yitang.name)))).toBe(true);
      }
    });

    it('filters like the records (a unit, a light) and refuses a bad filter naming it, in Chinese and English', async () => {
      const one = await fetchFile(`/api/dispatch/exports/ledger?unit=${baishabu.documentId}`, await token());
      expect(body(texts((await workbook(one.body)).worksheets[0]), '项目名称')).toHaveLength(1);
      const none = await fetchFile('/api/dispatch/exports/ledger?light=red', await token());
      expect(body(texts((await workbook(none.body)).worksheets[0]), '项目名称').filter((row) => row.some((cell) => cell.startsWith('导出项目-')))).toEqual([]);
      const bad = await app.http().get('/api/dispatch/exports/ledger?light=purple').set('Authorization', await token());
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('light');
      expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('is closed to callers without a token', async () => {
      expect((await app.http().get('/api/dispatch/exports/ledger')).status).toBe(403);
      expect((await app.http().get('/dispatch/exports/ledger')).status).toBe(401);
    });
  });

  describe('a problem list (《重大项目落地亟待解决问题清单》)', () => {
    it('prints the list’s problems with a count line, and an issued list as it stood when issued', async () => {
      const project = yitangProjects[0];
      const problem = (title: string, extra: Json = {}) =>
        create(app, 'problems', { project: project.documentId, category: 'land_supply', title, description: '缺少用地指标', level: 'district', period: '2025-09', ...extra });
      const first = await problem('用地指标不足');
      await problem('电力增容', { category: 'construction', isUrgent: true });
      const list = await create(app, 'problem-lists', { period: '2025-09' });

      const draft = await fetchFile(`/api/dispatch/exports/problem-lists/${list.documentId}`, await token());
      expect(draft.status).toBe(200);
      const draftRows = texts((await workbook(draft.body)).worksheets[0]);
      expect(draftRows[0][0]).toContain('重大项目落地亟待解决问题清单');
      expect(draftRows.some((row) => row.some((cell) => cell.includes('草稿')))).toBe(true);
      expect(draftRows.some((row) => row.some((cell) => cell.includes('共 2 个问题，其中特别重大 1 个')))).toBe(true);

      await update(app, 'problem-lists', list.documentId, { state: 'issued' });
      await update(app, 'problems', first.documentId, { title: '用地指标（已更正）' });
      const issued = await fetchFile(`/api/dispatch/exports/problem-lists/${list.documentId}`, await token());
      const issuedText = texts((await workbook(issued.body)).worksheets[0]).flat().join('\n');
      expect(issuedText).toContain('用地指标不足');
      expect(issuedText).not.toContain('已更正');
      expect(issuedText).not.toContain('草稿（未印发）');
    });

    it('answers 404 for a list that does not exist', async () => {
      expect((await app.http().get('/api/dispatch/exports/problem-lists/nosuchlist000000000000000').set('Authorization', await token())).status).toBe(404);
    });
  });

  describe('a consultation minute (《专题会商纪要》, .docx)', () => {
    let minute: Json;
    const tasks = ['出具规划设计条件', '办理用地预审'];

    beforeAll(async () => {
      const meeting = await create(app, 'meetings', { type: 'special_consultation', title: '新材料产业园专题会商', heldAt: new Date().toISOString(), attendees: [planning.documentId], state: 'held' });
      minute = await create(app, 'minutes', { meeting: meeting.documentId, title: '关于新材料产业园项目推进的会商纪要', number: unique('兰重项纪〔2026〕'), content: '会议听取了项目推进情况汇报。\n\n会议议定如下事项。' });
      for (const title of tasks) await create(app, 'tasks', { title, minute: minute.documentId, responsibleBureau: planning.documentId, deadline: '2026-12-31' });
    });

    it('writes the number, title, content and every task of the responsibility list', async () => {
      const res = await fetchFile(`/api/dispatch/exports/minutes/${minute.documentId}`, await token());
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain(DOCX);
      const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      for (const expected of [minute.number, minute.title, '会议听取了项目推进情况汇报。', '责任清单', ...tasks, planning.name]) expect(text).toContain(expected);
      // one table row per task after the header
      expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(1 + tasks.length);
    });

    it('is a 404 for a town the minute does not concern, in the API and the admin panel', async () => {
      expect((await fetchFile(`/api/dispatch/exports/minutes/${minute.documentId}`, townUser.authorization)).status).toBe(404);
      expect((await fetchFile(`/dispatch/exports/minutes/${minute.documentId}`, townAdmin.authorization)).status).toBe(404);
      expect((await fetchFile(`/dispatch/exports/minutes/${minute.documentId}`, office.authorization)).status).toBe(200);
    });
  });

  describe('a bulletin (实绩通报)', () => {
    it('prints the frozen figures with the district line and the definitions sheet; a draft is marked', async () => {
      const bulletin = await create(app, 'bulletins', { periodLabel: '2025年', periodStart: '2025-01-01', periodEnd: '2025-12-31' });
      const draft = await fetchFile(`/api/dispatch/exports/bulletins/${bulletin.documentId}`, await token());
      expect(draft.status).toBe(200);
      expect(texts((await workbook(draft.body)).worksheets[0])[0][0]).toContain('草稿');

      await update(app, 'bulletins', bulletin.documentId, { state: 'issued' });
      const res = await fetchFile(`/api/dispatch/exports/bulletins/${bulletin.documentId}`, await token());
      const book = await workbook(res.body);
      const rows = texts(book.worksheets[0]);
      expect(rows[0][0]).not.toContain('草稿');
      expect(rows.some((row) => row[0] === '全区' || row.includes('全区'))).toBe(true);
      // every applicant unit and department of the figures has its row
      const issued = await app.strapi.db.query('api::bulletin.bulletin').findOne({ where: { documentId: bulletin.documentId } });
      for (const unit of issued.figures.units) expect(rows.some((row) => row.includes(unit.bureau.name))).toBe(true);
      expect(book.worksheets[1].name).toBe('指标说明');
      expect(texts(book.worksheets[1]).flat().join('')).toContain('开工率');
    });
  });
});
