import ExcelJS from 'exceljs';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, count, create, download, expectFieldError, type Json, rest, update } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const DAY = 'api::co-working-day.co-working-day';
const NOTIFICATION = 'plugin::deadlines.notification';
const OVERRIDE = 'plugin::deadlines.calendar-override';
/** The departments seeded (src/bootstrap/bureaus.ts), all taking part in 集中办公 unless told otherwise. */
const DEPARTMENTS = ['commerce', 'development-reform', 'science-technology', 'industry-it', 'finance', 'natural-resources', 'planning', 'ecology-environment', 'financial-regulation'];

/**
 * 首席代表与集中办公 (work plan §一): the office plans the weekly co-working days at the dispatch centre (working days
 * only) and marks each member bureau's chief representative present, excused or absent; a bureau present on none
 * of a week's days is flagged, reported to the office on Monday and counted in the figures. Dates: the 2026
 * National Day week (1–7 October off, Saturday 10 October a make-up working day).
 */
describe('chief representatives and co-working days', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const db = (uid: string) => app.strapi.db.query(uid as any);

  let commerce: Json;
  let reform: Json;
  let finance: Json;
  let planning: Json;
  let office: Json;
  let commerceUser: RestActor;
  let officeAdmin: AdminActor;
  let commerceAdmin: AdminActor;
  const days: Record<string, Json> = {};

  const rowOf = (day: Json, code: string) => day.attendance.find((row: Json) => row.bureau?.code === code);
  const readDay = async (documentId: string) => {
    const res = await api().get(`/api/co-working-days/${documentId}?populate[attendance][populate][bureau][fields][0]=code`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const report = async (from: string, to: string, caller: { get(url: string): Promise<any> } = api()) => {
    const res = await caller.get(`/api/dispatch/co-working?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body.data;
  };
  const bureauRow = (week: Json, code: string) => week.bureaus.find((row: Json) => row.bureau.documentId === ({ commerce, reform, finance, planning } as Json)[code].documentId);

  beforeAll(async () => {
    commerce = await bureau(app, 'commerce');
    reform = await bureau(app, 'development-reform');
    finance = await bureau(app, 'finance');
    planning = await bureau(app, 'planning');
    office = await bureau(app, 'office');
    await update(app, 'bureaus', commerce.documentId, { chiefRepresentative: '张建国', chiefRepresentativePhone: '0539-8100001' });
    await update(app, 'bureaus', reform.documentId, { chiefRepresentative: '李明' });
    // 兰山规划分局 does not take part
    await update(app, 'bureaus', planning.documentId, { coWorking: false });
    commerceUser = await restActor(app, 'department', commerce, 'commerce user');
    officeAdmin = await adminActor(app, 'office', null, 'office admin');
    commerceAdmin = await adminActor(app, 'department', commerce, 'commerce admin');
  });

  describe('planning the days through the REST API', () => {
    it('lists every attending bureau as absent, with its chief representative, until marked', async () => {
      const day = await create(app, 'co-working-days', { date: '2026-10-08' });
      days['2026-10-08'] = day;
      expect(day.location).toBe('区重大项目调度中心');
      const stored = await readDay(day.documentId);
      expect(stored.attendance.map((row: Json) => row.bureau.code).sort()).toEqual(DEPARTMENTS.filter((code) => code !== 'planning').sort());
      expect(stored.attendance.every((row: Json) => row.status === 'absent')).toBe(true);
      expect(rowOf(stored, 'commerce').representative).toBe('张建国');
      expect(rowOf(stored, 'development-reform').representative).toBe('李明');
    });

    it('keeps the rows it is given and adds the missing ones', async () => {
      const day = await create(app, 'co-working-days', {
        date: '2026-09-30',
        note: '节前集中办公',
        attendance: [{ bureau: commerce.documentId, status: 'present', representative: '王副科长' }],
      });
      days['2026-09-30'] = day;
      const stored = await readDay(day.documentId);
      expect(stored.attendance).toHaveLength(DEPARTMENTS.length - 1);
      expect(rowOf(stored, 'commerce')).toMatchObject({ status: 'present', representative: '王副科长' });
      expect(rowOf(stored, 'finance').status).toBe('absent');
    });

    it('accepts the make-up Saturday of the National Day holiday as a working day', async () => {
      days['2026-10-10'] = await create(app, 'co-working-days', { date: '2026-10-10', location: '区政务服务中心三楼' });
      expect(days['2026-10-10'].location).toBe('区政务服务中心三楼');
    });

    it('refuses a holiday, a weekend, a date already planned and a bureau listed twice, naming the field, writing nothing', async () => {
      const before = await count(app, 'co-working-days');
      expectFieldError(await api().post('/api/co-working-days', { date: '2026-10-06' }), DAY, 'date');
      expectFieldError(await api().post('/api/co-working-days', { date: '2026-10-11' }), DAY, 'date');
      const clash = expectFieldError(await api().post('/api/co-working-days', { date: '2026-10-08' }), DAY, 'date');
      expect(clash).toContain('已安排');
      const twice = await api().post('/api/co-working-days', {
        date: '2026-10-09',
        attendance: [
          { bureau: commerce.documentId, status: 'present' },
          { bureau: commerce.documentId, status: 'absent' },
        ],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toContain('attendance.1.bureau');
      // moving a day onto a holiday is refused too
      expectFieldError(await api().put(`/api/co-working-days/${days['2026-10-10'].documentId}`, { date: '2026-10-04' }), DAY, 'date');
      expect(await count(app, 'co-working-days')).toBe(before);
    });

    it('is the office’s: a department reads the days but cannot plan one, through REST or the admin panel', async () => {
      const before = await count(app, 'co-working-days');
      expect((await commerceUser.post('/api/co-working-days', { date: '2026-10-09' })).status).toBe(403);
      expect((await commerceAdmin.create(DAY, { date: '2026-10-09' })).status).toBe(403);
      expect((await commerceUser.put(`/api/co-working-days/${days['2026-10-08'].documentId}`, { note: '改' })).status).toBe(403);
      expect(await count(app, 'co-working-days')).toBe(before);
      const listed = await commerceUser.get('/api/co-working-days');
      expect(listed.status).toBe(200);
      expect(listed.body.data.length).toBe(before);
    });
  });

  describe('who sees and writes the days', () => {
    it('lets a town and a leader read them and nobody but the office write them', async () => {
      const yitang = await bureau(app, 'sample-yitang');
      const town = await restActor(app, 'town', yitang, 'yitang user');
      const leader = await restActor(app, 'leader', null, 'leader');
      const townAdmin = await adminActor(app, 'town', yitang, 'yitang admin');
      const total = await count(app, 'co-working-days');
      for (const reader of [town, leader]) {
        const res = await reader.get('/api/co-working-days');
        expect(res.status).toBe(200);
        expect(res.body.data).toHaveLength(total);
        expect((await reader.post('/api/co-working-days', { date: '2026-10-09' })).status).toBe(403);
      }
      const listed = await townAdmin.list(DAY);
      expect(listed.status).toBe(200);
      expect(listed.body.pagination.total).toBe(total);
      expect((await townAdmin.create(DAY, { date: '2026-10-09' })).status).toBe(403);
      expect((await townAdmin.update(DAY, days['2026-10-08'].documentId, { note: '改' })).status).toBe(403);
      expect(await count(app, 'co-working-days')).toBe(total);
    });

    it('refuses a holiday in the admin panel too, naming the date', async () => {
      expectFieldError(await officeAdmin.create(DAY, { date: '2026-10-03', location: '区重大项目调度中心' }), DAY, 'date');
    });
  });

  describe('marking attendance through the admin panel', () => {
    const mark = async (date: string, statuses: Record<string, string>) => {
      const { documentId } = days[date];
      const stored = await db(DAY).findOne({ where: { documentId }, populate: { attendance: { populate: { bureau: { select: ['code'] } } } } });
      const codeOf = new Map<number, string>(stored.attendance.map((row: Json) => [row.id, row.bureau?.code]));
      const current = await officeAdmin.findOne(DAY, documentId);
      expect(current.status).toBe(200);
      // as the edit view sends it: each row with its id, the relation untouched
      const attendance = current.body.data.attendance.map((row: Json) => {
        const status = statuses[codeOf.get(row.id)!] ?? row.status;
        return { id: row.id, bureau: { connect: [], disconnect: [] }, representative: row.representative, status, note: status === 'excused' ? '参加市级会议' : row.note };
      });
      const res = await officeAdmin.update(DAY, documentId, { date, location: current.body.data.location, attendance });
      expect(res.status).toBe(200);
      return readDay(documentId);
    };

    it('keeps each row’s bureau and representative while the status changes', async () => {
      const oct8 = await mark('2026-10-08', { 'development-reform': 'excused' });
      expect(rowOf(oct8, 'development-reform')).toMatchObject({ status: 'excused', representative: '李明', note: '参加市级会议' });
      expect(rowOf(oct8, 'commerce').status).toBe('absent');
      expect(oct8.attendance).toHaveLength(DEPARTMENTS.length - 1);
      const oct10 = await mark('2026-10-10', { commerce: 'present', 'development-reform': 'excused' });
      expect(rowOf(oct10, 'commerce')).toMatchObject({ status: 'present', representative: '张建国' });
      expect(rowOf(oct10, 'development-reform').status).toBe('excused');
    });
  });

  describe('the weekly report across the National Day week', () => {
    it('expects nothing of a week whose only planned day has become a holiday', async () => {
      const day = await create(app, 'co-working-days', { date: '2026-10-13' });
      const idle = () => app.strapi.plugin('deadlines').service('settings').idle();
      // the office learns the 13th is off after all (the working calendar's override, in the admin panel)
      const override = await officeAdmin.create(OVERRIDE, { date: '2026-10-13', kind: 'rest', name: '临时调整' });
      expect(override.status).toBe(201);
      await idle();
      const [week] = (await report('2026-10-12', '2026-10-18')).weeks;
      expect(week).toMatchObject({ week: '2026-10-12', weekEnd: '2026-10-18', days: [], skipped: ['2026-10-13'], expected: false });
      expect(week.bureaus.some((row: Json) => row.flagged)).toBe(false);
      // the same week with the 13th a working day again expects attendance
      expect((await officeAdmin.remove(OVERRIDE, override.body.data.documentId)).status).toBe(200);
      await idle();
      const [again] = (await report('2026-10-12', '2026-10-18')).weeks;
      expect(again).toMatchObject({ days: ['2026-10-13'], expected: true });
      await app.strapi.documents(DAY as any).delete({ documentId: day.documentId });
    });

    it('flags the bureaus present on none of a week’s working days; excused days are shown apart and do not count', async () => {
      const data = await report('2026-09-28', '2026-10-11');
      expect(data.weeks.map((week: Json) => [week.week, week.days])).toEqual([
        ['2026-09-28', ['2026-09-30']],
        ['2026-10-05', ['2026-10-08', '2026-10-10']],
      ]);
      const [before, holiday] = data.weeks;
      expect(bureauRow(before, 'commerce')).toMatchObject({ planned: 1, present: 1, flagged: false });
      expect(bureauRow(before, 'finance')).toMatchObject({ planned: 1, present: 0, absent: 1, flagged: true });
      // present on the make-up Saturday only: enough
      expect(bureauRow(holiday, 'commerce')).toMatchObject({ planned: 2, present: 1, excused: 0, absent: 1, flagged: false });
      expect(bureauRow(holiday, 'reform')).toMatchObject({ planned: 2, present: 0, excused: 2, absent: 0, flagged: true });
      expect(bureauRow(holiday, 'finance')).toMatchObject({ present: 0, absent: 2, flagged: true });
      expect(bureauRow(holiday, 'reform').bureau).toMatchObject({ name: '区发改局', chiefRepresentative: '李明' });
      // a bureau that does not take part is not listed
      expect(bureauRow(holiday, 'planning')).toBeUndefined();
      expect(holiday.bureaus.filter((row: Json) => row.flagged)).toHaveLength(DEPARTMENTS.length - 2);
    });

    it('shows a department its own line only, through the admin panel to the office', async () => {
      const mine = await report('2026-10-05', '2026-10-11', commerceUser);
      expect(mine.weeks[0].bureaus.map((row: Json) => row.bureau.documentId)).toEqual([commerce.documentId]);
      const admin = await officeAdmin.get('/dispatch/co-working?from=2026-10-05&to=2026-10-11');
      expect(admin.status).toBe(200);
      expect(admin.body.data.weeks[0].bureaus).toHaveLength(DEPARTMENTS.length - 1);
      expect((await commerceAdmin.get('/dispatch/co-working?from=2026-10-05&to=2026-10-11')).status).toBe(403);
    });

    it('names a bad period parameter', async () => {
      const res = await api().get('/api/dispatch/co-working?from=2026-10-11&to=2026-10-05');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('to');
    });
  });

  describe('the Monday job', () => {
    it('tells the office once of each bureau flagged the week before', async () => {
      const service = app.strapi.plugin('dispatch').service('co-working');
      const written = await service.notifyFlagged('2026-10-12');
      expect(written).toBe(DEPARTMENTS.length - 2);
      const notes = await db(NOTIFICATION).findMany({ where: { targetUid: DAY }, populate: ['bureau'] });
      expect(notes).toHaveLength(DEPARTMENTS.length - 2);
      expect(notes.every((note: Json) => note.bureau?.id === office.id && note.kind === 'escalation')).toBe(true);
      const reformNote = notes.find((note: Json) => note.title.includes('区发改局'));
      expect(reformNote.title).toContain('2026-10-05');
      expect(reformNote.message).toContain('请假 2 天');
      expect(reformNote.targetDocumentId).toBe(days['2026-10-10'].documentId);
      expect(notes.some((note: Json) => note.title.includes('区商务局'))).toBe(false);
      // run again (a second instance, a restart): nothing more
      expect(await service.notifyFlagged('2026-10-12')).toBe(0);
      expect(await db(NOTIFICATION).count({ where: { targetUid: DAY } })).toBe(DEPARTMENTS.length - 2);
    });
  });

  describe('figures', () => {
    it('count each attending unit’s days and weeks, with the definition', async () => {
      const res = await api().get('/api/dispatch/figures?from=2026-09-28&to=2026-10-11');
      expect(res.status).toBe(200);
      const unit = (code: string) => res.body.data.units.find((row: Json) => row.bureau.code === code);
      expect(unit('commerce').coWorking).toEqual({ daysPlanned: 3, daysPresent: 2, expectedWeeks: 2, attendedWeeks: 2, flaggedWeeks: 0, rate: 1 });
      expect(unit('development-reform').coWorking).toEqual({ daysPlanned: 3, daysPresent: 0, expectedWeeks: 2, attendedWeeks: 0, flaggedWeeks: 2, rate: 0 });
      expect(unit('planning').coWorking).toBeNull();
      expect(unit('sample-yitang').coWorking).toBeNull();
      // 8 attending bureaus × 2 weeks, commerce the only one attending
      expect(res.body.data.district.coWorking).toMatchObject({ expectedWeeks: 16, attendedWeeks: 2, flaggedWeeks: 14, rate: 0.125 });
      expect(res.body.meta.definitions.coWorking.name).toBe('首席代表集中办公');
    });
  });

  describe('a bulletin issued after the co-working days', () => {
    it('carries each attending unit’s attendance in its figures and its spreadsheet, 「—」 for a unit not taking part', async () => {
      const draft = await create(app, 'bulletins', { periodLabel: '国庆前后两周', periodStart: '2026-09-28', periodEnd: '2026-10-11' });
      const issued = await update(app, 'bulletins', draft.documentId, { state: 'issued' });
      expect(issued.state).toBe('issued');
      const stored = await db('api::bulletin.bulletin').findOne({ where: { documentId: draft.documentId } });
      const unit = (code: string) => stored.figures.units.find((row: Json) => row.bureau.code === code);
      expect(unit('commerce').coWorking).toEqual({ daysPlanned: 3, daysPresent: 2, expectedWeeks: 2, attendedWeeks: 2, flaggedWeeks: 0, rate: 1 });
      expect(unit('development-reform').coWorking).toEqual({ daysPlanned: 3, daysPresent: 0, expectedWeeks: 2, attendedWeeks: 0, flaggedWeeks: 2, rate: 0 });
      expect(unit('finance').coWorking).toMatchObject({ daysPlanned: 3, daysPresent: 0, flaggedWeeks: 2 });
      expect(unit('planning').coWorking).toBeNull();
      expect(stored.figures.district.coWorking).toMatchObject({ expectedWeeks: 16, attendedWeeks: 2, flaggedWeeks: 14, rate: 0.125 });

      // and in its spreadsheet, one line per unit
      const file = await download(app, `/api/dispatch/exports/bulletins/${draft.documentId}`, await app.token());
      expect(file.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as any);
      const rows: string[][] = [];
      workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).map((value) => (value === null || value === undefined ? '' : String(value)))));
      const header = rows.find((row) => row.includes('应到天数') && row.includes('实到天数') && row.includes('未达标周'))!;
      expect(header).toBeTruthy();
      const cells = (name: string) => {
        const line = rows.find((row) => row.includes(name))!;
        expect(line).toBeTruthy();
        return ['应到天数', '实到天数', '达标率', '未达标周'].map((column) => line[header.indexOf(column)]);
      };
      expect(cells(commerce.name)).toEqual(['3', '2', '1', '0']);
      expect(cells(reform.name)).toEqual(['3', '0', '0', '2']);
      expect(cells(planning.name)).toEqual(['—', '—', '—', '—']);
    });
  });
});
