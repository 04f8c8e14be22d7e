import { AsyncLocalStorage } from 'node:async_hooks';
import { RETRY, sleep, type Backend, type DailyHandler, type Logger, type RunJob, type ScheduledJob } from './jobs';

/**
 * The embedded default: one timer per job due within the horizon, in this process only. Jobs further away are
 * not held; the periodic reconcile adds them once they come within reach, so a restart loses nothing.
 */
export interface CronAdapter {
  /** Replaces any schedule of that name. */
  schedule(name: string, cron: string, handler: DailyHandler): void;
  remove(name: string): void;
}

export interface InProcessOptions {
  run: RunJob;
  log: Logger;
  cron: CronAdapter;
  horizonMs?: number;
  attempts?: number;
  backoffMs?: number;
}

interface Entry {
  job: ScheduledJob;
  at: number;
  attempt: number;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

/** setTimeout fires at once (with a warning) beyond 2^31 − 1 ms; longer waits are chained. */
const MAX_TIMEOUT = 2 ** 31 - 1;
const HOUR = 3600_000;
/** How many finished job ids are remembered, so that a job runs once per process. */
const REMEMBERED = 10_000;

export function createInProcessBackend(options: InProcessOptions): Backend {
  const { run, log, cron } = options;
  const horizon = options.horizonMs ?? HOUR;
  const attempts = options.attempts ?? RETRY.attempts;
  const backoff = options.backoffMs ?? RETRY.backoffMs;
  const entries = new Map<string, Entry>();
  const finished = new Set<string>();
  const dailies = new Set<string>();
  // timers are armed inside requests and transactions: jobs run in the context the backend was created in
  const detached = AsyncLocalStorage.snapshot();
  let closed = false;

  /** Remembers a delivered job, forgetting the oldest beyond the limit. */
  function remember(id: string) {
    finished.add(id);
    if (finished.size > REMEMBERED) finished.delete(finished.values().next().value!);
  }

  /** (Re)arms an entry's timer for instant `at`. */
  function arm(entry: Entry, at: number) {
    clearTimeout(entry.timer);
    entry.at = at;
    const wait = Math.min(Math.max(0, at - Date.now()), MAX_TIMEOUT);
    entry.timer = setTimeout(() => detached(() => fire(entry)), wait);
    entry.timer.unref();
  }

  /** A timer went off: run the job, or wait on when it fired early (clock adjustments, chained long waits). */
  function fire(entry: Entry) {
    if (closed || entries.get(entry.job.id) !== entry) return;
    if (Date.now() < entry.at) return arm(entry, entry.at);
    entry.timer = undefined;
    entry.running = execute(entry).finally(() => {
      entry.running = undefined;
    });
  }

  async function execute(entry: Entry) {
    const { id } = entry.job;
    try {
      const outcome = await run(entry.job.data);
      if (outcome.status === 'early') return later(entry, outcome.runAt.getTime());
      entries.delete(id);
      if (outcome.status !== 'dropped') remember(id);
    } catch (error) {
      retry(entry, error as Error);
    }
  }

  /** The plan moved later while the job waited: wait again, or leave it to the reconcile when beyond reach. */
  function later(entry: Entry, at: number) {
    if (at - Date.now() > horizon) entries.delete(entry.job.id);
    else arm(entry, at);
  }

  /** Exponential back-off; after the last attempt the job is let go and the next reconcile adds it again. */
  function retry(entry: Entry, error: Error) {
    entry.attempt += 1;
    const { id } = entry.job;
    if (entry.attempt >= attempts || closed) {
      entries.delete(id);
      log.error(`[deadlines] 任务 ${id} 失败 ${entry.attempt} 次，等待下次核对重试 / job failed, left to the next reconcile: ${error.message}`);
      return;
    }
    log.warn(`[deadlines] 任务 ${id} 第 ${entry.attempt} 次失败，稍后重试 / job failed, retrying: ${error.message}`);
    arm(entry, Date.now() + backoff * 2 ** (entry.attempt - 1));
  }

  return {
    name: 'in-process',

    async add(job) {
      if (closed || finished.has(job.id)) return false;
      const at = job.runAt.getTime();
      const existing = entries.get(job.id);
      if (existing && (existing.running || existing.attempt > 0)) return true;
      if (at - Date.now() > horizon) {
        if (existing) await this.remove(job.id);
        return false;
      }
      if (existing && existing.at === at) return true;
      const entry = existing ?? { job, at, attempt: 0 };
      entry.job = job;
      entries.set(job.id, entry);
      arm(entry, at);
      return true;
    },

    async remove(id) {
      const entry = entries.get(id);
      if (!entry || entry.running) return;
      clearTimeout(entry.timer);
      entries.delete(id);
    },

    async daily(name: string, expression: string, handler: DailyHandler) {
      cron.schedule(name, expression, handler);
      dailies.add(name);
    },

    async idle() {
      const busy = () => [...entries.values()].some((entry) => entry.running || (entry.timer && entry.at <= Date.now()));
      while (busy()) await sleep(20);
    },

    async close() {
      closed = true;
      for (const entry of entries.values()) clearTimeout(entry.timer);
      await Promise.all([...entries.values()].map((entry) => entry.running));
      entries.clear();
      for (const name of dailies) cron.remove(name);
    },
  };
}
