import { DateTime } from 'luxon';
import { WorkingCalendar } from '../../src/plugins/deadlines/server/src/calendar/working-calendar';
import { bureau, create, type Json, unique, update } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';
import { dateAfter, dateFromToday, DEADLINE, DELIVERY, dueInstant, fakeWallClock, kinds, rows, setEnv, waitFor } from './helpers';

const ZONE = 'Asia/Shanghai';
const at = (date: string, hour: number, minute = 0, second = 0) =>
  DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second }).toJSDate();

/**
 * A Saturday at least a week ahead that is a rest day followed by a rest Sunday and a working Monday: a task due
 * on it falls due over the weekend, and its overdue notice waits for 09:00 on Monday.
 */
function restWeekend(): { saturday: string; sunday: string; monday: string } {
  const calendar = WorkingCalendar.create();
  for (let days = 7; days < 400; days += 1) {
    const saturday = dateFromToday(days);
    if (DateTime.fromISO(saturday).weekday !== 6) continue;
    const sunday = dateAfter(saturday);
    const monday = dateAfter(sunday);
    if (!calendar.isWorkingDay(saturday) && !calendar.isWorkingDay(sunday) && calendar.isWorkingDay(monday)) return { saturday, sunday, monday };
  }
  throw new Error('no rest weekend within a year');
}

/**
 * A deadline is overdue as soon as its due instant has passed, not only once its overdue notice goes out: the
 * reconcile pass (on start and every DEADLINES_RECONCILE_SECONDS) marks pending deadlines past their due instant
 * overdue, once, with a history entry. The seeded task rule delivers on working days only.
 */
describe('pending deadlines past their due instant become overdue on the reconcile pass', () => {
  // the embedded scheduler, and no periodic pass during the test: the test runs the passes itself
  const restoreEnv = setEnv({ REDIS_URL: undefined, DEADLINES_RECONCILE_SECONDS: '3600' });
  const app = useStrapi();
  const db = rows(app);
  const scheduler = () => app.strapi.plugin('deadlines').service('scheduler');
  const { saturday, sunday, monday } = restWeekend();
  let ruleId: number;
  let responsible: Json;

  beforeAll(async () => {
    ruleId = (await app.strapi.db.query('plugin::deadlines.rule').findOne({ where: { key: 'task-by-deadline' } })).id;
    responsible = await bureau(app, 'development-reform');
    // Saturday noon: the tasks written now are not due until midnight
    fakeWallClock(at(saturday, 12));
  });

  afterAll(() => {
    jest.useRealTimers();
    restoreEnv();
  });

  const task = async (title = unique('协调用电-')) => {
    const record = await create(app, 'tasks', { title, deadline: saturday, responsibleBureau: responsible.documentId });
    return { record, deadline: await db.deadlineOf(record.documentId, ruleId) };
  };
  const overdueEntries = (deadline: Json) => (deadline.history ?? []).filter((entry: Json) => entry.state === 'overdue');

  let open: { record: Json; deadline: Json };
  let met: { record: Json; deadline: Json };
  let raced: { record: Json; deadline: Json };

  it('on Saturday the tasks due that day are pending; one is done in time', async () => {
    open = await task('协调项目用电增容');
    raced = await task();
    met = await task();
    await update(app, 'tasks', met.record.documentId, { state: 'done', completionNote: '已完成增容' });
    await scheduler().drain();
    expect(open.deadline).toMatchObject({ state: 'pending', dueAt: dueInstant(saturday).toISOString() });
    expect((await db.deadlineOf(met.record.documentId, ruleId)).state).toBe('met');
  });

  it('on Sunday, with no overdue notice before Monday, the reconcile pass marks the open deadline overdue with its history', async () => {
    jest.setSystemTime(at(sunday, 10));
    const sweptAfter = new Date();
    // nothing has touched it since it fell due: without the pass it would stay pending until Monday 09:00
    expect((await db.deadlineOf(open.record.documentId, ruleId)).state).toBe('pending');
    const metBefore = await db.deadlineOf(met.record.documentId, ruleId);

    await scheduler().reconcile();

    const after = await db.deadlineOf(open.record.documentId, ruleId);
    expect(after.state).toBe('overdue');
    expect(new Date(after.overdueAt).getTime()).toBeGreaterThanOrEqual(sweptAfter.getTime());
    expect(overdueEntries(after)).toEqual([{ at: new Date(after.overdueAt).toISOString(), state: 'overdue', reason: 'due' }]);
    // the notice itself still waits for the next working day
    expect(kinds(await db.notificationsOf(after.id)).overdue).toBeUndefined();
    expect(await db.countOf(DELIVERY, { deadline: { id: after.id }, kind: 'overdue' })).toBe(0);

    // the office sees it overdue in 我的待办
    const inbox = await app.http().get('/deadlines/inbox').set('Authorization', await app.adminToken());
    expect(inbox.status).toBe(200);
    expect(inbox.body.data.deadlines.find((d: Json) => d.id === after.id)).toMatchObject({ state: 'overdue', targetTitle: '协调项目用电增容' });

    // the task done in time is left as it was
    const metAfter = await db.deadlineOf(met.record.documentId, ruleId);
    expect(metAfter).toMatchObject({ state: 'met', overdueAt: null });
    expect(metAfter.history).toEqual(metBefore.history);
  });

  it('two passes at once mark a deadline overdue once', async () => {
    // the second pending task was swept with the first; put one back to pending past its due instant to race on it
    const current = await db.deadlineOf(raced.record.documentId, ruleId);
    await app.strapi.documents(DEADLINE as any).update({
      documentId: current.documentId,
      data: { state: 'pending', overdueAt: null, history: current.history.filter((entry: Json) => entry.state !== 'overdue') } as any,
    });
    const marked = await Promise.all([scheduler().sweepOverdue(), scheduler().sweepOverdue(), scheduler().sweepOverdue()]);
    expect(marked.reduce((sum: number, n: number) => sum + n, 0)).toBe(1);
    const after = await db.deadlineOf(raced.record.documentId, ruleId);
    expect(after.state).toBe('overdue');
    expect(overdueEntries(after)).toHaveLength(1);
  });

  it('on Monday at 09:00 the overdue notice goes out once and adds no second history entry', async () => {
    jest.setSystemTime(new Date(at(monday, 9).getTime() - 3000));
    await scheduler().reconcile();
    const deadline = await db.deadlineOf(open.record.documentId, ruleId);
    await waitFor('the overdue notice', async () => (await db.notificationsOf(deadline.id)).some((n) => n.kind === 'overdue'));
    await scheduler().drain();

    const notifications = await db.notificationsOf(deadline.id);
    expect(notifications.filter((n) => n.kind === 'overdue')).toHaveLength(1);
    expect(notifications.find((n) => n.kind === 'overdue')).toMatchObject({ title: '区发改局 责任事项 已逾期' });
    const after = await db.deadlineOf(open.record.documentId, ruleId);
    expect(after.state).toBe('overdue');
    expect(overdueEntries(after)).toHaveLength(1);
    expect(after.overdueAt).toEqual(deadline.overdueAt);
  });
});
