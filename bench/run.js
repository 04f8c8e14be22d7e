#!/usr/bin/env node
'use strict';
/**
 * npm run bench — compiles the app (as the test harness does), then runs each benchmark against a baseline
 * measured in the same run, prints one table and writes the results to bench/results/<timestamp>.json.
 *
 *   --help                           this text
 *   --no-compile                     reuse dist/ as it is
 *   --only=<name>                    one benchmark: working-days, deadline-writes, bureau-scope, traffic-lights, city
 *                                    or scheduler
 *   --postgres                       every benchmark on PostgreSQL + Redis instead of SQLite: each gets a database
 *                                    of its own, bench_<pid>_<n>, created and dropped on the server PGHOST:PGPORT as
 *                                    PGUSER/PGPASSWORD (127.0.0.1:5432, postgres; created from the database
 *                                    BENCH_PG_ADMIN_DB, `test`), and Redis at REDIS_URL (redis://127.0.0.1:6379)
 *                                    under a queue prefix of its own
 *   BENCH_WRITES=60 BENCH_PAIRS=6    tasks per round and alternating round pairs of the write benchmark
 *   BENCH_SCOPE_ROWS=300 BENCH_SCOPE_REQUESTS=10 BENCH_SCOPE_PAIRS=10
 *                                    projects (all in one town's scope), requests per round and alternating round
 *                                    pairs of the scoping benchmark
 *   BENCH_SCOPE_PROBLEMS=1           problems per project; BENCH_SCOPE_ASSESS_EVERY=10: a pre-assessment (with its
 *                                    opinions) on every 10th project, 0 = none
 *   BENCH_LIGHTS_PROJECTS=10000 BENCH_LIGHTS_TASKS=200 BENCH_LIGHTS_REQUESTS=10 BENCH_LIGHTS_PAIRS=10
 *                                    projects (bulk-inserted, lit in one engine pass), tasks with deadlines through
 *                                    the document service, requests per round and round pairs of the lights
 *                                    dashboard benchmark
 *   BENCH_CITY_PROJECTS=10000 BENCH_CITY_ITEMS=100000 BENCH_CITY_BUREAUS=30 BENCH_CITY_SECONDS=5
 *   BENCH_CITY_ADMIN_REQUESTS=30      city scale (bench/city.js): projects, opinions/problems/tasks (each with its
 *                                    deadline row), bureaus, seconds per autocannon run, content-manager requests
 *   BENCH_SCHEDULER_DEADLINES=100000 BENCH_SCHEDULER_LATE=200
 *                                    deadlines and late jobs of the scheduler benchmark (bench/scheduler.js, when
 *                                    present); it needs Redis: REDIS_URL, or Redis answering at
 *                                    redis://127.0.0.1:6379 — otherwise it reports itself as left out
 *
 * Exit status 1 when a correctness check fails (different answers, not exactly one deadline row per write,
 * a scoped list that differs from the office's over the same rows, a lights summary that differs from the stored
 * lights, a lights page whose SQL statement count moves with the page size);
 * a timing target missed is shown in the table and listed, but does not fail the run.
 */
// chinese-days (the baseline) reads dates with dayjs in the local zone and gives wrong answers west of UTC
// (e.g. under America/Los_Angeles 2024-01-06, a Saturday, is a working day): measure it where it is right.
// WorkingCalendar does not depend on the zone.
process.env.TZ = 'Asia/Shanghai';

const fs = require('fs');
const path = require('path');
const os = require('os');
const { describeDatabase, fmt } = require('./lib');

