'use strict';
/**
 * P6 the scheduler at scale: `deadlines` pending deadlines (default 100 000) under the seeded default rules, due in
 * 8 to 67 days, bulk-inserted into the benchmark database. With REDIS_URL set the platform (compiled dist/) runs its
 * bull backend under a queue prefix of its own (`bench-p6-<pid>:ours`); one `reconcile()` enqueues every job of every
 * deadline. Then, with all of them waiting in Redis, `lateJobs` new deadlines (default 200) under a rule that only
 * sends the overdue notice are handed to the scheduler one by one as writes do (`sync` after the commit), due from
 * 5 s to 25 s later — 10 a second, well within what the deliveries can do — and delivered.
 *
 * Baseline: bare bull (`new Queue(name, REDIS_URL, { prefix: 'bench-p6-<pid>:bare' })`) with the same number of
 * delayed jobs as the reconcile enqueued, the same job ids, data shape and job options, delays of the same spread,
 * inserted with `addBulk` in chunks of 1 000; then the `lateJobs` early ones added one by one (`queue.add`) with the
 * same spread, taken by a trivial processor (concurrency 5, as ours).
 *
 * Measured:
 * - enqueue time: the first `reconcile()` (ours) against the bare insertion; the second, idempotent reconcile
 *   (every job already there) in the details;
 * - Redis bytes per deadline: the sum of `MEMORY USAGE <key> SAMPLES 0` over every key under the prefix once the
 *   early jobs are done (their jobs removed; measured outside the deliveries' window so as not to slow them), divided
 *   by the `deadlines` far deadlines whose jobs remain; the `used_memory` delta in the details (the Redis is shared:
 *   only indicative);
 * - lateness of the early deliveries: ours `deliveredAt` of the delivery row (the delivery's own work included)
 *   minus the planned instant (due + 1 ms); bare, the processing instant minus `job.timestamp + job.opts.delay`. p50
 *   and p99. The early deadlines belong to a bureau of their own: each delivery marks its deadline overdue and the
 *   traffic lights recompute that bureau, here over its own few deadlines.
 *
 * Targets (issue P6): lateness p99 < 1 s, bytes per deadline ≤ 1.5 × bare. Every key under `bench-p6-<pid>` is
 * deleted at the end (SCAN + UNLINK; never FLUSHDB). Without REDIS_URL, or when Redis does not answer, one row says
 * the measurement was left out.
 */
const path = require('path');
const { monitorEventLoopDelay } = require('perf_hooks');
const { DateTime } = require('luxon');
const { documentId, insert, link, prepareEnv, median, fmt, random } = require('./lib');

const DEADLINE = 'plugin::deadlines.deadline';
const DELIVERY = 'plugin::deadlines.delivery';
const RULE = 'plugin::deadlines.rule';
const BUREAU = 'api::bureau.bureau';
const TASK = 'api::task.task';
const ZONE = 'Asia/Shanghai';
const DAY = 86400_000;
/** The early deliveries fall this long after the reconcile (ours) or the insertion (bare) starts. */
const LATE_FROM_MS = 5_000;
const LATE_SPAN_MS = 20_000;
/** How long after the last planned early delivery we stop waiting for the missing ones. */
const LATE_GRACE_MS = 30_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function leftOut(reason) {
  return {
    name: 'P6 scheduler (left out)',
    unit: '',
    candidate: { label: 'ours', value: NaN },
    baseline: { label: 'bare bull', value: NaN },
    ratio: NaN,
    target: { op: 'left out', value: '', unit: '' },
    ok: false,
    valid: true,
    details: { leftOut: reason },
  };
}

function redisClient(url) {
  const Redis = require('ioredis');
  return new Redis(url, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: true, retryStrategy: () => null });
}

