import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from '../utils/database-errors';

/**
 * While the database restarts, the pool's attempts to reconnect may fail outside any request (a connection refused
 * or told "the database system is shutting down" after the request that wanted it has already been answered).
 * Node would end the process on such an unhandled failure; the app logs it instead and goes on — the pool connects
 * again once the database is back. Every other unhandled error still ends the process, as before.
 */
const guard = (strapi: Core.Strapi) => {
  let loggedAt = 0;
  const tolerated = (kind: string, error: unknown) => {
    if (!isDatabaseUnavailable(error)) return false;
    if (Date.now() - loggedAt > 10_000) {
      loggedAt = Date.now();
      strapi.log.warn(`[database] 数据库暂时无法访问（${kind}），进程继续运行 / database unavailable (${kind}), the process carries on: ${(error as Error)?.message}`);
    }
    return true;
  };
  return {
    rejection(reason: unknown) {
      // anything else: what Node does without a handler (the process ends)
      if (!tolerated('unhandled rejection', reason)) throw reason;
    },
    exception(error: unknown, origin: string) {
      if (tolerated(origin, error)) return;
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  };
};

let installed: { rejection: (reason: unknown) => void; exception: (error: unknown, origin: string) => void } | null = null;

export function guardDatabaseOutages(strapi: Core.Strapi) {
  if (installed || strapi.db?.dialect?.client !== 'postgres') return;
  installed = guard(strapi);
  process.on('unhandledRejection', installed.rejection);
  process.on('uncaughtException', installed.exception);
}

export function releaseDatabaseOutages() {
  if (!installed) return;
  process.off('unhandledRejection', installed.rejection);
  process.off('uncaughtException', installed.exception);
  installed = null;
}
