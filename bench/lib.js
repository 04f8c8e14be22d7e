'use strict';
/**
 * Small shared helpers for the benchmarks: the test environment, a seeded random source, timing, medians, and for
 * the HTTP ones a keep-alive client and the sign-in of a users-permissions user.
 */
const fs = require('fs');
const http = require('http');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

/** PostgreSQL + Redis (`npm run bench -- --postgres`, which sets BENCH_DATABASE=postgres) rather than SQLite. */
const onPostgres = () => process.env.BENCH_DATABASE === 'postgres';

/** The server of the throw-away databases: PGHOST/PGPORT/PGUSER/PGPASSWORD, 127.0.0.1:5432 postgres by default. */
const pgServer = () => ({
  host: process.env.PGHOST || '127.0.0.1',
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || 'postgres',
  password: process.env.PGPASSWORD || '',
});

/**
 * Runs statements on the maintenance database (BENCH_PG_ADMIN_DB, `test` by default) and, when given, deletes a
 * queue prefix's keys from Redis (the deadline scheduler's jobs of a throw-away database) — synchronously, in a
 * child process, so that prepareEnv and the function it returns stay synchronous for every benchmark.
 */
function admin({ statements = [], redisPrefix = null } = {}) {
  const script = `
    const { Client } = require('pg');
    const job = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    (async () => {
      const admin = new Client(job.server);
      await admin.connect();
      try {
        for (const statement of job.statements) await admin.query(statement);
      } finally {
        await admin.end();
      }
      if (job.redisUrl && job.redisPrefix) {
        // a left-over key of a throw-away prefix harms nothing: errors are ignored
        const Redis = require('ioredis');
        const redis = new Redis(job.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
        redis.on('error', () => {});
        try {
          await redis.connect();
          let cursor = '0';
          do {
            const [next, keys] = await redis.scan(cursor, 'MATCH', job.redisPrefix + ':*', 'COUNT', 1000);
            cursor = next;
            if (keys.length) await redis.unlink(...keys);
          } while (cursor !== '0');
        } catch {}
        redis.disconnect();
      }
    })().catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
  `;
  const job = {
    server: { ...pgServer(), database: process.env.BENCH_PG_ADMIN_DB || 'test' },
    statements,
    redisUrl: process.env.REDIS_URL,
    redisPrefix,
  };
  const result = spawnSync(process.execPath, ['-e', script], {
    input: JSON.stringify(job),
    cwd: __dirname,
    encoding: 'utf8',
    timeout: 60000,
  });
  if (result.status !== 0) throw new Error(`PostgreSQL: ${statements.join('; ')}: ${(result.stderr || String(result.error)).trim()}`);
}

let databases = 0;
/** The queue prefix prepareEnv set last (replaced by the next one; a prefix a benchmark set itself is left). */
let ownPrefix = null;
/** A fresh name for a throw-away database of this process (bench_<pid>_<n>), and the queue prefix that goes with it. */
const nextName = () => {
  databases += 1;
  return `bench_${process.pid}_${databases}`;
};

/**
 * The environment the test harness uses (test/helpers/env.js): own secrets, quiet logs, no demo data — and a
 * throw-away database: a SQLite file under .tmp/, or with --postgres a database `bench_<pid>_<n>` of its own
 * (created here, dropped by the returned function) with Redis (REDIS_URL, redis://127.0.0.1:6379 by default) under
 * a queue prefix of its own. Returns the function that removes the database (synchronous, as this one).
 */
function prepareEnv(appDir) {
  const random = () => crypto.randomBytes(24).toString('base64');
  process.env.NODE_ENV = 'test';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.BROWSER = 'false';
  process.env.DEMO_DATA = 'false';
  for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    process.env[name] = process.env[name] || random();
  }
  process.env.APP_KEYS = process.env.APP_KEYS || [random(), random()].join(',');
  if (onPostgres()) {
    const name = nextName();
    admin({ statements: [`create database "${name}"`] });
    const server = pgServer();
    Object.assign(process.env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: server.host,
      DATABASE_PORT: String(server.port),
      DATABASE_NAME: name,
      DATABASE_USERNAME: server.user,
      DATABASE_PASSWORD: server.password,
      REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    });
    // a queue prefix of its own, unless the benchmark chose one (bench/scheduler.js does) before calling this
    const prefix = process.env.DEADLINES_QUEUE_PREFIX;
    if (!prefix || prefix === ownPrefix) process.env.DEADLINES_QUEUE_PREFIX = ownPrefix = `bull:${name}`;
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_FILENAME;
    return () => dropDatabase(name);
  }
  const name = `.tmp/bench-${process.pid}-${Date.now()}.db`;
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = name;
  return () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, name + suffix), { force: true });
  };
}

/** Drops a throw-away PostgreSQL database of this process (and its queue keys). */
function dropDatabase(name) {
  if (!/^bench_\d+_\d+$/.test(name)) throw new Error(`not a benchmark database: ${name}`);
  admin({ statements: [`drop database if exists "${name}" with (force)`], redisPrefix: `bull:${name}` });
}

/**
 * A copy of the database prepareEnv made (after its app was destroyed: no connection may be open), for a second
 * server on the same data. Returns { env, drop }: the variables that point a Strapi process at the copy, and
 * the function that removes it.
 */
function copyDatabase(appDir) {
  if (onPostgres()) {
    const source = process.env.DATABASE_NAME;
    const name = nextName();
    admin({ statements: [`create database "${name}" template "${source}"`] });
    return { env: { DATABASE_NAME: name, DEADLINES_QUEUE_PREFIX: `bull:${name}` }, drop: () => dropDatabase(name) };
  }
  const file = path.join(appDir, process.env.DATABASE_FILENAME);
  const copy = `${file}.copy`;
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
  return {
    env: { DATABASE_FILENAME: path.relative(appDir, copy) },
    file: copy,
    drop: () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(copy + suffix, { force: true });
    },
  };
}

