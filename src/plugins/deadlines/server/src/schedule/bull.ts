import Queue from 'bull';
import {
  checkDailyName,
  RETRY,
  sleep,
  ZONE,
  type Backend,
  type DailyHandler,
  type DeliveryJob,
  type Logger,
  type RunJob,
  type ScheduledJob,
} from './jobs';

/**
 * The clustered backend: one bull queue on Redis shared by every process of the platform. Delayed jobs carry
 * the ids of `jobId()`, so adding a job twice is a no-op; a worker killed mid-job loses its lock within
 * seconds and another worker takes the job over; the database decides whether a delivery already happened.
 */
export interface BullOptions {
  url: string;
  /** Redis key prefix: one per database, so two platforms (or two test files) sharing a Redis never meet. */
  prefix: string;
  queueName?: string;
  run: RunJob;
  log: Logger;
  /** Jobs run at once by this process; 0 makes a producer that never takes a job. */
  concurrency?: number;
  attempts?: number;
  backoffMs?: number;
  settings?: Queue.AdvancedSettings;
  /** Called each time the connection to Redis is (re)established: the data may have been lost meanwhile. */
  onConnect?: () => void;
}

type Data = DeliveryJob | { daily: string };

export interface BullBackend extends Backend {
  readonly queue: Queue.Queue<Data>;
  addMany(jobs: ScheduledJob[]): Promise<boolean[]>;
  /** Closes without waiting for running jobs: what a crash looks like to the other workers. */
  abandon(): Promise<void>;
}

export const QUEUE_NAME = 'deadlines';
/** Locks expire 5 s after a worker dies and are checked every second: a killed worker's job resumes in seconds. */
export const RECOVERY_SETTINGS: Queue.AdvancedSettings = { stalledInterval: 1000, lockDuration: 5000, maxStalledCount: 2 };
/** Times within this distance count as the same when deciding whether a waiting job must move. */
const SAME_TIME_MS = 1000;
/** Jobs looked up (one script) or added (one `addBulk`) at once by `addMany`. */
const BATCH = 1000;
/** For each job hash in KEYS: when it is planned to run (timestamp + delay), or nil when there is no such job. */
const PLANNED_SCRIPT = `
local planned = {}
for i, key in ipairs(KEYS) do
  local job = redis.call('HMGET', key, 'timestamp', 'delay')
  if job[1] then planned[i] = tonumber(job[1]) + (tonumber(job[2]) or 0) else planned[i] = false end
end
return planned`;

