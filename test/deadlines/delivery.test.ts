import { WorkingCalendar } from '../../src/plugins/deadlines/server/src/calendar/working-calendar';
import { isUniqueViolation } from '../../src/plugins/deadlines/server/src/services/delivery';
import { subscriptionUpdate } from '../../src/plugins/deadlines/admin/src/utils/webhooks';
import { bureau, create, type Json, unique, update } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';
import {
  beforeDue,
  dateAfter,
  dateFromToday,
  DELIVERY,
  dueInstant,
  fakeWallClock,
  kinds,
  LEAD_SECONDS,
  NOTIFICATION,
  rows,
  setEnv,
  useSecondsRule,
  waitFor,
  webhookReceiver,
} from './helpers';

/**
 * Deliveries end to end on the embedded default (in-process timers, no Redis): tasks written through the REST
 * API, their deadlines computed by the tracker, delivered by the scheduler into the database. The wall clock is
 * set a few seconds before a task's due instant (see ./helpers.ts); everything else is real.
 */
describe('deadline deliveries (in-process scheduler)', () => {
  // the embedded default even on the Redis leg; a reconcile every second brings far jobs within reach quickly
  const restoreEnv = setEnv({ REDIS_URL: undefined, DEADLINES_RECONCILE_SECONDS: '1' });

  const app = useStrapi();
  const db = rows(app);
  const scheduler = () => app.strapi.plugin('deadlines').service('scheduler');
  let rule: Json;
  let responsible: Json;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  /** A webhook subscribed to 期限提醒 only, the way the 「Webhook 订阅」 page does it. */
  let reminderHooks: Awaited<ReturnType<typeof webhookReceiver>>;

  beforeAll(async () => {
    expect(scheduler().status().backend).toBe('in-process');
    rule = await useSecondsRule(app);
    responsible = await bureau(app, 'natural-resources');
    hooks = await webhookReceiver();
    // the three events are allowed in the webhook store: the admin API accepts a webhook on them
    const res = await app
      .http()
      .post('/admin/webhooks')
      .set('Authorization', await app.adminToken())
      .send({ name: '期限事件', url: hooks.url, headers: {}, events: ['deadline.reminder', 'deadline.overdue', 'deadline.escalated'] });
    expect(res.status).toBe(201);

    // another webhook, made in Strapi's Webhooks page with one of its own events and a header, then subscribed to
    // 期限提醒 on the 「Webhook 订阅」 page: a PUT of the whole webhook with the event added
    reminderHooks = await webhookReceiver();
    const admin = await app.adminToken();
    const made = await app
      .http()
      .post('/admin/webhooks')
      .set('Authorization', admin)
      .send({ name: '督办系统', url: reminderHooks.url, headers: { 'X-Lanshan-Token': 'dbxt-2026' }, events: ['media.create'] });
    expect(made.status).toBe(201);
    const listed = await app.http().get('/admin/webhooks').set('Authorization', admin);
    const webhook = listed.body.data.find((w: Json) => w.id === made.body.data.id);
    const saved = await app
      .http()
      .put(`/admin/webhooks/${webhook.id}`)
      .set('Authorization', admin)
      .send(subscriptionUpdate(webhook, ['deadline.reminder']));
    expect(saved.status).toBe(200);
    const stored = (await app.http().get(`/admin/webhooks/${webhook.id}`).set('Authorization', admin)).body.data;
    expect(stored).toMatchObject({
      name: '督办系统',
      url: reminderHooks.url,
      headers: { 'X-Lanshan-Token': 'dbxt-2026' },
      events: ['media.create', 'deadline.reminder'],
      isEnabled: true,
    });
    // each test takes its own day, later than the one before, so the clock only moves forward
    fakeWallClock(beforeDue(dateFromToday(10), 60));
  });

  afterAll(async () => {
    jest.useRealTimers();
    await hooks?.close();
    await reminderHooks?.close();
    restoreEnv();
  });

  /** A task of the responsible bureau due at the end of `date`, and its deadline under the seconds rule. */
  async function task(date: string, title = unique('协调供电-')) {
    const record = await create(app, 'tasks', { title, deadline: date, responsibleBureau: responsible.documentId });
    return { record, deadline: await db.deadlineOf(record.documentId, rule.id) };
  }

  const notified = (deadlineId: number, count: number) => async () => (await db.notificationsOf(deadlineId)).length >= count;

  it('a task due in seconds gets one reminder, one overdue notice (state overdue) and one escalation to the office', async () => {
    const date = dateFromToday(11);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const { record, deadline } = await task(date, '协调年产 10 万吨项目供电');
    expect(deadline).toMatchObject({ state: 'pending', version: 1, dueAt: dueInstant(date).toISOString() });

    await waitFor('reminder, overdue notice and escalation', notified(deadline.id, 3));
    await scheduler().reconcile();
    await scheduler().drain();

    const notifications = await db.notificationsOf(deadline.id);
    expect(kinds(notifications)).toEqual({ reminder: 1, overdue: 1, escalation: 1 });
    const byKind = Object.fromEntries(notifications.map((n) => [n.kind, n]));
    expect(byKind.reminder).toMatchObject({ title: `区自然资源局 测试事项 将于 ${date} 到期`, targetDocumentId: record.documentId });
    expect(byKind.reminder.message).toContain('「协调年产 10 万吨项目供电」测试事项：当日办结');
    expect(byKind.reminder.bureau.code).toBe('natural-resources');
    expect(byKind.overdue).toMatchObject({ title: '区自然资源局 测试事项 已逾期' });
    expect(byKind.overdue.bureau.code).toBe('natural-resources');
    // 1.2 s after midnight: the first late working day when the next day is one
    const late = WorkingCalendar.create().isWorkingDay(dateAfter(date)) ? ' 1 个工作日' : '';
    expect(byKind.escalation.title).toBe(`督办：区自然资源局 测试事项 已逾期${late}`);
    expect(byKind.escalation.bureau.code).toBe('office');
    for (const n of notifications) expect(new Date(n.dueAt).toISOString()).toBe(dueInstant(date).toISOString());

    // the scheduler (the overdue delivery or the reconcile's sweep, whichever came first), not the tracker, moved the
    // deadline to overdue: the record was not saved again
    const after = await db.deadlineOf(record.documentId, rule.id);
    expect(after.state).toBe('overdue');
    expect(new Date(after.overdueAt).getTime()).toBeGreaterThan(dueInstant(date).getTime());
    expect(after.history).toContainEqual(expect.objectContaining({ state: 'overdue', reason: 'due' }));
    expect((await db.deliveriesOf(deadline.id)).map((d) => d.key).sort()).toEqual(
      ['escalation', 'overdue', 'reminder'].map((kind) => `${deadline.id}:${kind}:0:${dueInstant(date).toISOString()}`)
    );

    // the webhook events follow the commits, one per delivery
    await waitFor('three webhook calls', async () => hooks.received.filter((h) => h.body.deadline?.id === deadline.id).length >= 3);
    const events = hooks.received.filter((h) => h.body.deadline?.id === deadline.id);
    expect(events.map((h) => h.event).sort()).toEqual(['deadline.escalated', 'deadline.overdue', 'deadline.reminder']);
    expect(events.find((h) => h.event === 'deadline.escalated')!.body).toMatchObject({
      event: 'deadline.escalated',
      bureau: { code: 'office' },
      delivery: { kind: 'escalation', step: 0 },
      rule: { key: 'test-due-in-seconds' },
    });

    // the webhook subscribed to 期限提醒 alone got exactly one POST, the reminder, with the payload the README documents
    const reminders = reminderHooks.received.filter((h) => h.body.deadline?.id === deadline.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ method: 'POST', event: 'deadline.reminder', headers: { 'x-lanshan-token': 'dbxt-2026' } });
    expect(reminders[0].body).toEqual({
      event: 'deadline.reminder',
      createdAt: expect.any(String),
      deadline: {
        id: deadline.id,
        documentId: deadline.documentId,
        targetUid: 'api::task.task',
        targetDocumentId: record.documentId,
        targetTitle: '协调年产 10 万吨项目供电',
        state: 'pending',
        dueAt: dueInstant(date).toISOString(),
        dueDate: date,
        version: 1,
      },
      rule: { id: rule.id, documentId: rule.documentId, key: 'test-due-in-seconds', name: '测试事项：当日办结' },
      delivery: { key: `${deadline.id}:reminder:0:${dueInstant(date).toISOString()}`, kind: 'reminder', step: 0 },
      bureau: { id: responsible.id, documentId: responsible.documentId, code: 'natural-resources', name: '区自然资源局' },
      notification: {
        id: byKind.reminder.id,
        documentId: byKind.reminder.documentId,
        title: byKind.reminder.title,
        message: byKind.reminder.message,
      },
    });
    expect(reminderHooks.received.every((h) => h.event === 'deadline.reminder')).toBe(true);
  });

  it('saving the record again (twice) before the deliveries duplicates nothing', async () => {
    const date = dateFromToday(12);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const { record, deadline } = await task(date);
    await update(app, 'tasks', record.documentId, { title: '协调供电（已改名）' });
    await update(app, 'tasks', record.documentId, { title: '协调供电（已改名）', deadline: date });

    await waitFor('three deliveries', notified(deadline.id, 3));
    await Promise.all([scheduler().reconcile(), scheduler().reconcile()]);
    await scheduler().drain();

    const notifications = await db.notificationsOf(deadline.id);
    expect(kinds(notifications)).toEqual({ reminder: 1, overdue: 1, escalation: 1 });
    expect(notifications.find((n) => n.kind === 'reminder').message).toContain('「协调供电（已改名）」');
    expect(kinds(await db.deliveriesOf(deadline.id))).toEqual({ reminder: 1, overdue: 1, escalation: 1 });
    expect((await db.deadlineOf(record.documentId, rule.id)).version).toBe(1);
  });

  it('a task done before its reminder gets no delivery at all', async () => {
    const date = dateFromToday(13);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const met = await task(date);
    const sentinel = await task(date);
    await update(app, 'tasks', met.record.documentId, { state: 'done', completionNote: '已通电' });

    // the sentinel's jobs share the met task's times: once they all ran, the met task's would have too
    await waitFor('the sentinel task’s three deliveries', notified(sentinel.deadline.id, 3));
    await scheduler().drain();

    expect(await db.notificationsOf(met.deadline.id)).toEqual([]);
    expect(await db.deliveriesOf(met.deadline.id)).toEqual([]);
    expect((await db.deadlineOf(met.record.documentId, rule.id)).state).toBe('met');
  });

  it('moving the due date delivers for the new due instant only', async () => {
    const date = dateFromToday(14);
    const moved = dateFromToday(15);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const task1 = await task(date);
    const sentinel = await task(date);
    await update(app, 'tasks', task1.record.documentId, { deadline: moved });
    const rescheduled = await db.deadlineOf(task1.record.documentId, rule.id);
    expect(rescheduled).toMatchObject({ version: 2, state: 'pending', dueAt: dueInstant(moved).toISOString() });

    await waitFor('the sentinel task’s three deliveries', notified(sentinel.deadline.id, 3));
    await scheduler().drain();
    expect(await db.notificationsOf(task1.deadline.id)).toEqual([]);

    // a day later, seconds before the new due instant: the periodic reconcile brings the jobs within reach
    jest.setSystemTime(beforeDue(moved, LEAD_SECONDS));
    await waitFor('deliveries for the new due instant', notified(task1.deadline.id, 3));
    await scheduler().drain();
    const notifications = await db.notificationsOf(task1.deadline.id);
    expect(kinds(notifications)).toEqual({ reminder: 1, overdue: 1, escalation: 1 });
    for (const n of notifications) expect(new Date(n.dueAt).toISOString()).toBe(dueInstant(moved).toISOString());
    for (const d of await db.deliveriesOf(task1.deadline.id)) expect(d.key).toContain(dueInstant(moved).toISOString());
    expect(notifications.find((n) => n.kind === 'reminder').title).toContain(`将于 ${moved} 到期`);
  });

  it('concurrent runs of one job deliver it once; the unique index refuses a second delivery row', async () => {
    const date = dateFromToday(16);
    jest.setSystemTime(beforeDue(date, -5)); // five seconds after the due instant: overdue at once
    const { deadline } = await task(date);
    expect(deadline.state).toBe('overdue');
    const job = { deadlineId: deadline.id, version: deadline.version, kind: 'overdue', step: 0 };
    const deliver = () => app.strapi.plugin('deadlines').service('delivery').deliver(job);
    // eight workers race the scheduler's own run of the same job
    const outcomes = await Promise.all(Array.from({ length: 8 }, deliver));
    await waitFor('the overdue notice and the escalation', notified(deadline.id, 2));
    await scheduler().drain();

    expect(outcomes.map((o: Json) => o.status).filter((s: string) => s !== 'duplicate').length).toBeLessThanOrEqual(1);
    for (const outcome of outcomes) expect(['delivered', 'duplicate']).toContain(outcome.status);
    expect(kinds(await db.notificationsOf(deadline.id))).toEqual({ overdue: 1, escalation: 1 });
    const deliveries = await db.deliveriesOf(deadline.id);
    expect(kinds(deliveries)).toEqual({ overdue: 1, escalation: 1 });

    const error = await app.strapi.db
      .query(DELIVERY)
      .create({ data: { key: deliveries[0].key, kind: 'overdue', step: 0 } })
      .then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.countOf(DELIVERY, { key: deliveries[0].key })).toBe(1);
    expect(await db.countOf(NOTIFICATION, { deadline: { id: deadline.id }, kind: 'overdue' })).toBe(1);
  });
});
