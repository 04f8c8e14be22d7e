import { DateTime } from 'luxon';
import { WorkingCalendar } from '../../src/plugins/deadlines/server/src/calendar/working-calendar';
import { dateFromToday, fakeWallClock, setEnv } from '../deadlines/helpers';
import { bureau, create, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const ZONE = 'Asia/Shanghai';
const noon = (date: string) => DateTime.fromISO(date, { zone: ZONE }).set({ hour: 12 }).toJSDate();

/**
 * Lights move with time, not only with writes: the daily pass (early morning of each working day, through the
 * deadline plugin's scheduler) turns a task due soon yellow, then red once it is more than 3 working days overdue;
 * a correction of the working calendar recomputes every light at once.
 */
describe('lights as working days pass and when the calendar changes', () => {
  const restoreEnv = setEnv({ REDIS_URL: undefined, DEADLINES_RECONCILE_SECONDS: '3600' });
  const app = useStrapi();
  const calendar = WorkingCalendar.create();
  const engine = () => app.strapi.plugin('traffic-lights').service('engine');
  // the calendar change recomputes the open deadlines in the background, then the lights: both are awaited
  const settle = async () => {
    await app.strapi.plugin('deadlines').service('settings').idle();
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
  };

  // a working day at least a week ahead on which the task falls due, and the working days after it
  let due = dateFromToday(7);
  while (!calendar.isWorkingDay(due)) due = DateTime.fromISO(due).plus({ days: 1 }).toISODate()!;
  const dayBefore = calendar.previousWorkingDay(due);
  const third = calendar.addWorkingDays(due, 3).date;
  const fourth = calendar.addWorkingDays(due, 4).date;
  const second = calendar.addWorkingDays(due, 2).date;

  let project: Json;
  let task: Json;
  const stored = () => app.strapi.db.query('api::project.project').findOne({ where: { documentId: project.documentId }, select: ['light', 'lightReasons'] });
  const history = () => app.strapi.db.query('plugin::traffic-lights.light-change').findMany({ where: { key: `project:${project.documentId}` }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    fakeWallClock(noon(dayBefore));
    const [town, land] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'natural-resources')]);
    project = await create(app, 'projects', { name: unique('精密铸造项目-'), category: 'general', applicantBureau: town.documentId });
    task = await create(app, 'tasks', { title: '完成环评批复', project: project.documentId, responsibleBureau: land.documentId, deadline: due });
    await settle();
  });

  afterAll(() => {
    jest.useRealTimers();
    restoreEnv();
  });

  it('runs the daily pass through the deadline scheduler', () => {
    const jobs: Array<{ name?: string }> = (app.strapi.cron as any).jobs ?? [];
    expect(jobs.map((job) => job.name)).toContain('deadlines-traffic-lights-daily');
  });

  it('is yellow the working day before the task is due', async () => {
    expect(await stored()).toMatchObject({ light: 'yellow', lightReasons: [{ code: 'due_soon', value: 1 }] });
  });

  it('stays yellow up to 3 working days overdue, and turns red on the 4th, each on the daily pass', async () => {
    fakeWallClock(noon(third));
    expect(await engine().daily()).not.toBeNull();
    expect(await stored()).toMatchObject({ light: 'yellow', lightReasons: [{ code: 'overdue', value: 3 }] });

    fakeWallClock(noon(fourth));
    await engine().daily();
    expect(await stored()).toMatchObject({ light: 'red', lightReasons: [{ code: 'overdue', value: 4, target: { documentId: task.documentId } }] });
    expect((await history()).map((row) => [row.from, row.to, row.cause])).toEqual([
      ['green', 'yellow', 'record'],
      ['yellow', 'red', 'daily'],
    ]);
  });

  it('does nothing on a rest day', async () => {
    const restAfter = (() => {
      let day = fourth;
      while (calendar.isWorkingDay(day)) day = DateTime.fromISO(day).plus({ days: 1 }).toISODate()!;
      return day;
    })();
    fakeWallClock(noon(restAfter));
    expect(await engine().daily()).toBeNull();
    fakeWallClock(noon(fourth));
  });

  it('recomputes when the office declares one of those working days a rest day', async () => {
    const override = await app.strapi.documents('plugin::deadlines.calendar-override' as any).create({ data: { date: second, kind: 'rest', name: '临时调整' } as any });
    await settle();
    expect(await stored()).toMatchObject({ light: 'yellow', lightReasons: [{ code: 'overdue', value: 3 }] });
    expect((await history()).pop()).toMatchObject({ from: 'red', to: 'yellow', cause: 'calendar' });
    await app.strapi.documents('plugin::deadlines.calendar-override' as any).delete({ documentId: override.documentId });
    await settle();
    expect((await stored()).light).toBe('red');
  });
});
