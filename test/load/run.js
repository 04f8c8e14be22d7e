#!/usr/bin/env node
'use strict';
/**
 * npm run test:load — 50 users of different bureaus and roles against a PRODUCTION server for LOAD_SECONDS
 * (default 60): zero 5xx and zero cross-bureau leaks, or exit status 1.
 *
 *  1. a fresh database: a SQLite file under .tmp, or with DATABASE_CLIENT=postgres a new PostgreSQL database next
 *     to the one DATABASE_URL / DATABASE_* point at (dropped afterwards); REDIS_URL is passed on when set;
 *  2. `strapi start` with NODE_ENV=production on a free loopback port (needs `npm run build`: dist/ and the admin
 *     build dist/build; without them the script stops at once and says so);
 *  3. seeded through the API as the district's office would: the first admin (POST /admin/register-admin), a
 *     full-access API token, 30 projects of 5 towns (the zone and the task force among them), 2 problems each led by 6 departments, a task on every problem,
 *     and 50 users-permissions users — 22 of towns, 22 of departments, 3 of the office, 3 district leaders —
 *     each signed in through POST /api/auth/local (so through the sign-in rate limits);
 *  4. autocannon, one connection per user, each cycling through its role's mix: project list, project findOne,
 *     problem list (with their projects), lights summary, task list, a project outside its scope (must be 404),
 *     and writes — towns create problems on their projects and update their problems, departments update the
 *     problems they lead and their tasks, the office updates both, leaders only read;
 *  5. every response checked against the user's scope, computed from the seeded data (a problem created during
 *     the run counts as its town's): every record returned must be one the user's bureau may read.
 *
 * Prints requests, req/s, p50/p99 latency, 5xx, leaks and other unexpected answers; writes them to
 * test/load/results.json. Bounded: the whole run stops itself (failing) after LOAD_TIME_LIMIT_SECONDS (175).
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const appDir = path.resolve(__dirname, '..', '..');
const SECONDS = Number(process.env.LOAD_SECONDS || 60);
const TIME_LIMIT_MS = Number(process.env.LOAD_TIME_LIMIT_SECONDS || 175) * 1000;
const USERS = { town: 22, department: 22, office: 3, leader: 3 };
const TOWNS = 5;
const DEPARTMENTS = 6;
const PROJECTS_PER_TOWN = 6;
const PROBLEMS_PER_PROJECT = 2;
const PASSWORD = 'Load-Test-Password-2026';
const RESULTS = path.join(__dirname, 'results.json');
const SERVER_LOG = path.join(appDir, '.tmp', 'load-server.log');

const started = Date.now();
const log = (line) => process.stdout.write(`[load ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
const cleanups = [];
/** seconds from the start at which each phase ended */
const phases = {};
let finished = false;

async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (error) {
      log(`cleanup: ${error.message}`);
    }
  }
}

async function fail(message) {
  if (finished) return;
  finished = true;
  process.stderr.write(`\n负载测试失败 / load test FAILED: ${message}\n`);
  if (fs.existsSync(SERVER_LOG)) process.stderr.write(`server log: ${path.relative(appDir, SERVER_LOG)}\n`);
  await cleanup();
  process.exit(1);
}

// ---------------------------------------------------------------- build, database, server

function checkBuild() {
  const missing = ['dist/src/index.js', 'dist/config/server.js', 'dist/build/index.html'].filter((file) => !fs.existsSync(path.join(appDir, file)));
  if (missing.length) {
    throw new Error(`no production build (${missing.join(', ')} missing): run \`npm run build\` first`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function postgresAdmin() {
  const { Client } = require('pg');
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return new Client({ connectionString: url.toString() });
  }
  return new Client({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 5432),
    user: process.env.DATABASE_USERNAME || 'postgres',
    password: process.env.DATABASE_PASSWORD || '',
    database: 'postgres',
  });
}

/** Environment of the server: a fresh database of its own, its own secrets. */
async function freshDatabase(env) {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const name = `load_${process.pid}_${Date.now()}`;
    const admin = postgresAdmin();
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    env.DATABASE_CLIENT = 'postgres';
    env.DATABASE_NAME = name;
    if (process.env.DATABASE_URL) {
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
    }
    cleanups.push(async () => {
      const client = postgresAdmin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    });
    return `PostgreSQL (${name})`;
  }
  const name = `.tmp/load-${process.pid}-${Date.now()}.db`;
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  env.DATABASE_CLIENT = 'sqlite';
  env.DATABASE_FILENAME = name;
  cleanups.push(async () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, name + suffix), { force: true });
  });
  return `SQLite (${name})`;
}

