import type { Core } from '@strapi/strapi';

/**
 * A value loaded from the database once and kept until invalidated, shared by every caller — except that a caller
 * inside a transaction never waits for a load another caller started outside it: on SQLite (one connection) that
 * load queues behind the very transaction waiting for it, and both stall until the pool times out. Such a caller
 * loads its own copy through its transaction instead.
 */
export function databaseCache<T>(strapi: Core.Strapi, load: () => Promise<T>) {
  let pending: Promise<T> | null = null;
  let ready: { value: T } | null = null;
  let generation = 0;

  return {
    get(): Promise<T> {
      if (ready) return Promise.resolve(ready.value);
      if (strapi.db.inTransaction()) return load();
      if (!pending) {
        const mine = generation;
        pending = load().then(
          (value) => {
            if (mine === generation) ready = { value };
            return value;
          },
          (error) => {
            if (mine === generation) pending = null;
            throw error;
          }
        );
      }
      return pending;
    },
    invalidate() {
      generation += 1;
      pending = null;
      ready = null;
    },
  };
}
