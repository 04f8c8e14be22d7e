import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';
import { startApp, type AppProcess } from './app';
import { requireBinaries, RULE_ENV } from './helpers';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './servers';

/** What a fault test works on: its own servers, the app running on them, a client of the app's database. */
export interface FaultWorld {
  pg: PostgresServer;
  /** null without Redis: the app runs the in-process scheduler */
  redis: RedisServer | null;
  db: Client;
  /** the app's environment, to start it again on the same servers */
  env: Record<string, string>;
  /** the app under test; a test that starts it again puts the new one here, and that one is stopped at the end */
  app: AppProcess;
  /** the app's log of a start: `app.log`, `app-2.log`, … */
  log(name?: string): string;
}

/**
 * Registers the file's set-up and tear-down: a throwaway PostgreSQL cluster (and a throwaway Redis, with an
 * append-only file or without persistence) and the app started on them with the fault tests' deadline rule (unless
 * `rule: false`); all of
 * it killed and removed afterwards, whatever happened. `FAULTS_KEEP_LOGS=1` keeps the app's logs (their directory is
 * printed) for a failing run.
 */
export function useFaultWorld(options: { redis: 'persistent' | 'volatile' | 'none'; rule?: boolean }): () => FaultWorld {
  let world: Partial<FaultWorld> & { dir?: string } = {};

  beforeAll(async () => {
    requireBinaries();
    const pg = (world.pg = await startPostgres());
    const redis = (world.redis = options.redis === 'none' ? null : await startRedis(options.redis === 'persistent'));
    await pg.createDatabase('faults');
    world.db = await pg.client('faults');
    // a test that stops the database ends this connection too: that is expected, not an error of the test
    world.db.on('error', () => undefined);
    const dir = (world.dir = fs.mkdtempSync(path.join(pg.dir, '..', 'faults-log-')));
    world.log = (name = 'app') => path.join(dir, `${name}.log`);
    // without Redis (REDIS_URL empty) the in-process scheduler: the fault is then about the database alone
    world.env = {
      ...pg.env('faults'),
      ...(options.rule === false ? {} : { ...RULE_ENV, DEADLINES_RECONCILE_SECONDS: '3600' }),
      REDIS_URL: redis?.url ?? '',
    };
    world.app = await startApp(world.env, world.log());
  }, 180_000);

  afterAll(async () => {
    await world.app?.kill('SIGKILL');
    await world.db?.end().catch(() => undefined);
    await world.redis?.destroy();
    world.pg?.destroy();
    if (world.dir && process.env.FAULTS_KEEP_LOGS) process.stdout.write(`app logs kept in ${world.dir}\n`);
    else if (world.dir) fs.rmSync(world.dir, { recursive: true, force: true });
    world = {};
  }, 60_000);

  return () => world as FaultWorld;
}
