import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { createBullBackend, type BullBackend } from '../schedule/bull';
import { createInProcessBackend, type CronAdapter } from '../schedule/in-process';
import { checkDailyName, within, ZONE, type Backend, type DailyHandler, type DeliveryJob, type JobOutcome } from '../schedule/jobs';
import { isPastDue, overduePatch } from '../schedule/overdue';
import { jobIdsOf, pendingJobs, type PlannedRule } from '../schedule/plan';
import { DEADLINE, DELIVERY } from '../uids';
import { lockRow } from '../../../../../utils/row-lock';

type Row = Record<string, any>;

const OPEN = ['pending', 'overdue'];
const PAGE = 500;
const DEFAULT_RECONCILE_SECONDS = 300;
const HOUR = 3600_000;
/** How long start() waits for Redis before going on (bull keeps reconnecting; the reconnect reconciles). */
const REDIS_WAIT_MS = 5000;

/**
 * Schedules each deadline's reminders, overdue notice and escalations (contract: schedule/README.md). The
 * database is the source of truth: jobs are derived from it after every change (`sync`) and re-derived on start,
 * every few minutes and after a Redis reconnect (`reconcile`), so a lost job is only ever late, never lost.
 */
const scheduler = ({ strapi }: { strapi: Core.Strapi }) => {
  let backend: Backend | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reconciling: Promise<number> | null = null;
  const dailies = new Map<string, { cron: string; handler: DailyHandler }>();
  const service = (name: string) => strapi.plugin('deadlines').service(name);
  const calendar = (): Promise<WorkingCalendar> => service('calendar').get();
  const setting = (key: string) => strapi.config.get(`plugin::deadlines.${key}`) as unknown;

  /** Plugin config `reconcileSeconds`, else env DEADLINES_RECONCILE_SECONDS, else 300. */
  function reconcileSeconds(): number {
    const value = Number(setting('reconcileSeconds') ?? process.env.DEADLINES_RECONCILE_SECONDS ?? DEFAULT_RECONCILE_SECONDS);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_RECONCILE_SECONDS;
  }

  /** One key space per database, so platforms (and test files) sharing a Redis never run each other's jobs. */
  function queuePrefix(): string {
    const configured = setting('queuePrefix') ?? process.env.DEADLINES_QUEUE_PREFIX;
    if (configured) return String(configured);
    const connection = (strapi.config.get('database.connection.connection') ?? {}) as Row;
    const name = connection.connectionString
      ? new URL(connection.connectionString).pathname.slice(1)
      : (connection.database ?? path.basename(String(connection.filename ?? 'strapi')));
    return `bull:${String(name || 'strapi').replace(/[^\w.-]/g, '-')}`;
  }

  /** Jobs run as the platform, outside any request: per-bureau scoping never applies to deliveries. */
  const run = (data: DeliveryJob): Promise<JobOutcome> =>
    strapi.requestContext.run(undefined as any, () => service('delivery').deliver(data)) as unknown as Promise<JobOutcome>;

  /** Strapi's own cron runs the in-process daily jobs (every instance runs them: the embedded single-instance case). */
  const cron: CronAdapter = {
    schedule(name, expression, handler) {
      strapi.cron.remove(`deadlines-${name}`);
      strapi.cron.add({ [`deadlines-${name}`]: { task: () => guarded(name, handler)(), options: { rule: expression, tz: ZONE } } });
    },
    remove(name) {
      strapi.cron.remove(`deadlines-${name}`);
    },
  };

  /** A failing daily job is logged, not thrown into the timer. */
  const guarded = (name: string, handler: DailyHandler) => () =>
    Promise.resolve()
      .then(handler)
      .catch((error: Error) => strapi.log.error(`[deadlines] 每日任务 ${name} 失败 / daily job failed: ${error.message}`));

  async function createBackend(): Promise<Backend> {
    const url = process.env.REDIS_URL;
    if (!url) {
      const horizonMs = Math.max(HOUR, 2 * reconcileSeconds() * 1000);
      return createInProcessBackend({ run, log: strapi.log, cron, horizonMs });
    }
    const bull = createBullBackend({ url, prefix: queuePrefix(), run, log: strapi.log, onConnect: () => void reconcileLogged() });
    const answered = await within(bull.queue.client.ping().then(() => true), REDIS_WAIT_MS, false);
    if (!answered) strapi.log.warn(`[deadlines] Redis 暂无响应，稍后自动重连 / Redis not answering yet at ${new URL(url).host}`);
    return bull;
  }

  /** Keys of the deliveries already made for these deadlines. */
  async function deliveredKeys(ids: number[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await strapi.db.query(DELIVERY).findMany({ where: { deadline: { id: { $in: ids } } }, select: ['key'] });
    return new Set(rows.map((row) => row.key));
  }

  /**
   * Marks one deadline overdue if it still is pending past its due instant — re-read in its own transaction, its
   * row locked on PostgreSQL, so that of two instances sweeping at once only the first writes (the second finds it
   * overdue already). Returns whether it wrote.
   */
  async function markOverdueIfPastDue(id: number): Promise<boolean> {
    return strapi.db.transaction(async ({ trx }) => {
      if (!(await lockRow(strapi, trx, DEADLINE, id))) return false;
      const row = await strapi.db.query(DEADLINE).findOne({ where: { id }, select: ['id', 'documentId', 'state', 'dueAt', 'history'] });
      const now = new Date();
      if (!row || !isPastDue(row, now)) return false;
      await strapi.documents(DEADLINE as any).update({ documentId: row.documentId, data: overduePatch(row, now) as any });
      return true;
    });
  }

  /**
   * Every pending deadline whose due instant has passed becomes overdue now, without waiting for its overdue
   * notice (which a non-working day may hold back until 09:00 of the next working day). Runs as the platform.
   */
  async function sweepOverdue(): Promise<number> {
    let marked = 0;
    await strapi.requestContext.run(undefined as any, async () => {
      const now = new Date();
      for (let lastId = 0; ; ) {
        const rows = await strapi.db.query(DEADLINE).findMany({
          where: { id: { $gt: lastId }, state: 'pending', dueAt: { $lt: now } },
          orderBy: { id: 'asc' },
          limit: PAGE,
          select: ['id'],
        });
        if (!rows.length) break;
        lastId = rows[rows.length - 1].id;
        for (const { id } of rows) {
          const wrote = await markOverdueIfPastDue(id).catch((error: Error) => {
            strapi.log.error(`[deadlines] 期限 ${id} 标记逾期失败，等待下次核对 / marking overdue failed, left to the next pass: ${error.message}`);
            return false;
          });
          if (wrote) marked += 1;
        }
      }
    });
    return marked;
  }

  /** Marks past-due deadlines overdue, adds the missing jobs of every open deadline page by page, then the daily schedules. */
  async function reconcileAll(): Promise<number> {
    const current = backend;
    if (!current) return 0;
    const overdue = await sweepOverdue();
    if (overdue) strapi.log.info(`[deadlines] ${overdue} 项期限已逾期 / deadlines now overdue: ${overdue}`);
    const cal = await calendar();
    /** One page of open deadlines after `lastId`, with the keys of their deliveries. */
    const readPage = async (lastId: number) => {
      const rows = await strapi.db.query(DEADLINE).findMany({
        where: { id: { $gt: lastId }, state: { $in: OPEN } },
        orderBy: { id: 'asc' },
        limit: PAGE,
        populate: { rule: true },
      });
      return { rows, delivered: await deliveredKeys(rows.map((row) => row.id)) };
    };
    let scheduled = 0;
    let next = readPage(0);
    for (;;) {
      const { rows, delivered } = await next;
      if (!rows.length) break;
      // the next page is read while this one's jobs travel to the backend
      next = readPage(rows[rows.length - 1].id);
      next.catch(() => undefined); // a failure surfaces where it is awaited; left unawaited when this page fails
      const jobs = rows.flatMap((row) => pendingJobs(row, row.rule, cal, delivered, Date.now()));
      const added = current.addMany ? await current.addMany(jobs) : await Promise.all(jobs.map((job) => current.add(job)));
      scheduled += added.filter(Boolean).length;
    }
    for (const [name, { cron: expression, handler }] of dailies) await current.daily(name, expression, handler);
    return scheduled;
  }

  /** One pass at a time per process; a caller during a pass shares it. */
  function reconcile(): Promise<number> {
    reconciling ??= reconcileAll().finally(() => {
      reconciling = null;
    });
    return reconciling;
  }

  const reconcileLogged = () =>
    reconcile().catch((error: Error) => strapi.log.error(`[deadlines] 核对任务失败 / reconcile failed: ${error.message}`));

  /** The rule a deadline row came with (the tracker passes it), or its stored one. */
  async function ruleOf(deadline: Row): Promise<PlannedRule | null> {
    if (deadline.rule && typeof deadline.rule === 'object' && 'active' in deadline.rule) return deadline.rule;
    const found = await strapi.db.query(DEADLINE).findOne({ where: { id: deadline.id }, populate: { rule: true } });
    return found?.rule ?? null;
  }

  async function syncOne(deadline: Row, previousVersion: number | null) {
    const current = backend;
    if (!current || !deadline?.id) return;
    const rule = await ruleOf(deadline);
    if (previousVersion && previousVersion !== deadline.version) {
      for (const id of jobIdsOf(deadline.id, previousVersion, rule)) await current.remove(id);
    }
    if (!OPEN.includes(deadline.state)) {
      for (const id of jobIdsOf(deadline.id, deadline.version, rule)) await current.remove(id);
      return;
    }
    const jobs = pendingJobs(deadline as any, rule, await calendar(), await deliveredKeys([deadline.id]), Date.now());
    for (const job of jobs) await current.add(job);
  }

  return {
    async start() {
      if (backend) return;
      backend = await createBackend();
      strapi.log.info(`[deadlines] 期限调度已启动 / scheduler started: ${backend.name}, reconcile every ${reconcileSeconds()} s`);
      await reconcileLogged();
      timer = setInterval(() => void reconcileLogged(), reconcileSeconds() * 1000);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      const current = backend;
      backend = null;
      // close first: a pass waiting on an unreachable Redis then fails at once instead of holding the shutdown
      await current?.close();
      await reconciling?.catch(() => undefined);
    },

    /** After commit: drops the superseded version's jobs and adds the current ones (never throws: the reconcile repairs). */
    async sync(deadline: Row, previousVersion: number | null) {
      await syncOne(deadline, previousVersion).catch((error: Error) =>
        strapi.log.error(`[deadlines] 期限 ${deadline?.id} 排期失败，等待核对 / sync failed, left to the reconcile: ${error.message}`)
      );
    },

    reconcile,

    /** The overdue sweep alone (reconcile runs it first); returns how many deadlines it marked overdue. */
    sweepOverdue,

    async daily(name: string, expression: string, handler: DailyHandler) {
      checkDailyName(name);
      dailies.set(name, { cron: expression, handler });
      if (backend) await backend.daily(name, expression, handler);
    },

    /** Test helper: resolves when no job is due now or running. */
    async drain() {
      await backend?.idle();
    },

    /**
     * The Redis connection of the running bull backend and its key prefix, for other small shared state of the
     * platform (the sign-in rate limits); null without REDIS_URL or before start.
     */
    redis(): { client: BullBackend['queue']['client']; prefix: string } | null {
      return backend?.name === 'bull' ? { client: (backend as BullBackend).queue.client, prefix: queuePrefix() } : null;
    },

    /** Which backend runs, under which Redis prefix (for operators and tests). */
    status() {
      return { backend: backend?.name ?? null, prefix: backend?.name === 'bull' ? queuePrefix() : null, reconcileSeconds: reconcileSeconds() };
    },
  };
};

export type SchedulerService = ReturnType<typeof scheduler>;
export default scheduler;