async function startServer(port) {
  const random = () => crypto.randomBytes(24).toString('base64');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'false',
    DEMO_DATA: 'false',
    APP_KEYS: [random(), random()].join(','),
  };
  for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) env[name] = random();
  const database = await freshDatabase(env);
  fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const out = fs.openSync(SERVER_LOG, 'w');
  const child = spawn(process.execPath, [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: appDir,
    env,
    stdio: ['ignore', out, out],
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = signal || code));
  cleanups.push(async () => {
    if (exited !== null) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 100 && exited === null; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    if (exited === null) child.kill('SIGKILL');
  });
  log(`production server starting on 127.0.0.1:${port}, database ${database}${process.env.REDIS_URL ? `, Redis ${new URL(process.env.REDIS_URL).host}` : ''}`);
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before answering; see ${path.relative(appDir, SERVER_LOG)}`);
    if (Date.now() - started > TIME_LIMIT_MS / 2) throw new Error('the server did not answer /_health in time');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_health`);
      if (res.status === 204 || res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  log('server ready');
  phases.serverReady = Math.round((Date.now() - started) / 1000);
  return { database };
}

// ---------------------------------------------------------------- seeding through the API

function api(base) {
  return async function call(method, url, { token, body, expect = [200, 201] } = {}) {
    const res = await fetch(base + url, {
      method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = { text };
    }
    if (!expect.includes(res.status)) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return json;
  };
}

/** Runs the tasks with at most `limit` at once. */
async function pool(items, limit, worker) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await worker(items[index], index);
      }
    }),
  );
  return results;
}

async function seed(call) {
  const email = 'load-office@lanshan.local';
  const registered = await call('POST', '/admin/register-admin', { body: { email, password: PASSWORD, firstname: '负载', lastname: '测试' } });
  const adminToken = registered.data.token;
  const created = await call('POST', '/admin/api-tokens', {
    token: adminToken,
    body: { name: 'load-test', description: 'load test', type: 'full-access', lifespan: null },
  });
  const token = created.data.accessKey;

  const bureaus = (await call('GET', '/api/bureaus?pagination[pageSize]=100&sort=id', { token })).data;
  // towns, the development zone and the task force all act through the town role
  const towns = bureaus.filter((b) => ['town', 'zone', 'taskforce'].includes(b.kind)).slice(0, TOWNS);
  const departments = bureaus.filter((b) => b.kind === 'department').slice(0, DEPARTMENTS);
  if (towns.length < TOWNS || departments.length < DEPARTMENTS) throw new Error(`seeded bureaus: ${towns.length} towns, ${departments.length} departments`);

  const projects = await pool(
    towns.flatMap((town) => Array.from({ length: PROJECTS_PER_TOWN }, (_, i) => ({ town, i }))),
    4,
    async ({ town, i }) => {
      const body = { data: { name: `负载测试项目 ${town.code} ${i + 1}`, category: 'general', applicantBureau: town.documentId, plannedInvestment: 1000 + i } };
      const project = (await call('POST', '/api/projects', { token, body })).data;
      return { id: project.documentId, applicant: town.documentId };
    },
  );
  const problems = await pool(
    projects.flatMap((project, p) => Array.from({ length: PROBLEMS_PER_PROJECT }, (_, k) => ({ project, lead: departments[(p + k) % departments.length] }))),
    4,
    async ({ project, lead }, n) => {
      const body = {
        data: {
          project: project.id,
          reportingBureau: project.applicant,
          leadBureau: lead.documentId,
          category: 'land_supply',
          level: 'local',
          title: `负载测试问题 ${n + 1}`,
          description: '用地指标尚未落实',
        },
      };
      const problem = (await call('POST', '/api/problems', { token, body })).data;
      return { id: problem.documentId, project: project.id, reporting: project.applicant, lead: lead.documentId };
    },
  );
  const tasks = await pool(problems, 4, async (problem, n) => {
    const body = {
      data: { title: `负载测试任务 ${n + 1}`, project: problem.project, problem: problem.id, responsibleBureau: problem.lead, deadline: '2027-06-30' },
    };
    const task = (await call('POST', '/api/tasks', { token, body })).data;
    return { id: task.documentId, project: problem.project, problem: problem.id, responsible: problem.lead };
  });

  const roles = (await call('GET', '/api/users-permissions/roles', { token })).roles;
  const roleOf = (type) => {
    const role = roles.find((r) => r.type === type);
    if (!role) throw new Error(`no users-permissions role ${type}`);
    return role.id;
  };
  const office = bureaus.find((b) => b.code === 'office');
  const specs = [];
  for (const [kind, count] of Object.entries(USERS)) {
    for (let i = 0; i < count; i += 1) {
      const bureau = kind === 'town' ? towns[i % towns.length] : kind === 'department' ? departments[i % departments.length] : kind === 'office' ? office : null;
      specs.push({ kind, bureau, username: `load-${kind}-${i + 1}` });
    }
  }
  const users = await pool(specs, 4, async (spec) => {
    const body = {
      username: spec.username,
      email: `${spec.username}@load.local`,
      password: PASSWORD,
      role: roleOf(spec.kind),
      confirmed: true,
      blocked: false,
      ...(spec.bureau ? { bureau: spec.bureau.id } : {}),
    };
    await call('POST', '/api/users', { token, body });
    return spec;
  });
  // every user signs in as a client would (one after another: the sign-in limits count per address)
  for (const user of users) {
    user.jwt = (await call('POST', '/api/auth/local', { body: { identifier: `${user.username}@load.local`, password: PASSWORD } })).jwt;
  }
  return { towns, departments, projects, problems, tasks, users };
}

