'use strict';
/**
 * (e) City scale over HTTP: 10 000 projects, 100 000 opinions, problems and tasks each with its deadline row, 30
 * bureaus, bulk-inserted into one throw-away database (a SQLite file; with --postgres a PostgreSQL database, with
 * Redis for the deadline scheduler). Three servers answer the same requests, one at a time, each in its own process
 * (bench/city-server.js, production mode, compiled dist/), stock on a copy of the seeded database (a file copy, or
 * CREATE DATABASE … TEMPLATE):
 *
 * - ours: the platform, a department user (users-permissions JWT, role type `department`) — scoped;
 * - stock: the same app and data with PLATFORM_PLUGINS=off (config/plugins.ts) and a full-access API token;
 * - bare: `http.createServer` running the equivalent SQL with the same driver (bench/city-bare.js) — the floor.
 *
 * Measured: start-up (process start to listening) and resident memory idle with the full data set (ours vs stock);
 * SQL statements per request (findOne, list at page sizes 25 and 100, with and without populate, a PUT of two
 * scalar fields of an opinion) — the count must not move with the page size, and ours may run at most one more than
 * stock; `GET /api/projects` (page 25) with autocannon at 10 and 50 connections (throughput, p50, p99); the content
 * manager's project list sorted by name for a department admin against the super admin (p50).
 *
 * The light rows are inserted as the engine's first pass writes them (every project, open item and bureau: green,
 * nothing is due within a week), so that the lights' first-start backfill finds nothing to do during the
 * measurements; the lights themselves are measured by bench/traffic-lights.js. Memory is read once the server is
 * idle (its CPU time stops moving), not after a fixed pause; the target is on the resident size as the system sees
 * it, the heap and the sizes after a full GC are given beside it.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { DateTime } = require('luxon');
const { copyDatabase, documentId, insert, link, median, onPostgres, prepareEnv, random } = require('./lib');

const PROJECT = 'api::project.project';
const BUREAU = 'api::bureau.bureau';
const PROBLEM = 'api::problem.problem';
const TASK = 'api::task.task';
const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const OPINION = 'api::opinion.opinion';
const DEADLINE = 'plugin::deadlines.deadline';
const RULE = 'plugin::deadlines.rule';
const LIGHT = 'plugin::traffic-lights.light';
const PASSWORD = 'Bench-Password-2026';

async function seed(strapi, { projects, items, bureaus }) {
  const rand = random(20261126);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const stamp = new Date();
  const base = { createdAt: stamp, updatedAt: stamp, publishedAt: stamp };
  const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
  const day = (offset) => today.plus({ days: offset });

  // bureaus: the seeded ones, topped up with departments to `bureaus`
  const existing = await strapi.db.query(BUREAU).count();
  const extra = Array.from({ length: Math.max(0, bureaus - existing) }, (_, i) => ({
    ...base,
    documentId: documentId(),
    name: `基准测试部门 ${i + 1}`,
    code: `bench-department-${i + 1}`,
    kind: 'department',
  }));
  if (extra.length) await insert(strapi, BUREAU, extra);
  const all = await strapi.db
    .query(BUREAU)
    .findMany({ select: ['id', 'documentId', 'code', 'kind', 'name'], orderBy: { id: 'asc' } });
  const departments = all.filter((b) => b.kind === 'department');
  const units = all.filter((b) => ['town', 'zone', 'taskforce'].includes(b.kind));
  const department = departments[0];

  const enumOf = (uid, field) => strapi.getModel(uid).attributes[field].enum;
  const projectRows = Array.from({ length: projects }, (_, i) => ({
    ...base,
    documentId: documentId(),
    name: `基准测试项目 ${String(projects - i).padStart(5, '0')}`,
    code: `LS-2026-${String(i + 1).padStart(5, '0')}`,
    category: pick(enumOf(PROJECT, 'category')),
    stage: pick(enumOf(PROJECT, 'stage')),
    plannedInvestment: 1000 + Math.floor(rand() * 500000),
    light: 'green',
    lightReasons: [],
    isDemo: false,
  }));
  const projectIds = await insert(strapi, PROJECT, projectRows);
  const applicant = projectIds.map(() => pick(units));
  await link(
    strapi,
    PROJECT,
    'applicantBureau',
    projectIds.map((id, i) => [id, applicant[i].id])
  );

  // 40 % problems, 40 % tasks, 20 % opinions (four per pre-assessment)
  const problemCount = Math.round(items * 0.4);
  const taskCount = Math.round(items * 0.4);
  const opinionCount = items - problemCount - taskCount;
  // due in 8 to 67 days: no reminder, notice or escalation is due while measuring (each start reconciles them all)
  const due = () => day(8 + Math.floor(rand() * 60));
  const problems = [];
  const problemLinks = { project: [], reporting: [], lead: [] };
  for (let i = 0; i < problemCount; i += 1) {
    const p = Math.floor(rand() * projects);
    problems.push({
      row: {
        ...base,
        documentId: documentId(),
        title: `基准测试问题 ${i + 1}`,
        description: '用地指标尚未落实',
        category: pick(enumOf(PROBLEM, 'category')),
        level: 'district',
        state: 'assigned',
        assignedAt: stamp,
        proposalDueAt: due().toJSDate(),
      },
      project: p,
      lead: pick(departments),
    });
  }
  const problemIds = await insert(
    strapi,
    PROBLEM,
    problems.map((p) => p.row)
  );
  problems.forEach((p, i) => {
    problemLinks.project.push([problemIds[i], projectIds[p.project]]);
    problemLinks.reporting.push([problemIds[i], applicant[p.project].id]);
    problemLinks.lead.push([problemIds[i], p.lead.id]);
  });
  await link(strapi, PROBLEM, 'project', problemLinks.project);
  await link(strapi, PROBLEM, 'reportingBureau', problemLinks.reporting);
  await link(strapi, PROBLEM, 'leadBureau', problemLinks.lead);

  const tasks = [];
  for (let i = 0; i < taskCount; i += 1) {
    const when = due();
    tasks.push({
      row: {
        ...base,
        documentId: documentId(),
        title: `基准测试责任事项 ${i + 1}`,
        deadline: when.toISODate(),
        dueAt: when.endOf('day').toJSDate(),
        state: 'pending',
      },
      project: Math.floor(rand() * projects),
      responsible: pick(departments),
    });
  }
  const taskIds = await insert(
    strapi,
    TASK,
    tasks.map((t) => t.row)
  );
  await link(
    strapi,
    TASK,
    'project',
    tasks.map((t, i) => [taskIds[i], projectIds[t.project]])
  );
  await link(
    strapi,
    TASK,
    'responsibleBureau',
    tasks.map((t, i) => [taskIds[i], t.responsible.id])
  );

  const assessments = [];
  for (let i = 0; i < Math.ceil(opinionCount / 4); i += 1) {
    assessments.push({
      row: { ...base, documentId: documentId(), state: 'open', requestedAt: stamp, attestedBy: '基准测试' },
      project: Math.floor(rand() * projects),
      lead: pick(departments),
    });
  }
  const assessmentIds = await insert(
    strapi,
    PRE_ASSESSMENT,
    assessments.map((a) => a.row)
  );
  await link(
    strapi,
    PRE_ASSESSMENT,
    'project',
    assessments.map((a, i) => [assessmentIds[i], projectIds[a.project]])
  );
  await link(
    strapi,
    PRE_ASSESSMENT,
    'leadBureau',
    assessments.map((a, i) => [assessmentIds[i], a.lead.id])
  );
  const dimensions = enumOf(OPINION, 'dimension');
  const opinions = [];
  for (let i = 0; i < opinionCount; i += 1) {
    const when = due();
    opinions.push({
      row: {
        ...base,
        documentId: documentId(),
        title: `基准测试意见 ${i + 1}`,
        dimension: dimensions[i % dimensions.length],
        state: 'pending',
        dueAt: when.endOf('day').toJSDate(),
      },
      assessment: Math.floor(i / 4),
      bureau: i === 0 ? department : pick(departments),
    });
  }
  const opinionIds = await insert(
    strapi,
    OPINION,
    opinions.map((o) => o.row)
  );
  await link(
    strapi,
    OPINION,
    'preAssessment',
    opinions.map((o, i) => [opinionIds[i], assessmentIds[o.assessment]])
  );
  await link(
    strapi,
    OPINION,
    'bureau',
    opinions.map((o, i) => [opinionIds[i], o.bureau.id])
  );

  // one deadline row per item, under the item's default rule
  const rules = new Map(
    (await strapi.db.query(RULE).findMany({ where: { active: true } })).map((rule) => [rule.contentType, rule])
  );
  const deadlines = [];
  const targets = [
    [PROBLEM, problems, problemIds, (p) => p.lead, (p) => p.row.proposalDueAt],
    [TASK, tasks, taskIds, (t) => t.responsible, (t) => t.row.dueAt],
    [OPINION, opinions, opinionIds, (o) => o.bureau, (o) => o.row.dueAt],
  ];
  for (const [uid, list, , bureauOf, dueOf] of targets) {
    const rule = rules.get(uid);
    if (!rule) throw new Error(`no active deadline rule for ${uid}`);
    for (const item of list) {
      const dueAt = dueOf(item);
      deadlines.push({
        row: {
          ...base,
          documentId: documentId(),
          instanceKey: `${rule.id}:${uid}:${item.row.documentId}`,
          targetUid: uid,
          targetDocumentId: item.row.documentId,
          targetTitle: item.row.title,
          startAt: stamp,
          dueAt,
          dueDate: DateTime.fromJSDate(dueAt).setZone('Asia/Shanghai').toISODate(),
          fallback: false,
          state: 'pending',
          version: 1,
          history: [],
        },
        rule: rule.id,
        bureau: bureauOf(item).id,
      });
    }
  }
  const deadlineIds = await insert(
    strapi,
    DEADLINE,
    deadlines.map((d) => d.row)
  );
  await link(
    strapi,
    DEADLINE,
    'rule',
    deadlines.map((d, i) => [deadlineIds[i], d.rule])
  );
  await link(
    strapi,
    DEADLINE,
    'bureau',
    deadlines.map((d, i) => [deadlineIds[i], d.bureau])
  );

  // the stored lights, as the engine's first pass over this data writes them (every item due in 8 days or more:
  // green, no reasons), so that its first-start backfill finds nothing to do while measuring: a light per open
  // item (problem, task, opinion: its project and its deadline's bureau), per project (its applicant unit and the
  // item due first) and per bureau
  const LABELS = { [PROBLEM]: '问题', [TASK]: '任务', [OPINION]: '意见' };
  const itemProject = new Map([
    [PROBLEM, (p) => projectIds[p.project]],
    [TASK, (t) => projectIds[t.project]],
    [OPINION, (o) => projectIds[assessments[o.assessment].project]],
  ]);
  const lights = [];
  const lightLinks = { project: [], bureau: [], nextDueBureau: [] };
  const nextDue = new Map(); // project id → the item due first
  for (const [uid, list, , bureauOf, dueOf] of targets) {
    for (const item of list) {
      const project = itemProject.get(uid)(item);
      const dueAt = dueOf(item);
      const bureau = bureauOf(item).id;
      const best = nextDue.get(project);
      if (!best || dueAt < best.dueAt) nextDue.set(project, { dueAt, uid, item, bureau });
      lights.push({
        row: {
          ...base,
          documentId: documentId(),
          key: `item:${uid}:${item.row.documentId}`,
          kind: 'item',
          targetUid: uid,
          targetDocumentId: item.row.documentId,
          targetTitle: item.row.title,
          light: 'green',
          rank: 0,
          reasons: [],
          open: true,
          evaluatedAt: stamp,
        },
        project,
        bureau,
      });
    }
  }
  projectRows.forEach((row, i) => {
    const next = nextDue.get(projectIds[i]);
    lights.push({
      row: {
        ...base,
        documentId: documentId(),
        key: `project:${row.documentId}`,
        kind: 'project',
        targetUid: PROJECT,
        targetDocumentId: row.documentId,
        targetTitle: row.name,
        light: 'green',
        rank: 0,
        reasons: [],
        open: true,
        evaluatedAt: stamp,
        ...(next
          ? {
              nextDueAt: next.dueAt,
              nextDueUid: next.uid,
              nextDueDocumentId: next.item.row.documentId,
              nextDueTitle: `${LABELS[next.uid]}：${next.item.row.title}`.slice(0, 255),
            }
          : {}),
      },
      project: projectIds[i],
      bureau: applicant[i].id,
      nextDueBureau: next?.bureau,
    });
  });
  // the seeded bureaus have theirs already (the lights follow their creation)
  const lit = new Set((await strapi.db.query(LIGHT).findMany({ where: { kind: 'unit' }, select: ['key'] })).map((row) => row.key));
  for (const bureau of all.filter((b) => !lit.has(`unit:${b.documentId}`))) {
    lights.push({
      row: {
        ...base,
        documentId: documentId(),
        key: `unit:${bureau.documentId}`,
        kind: 'unit',
        targetUid: BUREAU,
        targetDocumentId: bureau.documentId,
        targetTitle: bureau.name,
        light: 'green',
        rank: 0,
        reasons: [],
        open: true,
        evaluatedAt: stamp,
      },
      bureau: bureau.id,
    });
  }
  const lightIds = await insert(
    strapi,
    LIGHT,
    lights.map((l) => l.row)
  );
  lights.forEach((l, i) => {
    if (l.project) lightLinks.project.push([lightIds[i], l.project]);
    if (l.bureau) lightLinks.bureau.push([lightIds[i], l.bureau]);
    if (l.nextDueBureau) lightLinks.nextDueBureau.push([lightIds[i], l.nextDueBureau]);
  });
  for (const [attribute, pairs] of Object.entries(lightLinks)) await link(strapi, LIGHT, attribute, pairs);

  return {
    department,
    opinion: opinions[0].row.documentId,
    counts: {
      projects,
      problems: problemCount,
      tasks: taskCount,
      preAssessments: assessments.length,
      opinions: opinionCount,
      deadlines: deadlines.length,
      bureaus: all.length,
      lights: lights.length,
    },
  };
}

/** The callers: a department user (JWT), a full-access API token, a super admin and a department admin (passwords). */
async function callers(strapi, department) {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'department' } });
  const user = await strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username: 'bench-department',
      email: 'bench-department@bench.local',
      password: PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
      bureau: department.id,
    });
  const jwt = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
  const token = await strapi
    .service('admin::api-token')
    .create({ name: 'bench-full-access', description: '', type: 'full-access', lifespan: null });
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const departmentRole = await strapi.db.query('admin::role').findOne({ where: { code: 'department' } });
  const admins = {};
  for (const [key, roleId] of [
    ['super', superAdmin.id],
    ['department', departmentRole?.id],
  ]) {
    if (!roleId) continue;
    const email = `bench-${key}@bench.local`;
    const admin = await strapi
      .service('admin::user')
      .create({
        firstname: 'Bench',
        lastname: key,
        email,
        password: PASSWORD,
        isActive: true,
        registrationToken: null,
        roles: [roleId],
      });
    if (key === 'department')
      await strapi
        .documents('plugin::bureau-views.membership')
        .create({ data: { user: admin.id, bureau: department.documentId } });
    admins[key] = email;
  }
  return { jwt, apiToken: token.accessKey, admins };
}