export function createBullBackend(options: BullOptions): BullBackend {
  const { run, log } = options;
  const concurrency = options.concurrency ?? 5;
  const queue = new Queue<Data>(options.queueName ?? QUEUE_NAME, options.url, {
    prefix: options.prefix,
    settings: { ...RECOVERY_SETTINGS, ...options.settings },
    defaultJobOptions: {
      attempts: options.attempts ?? RETRY.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? RETRY.backoffMs },
      // a finished job leaves Redis: the database keeps the record, and a reconcile may add the id again
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  const dailies = new Map<string, DailyHandler>();
  watchConnection(queue, log, options.onConnect);
  // once the connection is lost nothing waits on Redis: the reconcile that follows the reconnection adds what was missed
  const online = () => !['reconnecting', 'close', 'end'].includes(queue.client.status);

  /** Runs one job: a daily one by its name, a delivery through `run`. */
  async function handle(job: Queue.Job<Data>) {
    if ('daily' in job.data) return runDaily(job.data.daily);
    const outcome = await run(job.data);
    if (outcome.status === 'early') queueMicrotask(() => void readd(job.id, job.data as DeliveryJob, outcome.runAt));
    return outcome;
  }

  async function runDaily(name: string) {
    const handler = dailies.get(name);
    if (!handler) throw new Error(`no handler for daily job ${name} in this process`);
    await handler();
  }

  /** An early job is put back once bull has removed the finished one (else the next reconcile adds it). */
  async function readd(id: Queue.JobId, data: DeliveryJob, runAt: Date) {
    try {
      for (let tries = 0; tries < 50 && (await queue.getJob(id)); tries += 1) await sleep(20);
      await backend.add({ id: String(id), runAt, data });
    } catch (error) {
      log.warn(`[deadlines] 重新排期失败 / could not put ${id} back: ${(error as Error).message}`);
    }
  }

  if (concurrency > 0) {
    queue.process('*', concurrency, handle).catch((error: Error) => log.error(`[deadlines] 队列处理停止 / queue worker stopped: ${error.message}`));
  }

  const backend: BullBackend = {
    name: 'bull',
    queue,

    async add(job: ScheduledJob) {
      if (!online()) return false;
      const existing = await queue.getJob(job.id);
      if (existing) {
        if (!(await existing.isDelayed()) || sameTime(existing, job.runAt)) return true;
        // the plan moved: a waiting job cannot be rescheduled by adding it again, only replaced
        await existing.remove().catch(() => undefined);
      }
      await queue.add(job.data, { jobId: job.id, delay: Math.max(0, job.runAt.getTime() - Date.now()) });
      return true;
    },

    /**
     * The reconcile's path: one script looks up when each job of the batch is planned (its hash's timestamp +
     * delay), the missing ones go in one `addBulk` (idempotent by job id like `add`), and one planned for another
     * time goes through `add` (replaced if it is still delayed).
     */
    async addMany(jobs: ScheduledJob[]) {
      if (!jobs.length) return [];
      if (!online()) return jobs.map(() => false);
      const results: boolean[] = new Array(jobs.length).fill(true);
      const missing: number[] = [];
      const moved: number[] = [];
      for (let start = 0; start < jobs.length; start += BATCH) {
        const batch = jobs.slice(start, start + BATCH);
        const planned = (await queue.client.eval(PLANNED_SCRIPT, batch.length, ...batch.map((job) => queue.toKey(job.id)))) as (number | null)[];
        batch.forEach((job, i) => {
          const at = planned[i];
          if (at === null || at === undefined) missing.push(start + i);
          // only a job planned for another time may have to move: `add` replaces it if it is still delayed
          else if (!samePlan(Number(at), job.runAt)) moved.push(start + i);
        });
      }
      for (let start = 0; start < missing.length; start += BATCH) {
        const now = Date.now();
        await queue.addBulk(
          missing.slice(start, start + BATCH).map((index) => {
            const job = jobs[index];
            return { data: job.data, opts: { jobId: job.id, delay: Math.max(0, job.runAt.getTime() - now) } };
          })
        );
      }
      for (const index of moved) results[index] = await backend.add(jobs[index]);
      return results;
    },

    async remove(id: string) {
      if (!online()) return;
      const job = await queue.getJob(id);
      // a job another worker holds cannot be removed: it will find its version stale and drop itself
      await job?.remove().catch(() => undefined);
    },

    async daily(name: string, cron: string, handler: DailyHandler) {
      checkDailyName(name);
      dailies.set(name, handler);
      if (!online()) return;
      for (const schedule of await queue.getRepeatableJobs()) {
        if (schedule.id === name && (schedule.cron !== cron || schedule.tz !== ZONE)) await queue.removeRepeatableByKey(schedule.key);
      }
      await queue.add({ daily: name }, { jobId: name, repeat: { cron, tz: ZONE } });
    },

    async idle() {
      while (online() && (await busy(queue))) await sleep(50);
    },

    async close() {
      await queue.close();
    },

    async abandon() {
      await queue.close(true);
    },
  };
  return backend;
}

/** When a delayed job is planned to run: its creation plus its delay. */
function sameTime(job: Queue.Job, runAt: Date): boolean {
  return samePlan(job.timestamp + (job.opts.delay ?? 0), runAt);
}

function samePlan(planned: number, runAt: Date): boolean {
  const now = Date.now();
  return Math.abs(planned - runAt.getTime()) < SAME_TIME_MS || (planned <= now && runAt.getTime() <= now);
}

/** Whether a job is waiting, running, or delayed until a time already past. */
async function busy(queue: Queue.Queue): Promise<boolean> {
  const counts = await queue.getJobCounts();
  if (counts.waiting || counts.active) return true;
  const [next] = await queue.getDelayed(0, 0);
  return Boolean(next && next.timestamp + (next.opts.delay ?? 0) <= Date.now());
}

/** Logs failed jobs, and Redis errors once per outage; reports every (re)connection. */
function watchConnection(queue: Queue.Queue, log: Logger, onConnect?: () => void) {
  let failing = false;
  queue.on('failed', (job: Queue.Job, error: Error) => {
    log.warn(`[deadlines] 任务 ${job.id} 第 ${job.attemptsMade} 次失败 / job failed (attempt ${job.attemptsMade}): ${error.message}`);
  });
  queue.on('error', (error: Error) => {
    if (!failing) log.warn(`[deadlines] Redis 连接异常 / Redis error: ${error.message}`);
    failing = true;
  });
  queue.client.on('ready', () => {
    failing = false;
    onConnect?.();
  });
}
