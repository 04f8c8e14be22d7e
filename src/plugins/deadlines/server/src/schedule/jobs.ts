import type { ActionKind } from './actions';

/**
 * What the scheduler backends share (pure: no Strapi). A job names a planned action of one version of a
 * deadline; it carries nothing that can go stale, the worker re-reads the deadline when it runs.
 */
export interface DeliveryJob {
  deadlineId: number;
  version: number;
  kind: ActionKind;
  step: number;
  to?: string;
}

/** A job to run at an instant, under an id that makes adding it twice harmless. */
export interface ScheduledJob {
  id: string;
  runAt: Date;
  data: DeliveryJob;
}

/** What running a job came to; `early` asks the backend to run it again at `runAt` (the plan moved later). */
export type JobOutcome =
  | { status: 'delivered' | 'duplicate' | 'dropped'; reason?: string }
  | { status: 'early'; runAt: Date };

export type RunJob = (data: DeliveryJob) => Promise<JobOutcome>;
export type DailyHandler = () => Promise<unknown>;

/** The bits of a logger the backends use (Strapi's logger fits). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A place jobs wait until they are due: timers in this process, or a bull queue shared by every process. */
export interface Backend {
  readonly name: 'in-process' | 'bull';
  /** Adds a job, or moves a waiting one whose time changed; returns whether it is now scheduled here. */
  add(job: ScheduledJob): Promise<boolean>;
  /** `add` for many jobs at once (one answer per job, in order): the reconcile's page in a few round trips. */
  addMany?(jobs: ScheduledJob[]): Promise<boolean[]>;
  /** Removes a waiting job; one already running finishes (the worker drops stale versions itself). */
  remove(id: string): Promise<void>;
  /** Runs `handler` once a day at `cron` (Asia/Shanghai), once per cluster where the backend is shared. */
  daily(name: string, cron: string, handler: DailyHandler): Promise<void>;
  /** Resolves when no job is due now or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const ZONE = 'Asia/Shanghai';

/** Attempts and back-off of a failing job: 1 s, 2 s, 4 s, 8 s; after that the next reconcile adds it again. */
export const RETRY = { attempts: 5, backoffMs: 1000 } as const;

/** Daily job names end up inside bull's repeat keys, which are split on ':'. */
export function checkDailyName(name: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`daily job name must be letters, digits, - or _: ${JSON.stringify(name)}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The promise's value, or `fallback` once `ms` have passed (or it fails); the timer never outlives the race. */
export async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise.catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
