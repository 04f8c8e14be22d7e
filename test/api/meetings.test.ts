import { DateTime } from 'luxon';
import { scheduleMeetings } from '../../src/records/meetings';
import { bureau, create, expectFieldError, read, rest, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const MEETING = 'api::meeting.meeting';
const ZONE = 'Asia/Shanghai';

/**
 * 调度会商 through the REST API: a new meeting proposes its agenda by its type and scope (new problems since the
 * last weekly meeting, district-level problems at a monthly dispatch, overdue and due-soon tasks, unfinished tasks
 * of earlier minutes, red projects), a minute counts its tasks' progress, and a regular series creates its coming
 * meetings once each, with the organizer reminded before each.
 */
describe('meetings, their agendas, minutes and regular series', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const date = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate()!;
  const instant = (days: number) => DateTime.now().plus({ days }).toUTC().toISO()!;
  const docIds = (rows: Json[] | undefined) => (rows ?? []).map((row) => row.documentId).sort();
  const agendaOf = async (meeting: Json) =>
    (await read(app, 'meetings', meeting.documentId, 'populate[problems]=true&populate[tasks]=true&populate[projects]=true'))!;

  let lanshan: Json;
  let zone: Json;
  let land: Json;
  let planning: Json;

  beforeAll(async () => {
    [lanshan, zone, land, planning] = await Promise.all([
      bureau(app, 'sample-lanshan-street'),
      bureau(app, 'sample-development-zone'),
      bureau(app, 'natural-resources'),
      bureau(app, 'planning'),
    ]);
  });

  const project = (applicant: Json, data: Json = {}) =>
    create(app, 'projects', { name: unique('议题项目-'), category: 'general', applicantBureau: applicant.documentId, ...data });
  const problem = (of: Json, data: Json = {}) =>
    create(app, 'problems', { project: of.documentId, category: 'land_supply', title: unique('用地指标-'), description: '用地指标不足', ...data });
  const task = (data: Json) => create(app, 'tasks', { title: unique('责任事项-'), responsibleBureau: land.documentId, ...data });

  describe('a weekly meeting', () => {
    let older: Json;
    let newer: Json;
    let resolved: Json;
    let overdue: Json;
    let dueSoon: Json;
    let later: Json;
    let done: Json;
    let red: Json;
    let second: Json;

    beforeAll(async () => {
      const site = await project(lanshan);
      older = await problem(site);
      // the previous weekly meeting, held between the two problems' reports (its own agenda is proposed too)
      await new Promise((resolve) => setTimeout(resolve, 20));
      await create(app, 'meetings', { type: 'weekly', title: '周例会（上周）', heldAt: new Date().toISOString(), attendees: [lanshan.documentId], state: 'held' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      newer = await problem(site);
      resolved = await problem(site, { state: 'assigned', leadBureau: land.documentId });
      await update(app, 'problems', resolved.documentId, { state: 'resolved', resolution: '已协调解决' });

      red = await project(lanshan);
      overdue = await task({ project: red.documentId, deadline: date(-14) });
      dueSoon = await task({ project: site.documentId, deadline: date(3) });
      later = await task({ project: site.documentId, deadline: date(30) });
      done = await task({ project: site.documentId, deadline: date(-2) });
      await update(app, 'tasks', done.documentId, { state: 'done', completionNote: '已完成' });
      await app.strapi.plugin('traffic-lights').service('tracker').idle();
      expect((await read(app, 'projects', red.documentId))!.light).toBe('red');

      second = await create(app, 'meetings', { type: 'weekly', title: '周例会', heldAt: instant(2), attendees: [lanshan.documentId] });
    });

    it('proposes the problems reported since the previous weekly meeting that are not resolved', async () => {
      const agenda = await agendaOf(second);
      expect(docIds(agenda.problems)).toEqual([newer.documentId]);
      expect(docIds(agenda.problems)).not.toContain(older.documentId);
      expect(docIds(agenda.problems)).not.toContain(resolved.documentId);
    });

    it('proposes the unfinished tasks overdue or due within a week of it, and the red projects', async () => {
      const agenda = await agendaOf(second);
      expect(docIds(agenda.tasks)).toEqual([overdue.documentId, dueSoon.documentId].sort());
      expect(docIds(agenda.tasks)).not.toContain(later.documentId);
      expect(docIds(agenda.tasks)).not.toContain(done.documentId);
      expect(docIds(agenda.projects)).toEqual([red.documentId]);
    });

    it('notes what it picked, with the counts', async () => {
      const agenda = await agendaOf(second);
      expect(agenda.agendaNote).toContain('以来新报送且未解决的困难问题 1 个');
      expect(agenda.agendaNote).toContain('未完成责任事项 2 项（其中以往会议未完成事项 0 项）');
      expect(agenda.agendaNote).toContain('红灯项目 1 个');
      // organised by the office, not yet held
      const stored = (await read(app, 'meetings', second.documentId, 'populate[organizer]=true'))!;
      expect(stored.organizer.code).toBe('office');
      expect(stored.state).toBe('scheduled');
    });

    it('keeps an agenda the office gave itself', async () => {
      const given = await create(app, 'meetings', { type: 'weekly', title: '周例会（指定议题）', heldAt: instant(3), attendees: [lanshan.documentId], problems: [older.documentId] });
      const agenda = await agendaOf(given);
      expect(docIds(agenda.problems)).toEqual([older.documentId]);
      expect(agenda.tasks).toEqual([]);
      expect(agenda.agendaNote).toBeNull();
    });
  });

  describe('a monthly dispatch', () => {
    it('proposes the unresolved problems that need a district-level decision, within its attendees’ records', async () => {
      const site = await project(zone);
      const district = await problem(site, { level: 'district' });
      const local = await problem(site, { level: 'local' });
      const elsewhere = await problem(await project(lanshan), { level: 'district' });
      const meeting = await create(app, 'meetings', { type: 'monthly_dispatch', title: '月调度会', heldAt: instant(1), attendees: [zone.documentId] });
      const agenda = await agendaOf(meeting);
      expect(docIds(agenda.problems)).toEqual([district.documentId]);
      expect(docIds(agenda.problems)).not.toContain(local.documentId);
      expect(docIds(agenda.problems)).not.toContain(elsewhere.documentId);
      expect(agenda.agendaNote).toContain('需区级协调决策的未解决问题 1 个');
    });
  });

  describe('a minute and its responsibility list', () => {
    let meeting: Json;
    let minute: Json;
    let tasks: Json[];

    beforeAll(async () => {
      meeting = await create(app, 'meetings', { type: 'special_consultation', title: '专题会商', heldAt: instant(-1), attendees: [planning.documentId], state: 'held' });
      minute = await create(app, 'minutes', { meeting: meeting.documentId, title: '专题会商纪要', number: unique('兰重项纪〔2026〕') });
      tasks = [];
      for (const days of [20, 25, 40]) tasks.push(await task({ minute: minute.documentId, responsibleBureau: planning.documentId, deadline: date(days) }));
    });

    it('counts its tasks and those done', async () => {
      expect(await read(app, 'minutes', minute.documentId)).toMatchObject({ tasksTotal: 3, tasksDone: 0 });
      await update(app, 'tasks', tasks[0].documentId, { state: 'done', completionNote: '规划条件已出具' });
      expect(await read(app, 'minutes', minute.documentId)).toMatchObject({ tasksTotal: 3, tasksDone: 1 });
      expect((await api().del(`/api/tasks/${tasks[2].documentId}`)).status).toBe(204);
      expect(await read(app, 'minutes', minute.documentId)).toMatchObject({ tasksTotal: 2, tasksDone: 1 });
    });

    it('cannot have its counts written by a client', async () => {
      const res = await api().put(`/api/minutes/${minute.documentId}`, { tasksTotal: 99, tasksDone: 99 });
      expect(res.status).toBe(200);
      expect(await read(app, 'minutes', minute.documentId)).toMatchObject({ tasksTotal: 2, tasksDone: 1 });
    });

    it('carries its unfinished tasks to the next meeting’s agenda, and no longer once they are done', async () => {
      const next = await create(app, 'meetings', { type: 'special_consultation', title: '专题会商（续）', heldAt: instant(5), attendees: [planning.documentId] });
      const agenda = await agendaOf(next);
      // 25 days away: on the agenda only because the earlier minute left it unfinished
      expect(docIds(agenda.tasks)).toEqual([tasks[1].documentId]);
      expect(agenda.agendaNote).toContain('其中以往会议未完成事项 1 项');

      await update(app, 'tasks', tasks[1].documentId, { state: 'done', completionNote: '已办结' });
      const after = await create(app, 'meetings', { type: 'special_consultation', title: '专题会商（再续）', heldAt: instant(6), attendees: [planning.documentId] });
      expect((await agendaOf(after)).tasks).toEqual([]);
    });
  });

  describe('a regular weekly series', () => {
    let first: Json;

    beforeAll(async () => {
      // the first meeting five days ago: the next one is in two days, within the three days it is created ahead
      first = await create(app, 'meetings', {
        type: 'weekly',
        title: '项目推进周例会',
        heldAt: instant(-5),
        attendees: [zone.documentId],
        recurrence: 'every_week',
        location: '区行政中心第一会议室',
        state: 'held',
      });
    });

    const occurrences = async () =>
      app.strapi.db.query(MEETING).findMany({ where: { series: { documentId: first.documentId } }, populate: { attendees: true, organizer: true } });

    it('creates its next meeting once, however often and from however many instances it runs', async () => {
      const created = await Promise.all([scheduleMeetings(app.strapi), scheduleMeetings(app.strapi)]);
      expect(created[0] + created[1]).toBe(1);
      expect(await scheduleMeetings(app.strapi)).toBe(0);
      const [next] = await occurrences();
      expect(await occurrences()).toHaveLength(1);
      expect(next).toMatchObject({ type: 'weekly', title: '项目推进周例会', location: '区行政中心第一会议室', recurrence: 'once', state: 'scheduled' });
      expect(new Date(next.heldAt).getTime()).toBe(new Date(first.heldAt).getTime() + 7 * 24 * 3600 * 1000);
      expect(next.attendees.map((row: Json) => row.documentId)).toEqual([zone.documentId]);
      expect(next.organizer.code).toBe('office');
      expect(next.agendaNote).toContain('系统按会议类型自动提出议题');
    });

    it('refuses a second meeting of the series on the same day, naming the field', async () => {
      const [next] = await occurrences();
      const before = (await occurrences()).length;
      const res = await api().post('/api/meetings', { type: 'weekly', title: '重复的周例会', heldAt: next.heldAt, series: first.documentId });
      expectFieldError(res, MEETING, 'heldAt');
      expect(await occurrences()).toHaveLength(before);
    });

    it('reminds the organizer the working day before the meeting, until it is held', async () => {
      const [next] = await occurrences();
      const deadline = await app.strapi.db.query('plugin::deadlines.deadline').findOne({
        where: { targetUid: MEETING, targetDocumentId: next.documentId },
        populate: { rule: true, bureau: true },
      });
      expect(deadline).toMatchObject({ state: 'pending', rule: { key: 'meeting-reminder' }, bureau: { code: 'office' } });
      expect(deadline.dueAt).toBe(DateTime.fromJSDate(new Date(next.heldAt), { zone: ZONE }).endOf('day').toUTC().toISO());

      await app.strapi.documents(MEETING as any).update({ documentId: next.documentId, data: { state: 'held' } as any });
      const after = await app.strapi.db.query('plugin::deadlines.deadline').findOne({ where: { id: deadline.id } });
      expect(after.state).toBe('met');
    });

    it('stops when the series no longer repeats', async () => {
      await update(app, 'meetings', first.documentId, { recurrence: 'once' });
      expect(await scheduleMeetings(app.strapi, new Date(Date.now() + 7 * 24 * 3600 * 1000))).toBe(0);
    });
  });

  it('keeps the minute’s counts out of a client’s reach on create as well', async () => {
    const minute = await create(app, 'minutes', { title: '纪要', number: unique('兰重项纪〔2026〕'), tasksTotal: 7, tasksDone: 7 });
    expect(await read(app, 'minutes', minute.documentId)).toMatchObject({ tasksTotal: 0, tasksDone: 0 });
  });
});
