/**
 * Whether an error means the database cannot be reached right now (pure: no Strapi) — a refused or reset
 * connection, a session the server terminated, a server starting up or shutting down, no connection to be had from
 * the pool in time — as opposed to an error of the request itself. Such a request is answered 503: it may be tried
 * again as it is once the database is back.
 */

/** PostgreSQL SQLSTATEs: connection exceptions (class 08), admin shutdown, crash shutdown, cannot connect now. */
const SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'SQLITE_BUSY']);
const MESSAGES = [
  /Connection terminated/i,
  /Timeout acquiring a connection/i,
  /connect ECONNREFUSED/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /is not queryable/i,
  /Connection ended unexpectedly/i,
];

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库暂时无法访问，请稍后重试 / The database is temporarily unavailable; please try again shortly';

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (e.name === 'KnexTimeoutError') return true;
  if (typeof e.code === 'string' && (SQLSTATES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // AggregateError (a refused connection to each address), or an error wrapping the driver's
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Strapi's check that written relations exist (its entity validator) answers a failure of its own look-up — a lost
 * connection too — with a 400 of this bare message; a relation that does not exist gets a message naming it. Such a
 * 400 may hide an outage: the 503 middleware asks the database before letting it through.
 */
export const isRelationCheckFailure = (error: unknown): boolean =>
  !!error && typeof error === 'object' && (error as { name?: unknown }).name === 'ValidationError' && (error as { message?: unknown }).message === 'Invalid relations';
