import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Queue from 'bull';
import { jobId } from '../../src/plugins/deadlines/server/src/schedule/actions';
import { createBullBackend, type BullBackend } from '../../src/plugins/deadlines/server/src/schedule/bull';
import { bureau, create, type Json, unique } from '../helpers/fixtures';
import { describeWithRedis, redisDatabase } from '../helpers/services';
import { useStrapi } from '../helpers/strapi';
import {
  beforeDue,
  dateAfter,
  dateFromToday,
  DELIVERY,
  fakeWallClock,
  kinds,
  LEAD_SECONDS,
  NOTIFICATION,
  rows,
  setEnv,
  useSecondsRule,
  waitFor,
} from './helpers';

/**
 * The clustered scheduler on a real Redis and the real database: several workers on one queue, a worker killed
 * mid-job, and Redis losing every key. Redis database 5 is this suite's own (it is flushed); the queue's key
 * prefix comes from this test file's own database, so it is unique per run. The wall clock is set a few seconds
 * before the tasks' due instant (see ./helpers.ts); timers, Redis and the database are real.
 */
const TEST_REDIS_DB = 5;

describeWithRedis('deadline deliveries on bull (Redis)', () => {
  const url = redisDatabase(process.env.REDIS_URL!, TEST_REDIS_DB);
  // no periodic pass during the tests: what restores the jobs after the flush is the reconcile the test calls
  const restoreEnv = setEnv({ REDIS_URL: url, DEADLINES_RECONCILE_SECONDS: '3600' });

  const app = useStrapi();
  const db = rows(app);
  const scheduler = () => app.strapi.plugin('deadlines').service('scheduler');
  const deliver = (data: Json) => app.strapi.plugin('deadlines').service('delivery').deliver(data);
  const log = { info: () => undefined, warn: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) };
  let rule: Json;
  let responsible: Json;
  let prefix: string;
  /** Reads the queue without taking jobs. */
  let observer: Queue.Queue;

  beforeAll(async () => {
    expect(scheduler().status().backend).toBe('bull');
    prefix = scheduler().status().prefix;
    expect(prefix).toMatch(/^bull:test[-_]/);
    observer = new Queue('deadlines', url, { prefix });
    rule = await useSecondsRule(app);
    responsible = await bureau(app, 'commerce');
    fakeWallClock(beforeDue(dateFromToday(20), 60));
  }, 60_000);

  afterAll(async () => {
    jest.useRealTimers();
    await observer?.close();
    restoreEnv();
  });

  /** Tasks of the responsible bureau due at the end of `date`, with their deadline ids under the seconds rule. */
  async function tasks(date: string, count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const record = await create(app, 'tasks', { title: unique('协调用地-'), deadline: date, responsibleBureau: responsible.documentId });
      ids.push((await db.deadlineOf(record.documentId, rule.id)).id);
    }
    return ids;
  }

  const schedules = async (name: string) => (await observer.getRepeatableJobs()).filter((schedule) => schedule.id === name);
  const count = (uid: string, ids: number[]) => db.countOf(uid, { deadline: { id: { $in: ids } } });
  const everyKindOnce = async (ids: number[], expected: Record<string, number>) => {
    for (const id of ids) {
      expect({ id, notifications: kinds(await db.notificationsOf(id)) }).toEqual({ id, notifications: expected });
      expect({ id, deliveries: kinds(await db.deliveriesOf(id)) }).toEqual({ id, deliveries: expected });
    }
  };

  it('two workers on one queue deliver each of 50 deadlines’ reminder, overdue notice and escalation exactly once', async () => {
    const runs = { second: 0 };
    const second: BullBackend = createBullBackend({
      url,
      prefix,
      log,
      run: async (data) => {
        runs.second += 1;
        return deliver(data);
      },
    });
    try {
      const date = dateFromToday(21);
      jest.setSystemTime(beforeDue(date, 12)); // time enough to write 50 tasks before their reminders
      const ids = await tasks(date, 50);

      await waitFor('150 notifications', async () => (await count(NOTIFICATION, ids)) >= 150, 90_000);
      await Promise.all([scheduler().reconcile(), scheduler().reconcile()]);
      await Promise.all([scheduler().drain(), second.idle()]);

      expect(await count(NOTIFICATION, ids)).toBe(150);
      expect(await count(DELIVERY, ids)).toBe(150);
      await everyKindOnce(ids, { reminder: 1, overdue: 1, escalation: 1 });
      // the second worker took its share of the queue (the app's own worker took the rest)
      expect(runs.second).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  }, 120_000);

  it('a job whose worker is killed mid-job is taken over by another worker and delivered once', async () => {
    const date = dateFromToday(22);
    jest.setSystemTime(beforeDue(dateAfter(date), 12 * 3600)); // noon the day after: overdue at once
    await scheduler().stop(); // only the doomed worker may take the job
    const [id] = await tasks(date, 1);
    const deadline = (await app.strapi.db.query('plugin::deadlines.deadline').findOne({ where: { id } }))!;
    expect(deadline.state).toBe('overdue');
    const job = { id: jobId(id, deadline.version, 'overdue', 0), data: { deadlineId: id, version: deadline.version, kind: 'overdue', step: 0 } };

    const stalled: string[] = [];
    observer.on('global:stalled', (jobIdStalled: string) => stalled.push(String(jobIdStalled)));
    const child = spawnWorker(url, prefix, job);
    try {
      await child.took;
      expect(await (await observer.getJob(job.id))!.isActive()).toBe(true);
    } finally {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    expect(await db.deliveriesOf(id)).toEqual([]);

    // the platform's scheduler comes back: its reconcile cannot add the job again (it still exists, held by a dead
    // worker's expired lock), so the overdue notice can only come from the stalled job being taken over
    await scheduler().start();
    await waitFor('the overdue notice and the escalation', async () => (await db.notificationsOf(id)).length >= 2, 60_000);
    await scheduler().drain();
    expect(stalled).toContain(job.id);
    await everyKindOnce([id], { overdue: 1, escalation: 1 });
    expect(await observer.getJob(job.id)).toBeNull();
  }, 120_000);

  it('after Redis loses every key (FLUSHDB) a reconcile restores the missing jobs and the daily schedule: nothing lost, nothing doubled', async () => {
    const daily = jest.fn(async () => undefined);
    await scheduler().daily('test-digest', '0 3 * * *', daily);
    expect(await schedules('test-digest')).toEqual([expect.objectContaining({ cron: '0 3 * * *', tz: 'Asia/Shanghai' })]);

    const date = dateFromToday(23);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS + 3));
    const late = await tasks(dateFromToday(19), 5); // already overdue: delivered before the flush
    const pending = await tasks(date, 10); // their jobs wait in Redis
    await waitFor('the late tasks’ deliveries', async () => (await count(DELIVERY, late)) >= 10);
    await scheduler().drain(); // nothing running: what the flush loses is exactly the waiting jobs
    expect((await observer.getDelayed()).length).toBeGreaterThanOrEqual(30);

    expect(await observer.client.flushdb()).toBe('OK');
    expect(await observer.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    expect(await observer.getRepeatableJobs()).toEqual([]);

    await Promise.all([scheduler().reconcile(), scheduler().reconcile()]);
    expect(await schedules('test-digest')).toEqual([expect.objectContaining({ cron: '0 3 * * *' })]);
    // the platform's own daily job (src/index.ts) is back too
    expect(await schedules('open-monthly-reports')).toHaveLength(1);
    await waitFor('the pending tasks’ deliveries', async () => (await count(DELIVERY, pending)) >= 30, 60_000);
    await scheduler().reconcile();
    await scheduler().drain();

    await everyKindOnce(late, { overdue: 1, escalation: 1 });
    await everyKindOnce(pending, { reminder: 1, overdue: 1, escalation: 1 });

    // a changed time replaces the schedule of that name instead of adding a second one
    await scheduler().daily('test-digest', '30 8 * * *', daily);
    expect(await schedules('test-digest')).toEqual([expect.objectContaining({ cron: '30 8 * * *' })]);
    expect(daily).not.toHaveBeenCalled();
  }, 120_000);

  it('a waiting job whose plan moved is replaced, not doubled; adding it unchanged leaves it alone', async () => {
    const producer = createBullBackend({ url, prefix, log, concurrency: 0 });
    try {
      const now = Date.now();
      const job = (inMs: number) => ({ id: 'deadline:999999:v1:reminder:0', runAt: new Date(now + inMs), data: { deadlineId: 999999, version: 1, kind: 'reminder' as const, step: 0 } });
      const plannedAt = async () => {
        const found = (await observer.getJob(job(0).id))!;
        return found.timestamp + (found.opts.delay ?? 0);
      };
      expect(await producer.add(job(3600_000))).toBe(true);
      const first = (await observer.getJob(job(0).id))!.timestamp;
      expect(await producer.add(job(3600_000))).toBe(true);
      expect((await observer.getJob(job(0).id))!.timestamp).toBe(first);
      expect(await producer.add(job(7200_000))).toBe(true);
      expect(await plannedAt()).toBe(now + 7200_000);
      expect((await observer.getDelayed()).filter((delayed) => delayed.id === job(0).id)).toHaveLength(1);
      await producer.remove(job(0).id);
      expect(await observer.getJob(job(0).id)).toBeNull();
    } finally {
      await producer.close();
    }
  });

  it('addMany (the reconcile’s batch) adds the missing jobs once, leaves unchanged ones alone and replaces moved ones', async () => {
    const producer = createBullBackend({ url, prefix, log, concurrency: 0 });
    try {
      const now = Date.now();
      const job = (id: number, inMs: number) => ({ id: `deadline:${id}:v1:overdue:0`, runAt: new Date(now + inMs), data: { deadlineId: id, version: 1, kind: 'overdue' as const, step: 0 } });
      const ids = [999001, 999002, 999003];
      const plannedAt = async (id: number) => {
        const found = (await observer.getJob(job(id, 0).id))!;
        return found.timestamp + (found.opts.delay ?? 0);
      };
      expect(await producer.addMany(ids.map((id) => job(id, 3600_000)))).toEqual([true, true, true]);
      const first = (await observer.getJob(job(ids[0], 0).id))!.timestamp;
      // again, one moved an hour later and a new one: nothing doubled, the unchanged one untouched
      expect(await producer.addMany([job(ids[0], 3600_000), job(ids[1], 7200_000), job(ids[2], 3600_000), job(999004, 3600_000)])).toEqual([true, true, true, true]);
      expect((await observer.getJob(job(ids[0], 0).id))!.timestamp).toBe(first);
      expect(await plannedAt(ids[1])).toBe(now + 7200_000);
      const delayed = (await observer.getDelayed()).map((found) => found.id).filter((id) => String(id).startsWith('deadline:9990'));
      expect(delayed.sort()).toEqual([...ids, 999004].map((id) => job(id, 0).id).sort());
      expect(await producer.addMany([])).toEqual([]);
      for (const id of [...ids, 999004]) await producer.remove(job(id, 0).id);
    } finally {
      await producer.close();
    }
  });
});

/** Starts the doomed worker; `took` resolves once it holds the job. */
function spawnWorker(url: string, prefix: string, job: Json) {
  const script = path.join(__dirname, 'fixtures', 'hung-worker.js');
  const child: ChildProcess = spawn(process.execPath, [script, url, prefix, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const took = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not take the job within 30 s: ${output}`)), 30_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('took ')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before taking the job: ${output}`)));
    child.once('exit', () => clearTimeout(timer));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, took, exited };
}
