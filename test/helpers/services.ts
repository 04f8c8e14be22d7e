import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Queue from 'bull';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { recordSkippedSuite } = require('./services-registry');

/**
 * Suites that need a service beyond the database (Redis). Without the service they skip themselves visibly (the
 * summary reporter lists them); with REQUIRE_SERVICES=true (CI's PostgreSQL + Redis leg) a missing or silent
 * service fails the suite instead.
 */
const requireServices = () => process.env.REQUIRE_SERVICES === 'true';
const PING_TIMEOUT_MS = 5000;

export function describeWithRedis(name: string, fn: () => void) {
  const url = process.env.REDIS_URL;
  if (!url && !requireServices()) {
    recordSkippedSuite(`${name} (needs REDIS_URL)`);
    describe(name, () => {
      // reported as not run (the summary lists the suite by name), never as passed
      it.todo('needs REDIS_URL, e.g. redis://127.0.0.1:6379 (REQUIRE_SERVICES=true makes its absence a failure)');
    });
    return;
  }
  // checked before the suite is even defined, so that a missing service fails at once instead of booting the app
  const problem = url ? redisProblem(url) : 'REQUIRE_SERVICES=true but REDIS_URL is not set';
  if (problem) {
    describe(name, () => {
      it('needs a Redis that answers', () => {
        throw new Error(`${problem}: the Redis-backed suite cannot run`);
      });
    });
    return;
  }
  describe(name, fn);
}

/** Why Redis at `url` cannot be used (it does not answer PING within a few seconds), or null. Synchronous. */
export function redisProblem(url: string): string | null {
  const probe = `
    const Queue = require('bull');
    const client = new Queue('test-connection', process.argv[1]).client;
    const fail = (why) => { process.stderr.write(why); process.exit(1); };
    setTimeout(() => fail('no answer within ${PING_TIMEOUT_MS} ms'), ${PING_TIMEOUT_MS});
    client.ping().then((answer) => (answer === 'PONG' ? process.exit(0) : fail('answered ' + answer)), (error) => fail(error.message));
  `;
  const result = spawnSync(process.execPath, ['-e', probe, url], { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' });
  return result.status === 0 ? null : `Redis at ${new URL(url).host} is not usable (${result.stderr.trim() || `exit ${result.status}`})`;
}

/** A Redis connection through bull (the app's own dependency); the caller disconnects it. */
export function redisClient(url: string) {
  return new Queue('test-connection', url).client;
}

/** The same server with another database index (a test that flushes its database leaves the others alone). */
export function redisDatabase(url: string, index: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${index}`;
  return parsed.toString();
}

/** Deletes every key under a prefix: what a test file's queue left in a shared Redis (skipped if Redis is gone). */
export async function purgeRedisPrefix(url: string, prefix: string) {
  const client = redisClient(url);
  const purge = async () => {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([purge(), new Promise((resolve) => (timer = setTimeout(resolve, PING_TIMEOUT_MS)))]);
  } catch {
    // Redis is gone: nothing to clean
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