/** What the benchmarks run on, for the table and the results file. */
async function describeDatabase() {
  if (!onPostgres()) {
    const version = require('better-sqlite3/package.json').version;
    let sqlite = '';
    try {
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      sqlite = db.prepare('select sqlite_version() as v').get().v;
      db.close();
    } catch {
      // the version is for information only
    }
    return { client: 'sqlite', label: `SQLite ${sqlite} (better-sqlite3 ${version})`.replace('SQLite  ', 'SQLite ') };
  }
  const { Client } = require('pg');
  const admin = new Client({ ...pgServer(), database: process.env.BENCH_PG_ADMIN_DB || 'test' });
  await admin.connect();
  const { rows } = await admin.query('show server_version');
  await admin.end();
  const redis = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  let redisVersion = '';
  try {
    const Redis = require('ioredis');
    const client = new Redis(redis, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    redisVersion = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? '';
    client.disconnect();
  } catch {
    // the version is for information only
  }
  const server = pgServer();
  return {
    client: 'postgres',
    label: `PostgreSQL ${rows[0].server_version} (${server.host}:${server.port}) + Redis ${redisVersion} (${new URL(redis).host})`,
  };
}

/** mulberry32: a tiny seeded PRNG, so every run measures the same inputs. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6; // milliseconds

/** CPU time of this process (server and client share it): steadier than wall time on a busy machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Formats a number for the table: 3 significant digits, thousands separated. */
function fmt(value, digits = 3) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** GET/POST on the listening server over one keep-alive connection; resolves to { status, body }. */
function client(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method, url, { token, body } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
      const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = { text };
          }
          resolve({ status: res.statusCode, body: json });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/** A users-permissions user with the seeded role of the given type (and bureau), signed in; returns its JWT. */
async function signIn(strapi, api, type, bureau) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
  if (!role) throw new Error(`no users-permissions role of type ${type}`);
  const username = `bench-${type}-${Date.now()}`;
  const password = 'Bench-Password-2026';
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({ username, email: `${username}@bench.local`, password, provider: 'local', confirmed: true, blocked: false, role: role.id, ...(bureau ? { bureau: bureau.id } : {}) });
  const login = await api.send('POST', '/api/auth/local', { body: { identifier: username, password } });
  if (login.status !== 200 || !login.body.jwt) throw new Error(`login of the ${type} user failed: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.jwt;
}

/**
 * A documentId like Strapi's (cuid2: 24 lowercase letters and digits, a letter first — the document service reads
 * a relation value that starts with a digit as an entry id).
 */
const documentId = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const [first, ...rest] = crypto.randomBytes(24);
  return alphabet[first % 26] + rest.map((byte) => alphabet[byte % alphabet.length]).join('');
};

/**
 * Inserts rows of `uid` (each with its `documentId`) in batches through the query engine (column names, JSON,
 * defaults); returns their ids in order.
 */
async function insert(strapi, uid, rows) {
  for (let i = 0; i < rows.length; i += 500) await strapi.db.query(uid).createMany({ data: rows.slice(i, i + 500) });
  const { tableName } = strapi.db.metadata.get(uid);
  const ids = new Map();
  const wanted = new Set(rows.map((row) => row.documentId));
  for (const row of await strapi.db.connection(tableName).select('id', 'document_id')) if (wanted.has(row.document_id)) ids.set(row.document_id, row.id);
  return rows.map((row) => ids.get(row.documentId));
}

/** Inserts link rows `[ownerId, targetId]` into a relation's link table, with its order columns. */
async function link(strapi, uid, attribute, pairs) {
  const joinTable = strapi.db.metadata.get(uid).attributes[attribute].joinTable;
  const order = new Map();
  const rows = pairs.map(([owner, target]) => {
    const row = { [joinTable.joinColumn.name]: owner, [joinTable.inverseJoinColumn.name]: target };
    if (joinTable.orderColumnName) row[joinTable.orderColumnName] = 1;
    if (joinTable.inverseOrderColumnName) {
      order.set(target, (order.get(target) ?? 0) + 1);
      row[joinTable.inverseOrderColumnName] = order.get(target);
    }
    return row;
  });
  await strapi.db.connection.batchInsert(joinTable.name, rows, 500);
}

/** The connection settings of the benchmark's PostgreSQL database, from the environment a server is started with. */
function pgSettings() {
  return {
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    database: process.env.DATABASE_NAME,
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || '',
  };
}

/**
 * Runs `work` with this process's CPU profiler on when BENCH_CPU_PROF names a directory, writing
 * `<dir>/<name>.cpuprofile` (read it with bench/profile-summary.js); otherwise just runs it.
 */
async function profiled(name, work) {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return work();
  const stop = await startProfile();
  try {
    return await work();
  } finally {
    await stop(path.resolve(dir, `${name}.cpuprofile`));
  }
}

/** Starts this process's CPU profiler; resolves to the function that stops it and writes the profile to a file. */
async function startProfile() {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method) => new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async (file) => {
    const { profile } = await post('Profiler.stop');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

module.exports = {
  profiled,
  startProfile,
  pgSettings,
  onPostgres,
  prepareEnv,
  copyDatabase,
  describeDatabase,
  random,
  now,
  cpuMs,
  median,
  fmt,
  client,
  signIn,
  documentId,
  insert,
  link,
};
