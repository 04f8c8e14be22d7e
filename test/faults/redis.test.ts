import { call, created, type Json } from './app';
import { deliveriesByTask, dueInstant, REMINDER_LEAD_MS, testDay, total, until, waitFor } from './helpers';
import { useFaultWorld } from './world';

/**
 * Redis killed (SIGKILL) and started again while deadlines fall due, once with an append-only file and once
 * without any persistence (every job lost). Writes go on succeeding during the outages; after each restart the
 * scheduler's reconcile adds what is missing; every task's reminder, overdue notice and escalation is delivered
 * exactly once — counted in the database, per task.
 *
 * Timeline on the app's clock, T the tasks' due instant: tasks written at T−40 s; Redis killed; more tasks written
 * and the first ones edited during the outage, in which the reminders (T−21 s) fall due; Redis back at T−12 s (the
 * reminders go out, late); killed again at T−5 s, so the overdue notices (T) and escalations (T+1.2 s) fall due in
 * the second outage, in which tasks already past due are written too; Redis back at T+5 s.
 */
describe.each([
  ['with an append-only file', true],
  ['without persistence', false],
])('Redis killed and restarted while deadlines fall due (%s)', (_label, persistent) => {
  const world = useFaultWorld({ redis: persistent ? 'persistent' : 'volatile' });

  it('writes succeed during the outages and every task gets its reminder, overdue notice and escalation exactly once', async () => {
    const { app: a, db } = world();
    const redis = world().redis!;
    const bureau: Json = (await call(a, 'GET', '/api/bureaus?filters[code][$eq]=commerce')).body.data[0];
    const day = testDay();
    const due = dueInstant(day);
    const at = (seconds: number) => new Date(due.getTime() + seconds * 1000);
    const task = (title: string) => created(a, 'tasks', { title, deadline: day, responsibleBureau: bureau.documentId });
    const counts = () => deliveriesByTask(db, 'deadline_notifications');

    await a.setClock(at(-40));
    const before = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => task(`停机前事项 ${n}`)));

    await redis.kill();
    const during: Json[] = [];
    for (let n = 1; n <= 6; n += 1) during.push(await task(`Redis 停机期间事项 ${n}`));
    for (const record of before) {
      const edited = await call(a, 'PUT', `/api/tasks/${record.documentId}`, { title: `${record.title}（停机期间修改）` });
      expect({ title: record.title, status: edited.status }).toEqual({ title: record.title, status: 200 });
    }
    const written = [...before, ...during].map((record) => record.documentId);
    await until(at(-REMINDER_LEAD_MS / 1000 + 3), a.clockOffset());
    // the reminders fell due while Redis was down: none could go out
    expect(total(await counts(), written, 'reminder')).toBe(0);

    await until(at(-12), a.clockOffset());
    await redis.start();
    await waitFor('the late reminders', async () => total(await counts(), written, 'reminder') === written.length, 20_000);
    expect(Date.now() + a.clockOffset()).toBeLessThan(due.getTime());

    await until(at(-5), a.clockOffset());
    await redis.kill();
    await until(at(2), a.clockOffset());
    // the overdue notices and escalations fell due in the second outage; tasks written now are overdue at once
    const late: Json[] = [];
    for (let n = 1; n <= 3; n += 1) late.push(await task(`逾期后补录事项 ${n}`));
    const lateIds = late.map((record) => record.documentId);
    await until(at(5), a.clockOffset());
    expect(total(await counts(), [...written, ...lateIds], 'overdue')).toBe(0);

    await redis.start();
    await waitFor(
      'the overdue notices and escalations',
      async () => {
        const now = await counts();
        const all = [...written, ...lateIds];
        return total(now, all, 'overdue') === all.length && total(now, all, 'escalation') === all.length;
      },
      30_000
    );
    // a pass more (as after any reconnection) and time for a stray job: still exactly once each
    await redis.kill();
    await redis.start();
    await new Promise((resolve) => setTimeout(resolve, 4000));

    const notifications = await deliveriesByTask(db, 'deadline_notifications');
    const deliveries = await deliveriesByTask(db, 'deadline_deliveries');
    for (const id of written) {
      expect({ id, notifications: notifications[id] }).toEqual({ id, notifications: { reminder: 1, overdue: 1, escalation: 1 } });
      expect({ id, deliveries: deliveries[id] }).toEqual({ id, deliveries: { reminder: 1, overdue: 1, escalation: 1 } });
    }
    for (const id of lateIds) {
      expect({ id, notifications: notifications[id] }).toEqual({ id, notifications: { overdue: 1, escalation: 1 } });
      expect({ id, deliveries: deliveries[id] }).toEqual({ id, deliveries: { overdue: 1, escalation: 1 } });
    }
    const states = await db.query(
      `SELECT d.state, count(*)::int AS n FROM deadlines d WHERE d.target_uid = 'api::task.task' AND d.target_document_id = ANY($1) GROUP BY d.state`,
      [[...written, ...lateIds]]
    );
    expect(states.rows).toEqual([{ state: 'overdue', n: written.length + lateIds.length }]);
    process.stdout.write(
      `Redis ${persistent ? 'AOF' : '无持久化 / no persistence'}: ${written.length + lateIds.length} tasks, 3 Redis kills, ` +
        `${Object.values(notifications).reduce((sum, kinds) => sum + Object.values(kinds).reduce((s, n) => s + n, 0), 0)} notices, each exactly once\n`
    );
  }, 180_000);
});
