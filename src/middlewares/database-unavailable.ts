import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, isRelationCheckFailure } from '../utils/database-errors';

/** Seconds a client is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;
/** One warning per outage in the log, not one per request. */
const LOG_EVERY_MS = 10_000;
/** How long the database may take to answer `select 1` before it counts as unreachable. */
const PROBE_MS = 2000;

/**
 * While the database cannot be reached (restarted, failed over, the pool unable to connect) every request that
 * needs it is answered 503 Service Unavailable with `Retry-After` and a message in Chinese and English, instead of
 * Strapi's bare 500; the process stays up and the pool reconnects by itself once the database is back.
 *
 * Connection errors are recognised by themselves (src/utils/database-errors.ts). Some failures only follow from one
 * — knex's "Transaction query already complete" for a query of a transaction whose connection the server has just
 * terminated, or Strapi's relation check answering its failed look-up as a bare 400 「Invalid relations」 — so any
 * other unexpected error (not one of Strapi's 4xx errors), and that 400, are answered 503 when the database does
 * not answer `select 1` right then.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let loggedAt = 0;

  async function databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const probe = strapi.db.connection.raw('select 1').then(() => true);
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_MS)));
      return await Promise.race([probe, timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async function outage(error: any): Promise<boolean> {
    if (isDatabaseUnavailable(error)) return true;
    // the relation check's catch-all 400 (its look-up failed): a lost connection unless the database answers
    if (isRelationCheckFailure(error)) return !(await databaseAnswers());
    // Strapi's own errors (validation, not found, forbidden…) and HTTP errors below 500 say what was wrong already
    if (error instanceof errors.ApplicationError) return false;
    const status = Number(error?.status ?? error?.statusCode);
    if (status && status < 500) return false;
    return !(await databaseAnswers());
  }

  return async (ctx: any, next: () => Promise<void>) => {
    try {
      await next();
    } catch (error) {
      if (!(await outage(error))) throw error;
      if (Date.now() - loggedAt > LOG_EVERY_MS) {
        loggedAt = Date.now();
        strapi.log.warn(`[database] 数据库暂时无法访问 / database unavailable: ${(error as Error)?.message}`);
      }
      ctx.status = 503;
      ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: DATABASE_UNAVAILABLE_MESSAGE, details: {} } };
    }
  };
};