// ---------------------------------------------------------------- expected scopes

/** What each bureau may read, from the seeded data (the scope table of src/plugins/bureau-views/README.md). */
function scopes(world) {
  const byBureau = new Map();
  const of = (bureau) => {
    if (!byBureau.has(bureau)) byBureau.set(bureau, { projects: new Set(), problems: new Set(), tasks: new Set() });
    return byBureau.get(bureau);
  };
  const projectOf = new Map(world.projects.map((p) => [p.id, p]));
  const problemOf = new Map(world.problems.map((p) => [p.id, p]));
  for (const project of world.projects) of(project.applicant).projects.add(project.id);
  for (const problem of world.problems) {
    const applicant = projectOf.get(problem.project).applicant;
    for (const bureau of new Set([problem.reporting, problem.lead, applicant])) of(bureau).problems.add(problem.id);
    for (const bureau of [problem.reporting, problem.lead]) of(bureau).projects.add(problem.project);
  }
  for (const task of world.tasks) {
    const applicant = projectOf.get(task.project).applicant;
    const lead = problemOf.get(task.problem).lead;
    for (const bureau of new Set([task.responsible, applicant, lead])) of(bureau).tasks.add(task.id);
    of(task.responsible).projects.add(task.project);
    of(task.responsible).problems.add(task.problem);
  }
  return of;
}

// ---------------------------------------------------------------- the load