/** Starts a server process; resolves to { port, startMs, pid, stop } once it listens. */
function startServer(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, script)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);
    });
    child.stdout.on('data', (chunk) => {
      if (child.ready) return; // drained unread: a child blocks on a full pipe
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        child.ready = true;
        const info = JSON.parse(line);
        resolve({
          ...info,
          pid: child.pid,
          memory: () =>
            new Promise((done) => {
              child.once('message', done);
              child.send('memory');
            }),
          /** Runs `work` with the CPU profiler on, writing `<BENCH_CPU_PROF>/<name>.cpuprofile` (without the variable: just runs it). */
          profiled: async (name, work) => {
            const dir = process.env.BENCH_CPU_PROF;
            if (!dir) return work();
            fs.mkdirSync(dir, { recursive: true });
            const reply = (expected) => new Promise((done) => child.on('message', function on(m) { if (m === expected) { child.off('message', on); done(); } }));
            const started = reply('profile:started');
            child.send('profile:start');
            await started;
            try {
              return await work();
            } finally {
              const stopped = reply('profile:stopped');
              child.send(`profile:stop ${path.resolve(dir, `${name}.cpuprofile`)}`);
              await stopped;
            }
          },
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10000).unref();
            }),
        });
      }
    });
    child.once('exit', (code) => {
      if (!child.ready) reject(new Error(`${script} exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

const rssMb = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
};

/** CPU time (user + system, ms) a process has used so far. */
const cpuOf = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
};

/**
 * Waits until a process is idle: under 20 ms of CPU in each of two successive 250 ms windows (at most 30 s).
 * Resolves to the milliseconds waited.
 */
async function settled(pid, { windowMs = 250, quietCpuMs = 20, maxMs = 30000 } = {}) {
  const start = Date.now();
  let quiet = 0;
  let last = cpuOf(pid);
  while (quiet < 2 && Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const cpu = cpuOf(pid);
    quiet = cpu - last <= quietCpuMs ? quiet + 1 : 0;
    last = cpu;
  }
  return Date.now() - start;
}

/** One request; resolves to { status, queries, body }. */
function request(port, method, url, token, body, extraHeaders = {}) {
  const http = require('http');
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json', ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, queries: Number(res.headers['x-bench-queries'] ?? NaN), body: json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function cannon(port, url, token, connections, duration) {
  const autocannon = require('autocannon');
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${url}`,
    connections,
    duration,
    timeout: 60,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** p50 of `count` sequential requests (after two of warm-up). */
async function sequentialP50(port, url, token, count) {
  for (let i = 0; i < 2; i += 1) await request(port, 'GET', url, token);
  const times = [];
  let status = null;
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    const res = await request(port, 'GET', url, token);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = res.status;
  }
  return { p50: median(times), status };
}

const LIST = (size, populate) =>
  `/api/projects?pagination[pageSize]=${size}${populate ? '&populate[0]=applicantBureau&populate[1]=problems' : ''}`;

/** SQL statements per request on one server. */
async function countQueries(port, token, { findOne, opinion }) {
  const counts = {};
  const statuses = {};
  const one = async (key, method, url, body) => {
    await request(port, method, url, token, body); // warm: caches that fill once per process are not per request
    const res = await request(port, method, url, token, body);
    counts[key] = res.queries;
    statuses[key] = res.status === 200 ? 200 : `${res.status} ${res.body?.error?.message ?? ''}`.trim();
  };
  await one('findOne', 'GET', `/api/projects/${findOne}`);
  await one('list25', 'GET', LIST(25));
  await one('list100', 'GET', LIST(100));
  await one('populate25', 'GET', LIST(25, true));
  await one('populate100', 'GET', LIST(100, true));
  await one('putOpinion', 'PUT', `/api/opinions/${opinion}`, { data: { verdict: 'approve', content: '已核实，同意' } });
  return { counts, statuses };
}

async function run({
  appDir,
  projects = 10000,
  items = 100000,
  bureaus = 30,
  duration = 5,
  connections = [10, 50],
  adminRequests = 30,
} = {}) {
  const dropDatabase = prepareEnv(appDir);
  const sqlite = !onPostgres();
  const { createStrapi } = require('@strapi/strapi');
  let seeded;
  let who;
  let stockDb = null;
  const servers = {};
  const figures = {};
  try {
    const seedStart = Date.now();
    {
      const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
      try {
        await strapi.load();
        // a throw-away file need not wait for the disk while it is filled (restored before the servers start)
        if (sqlite) await strapi.db.connection.raw('pragma synchronous = off');
        seeded = await seed(strapi, { projects, items, bureaus });
        who = await callers(strapi, seeded.department);
        const findOne = await strapi.db.connection.raw(
          `select p.document_id as id from projects p join tasks_project_lnk l on l.project_id = p.id join tasks_responsible_bureau_lnk r on r.task_id = l.task_id where r.bureau_id = ? limit 1`,
          [seeded.department.id]
        );
        seeded.findOne = (findOne.rows ?? findOne)[0]?.id; // PostgreSQL: a result with rows; SQLite: the rows
        if (sqlite) await strapi.db.connection.raw('pragma synchronous = full');
        // fresh statistics for the planner, as a database that has been running a while has them
        else await strapi.db.connection.raw('analyze');
      } finally {
        await strapi.destroy().catch(() => {});
      }
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;
    process.stdout.write(`  seeded ${JSON.stringify(seeded.counts)} in ${seedSeconds.toFixed(1)} s\n`);
    // the stock server gets a copy of the seeded database (ours writes to its own: users, tokens, the PUT)
    stockDb = copyDatabase(appDir);

    const env = { NODE_ENV: 'production', IS_PROXIED: 'true' };
    Object.assign(figures, { seedSeconds, dataset: seeded.counts });
    for (const [name, extra, token] of [
      ['stock', { PLATFORM_PLUGINS: 'off', BENCH_STOCK_BASELINE: 'true', ...stockDb.env }, who.apiToken],
      ['ours', {}, who.jwt],
    ]) {
      process.stdout.write(`  ${name}: starting …\n`);
      const server = await startServer('city-server.js', { ...env, ...extra });
      servers[name] = server;
      // idle: whatever the start left running in the background (a reconcile, a first pass) has settled
      const idleMs = await settled(server.pid);
      // resident memory as the system sees it, and after a full GC (what the heap holds, not garbage not yet collected)
      const memory = await server.memory();
      const f = (figures[name] = { startMs: server.startMs, rssMb: rssMb(server.pid), idleMs, memory });
      Object.assign(f, await countQueries(server.port, token, seeded));
      // like for like: the same department user's JWT on stock (its users-permissions sign-in costs what ours does)
      if (name === 'stock') {
        f.asUser = await countQueries(server.port, who.jwt, seeded);
        // and its throughput: how much of the gap to the token is the sign-in rather than the scope
        await cannon(server.port, LIST(25), who.jwt, connections[0], 1);
        f.asUser.throughput = await cannon(server.port, LIST(25), who.jwt, connections[0], duration);
      }
      const first = await request(server.port, 'GET', LIST(25), token);
      f.total = first.body?.meta?.pagination?.total ?? null;
      f.throughput = {};
      for (const c of connections) {
        await cannon(server.port, LIST(25), token, c, 1); // warm-up
        f.throughput[c] = await server.profiled(`${name}-p1-${c}`, () => cannon(server.port, LIST(25), token, c, duration));
      }
      if (name === 'ours') {
        f.admin = {};
        for (const [key, email] of Object.entries(who.admins)) {
          // production sets the admin's refresh cookie `secure`: the login is sent as behind an HTTPS proxy
          const login = await request(
            server.port,
            'POST',
            '/admin/login',
            null,
            { email, password: PASSWORD },
            { 'x-forwarded-proto': 'https' }
          );
          const adminToken = login.body?.data?.token ?? login.body?.data?.accessToken;
          if (!adminToken) {
            f.admin[key] = { error: `login ${login.status}` };
            continue;
          }
          const url = '/content-manager/collection-types/api::project.project?page=1&pageSize=10&sort=name:ASC';
          // statements counted once warm (the first request of a process fills what later ones reuse)
          await request(server.port, 'GET', url, adminToken);
          const res = await request(server.port, 'GET', url, adminToken);
          f.admin[key] = {
            ...(await server.profiled(`${name}-p4-${key}`, () => sequentialP50(server.port, url, adminToken, adminRequests))),
            total: res.body?.pagination?.total ?? null,
            queries: res.queries,
          };
        }
      }
      process.stdout.write(
        `  ${name}: ${JSON.stringify({ startMs: Math.round(f.startMs), idleMs: f.idleMs, rssMb: Math.round(f.rssMb), memory: Object.fromEntries(Object.entries(f.memory).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v])), counts: f.counts, total: f.total, rps: Object.fromEntries(Object.entries(f.throughput).map(([c, t]) => [c, Math.round(t.rps)])), admin: f.admin })}\n`
      );
      await server.stop();
      delete servers[name];
    }
    process.stdout.write('  bare node: starting …\n');
    // on the stock server's copy: SQLite read-only through better-sqlite3, PostgreSQL through pg
    const bare = await startServer('city-bare.js', sqlite ? { BENCH_DB: stockDb.file } : stockDb.env);
    servers.bare = bare;
    figures.bare = { throughput: {} };
    for (const c of connections) {
      await cannon(bare.port, LIST(25), null, c, 1);
      figures.bare.throughput[c] = await cannon(bare.port, LIST(25), null, c, duration);
    }
    await bare.stop();
    delete servers.bare;
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    stockDb?.drop();
    dropDatabase();
  }
  return results(figures, { connections });
}

const memoryNote = (m) =>
  m ? `heap ${Math.round(m.heapUsedMb)} MB; after a full GC ${Math.round(m.gcRssMb)} MB, heap ${Math.round(m.gcHeapUsedMb)} MB` : 'no figures';

function results(figures, { connections }) {
  const { ours, stock, bare } = figures;
  const rows = [];
  const details = figures;
  for (const c of connections) {
    const o = ours.throughput[c];
    const s = stock.throughput[c];
    const b = bare.throughput[c];
    const ok = o.non2xx === 0 && s.non2xx === 0 && o.errors === 0 && s.errors === 0 && o.rps > 0 && s.rps > 0;
    rows.push({
      name: `P1 GET /api/projects (25), ${c} connections`,
      unit: 'req/s',
      candidate: { label: `department user (scoped), p50 ${o.p50} ms, p99 ${o.p99} ms`, value: o.rps },
      baseline: { label: `stock, full-access token, p50 ${s.p50} ms, p99 ${s.p99} ms`, value: s.rps },
      ratio: o.rps / s.rps,
      target: { op: '>=', value: 0.9 },
      ok: ok && o.rps / s.rps >= 0.9,
      valid: ok,
      details: { ours: o, stock: s, bare: b },
    });
    rows.push({
      name: `P1 floor: bare node, ${c} connections`,
      unit: 'req/s',
      candidate: { label: 'stock', value: s.rps },
      baseline: { label: `bare node + same SQL, p50 ${b.p50} ms, p99 ${b.p99} ms`, value: b.rps },
      ratio: s.rps / b.rps,
      target: { op: 'report', value: '', unit: '' },
      ok: true,
      valid: true,
      details: { ours: o.rps / b.rps },
    });
  }
  {
    const c = connections[0];
    const o = ours.throughput[c];
    const u = stock.asUser?.throughput;
    if (u) {
      const ok = o.non2xx === 0 && u.non2xx === 0 && o.errors === 0 && u.errors === 0 && o.rps > 0 && u.rps > 0;
      rows.push({
        name: `P1 split: stock with the same department user's sign-in, ${c} connections`,
        unit: 'req/s',
        candidate: { label: `ours, department user (scoped), p50 ${o.p50} ms`, value: o.rps },
        baseline: { label: `stock, same user's JWT (unscoped), p50 ${u.p50} ms`, value: u.rps },
        ratio: o.rps / u.rps,
        target: { op: 'report', value: '', unit: '' },
        ok: true,
        valid: ok,
        details: { ours: o, stockSameUser: u },
      });
    }
  }
  const keys = ['findOne', 'list25', 'list100', 'populate25', 'populate100', 'putOpinion'];
  const constant = ours.counts.list25 === ours.counts.list100 && ours.counts.populate25 === ours.counts.populate100;
  const same = stock.asUser.counts;
  // reads: the scope lookup once per request; the PUT (deadline hook, lights, write scope) is reported
  const atMostOneMore = keys.filter((k) => k !== 'putOpinion').every((k) => ours.counts[k] <= same[k] + 1);
  const statusesOk = keys.every((k) => ours.statuses[k] === 200 && stock.asUser.statuses[k] === 200);
  rows.push({
    name: 'P2 SQL statements per request (department user)',
    unit: 'queries',
    candidate: { label: `ours ${keys.map((k) => `${k} ${ours.counts[k]}`).join(', ')}`, value: ours.counts.list25 },
    baseline: {
      label: `stock, same user ${keys.map((k) => `${k} ${same[k]}`).join(', ')} (full-access token: ${keys.map((k) => stock.counts[k]).join('/')})`,
      value: same.list25,
    },
    ratio: null,
    target: { op: '<=', value: 'stock + 1 (reads), constant in page size' },
    ok: constant && atMostOneMore && statusesOk,
    valid: constant && statusesOk,
    details: {
      ours: ours.counts,
      stockSameUser: same,
      stockToken: stock.counts,
      statuses: { ours: ours.statuses, stockSameUser: stock.asUser.statuses, stockToken: stock.statuses },
      constant,
      atMostOneMore,
    },
  });
  const adm = ours.admin ?? {};
  if (adm.department?.p50 && adm.super?.p50) {
    const ratio = adm.department.p50 / adm.super.p50;
    rows.push({
      name: 'P4 content manager project list (sort by name)',
      unit: 'ms p50',
      candidate: {
        label: `department admin (${adm.department.total} rows, ${adm.department.queries} queries)`,
        value: adm.department.p50,
      },
      baseline: { label: `super admin (${adm.super.total} rows, ${adm.super.queries} queries)`, value: adm.super.p50 },
      ratio,
      target: { op: '<=', value: 1.2 },
      ok: ratio <= 1.2,
      valid: adm.department.status === 200 && adm.super.status === 200,
      details: adm,
    });
  } else {
    rows.push({
      name: 'P4 content manager project list',
      unit: '',
      candidate: { label: JSON.stringify(adm), value: NaN },
      baseline: { label: '', value: NaN },
      ratio: null,
      target: { op: '<=', value: 1.2 },
      ok: false,
      valid: true,
      details: adm,
    });
  }
  rows.push({
    name: 'start-up with the city data set',
    unit: 'ms',
    candidate: { label: 'ours', value: ours.startMs },
    baseline: { label: 'stock', value: stock.startMs },
    ratio: ours.startMs / stock.startMs,
    target: { op: '<=', value: 1.5 },
    ok: ours.startMs / stock.startMs <= 1.5,
    valid: true,
    details: {},
  });
  rows.push({
    name: 'resident memory idle',
    unit: 'MB',
    candidate: { label: `ours (${memoryNote(ours.memory)})`, value: ours.rssMb },
    baseline: { label: `stock (${memoryNote(stock.memory)})`, value: stock.rssMb },
    ratio: ours.rssMb / stock.rssMb,
    target: { op: '<=', value: 1.3 },
    ok: ours.rssMb / stock.rssMb <= 1.3,
    valid: true,
    details,
  });
  return rows;
}

module.exports = { run };
