import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { accountOf, authRouteOf, bucketsFor, rateLimitsFrom, refusal, typedAccountOf, type AuthRoute, type Bucket } from '../utils/auth-rate-limit';

/**
 * Sign-in and password-reset rate limits (src/utils/auth-rate-limit.ts decides what counts and under which keys):
 * every attempt is counted before it reaches its handler, per client IP and per account, and refused with a 429
 * (Chinese and English, `Retry-After`) once a bucket is over its limit within the window; a successful sign-in
 * gives its attempt back. The counters are shared by every instance of the platform: in Redis when the deadline
 * scheduler runs on one (REDIS_URL), otherwise — and while Redis does not answer — in the database table
 * `auth_rate_limits`. Registered after `strapi::body`, so the account is read from JSON and form bodies alike.
 */

interface Count {
  count: number;
  /** milliseconds until the window of this bucket ends */
  ttlMs: number;
}

interface Store {
  hit(key: string, windowMs: number): Promise<Count>;
  refund(key: string): Promise<void>;
}

const TABLE = 'auth_rate_limits';
const REDIS_TIMEOUT_MS = 1000;

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;
const REFUND_SCRIPT = `if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end return 0`;

/** The answer within `ms`, else a rejection; a late failure of the command itself is dropped, not left unhandled. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T> => {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** Counters in a small table of the platform's database (SQLite or PostgreSQL), one row per bucket. */
function databaseStore(strapi: Core.Strapi): Store {
  const knex = strapi.db.connection;
  let ready: Promise<void> | null = null;
  const ensureTable = () =>
    (ready ??= (async () => {
      if (await knex.schema.hasTable(TABLE)) return;
      try {
        await knex.schema.createTable(TABLE, (table) => {
          table.string('bucket', 120).primary();
          table.integer('count').notNullable();
          table.bigInteger('reset_at').notNullable();
        });
      } catch (error) {
        // another instance created it meanwhile
        if (!(await knex.schema.hasTable(TABLE))) throw error;
      }
    })().catch((error) => {
      ready = null;
      throw error;
    }));
  let hits = 0;
  return {
    async hit(key, windowMs) {
      await ensureTable();
      const now = Date.now();
      const result: any = await knex.raw(
        `INSERT INTO ${TABLE} (bucket, count, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (bucket) DO UPDATE SET
           count = CASE WHEN ${TABLE}.reset_at <= ? THEN 1 ELSE ${TABLE}.count + 1 END,
           reset_at = CASE WHEN ${TABLE}.reset_at <= ? THEN excluded.reset_at ELSE ${TABLE}.reset_at END
         RETURNING count, reset_at`,
        [key, now + windowMs, now, now],
      );
      const row = (Array.isArray(result) ? result[0] : result?.rows?.[0]) ?? { count: 1, reset_at: now + windowMs };
      // now and then the windows that ended leave the table
      hits += 1;
      if (hits % 200 === 0) void knex(TABLE).where('reset_at', '<', now).del().catch(() => undefined);
      return { count: Number(row.count), ttlMs: Math.max(0, Number(row.reset_at) - now) };
    },
    async refund(key) {
      await ensureTable();
      await knex(TABLE).where({ bucket: key }).andWhere('count', '>', 0).andWhere('reset_at', '>', Date.now()).decrement('count', 1);
    },
  };
}

/** Counters in Redis, on the deadline scheduler's connection, under the platform's key prefix. */
function redisStore(connection: { client: any; prefix: string }): Store {
  const name = (key: string) => `${connection.prefix}:auth-rate-limit:${key}`;
  return {
    async hit(key, windowMs) {
      const [count, ttl] = (await within(connection.client.eval(HIT_SCRIPT, 1, name(key), windowMs), REDIS_TIMEOUT_MS)) as [number, number];
      return { count: Number(count), ttlMs: Number(ttl) };
    },
    async refund(key) {
      await within(connection.client.eval(REFUND_SCRIPT, 1, name(key)), REDIS_TIMEOUT_MS);
    },
  };
}

interface Config {
  enabled?: boolean;
  accountMax?: number;
  ipMax?: number;
  windowSeconds?: number;
}

export default (config: Config = {}, { strapi }: { strapi: Core.Strapi }) => {
  const limits = rateLimitsFrom(config);
  const database = databaseStore(strapi);
  let warned = false;

  /** Redis when the scheduler runs on it, else the database; a Redis that does not answer falls back to the database. */
  async function withStore<T>(operation: (store: Store) => Promise<T>): Promise<T> {
    const connection = process.env.REDIS_URL ? (strapi.plugin('deadlines')?.service('scheduler') as any)?.redis?.() : null;
    // a connection known to be down is not waited for; one that hangs is given a second
    if (connection && connection.client.status === 'ready') {
      try {
        return await operation(redisStore(connection));
      } catch (error) {
        if (!warned) strapi.log.warn(`[auth-rate-limit] Redis 无响应，改用数据库计数 / Redis not answering, counting in the database: ${(error as Error).message}`);
        warned = true;
      }
    }
    return operation(database);
  }

  /**
   * The REST API's user an attempt names, as users-permissions finds it (e-mail in lower case, or the user name as
   * typed): its e-mail and its user name then count as one account. The admin panel signs in by e-mail only.
   */
  async function userIdOf(route: AuthRoute, body: unknown): Promise<number | null> {
    if (route.realm !== 'api' || !route.accountFields.length) return null;
    const typed = typedAccountOf(route, body);
    const email = accountOf(route, body);
    if (!typed || !email) return null;
    const user = await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { $or: [{ email }, { username: typed }, { username: typed.trim() }] }, select: ['id'] });
    return user?.id ?? null;
  }

  return async (ctx: any, next: () => Promise<void>) => {
    const route = config.enabled === false ? null : authRouteOf(ctx.method, ctx.path);
    if (!route) return next();

    const buckets = bucketsFor(route, ctx.request.ip, ctx.request.body, limits, await userIdOf(route, ctx.request.body));
    const windowMs = limits.windowSeconds * 1000;
    const counted: Array<{ bucket: Bucket } & Count> = [];
    await withStore(async (store) => {
      counted.length = 0;
      for (const bucket of buckets) counted.push({ bucket, ...(await store.hit(bucket.key, windowMs)) });
    });
    const over = counted.filter((item) => item.count > item.bucket.max);
    if (over.length) {
      const { message, retryAfter } = refusal(route.action, Math.max(...over.map((item) => item.ttlMs)) / 1000);
      ctx.set('Retry-After', String(retryAfter));
      throw new errors.RateLimitError(message, { retryAfter, limit: over.map((item) => item.bucket.kind) });
    }

    await next();
    if (route.refundOnSuccess && ctx.status >= 200 && ctx.status < 300) {
      await withStore(async (store) => {
        for (const bucket of buckets) await store.refund(bucket.key);
      }).catch((error: Error) => strapi.log.warn(`[auth-rate-limit] refund failed: ${error.message}`));
    }
  };
};