/** Every key under `pattern`, by SCAN (never KEYS on a shared Redis). */
async function keysUnder(redis, pattern) {
  const keys = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Sum of MEMORY USAGE (all elements sampled) over every key under `pattern`, and how many keys. */
async function bytesUnder(redis, pattern) {
  const keys = await keysUnder(redis, pattern);
  let bytes = 0;
  for (let i = 0; i < keys.length; i += 2000) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(i, i + 2000)) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, value] of await pipeline.exec()) if (!error) bytes += Number(value) || 0;
  }
  return { bytes, keys: keys.length };
}

async function usedMemory(redis) {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

async function deleteUnder(redis, pattern) {
  const keys = await keysUnder(redis, pattern);
  for (let i = 0; i < keys.length; i += 1000) await redis.unlink(...keys.slice(i, i + 1000));
  return keys.length;
}

/** Deadline rows (no target records: the scheduler and the delivery read only the deadline, its rule and bureau). */
function deadlineRows(count, { ruleOf, bureauOf, dueOf, label }) {
  const stamp = new Date();
  return Array.from({ length: count }, (_, i) => {
    const dueAt = dueOf(i);
    const target = documentId();
    const rule = ruleOf(i);
    return {
      row: {
        createdAt: stamp,
        updatedAt: stamp,
        documentId: documentId(),
        instanceKey: `${rule.id}:${TASK}:${target}`,
        targetUid: TASK,
        targetDocumentId: target,
        targetTitle: `${label} ${i + 1}`,
        startAt: stamp,
        dueAt,
        dueDate: DateTime.fromJSDate(dueAt).setZone(ZONE).toISODate(),
        fallback: false,
        state: 'pending',
        version: 1,
        history: [],
      },
      rule: rule.id,
      bureau: bureauOf(i).id,
    };
  });
}

async function insertDeadlines(strapi, deadlines) {
  const ids = await insert(
    strapi,
    DEADLINE,
    deadlines.map((d) => d.row)
  );
  await link(
    strapi,
    DEADLINE,
    'rule',
    deadlines.map((d, i) => [ids[i], d.rule])
  );
  await link(
    strapi,
    DEADLINE,
    'bureau',
    deadlines.map((d, i) => [ids[i], d.bureau])
  );
  return ids;
}

async function measureOurs({ appDir, url, prefix, deadlines, lateJobs, redis }) {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  strapi.log.level = 'error';
  const t = {};
  try {
    await strapi.load();
    const scheduler = strapi.plugin('deadlines').service('scheduler');
    const status = scheduler.status();
    if (status.backend !== 'bull' || status.prefix !== prefix) throw new Error(`scheduler runs ${status.backend} under ${status.prefix}, expected bull under ${prefix}`);

    const rand = random(20261126);
    const rules = (await strapi.db.query(RULE).findMany({ where: { active: true } })).filter((rule) =>
      ['api::opinion.opinion', 'api::problem.problem', 'api::task.task'].includes(rule.contentType)
    );
    if (!rules.length) throw new Error('no active default deadline rule for opinions, problems or tasks');
    const departments = await strapi.db.query(BUREAU).findMany({ where: { kind: 'department' }, select: ['id'] });
    if (!departments.length) throw new Error('no department bureau seeded');
    const late = await strapi.db.query(RULE).create({
      data: {
        documentId: documentId(),
        key: 'bench-p6-late',
        name: '基准测试 逾期通知',
        contentType: TASK,
        durationKind: 'calendar_days',
        duration: 1,
        reminders: [],
        escalations: [],
        deliverOnNonWorkingDays: true,
        active: true,
      },
    });
    // the early ones under a bureau of their own: each delivery marks its deadline overdue, and the traffic lights
    // then recompute the deadline's bureau — over its own thousand deadlines, not a department's thousands of far ones
    const lateBureau = await strapi.db.query(BUREAU).create({
      data: { documentId: documentId(), name: '基准测试 临期部门', code: 'bench-p6-late', kind: 'department' },
    });
    const pick = (list) => list[Math.floor(rand() * list.length)];
    const today = DateTime.now().setZone(ZONE).startOf('day');

    let started = Date.now();
    // due in 8 to 67 days at the end of a day: nothing of these is due while measuring
    await insertDeadlines(
      strapi,
      deadlineRows(deadlines, {
        ruleOf: (i) => rules[i % rules.length],
        bureauOf: () => pick(departments),
        dueOf: () => today.plus({ days: 8 + Math.floor(rand() * 60) }).endOf('day').toJSDate(),
        label: '基准测试期限',
      })
    );
    t.seedMs = Date.now() - started;

    const loop = monitorEventLoopDelay({ resolution: 20 });
    loop.enable();
    const memoryBefore = await usedMemory(redis);
    const reconcileStarted = Date.now();
    started = reconcileStarted;
    const scheduled = await scheduler.reconcile();
    t.reconcileMs = Date.now() - started;
    const reconciledAt = Date.now();
    const delayed = await redis.zcard(`${prefix}:deadlines:delayed`);

    // then, with every far job waiting in Redis, `lateJobs` new deadlines as writes make them: inserted and handed
    // to the scheduler one by one (`sync`, what the deadline hook does after each commit), due from 5 s to 25 s on
    const anchor = Date.now();
    const lateIds = await insertDeadlines(
      strapi,
      deadlineRows(lateJobs, {
        ruleOf: () => late,
        bureauOf: () => lateBureau,
        dueOf: (i) => new Date(anchor + LATE_FROM_MS + Math.round((i * LATE_SPAN_MS) / Math.max(1, lateJobs))),
        label: '基准测试临期',
      })
    );
    const lateRows = await strapi.db.query(DEADLINE).findMany({ where: { id: { $in: lateIds } }, populate: { rule: true, bureau: { select: ['id'] } } });
    for (const row of lateRows) await scheduler.sync(row, null);
    t.syncMs = Date.now() - anchor;

    // the early deliveries, as they land
    const lastPlanned = anchor + LATE_FROM_MS + LATE_SPAN_MS;
    let delivered = [];
    while (Date.now() < lastPlanned + LATE_GRACE_MS) {
      delivered = await strapi.db.query(DELIVERY).findMany({ where: { kind: 'overdue' }, select: ['key', 'dueAt', 'deliveredAt'] });
      if (delivered.length >= lateJobs) break;
      await sleep(1000);
    }
    loop.disable();
    // the bytes once the early ones are delivered (their jobs removed), out of the deliveries' way: the far
    // deadlines' jobs, as for bare bull
    const memoryAfter = await usedMemory(redis);
    const { bytes, keys } = await bytesUnder(redis, `${prefix}:*`);
    // a second pass with everything in place: what the periodic reconcile costs (the early ones are delivered)
    started = Date.now();
    const rescheduled = await scheduler.reconcile();
    t.secondReconcileMs = Date.now() - started;

    const keysSeen = new Set(delivered.map((row) => row.key));
    const lateness = delivered.map((row) => new Date(row.deliveredAt).getTime() - (new Date(row.dueAt).getTime() + 1));
    const times = delivered.map((row) => new Date(row.deliveredAt).getTime());
    const spanMs = times.length > 1 ? Math.max(...times) - Math.min(...times) : NaN;
    return {
      ...t,
      deliveriesPerSecond: times.length > 1 ? ((times.length - 1) * 1000) / spanMs : NaN,
      reconciledAfterMs: reconciledAt - reconcileStarted,
      scheduled,
      rescheduled,
      delayed,
      bytes,
      keys,
      usedMemoryDelta: memoryAfter - memoryBefore,
      total: deadlines + lateJobs,
      far: deadlines,
      delivered: delivered.length,
      duplicates: delivered.length - keysSeen.size,
      lateness,
      eventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      lateSyncMs: t.syncMs,
    };
  } finally {
    await strapi.destroy().catch(() => {});
  }
}

async function measureBare({ url, prefix, deadlines, lateJobs, farJobs, redis }) {
  const Queue = require('bull');
  const queue = new Queue('deadlines', url, {
    prefix,
    settings: { stalledInterval: 1000, lockDuration: 5000, maxStalledCount: 2 },
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: true },
  });
  const lateness = [];
  try {
    await queue.isReady();
    const rand = random(20261126);
    const now = Date.now();
    const kinds = ['reminder', 'overdue', 'escalation'];
    const far = [];
    // `farJobs` jobs over `deadlines` deadlines: as many per deadline as ours had, the remainder on the first ones
    const each = Math.floor(farJobs / deadlines);
    const extra = farJobs - each * deadlines;
    for (let id = 1; id <= deadlines; id += 1) {
      const due = now + (8 + Math.floor(rand() * 60)) * DAY;
      for (let j = 0; j < each + (id <= extra ? 1 : 0); j += 1) {
        const kind = kinds[Math.min(j, kinds.length - 1)];
        const step = j < kinds.length ? 0 : j - kinds.length + 1;
        const data = { deadlineId: id, version: 1, kind, step, ...(kind === 'escalation' ? { to: 'office' } : {}) };
        far.push({ id: `deadline:${id}:v1:${kind}:${step}`, at: due + (j - 1) * DAY, data });
      }
    }
    const memoryBefore = await usedMemory(redis);
    const started = Date.now();
    for (let i = 0; i < far.length; i += 1000) {
      const at = Date.now();
      await queue.addBulk(far.slice(i, i + 1000).map((job) => ({ data: job.data, opts: { jobId: job.id, delay: Math.max(0, job.at - at) } })));
    }
    const insertMs = Date.now() - started;
    const delayed = await queue.getDelayedCount();

    // then the early ones one by one, as ours: due from 5 s to 25 s on
    const anchor = Date.now();
    for (let i = 0; i < lateJobs; i += 1) {
      const at = anchor + LATE_FROM_MS + Math.round((i * LATE_SPAN_MS) / Math.max(1, lateJobs));
      const data = { deadlineId: deadlines + i + 1, version: 1, kind: 'overdue', step: 0 };
      await queue.add(data, { jobId: `deadline:${deadlines + i + 1}:v1:overdue:0`, delay: Math.max(0, at - Date.now()) });
    }
    const all = { length: far.length + lateJobs };

    let done;
    const finished = new Promise((resolve) => (done = resolve));
    queue.process(5, async (job) => {
      lateness.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
      if (lateness.length >= lateJobs) done();
    });
    await Promise.race([finished, sleep(Math.max(0, anchor + LATE_FROM_MS + LATE_SPAN_MS + LATE_GRACE_MS - Date.now()))]);
    const memoryAfter = await usedMemory(redis);
    const { bytes, keys } = await bytesUnder(redis, `${prefix}:*`);
    return { insertMs, jobs: all.length, delayed, bytes, keys, usedMemoryDelta: memoryAfter - memoryBefore, total: deadlines, processed: lateness.length, lateness };
  } finally {
    await queue.close().catch(() => {});
  }
}

