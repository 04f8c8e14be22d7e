import type { Core } from '@strapi/strapi';
import type { Batch } from '../document-middleware';
import type { Cause, EngineService } from './engine';

/**
 * Runs the recomputations the document middleware asks for and keeps track of the ones still running, so that
 * shutdown and tests can wait for them (`idle`). A failed recomputation is logged and left to the next pass (the
 * daily one at the latest): a light never blocks the write that changed it.
 */
const tracker = ({ strapi }: { strapi: Core.Strapi }) => {
  const running = new Set<Promise<unknown>>();
  const engine = (): EngineService => strapi.plugin('traffic-lights').service('engine');

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
      if (batch.global) {
        const cause: Cause = batch.global;
        // every light changes: in the background, after the commit of the change
        const start = () => void track(engine().recomputeAll(cause), '全部亮灯重算');
        if (strapi.db.inTransaction()) await strapi.db.transaction(({ onCommit }) => onCommit(start));
        else start();
        return;
      }
      if (!batch.projects.size && !batch.units.size) return;
      const run = () => track(engine().recompute({ projects: [...batch.projects], units: [...batch.units] }), '亮灯重算');
      if (strapi.db.inTransaction()) {
        await strapi.db.transaction(({ onCommit }) => onCommit(() => void run()));
        return;
      }
      await run();
    },

    /** Recomputes everything in the background (after the office's rules change, on first start). */
    all(cause: Cause) {
      return track(engine().recomputeAll(cause), '全部亮灯重算');
    },

    /** Resolves when no recomputation is running. */
    async idle() {
      while (running.size) await Promise.all([...running]);
    },
  };
};

export type TrackerService = ReturnType<typeof tracker>;
export default tracker;