const appDir = path.resolve(__dirname, '..');

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    const header = /\/\*\*([\s\S]*?)\*\//.exec(fs.readFileSync(__filename, 'utf8'))[1];
    process.stdout.write(`${header.replace(/^ \* ?/gm, '').trim()}\n`);
    return true;
  }
  if (!process.argv.includes('--no-compile')) {
    process.stdout.write('compiling …\n');
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir, ignoreDiagnostics: false });
  }

  // --postgres: every benchmark's prepareEnv makes a PostgreSQL database and points the app at Redis
  if (process.argv.includes('--postgres')) {
    process.env.BENCH_DATABASE = 'postgres';
    process.env.REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  } else process.env.BENCH_DATABASE = 'sqlite';
  const database = await describeDatabase();
  process.stdout.write(`database: ${database.label}\n`);
  const started = Date.now();

  const results = [];
  // --only=<name> runs one benchmark
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const wanted = (name) => !only || only === name;
  if (wanted('working-days')) {
    process.stdout.write('working-day arithmetic …\n');
    results.push(require('./working-days').run({ appDir, rounds: 15, roundMs: 150 }));
  }
  if (wanted('deadline-writes')) {
    process.stdout.write('deadline hook write overhead …\n');
    results.push(
      ...(await require('./deadline-writes').run({
        appDir,
        writes: Number(process.env.BENCH_WRITES ?? 60),
        pairs: Number(process.env.BENCH_PAIRS ?? 6),
      }))
    );
  }
  if (wanted('bureau-scope')) {
    process.stdout.write('per-bureau scoping read cost …\n');
    results.push(
      ...(await require('./bureau-scope').run({
        appDir,
        rows: Number(process.env.BENCH_SCOPE_ROWS ?? 300),
        requests: Number(process.env.BENCH_SCOPE_REQUESTS ?? 10),
        pairs: Number(process.env.BENCH_SCOPE_PAIRS ?? 10),
        problemsPerProject: Number(process.env.BENCH_SCOPE_PROBLEMS ?? 1),
        assessEvery: Number(process.env.BENCH_SCOPE_ASSESS_EVERY ?? 10),
      }))
    );
  }
  if (wanted('traffic-lights')) {
    process.stdout.write('lights dashboard at district scale …\n');
    results.push(
      ...(await require('./traffic-lights').run({
        appDir,
        projects: Number(process.env.BENCH_LIGHTS_PROJECTS ?? 10000),
        tasks: Number(process.env.BENCH_LIGHTS_TASKS ?? 200),
        requests: Number(process.env.BENCH_LIGHTS_REQUESTS ?? 10),
        pairs: Number(process.env.BENCH_LIGHTS_PAIRS ?? 10),
      }))
    );
  }

  if (wanted('city')) {
    process.stdout.write('city scale over HTTP (ours, stock, bare node) …\n');
    results.push(
      ...(await require('./city').run({
        appDir,
        projects: Number(process.env.BENCH_CITY_PROJECTS ?? 10000),
        items: Number(process.env.BENCH_CITY_ITEMS ?? 100000),
        bureaus: Number(process.env.BENCH_CITY_BUREAUS ?? 30),
        duration: Number(process.env.BENCH_CITY_SECONDS ?? 5),
        adminRequests: Number(process.env.BENCH_CITY_ADMIN_REQUESTS ?? 30),
      }))
    );
  }

  if (wanted('scheduler') && fs.existsSync(path.join(__dirname, 'scheduler.js'))) {
    process.stdout.write('deadline scheduler …\n');
    // Redis for the scheduler: given (REDIS_URL, or --postgres), else the local one when it answers
    const givenRedis = process.env.REDIS_URL;
    if (!givenRedis && (await redisAnswers('redis://127.0.0.1:6379'))) process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    try {
      results.push(
        ...(await require('./scheduler').run({
          appDir,
          deadlines: Number(process.env.BENCH_SCHEDULER_DEADLINES ?? 100000),
          lateJobs: Number(process.env.BENCH_SCHEDULER_LATE ?? 200),
        }))
      );
    } finally {
      if (givenRedis === undefined) delete process.env.REDIS_URL;
    }
  } else if (only === 'scheduler') process.stdout.write('bench/scheduler.js is not there: nothing to run\n');
  if (!results.length) {
    process.stdout.write(`no benchmark ran${only ? ` (--only=${only})` : ''}\n`);
    return false;
  }

  const seconds = (Date.now() - started) / 1000;
  const rows = results.map((r) => ({
    benchmark: r.name,
    candidate: `${r.candidate.label}: ${fmt(r.candidate.value)} ${r.unit}`,
    baseline: `${r.baseline.label}: ${fmt(r.baseline.value)} ${r.unit}`,
    ratio: r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
    // a ratio's target is in ×; a target of its own unit says so (target.unit, e.g. ' ms')
    target: `${r.target.op} ${r.target.value}${r.target.unit ?? (r.ratio === null ? '' : '×')}`,
    ok: r.ok ? 'yes' : 'NO',
  }));
  process.stdout.write(`\nmeasured on ${database.label}, ${Math.round(seconds)} s\n`);
  printTable(rows);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(__dirname, 'results', `${stamp}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
  };
  fs.writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), database, seconds, machine, results }, null, 2)}\n`);
  process.stdout.write(`\n${path.relative(appDir, file)}\n`);
  const missed = results.filter((r) => !r.ok);
  if (missed.length) process.stdout.write(`targets missed: ${missed.map((r) => r.name).join(', ')}\n`);
  // timing targets are reported, not enforced (a shared machine is noisy); wrong answers and wrong counts fail the run
  return results.every((r) => r.valid);
}

/** Whether a Redis server answers PING at this URL (within 2 s). */
async function redisAnswers(url) {
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function printTable(rows) {
  const columns = Object.keys(rows[0]);
  const width = (text) => [...String(text)].reduce((sum, ch) => sum + (ch.codePointAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = columns.map((c) => Math.max(width(c), ...rows.map((r) => width(r[c]))));
  const line = (cells) =>
    `| ${cells.map((cell, i) => String(cell) + ' '.repeat(widths[i] - width(cell))).join(' | ')} |`;
  process.stdout.write(`\n${line(columns)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => row[c]))}\n`);
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(2);
  }
);
