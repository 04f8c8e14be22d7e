import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import type { Batch } from '../document-middleware';
import type { Cause, EngineService } from './engine';

/**
 * The async context of this module's loading: no request, no transaction. Work queued from a commit callback runs
 * in it, because such a callback still sees the committed transaction's context, and a transaction started there
 * would hand its own commit callbacks to that finished one.
 */
const DETACHED = new AsyncResource('traffic-lights');

/** Projects per pass when draining the queue. */
const BATCH = 200;

/**
 * Runs the recomputations the document middleware asks for and keeps track of the ones still running, so that
 * shutdown and tests can wait for them (`idle`). A write outside any transaction is recomputed before it returns;
 * writes inside a transaction queue their projects and units until it commits, and the queue is drained by one
 * runner — so a transaction of a thousand writes (the demo data, an import) costs a few passes, not a thousand.
 * A failed recomputation is logged and left to the next pass (the daily one at the latest): a light never blocks
 * the write that changed it.
 */
const tracker = ({ strapi }: { strapi: Core.Strapi }) => {
  const running = new Set<Promise<unknown>>();
  const engine = (): EngineService => strapi.plugin('traffic-lights').service('engine');
  const queued = { projects: new Set<number>(), units: new Set<number>() };
  let draining: Promise<unknown> | null = null;
  /** Set on shutdown: nothing new starts once the platform is stopping (the daily pass repairs what was missed). */
  let closing = false;

  async function drain() {
    try {
      // let the other commit callbacks of the same transaction queue theirs first
      await new Promise((resolve) => setImmediate(resolve));
      while (queued.projects.size || queued.units.size) {
        const projects = [...queued.projects].slice(0, BATCH);
        for (const id of projects) queued.projects.delete(id);
        const units = projects.length < BATCH ? [...queued.units] : [];
        for (const id of units) queued.units.delete(id);
        await engine()
          .recompute({ projects, units })
          .catch((error: Error) => strapi.log.error(`[traffic-lights] 亮灯重算失败，等待下次计算 / recompute failed, left to the next pass: ${error.message}`));
      }
    } finally {
      draining = null;
    }
  }

  function enqueue(batch: Batch) {
    if (closing) return;
    for (const id of batch.projects) queued.projects.add(id);
    for (const id of batch.units) queued.units.add(id);
    draining ??= DETACHED.runInAsyncScope(() => track(drain(), '亮灯重算'));
  }

  function track<T>(work: Promise<T>, what: string): Promise<T | null> {
    const guarded = work.catch((error: Error) => {
      strapi.log.error(`[traffic-lights] ${what}失败，等待下次计算 / ${what} failed, left to the next pass: ${error.message}`);
      return null;
    });
    running.add(guarded);
    void guarded.finally(() => running.delete(guarded));
    return guarded;
  }

  return {
    async flush(batch: Batch) {
      if (closing) return;
      if (batch.global) {
        const cause: Cause = batch.global;
        // every light changes: in the background, after the commit of the change
        const start = () => void DETACHED.runInAsyncScope(() => track(engine().recomputeAll(cause), '全部亮灯重算'));
        if (strapi.db.inTransaction()) await strapi.db.transaction(({ onCommit }) => onCommit(start));
        else start();
        return;
      }
      if (!batch.projects.size && !batch.units.size) return;
      if (strapi.db.inTransaction()) {
        await strapi.db.transaction(({ onCommit }) => onCommit(() => enqueue(batch)));
        return;
      }
      await track(engine().recompute({ projects: [...batch.projects], units: [...batch.units] }), '亮灯重算');
    },

    /** Recomputes everything in the background (after the office's rules change, on first start). */
    all(cause: Cause) {
      return track(engine().recomputeAll(cause), '全部亮灯重算');
    },

    /** Resolves when no recomputation is running. */
    async idle() {
      while (running.size) await Promise.all([...running]);
    },

    /** On shutdown: lets what runs finish and starts nothing more. */
    async close() {
      closing = true;
      await this.idle();
    },
  };
};

export type TrackerService = ReturnType<typeof tracker>;
export default tracker;
