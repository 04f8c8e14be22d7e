import fs from 'fs';
import path from 'path';
import { Client } from 'pg';

/**
 * One fresh database per test file: a SQLite file under .tmp, or (DATABASE_CLIENT=postgres) a new PostgreSQL
 * database created next to the one DATABASE_URL / DATABASE_* point at, dropped afterwards.
 * On PostgreSQL the server is required: an unreachable server fails the suite, it never skips it.
 */
export interface TestDatabase {
  client: 'sqlite' | 'postgres';
  name: string;
  drop(): Promise<void>;
}

const appDir = path.resolve(__dirname, '..', '..');

function postgresAdminConfig() {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return { connectionString: url.toString() };
  }
  return {
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
    database: 'postgres',
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const worker = process.env.JEST_WORKER_ID ?? '0';
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const name = `test_${worker}_${process.pid}_${Date.now()}`;
    const admin = new Client(postgresAdminConfig());
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    if (process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      process.env.DATABASE_URL = url.toString();
    }
    process.env.DATABASE_NAME = name;
    return {
      client: 'postgres',
      name,
      async drop() {
        const client = new Client(postgresAdminConfig());
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const name = `.tmp/test-${worker}-${process.pid}-${Date.now()}.db`;
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = name;
  return {
    client: 'sqlite',
    name,
    async drop() {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, name + suffix), { force: true });
    },
  };
}