async function runLoad(base, world) {
  const autocannon = require('autocannon');
  const scopeOf = scopes(world);
  const allProjects = new Set(world.projects.map((p) => p.id));
  const allProblems = new Set(world.problems.map((p) => p.id));
  const allTasks = new Set(world.tasks.map((t) => t.id));
  /** problems created during the run → the bureau that created them */
  const createdBy = new Map();
  /** problem ids seen in a list before their creation was answered: checked at the end */
  const unknownSeen = [];
  const tally = { checked: 0, leaks: 0, unexpected: 0, status5xx: 0, samples: [] };
  const note = (kind, user, what) => {
    if (kind === 'leak') tally.leaks += 1;
    else tally.unexpected += 1;
    if (tally.samples.length < 20) tally.samples.push(`${kind}: ${user.username} (${user.kind}) ${what}`);
  };
  const pick = (list, n) => list[n % list.length];

  function requestsFor(user) {
    const all = user.kind === 'office' || user.kind === 'leader';
    const bureau = user.bureau?.documentId;
    const scope = all ? { projects: allProjects, problems: allProblems, tasks: allTasks } : scopeOf(bureau);
    const projects = [...scope.projects];
    const outside = world.projects.map((p) => p.id).filter((id) => !scope.projects.has(id));
    const ownProjects = world.projects.filter((p) => p.applicant === bureau).map((p) => p.id);
    const reported = world.problems.filter((p) => p.reporting === bureau).map((p) => p.id);
    const led = world.problems.filter((p) => p.lead === bureau).map((p) => p.id);
    const ownTasks = world.tasks.filter((t) => t.responsible === bureau).map((t) => t.id);
    const state = { n: 0, lastId: null };
    const headers = { authorization: `Bearer ${user.jwt}`, 'content-type': 'application/json', accept: 'application/json' };
    const parse = (status, body, what) => {
      tally.checked += 1;
      if (status >= 500) {
        tally.status5xx += 1;
        note('5xx', user, `${what}: ${status} ${String(body).slice(0, 200)}`);
        return null;
      }
      try {
        return JSON.parse(body);
      } catch {
        note('unexpected', user, `${what}: ${status} not JSON`);
        return null;
      }
    };
    const expectStatus = (status, wanted, body, what) => {
      if (status >= 500 || wanted.includes(status)) return true;
      note('unexpected', user, `${what}: ${status} ${String(body).slice(0, 200)}`);
      return false;
    };
    const problemVisible = (id) => scope.problems.has(id) || (createdBy.has(id) && (all || createdBy.get(id) === bureau));

    const get = (what, pathOf, check) => ({
      method: 'GET',
      headers,
      setupRequest: (req) => ({ ...req, path: pathOf() }),
      onResponse: (status, body) => {
        const json = parse(status, body, what);
        if (json && expectStatus(status, check.status ?? [200], body, what)) check.body?.(json, status);
      },
    });
    const write = (what, method, pathOf, dataOf, onCreated) => ({
      method,
      headers,
      setupRequest: (req) => ({ ...req, path: pathOf(), body: JSON.stringify({ data: dataOf() }) }),
      onResponse: (status, body) => {
        const json = parse(status, body, what);
        if (json && expectStatus(status, [200, 201], body, what) && onCreated) onCreated(json);
      },
    });

    const reads = [
      get('project list', () => '/api/projects?pagination[pageSize]=100', {
        body: (json) => {
          for (const record of json.data) if (!scope.projects.has(record.documentId)) note('leak', user, `project ${record.documentId} in the list`);
          if (json.meta.pagination.total !== scope.projects.size) note('leak', user, `project total ${json.meta.pagination.total}, expected ${scope.projects.size}`);
        },
      }),
      get('project findOne', () => `/api/projects/${(state.lastId = pick(projects, (state.n += 1)))}`, {
        body: (json) => {
          if (json.data?.documentId !== state.lastId) note('unexpected', user, `project findOne gave ${json.data?.documentId}`);
        },
      }),
      get('problem list', () => '/api/problems?pagination[pageSize]=100&populate[project][fields][0]=name', {
        body: (json) => {
          for (const record of json.data) {
            if (!allProblems.has(record.documentId) && !createdBy.has(record.documentId)) unknownSeen.push({ id: record.documentId, user, bureau });
            else if (!problemVisible(record.documentId)) note('leak', user, `problem ${record.documentId} in the list`);
            if (record.project && !scope.projects.has(record.project.documentId)) note('leak', user, `project ${record.project.documentId} populated`);
          }
        },
      }),
      get('lights summary', () => '/api/traffic-lights/summary', {
        body: (json) => {
          if (json.data.total > scope.projects.size) note('leak', user, `lights summary counts ${json.data.total} projects, its scope has ${scope.projects.size}`);
        },
      }),
      get('task list', () => '/api/tasks?pagination[pageSize]=100', {
        body: (json) => {
          for (const record of json.data) if (!scope.tasks.has(record.documentId)) note('leak', user, `task ${record.documentId} in the list`);
        },
      }),
    ];
    if (outside.length) {
      reads.push(get('project outside the scope', () => `/api/projects/${pick(outside, (state.n += 1))}`, { status: [404] }));
    }

    const writes = [];
    const stamp = () => `负载测试 ${user.username} ${Date.now()}`;
    if (user.kind === 'town' && ownProjects.length) {
      writes.push(
        write('problem create', 'POST', () => '/api/problems', () => ({
          project: pick(ownProjects, (state.n += 1)),
          category: 'other',
          level: 'local',
          title: stamp(),
          description: '负载测试：新报送的问题',
        }), (json) => createdBy.set(json.data.documentId, bureau)),
      );
    }
    if (user.kind === 'town' && reported.length) writes.push(write('problem update', 'PUT', () => `/api/problems/${pick(reported, (state.n += 1))}`, () => ({ suggestion: stamp() })));
    if (user.kind === 'department' && led.length) writes.push(write('problem progress', 'PUT', () => `/api/problems/${pick(led, (state.n += 1))}`, () => ({ suggestion: stamp() })));
    if (user.kind === 'department' && ownTasks.length) writes.push(write('task update', 'PUT', () => `/api/tasks/${pick(ownTasks, (state.n += 1))}`, () => ({ description: stamp() })));
    if (user.kind === 'office') {
      writes.push(write('task update', 'PUT', () => `/api/tasks/${pick([...allTasks], (state.n += 1))}`, () => ({ description: stamp() })));
      writes.push(write('problem update', 'PUT', () => `/api/problems/${pick([...allProblems], (state.n += 1))}`, () => ({ suggestion: stamp() })));
    }
    // reads and writes interleaved: r r w r r w …
    const mix = [];
    for (let i = 0; i < reads.length; i += 1) {
      mix.push(reads[i]);
      if (i % 2 === 1 && writes.length) mix.push(writes[(i >> 1) % writes.length]);
    }
    return mix;
  }

  let next = 0;
  const users = world.users;
  const instance = autocannon({
    url: base,
    connections: users.length,
    duration: SECONDS,
    timeout: 30,
    setupClient(client) {
      const user = users[next % users.length];
      next += 1;
      client.setRequests(requestsFor(user));
    },
  });
  const result = await instance;
  // problems a list showed before their creation was answered
  for (const { id, user, bureau } of unknownSeen) {
    if (!createdBy.has(id)) note('leak', user, `problem ${id} in the list, created by no one of the load`);
    else if (!(user.kind === 'office' || user.kind === 'leader') && createdBy.get(id) !== bureau) note('leak', user, `problem ${id} of another bureau in the list`);
  }
  return { result, tally, created: createdBy.size };
}

