import { AsyncLocalStorage } from 'node:async_hooks';
import { createInProcessBackend, type CronAdapter } from '../in-process';
import type { DeliveryJob, JobOutcome, Logger, ScheduledJob } from '../jobs';

/**
 * The in-process backend on jest's fake clock (a pure module: timers are its only dependency, so the clock is
 * the one thing to control; the real database and timers are exercised in test/deadlines).
 */
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noCron: CronAdapter = { schedule: () => undefined, remove: () => undefined };

function job(id: string, inMs: number, data: Partial<DeliveryJob> = {}): ScheduledJob {
  return { id, runAt: new Date(Date.now() + inMs), data: { deadlineId: 1, version: 1, kind: 'reminder', step: 0, ...data } };
}

/** A backend whose runs are recorded with their (fake) time; `outcomes` decides each run's result in turn. */
function setup(outcomes: Array<JobOutcome | Error> = [], options: { horizonMs?: number } = {}) {
  const runs: Array<{ id: number; at: number }> = [];
  const run = jest.fn(async (data: DeliveryJob): Promise<JobOutcome> => {
    runs.push({ id: data.deadlineId, at: Date.now() });
    const next = outcomes.shift() ?? { status: 'delivered' };
    if (next instanceof Error) throw next;
    return next;
  });
  const backend = createInProcessBackend({ run, log: silent, cron: noCron, ...options });
  return { backend, run, runs };
}

const start = Date.UTC(2026, 8, 14, 1, 0, 0);

beforeEach(() => {
  jest.useFakeTimers({ now: start });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('in-process backend', () => {
  it('runs a job at its time, once, however often it is added', async () => {
    const { backend, runs } = setup();
    await backend.add(job('a', 10_000));
    await backend.add(job('a', 10_000));
    await jest.advanceTimersByTimeAsync(9_999);
    expect(runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([{ id: 1, at: start + 10_000 }]);
    // delivered: the same id added again (a reconcile, a second save) does not run again in this process
    expect(await backend.add(job('a', 0))).toBe(false);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(1);
    await backend.close();
  });

  it('holds only jobs within the horizon; the periodic reconcile adds the others later', async () => {
    const { backend, runs } = setup();
    expect(await backend.add(job('far', 2 * HOUR))).toBe(false);
    expect(await backend.add(job('near', 30 * 60_000))).toBe(true);
    await jest.advanceTimersByTimeAsync(2 * HOUR);
    expect(runs.map((r) => r.at)).toEqual([start + 30 * 60_000]);
    await backend.close();
  });

  it('waits longer than setTimeout allows (2^31 ms, about 24.9 days) without firing early', async () => {
    const { backend, runs } = setup([], { horizonMs: 40 * DAY });
    const warn = jest.spyOn(process, 'emitWarning');
    await backend.add(job('long', 30 * DAY));
    await jest.advanceTimersByTimeAsync(25 * DAY);
    expect(runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(5 * DAY);
    expect(runs).toEqual([{ id: 1, at: start + 30 * DAY }]);
    expect(warn).not.toHaveBeenCalledWith(expect.stringContaining('TimeoutOverflowWarning'), expect.anything());
    warn.mockRestore();
    await backend.close();
  });

  it('moves a waiting job whose time changed, and forgets one moved beyond the horizon', async () => {
    const { backend, runs } = setup();
    await backend.add(job('moved', 10_000));
    await backend.add(job('moved', 20_000));
    await backend.add(job('gone', 10_000, { deadlineId: 2 }));
    await backend.add(job('gone', 3 * HOUR, { deadlineId: 2 }));
    await jest.advanceTimersByTimeAsync(HOUR);
    expect(runs).toEqual([{ id: 1, at: start + 20_000 }]);
    await backend.close();
  });

  it('retries a failing job with exponential back-off (1 s, 2 s, 4 s)', async () => {
    const { backend, runs } = setup([new Error('db down'), new Error('db down'), new Error('db down')]);
    await backend.add(job('flaky', 0));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs.map((r) => r.at - start)).toEqual([0, 1_000, 3_000, 7_000]);
    await backend.close();
  });

  it('lets a job go after the last attempt, so that a later reconcile can add it again', async () => {
    const { backend, runs } = setup(Array.from({ length: 5 }, () => new Error('db down')));
    await backend.add(job('broken', 0));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(5);
    expect(await backend.add(job('broken', 0))).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(6);
    await backend.close();
  });

  it('runs an early job again when its plan says, and a dropped one may be added again', async () => {
    const { backend, runs } = setup([{ status: 'early', runAt: new Date(start + 50_000) }, { status: 'delivered' }, { status: 'dropped' }]);
    await backend.add(job('early', 1_000));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs.map((r) => r.at - start)).toEqual([1_000, 50_000]);
    await backend.add(job('dropped', 0, { deadlineId: 3 }));
    await jest.advanceTimersByTimeAsync(1);
    await backend.add(job('dropped', 0, { deadlineId: 3 }));
    await jest.advanceTimersByTimeAsync(1);
    expect(runs.filter((r) => r.id === 3)).toHaveLength(2);
    await backend.close();
  });

  it('removes a waiting job', async () => {
    const { backend, runs } = setup();
    await backend.add(job('removed', 5_000));
    await backend.remove('removed');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(0);
    await backend.close();
  });

  it('runs jobs outside the request or transaction that added them', async () => {
    const request = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const backend = createInProcessBackend({
      run: async () => {
        seen.push(request.getStore());
        return { status: 'delivered' };
      },
      log: silent,
      cron: noCron,
    });
    await request.run('a bureau user', () => backend.add(job('ctx', 1_000)));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([undefined]);
    await backend.close();
  });

  it('idle() waits for a running job; close() stops what waits', async () => {
    let finish!: () => void;
    const run = jest.fn(() => new Promise<JobOutcome>((resolve) => (finish = () => resolve({ status: 'delivered' }))));
    const backend = createInProcessBackend({ run, log: silent, cron: noCron });
    await backend.add(job('slow', 0));
    await backend.add(job('later', 10_000, { deadlineId: 2 }));
    await jest.advanceTimersByTimeAsync(0);
    let idle = false;
    const waiting = backend.idle().then(() => (idle = true));
    await jest.advanceTimersByTimeAsync(100);
    expect(idle).toBe(false);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    await waiting;
    expect(idle).toBe(true);
    await backend.close();
    await jest.advanceTimersByTimeAsync(20_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