async function run({ appDir, deadlines = 100000, lateJobs = 200 }) {
  const url = process.env.REDIS_URL;
  if (!url) return [leftOut('REDIS_URL is not set')];
  const redis = redisClient(url);
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    return [leftOut(`Redis at ${url} does not answer: ${error.message}`)];
  }

  const root = `bench-p6-${process.pid}`;
  const oursPrefix = `${root}:ours`;
  const barePrefix = `${root}:bare`;
  const saved = { prefix: process.env.DEADLINES_QUEUE_PREFIX, seconds: process.env.DEADLINES_RECONCILE_SECONDS };
  process.env.DEADLINES_QUEUE_PREFIX = oursPrefix;
  // no periodic pass while measuring: the two reconciles are the benchmark's own
  process.env.DEADLINES_RECONCILE_SECONDS = '86400';
  const drop = prepareEnv(appDir);
  let ours;
  let bare;
  try {
    ours = await measureOurs({ appDir, url, prefix: oursPrefix, deadlines, lateJobs, redis });
    // the same number of delayed jobs as the reconcile enqueued
    await deleteUnder(redis, `${oursPrefix}:*`);
    bare = await measureBare({ url, prefix: barePrefix, deadlines, lateJobs, farJobs: Math.max(deadlines, ours.scheduled), redis });
  } finally {
    drop();
    await deleteUnder(redis, `${root}:*`).catch(() => {});
    redis.disconnect();
    for (const [name, value] of [
      ['DEADLINES_QUEUE_PREFIX', saved.prefix],
      ['DEADLINES_RECONCILE_SECONDS', saved.seconds],
    ]) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }

  const count = fmt(deadlines);
  const jobsOk = ours.delayed >= ours.scheduled && ours.scheduled >= ours.far;
  const perOurs = ours.bytes / ours.far;
  const perBare = bare.bytes / bare.total;
  const p = (values, q) => percentile(values, q);
  const deliveredAll = ours.delivered === lateJobs && ours.duplicates === 0;
  return [
    {
      name: `P6 enqueue/reconcile ${count} deadlines`,
      unit: 's',
      candidate: { label: 'ours reconcile()', value: ours.reconcileMs / 1000 },
      baseline: { label: 'bare bull addBulk', value: bare.insertMs / 1000 },
      ratio: ours.reconcileMs / bare.insertMs,
      target: { op: 'report', value: '', unit: '' },
      ok: jobsOk,
      valid: jobsOk && bare.jobs - lateJobs === ours.scheduled,
      details: {
        deadlines: ours.total,
        jobs: ours.scheduled,
        jobsPerDeadline: ours.scheduled / ours.total,
        delayedAfter: ours.delayed,
        bareJobs: bare.jobs,
        bareDelayed: bare.delayed,
        secondReconcileSeconds: ours.secondReconcileMs / 1000,
        secondReconcileAdded: ours.rescheduled,
        seedSeconds: ours.seedMs / 1000,
      },
    },
    {
      name: 'P6 Redis bytes per deadline',
      unit: 'B',
      candidate: { label: 'ours', value: perOurs },
      baseline: { label: 'bare bull', value: perBare },
      ratio: perOurs / perBare,
      target: { op: '<=', value: 1.5 },
      ok: perOurs <= 1.5 * perBare,
      valid: ours.keys > 0 && bare.keys > 0,
      details: {
        method: 'sum of MEMORY USAGE <key> SAMPLES 0 over the prefix keys once the early jobs are done / the far deadlines',
        oursBytes: ours.bytes,
        oursKeys: ours.keys,
        bareBytes: bare.bytes,
        bareKeys: bare.keys,
        bytesPerJob: { ours: ours.bytes / ours.scheduled, bare: bare.bytes / (bare.jobs - lateJobs) },
        usedMemoryDelta: { ours: ours.usedMemoryDelta, bare: bare.usedMemoryDelta },
      },
    },
    {
      name: 'P6 lateness p99',
      unit: 'ms',
      candidate: { label: 'ours', value: p(ours.lateness, 99) },
      baseline: { label: 'bare bull', value: p(bare.lateness, 99) },
      ratio: p(ours.lateness, 99) / p(bare.lateness, 99),
      target: { op: '<', value: 1000, unit: ' ms' },
      ok: deliveredAll && p(ours.lateness, 99) < 1000,
      valid: deliveredAll && bare.processed === lateJobs,
      details: {
        p50: { ours: p(ours.lateness, 50), bare: p(bare.lateness, 50) },
        max: { ours: Math.max(...ours.lateness), bare: Math.max(...bare.lateness) },
        median: median(ours.lateness),
        deliveries: { expected: lateJobs, ours: ours.delivered, duplicates: ours.duplicates, bare: bare.processed },
        oursSyncOfTheEarlyOnesMs: ours.lateSyncMs,
        oursEventLoopDelayMs: ours.eventLoopDelayMs,
        oursReconcileEndedAfterMs: ours.reconciledAfterMs,
        oursDeliveriesPerSecond: ours.deliveriesPerSecond,
        measuredAs: 'ours: delivery deliveredAt − (dueAt + 1 ms); bare: processed − (job.timestamp + delay)',
      },
    },
  ];
}

module.exports = { run };