// ---------------------------------------------------------------- main

async function main() {
  const timer = setTimeout(() => void fail(`not finished within ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
  timer.unref();
  checkBuild();
  const port = await freePort();
  const { database } = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const world = await seed(api(base));
  phases.seeded = Math.round((Date.now() - started) / 1000);
  log(`seeded ${world.projects.length} projects, ${world.problems.length} problems, ${world.tasks.length} tasks; ${world.users.length} users signed in`);
  log(`load: ${world.users.length} connections (one per user) for ${SECONDS} s`);
  const { result, tally, created } = await runLoad(base, world);
  const figures = {
    at: new Date().toISOString(),
    database,
    redis: Boolean(process.env.REDIS_URL),
    seconds: SECONDS,
    users: world.users.length,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    status: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    checked: tally.checked,
    leaks: tally.leaks,
    unexpected: tally.unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    problemsCreated: created,
    samples: tally.samples,
    phasesSeconds: { ...phases, loaded: Math.round((Date.now() - started) / 1000) },
  };
  fs.writeFileSync(RESULTS, `${JSON.stringify(figures, null, 2)}\n`);
  const table = [
    ['requests', figures.requests],
    ['req/s', figures.requestsPerSecond],
    ['latency p50 / p90 / p99 / max (ms)', `${figures.latencyMs.p50} / ${figures.latencyMs.p90} / ${figures.latencyMs.p99} / ${figures.latencyMs.max}`],
    ['2xx / 4xx / 5xx', `${figures.status['2xx']} / ${figures.status['4xx']} / ${figures.status['5xx']}`],
    ['responses checked against the scope', figures.checked],
    ['cross-bureau leaks', figures.leaks],
    ['other unexpected answers', figures.unexpected],
    ['connection errors / timeouts', `${figures.errors} / ${figures.timeouts}`],
    ['problems created', figures.problemsCreated],
  ];
  process.stdout.write(`\n负载测试 / load test — ${database}, ${figures.users} users, ${SECONDS} s\n`);
  for (const [name, value] of table) process.stdout.write(`  ${name.padEnd(38)} ${value}\n`);
  for (const sample of tally.samples) process.stdout.write(`  ! ${sample}\n`);
  process.stdout.write(`  → ${path.relative(appDir, RESULTS)}\n`);
  await cleanup();
  finished = true;
  clearTimeout(timer);
  const bad = figures.status['5xx'] + figures.leaks + figures.unexpected + figures.errors + figures.timeouts;
  if (bad > 0) {
    process.stderr.write(`\n负载测试失败 / load test FAILED: ${figures.status['5xx']} 5xx, ${figures.leaks} leaks, ${figures.unexpected} unexpected answers, ${figures.errors} errors, ${figures.timeouts} timeouts\n`);
    process.exit(1);
  }
  process.stdout.write('负载测试通过 / load test passed: no 5xx, no leak\n');
}

process.on('SIGINT', () => void fail('interrupted'));
main().catch((error) => fail(error.stack || error.message));
