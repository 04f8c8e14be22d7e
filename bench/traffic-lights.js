'use strict';
/**
 * (d) The lights dashboard at district scale (plugin traffic-lights): `GET /api/traffic-lights/summary` (counts by
 * colour and the per-unit summary) and the first page of `GET /api/traffic-lights/projects` over `projects`
 * projects, against a plain `GET /api/projects` of the same page size on the same data and for the same caller,
 * and (P3's floor) against a bare node server running the same SQL: bench/lights-bare.js, `http.createServer` in a
 * process of its own on the same database (better-sqlite3 on the same file; pg with --postgres), replaying the
 * statements ours ran for the same request and caller — captured from knex `query` events during one request, after
 * one request to fill the per-process caches; sign-in lookups, scope subquery and populates included — one after
 * the other, and building an answer of the same shape from their rows (compared with ours; a difference fails the
 * run).
 *
 * Dataset: `projects` projects bulk-inserted (`strapi.db.query().createMany`, the applicant and enterprise links
 * straight into their link tables) over the seeded applicant units (bureaus of kind town, zone and taskforce),
 * every category and stage; lit by their own facts — a start that slipped over a month (red) or under a month
 * (yellow), a blacklisted investor (red) — and, for `tasks` of them, by a task created through the document service
 * with a deadline in the past (overdue: yellow, then red) or in the next days (due soon: yellow). The lights engine
 * then computes every light in one pass (`recomputeAll('backfill')`); the run stops unless every project has its
 * light row. Callers: users-permissions users of the seeded role types `office` (sees every project), `town`
 * (`sample-yitang`, its own projects) and `department` (`natural-resources`: the projects of its tasks — in this
 * data set only the tasks link departments to projects), signed in through POST /api/auth/local on the listening
 * server.
 *
 * Each pair of rounds runs `requests` sequential requests of each of the thirteen calls (office, town and
 * department × summary, lights page, /api/projects page; office and department × the summary and lights page of
 * the bare node server) over one keep-alive connection per server, in turn forward and backward, after a warm-up
 * of each; the ratio is the median of the per-pair ratios of milliseconds per request (wall time; the details
 * also give CPU time, for ours only). Targets: the office's ratios to /api/projects, and the department user's to
 * the bare node server (`P3 … vs bare node`); the town's figures and the office's against the bare server are for
 * information.
 *
 * SQL statements per request (knex `query` events around one request) for the lights page at page sizes 1, 25 and
 * 100 and for the summary; a count that moves with the page size fails the run. Correctness, also failing the run:
 * the office's summary total is every project and equals the stored project lights; its counts by colour sum to
 * the total and equal the stored lights (and the projects' own `light`) per colour; the per-unit totals add up;
 * the first page has 25 rows, red first, ordered by colour; the town's and the department's summary, lights table
 * and /api/projects agree on their totals; the bare node server answers as ours (total, counts, units, rows);
 * answers do not change between rounds.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { DateTime } = require('luxon');
const { client, cpuMs, documentId, link, median, now, onPostgres, prepareEnv, profiled, random, signIn } = require('./lib');

const PROJECT = 'api::project.project';
const ENTERPRISE = 'api::enterprise.enterprise';
const BUREAU = 'api::bureau.bureau';
const TASK = 'api::task.task';
const LIGHT = 'plugin::traffic-lights.light';
const TOWN = 'sample-yitang';
/** The department user's bureau (区自然资源局, the demo department): it sees the projects of its tasks. */
const DEPARTMENT = 'natural-resources';
const ZONE = 'Asia/Shanghai';
const TARGET = 2;
const PAGE = 25;

const CATEGORIES = ['key_provincial_municipal', 'optimized_provincial', 'overall_development', 'livelihood', 'general'];
const BEFORE_START = ['declared', 'pre_assessing', 'assessed', 'in_library', 'reported_to_city'];
const RANK = { green: 0, yellow: 1, red: 2 };

const CALLS = {
  summary: '/api/traffic-lights/summary',
  page: `/api/traffic-lights/projects?pagination[pageSize]=${PAGE}`,
  baseline: `/api/projects?pagination[pageSize]=${PAGE}`,
};
/** The same two calls on the bare node floor (bench/lights-bare.js), for the office and the department user. */
const BARE = { bareSummary: 'summary', barePage: 'page' };
const KINDS = [
  ...['office', 'town', 'department'].flatMap((who) => Object.keys(CALLS).map((call) => ({ who, call, of: call, key: `${who}.${call}` }))),
  ...['office', 'department'].flatMap((who) => Object.entries(BARE).map(([call, of]) => ({ who, call, of, bare: true, key: `${who}.${call}` }))),
];

async function buildDataset(strapi, { projects, tasks }) {
  const rand = random(20261125);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const between = (min, max) => min + Math.floor(rand() * (max - min + 1));
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const day = (offset) => today.plus({ days: offset }).toISODate();

  const units = await strapi.db.query(BUREAU).findMany({ where: { kind: { $in: ['town', 'zone', 'taskforce'] } }, orderBy: { id: 'asc' } });
  const departments = await strapi.db.query(BUREAU).findMany({ where: { kind: 'department' }, orderBy: { id: 'asc' } });
  const town = units.find((unit) => unit.code === TOWN);
  if (!town || units.length < 3 || !departments.length) throw new Error('the seeded bureaus are missing');

  const stamp = new Date();
  const enterprises = [];
  for (let i = 0; i < 20; i += 1) {
    // the enterprise rules (credit code check) are not what is measured: straight to the table
    enterprises.push(
      await strapi.db.query(ENTERPRISE).create({
        data: { documentId: documentId(), name: `基准测试投资企业 ${i + 1}`, creditCode: `91371302BENCH${String(i).padStart(5, '0')}`, blacklisted: i === 0, createdAt: stamp, updatedAt: stamp, publishedAt: stamp },
      })
    );
  }

  const inserted = now();
  const rows = [];
  const applicants = [];
  const investors = [];
  for (let i = 0; i < projects; i += 1) {
    const r = rand();
    const category = pick(CATEGORIES);
    const row = {
      documentId: documentId(),
      name: `基准测试项目 ${i + 1}`,
      code: `LS-2025-${String(i + 1).padStart(5, '0')}`,
      category,
      plannedInvestment: between(1000, 500000),
      light: 'green',
      lightReasons: [],
      isDemo: false,
      createdAt: stamp,
      updatedAt: stamp,
      publishedAt: stamp,
    };
    if (r < 0.05) {
      // red: the planned start slipped over a month
      Object.assign(row, { stage: pick(BEFORE_START), plannedStartDate: day(-between(40, 400)) });
    } else if (r < 0.18) {
      // yellow: slipped under a month
      Object.assign(row, { stage: pick(BEFORE_START), plannedStartDate: day(-between(1, 25)) });
    } else if (r < 0.6) {
      // green: under way or done
      const started = -between(60, 900);
      const stage = pick(['started', 'started', 'completed', 'operating']);
      Object.assign(row, { stage, plannedStartDate: day(started - between(0, 30)), actualStartDate: day(started) });
      if (stage !== 'started') Object.assign(row, { actualCompletionDate: day(Math.min(-1, started + between(30, 600))) });
    } else if (r < 0.95) {
      // green: to start later
      const start = between(1, 500);
      Object.assign(row, { stage: pick(BEFORE_START), plannedStartDate: day(start), plannedCompletionDate: day(start + between(180, 900)) });
    } else {
      Object.assign(row, { stage: pick(['declared', 'withdrawn']) });
    }
    rows.push(row);
    applicants.push(units[i % 5 === 0 ? units.indexOf(town) : Math.floor(rand() * units.length)]);
    // one project in a hundred has the blacklisted investor; about a third have an investor
    investors.push(rand() < 0.01 ? enterprises[0] : rand() < 0.33 ? pick(enterprises.slice(1)) : null);
  }
  for (let i = 0; i < rows.length; i += 500) await strapi.db.query(PROJECT).createMany({ data: rows.slice(i, i + 500) });
  const ids = new Map((await strapi.db.query(PROJECT).findMany({ select: ['id', 'documentId'] })).map((row) => [row.documentId, row.id]));
  if (ids.size !== projects) throw new Error(`${ids.size} projects inserted, ${projects} expected`);
  await link(strapi, PROJECT, 'applicantBureau', rows.map((row, i) => [ids.get(row.documentId), applicants[i].id]));
  await link(strapi, PROJECT, 'enterprise', rows.flatMap((row, i) => (investors[i] ? [[ids.get(row.documentId), investors[i].id]] : [])));
  const insertSeconds = (now() - inserted) / 1000;

  // tasks through the document service: the deadline rule writes their deadlines, the lights follow each write
  const tracked = now();
  const tracker = strapi.plugin('traffic-lights').service('tracker');
  for (let i = 0; i < tasks; i += 1) {
    const project = rows[Math.floor(rand() * rows.length)];
    const offset = rand() < 0.6 ? -between(1, 30) : between(0, 10);
    await strapi.documents(TASK).create({
      data: { title: `基准测试责任事项 ${i + 1}`, project: project.documentId, responsibleBureau: pick(departments).documentId, deadline: day(offset) },
    });
  }
  await tracker.idle();
  const taskSeconds = (now() - tracked) / 1000;

  // every light in one pass, as after a restore or the first start with existing projects
  const computed = now();
  const outcome = await strapi.plugin('traffic-lights').service('engine').recomputeAll('backfill');
  await tracker.idle();
  const lightSeconds = (now() - computed) / 1000;

  return { town, units: units.length, outcome, seconds: { insert: insertSeconds, tasks: taskSeconds, lights: lightSeconds } };
}

/** The SQL statements (text and bindings, in order) the database runs while one request is answered, and its status. */
async function recorded(strapi, api, url, token) {
  const statements = [];
  const listener = (query) => {
    statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  strapi.db.connection.on('query', listener);
  let response;
  try {
    response = await api.send('GET', url, { token });
  } finally {
    strapi.db.connection.off('query', listener);
  }
  return { statements, status: response.status };
}

/** The statements of one request that must succeed. */
async function statementsOf(strapi, api, url, token) {
  const { statements, status } = await recorded(strapi, api, url, token);
  if (status !== 200) throw new Error(`GET ${url}: HTTP ${status}`);
  return statements;
}

/** Starts bench/lights-bare.js on the same database; resolves to { port, stop } once it listens. */
function startBare(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'lights-bare.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => {
      err = (err + chunk).slice(-4000);
    });
    child.stdout.on('data', (chunk) => {
      if (child.ready) return;
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.ready = true;
      resolve({
        ...JSON.parse(line),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', done);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10000).unref();
          }),
      });
    });
    child.once('exit', (code) => {
      if (!child.ready) reject(new Error(`bench/lights-bare.js exited (${code}): ${err.trim()}`));
    });
  });
}

/** What an answer shows, to compare between rounds: total, counts, and the page's rows in order with their light. */
function shapeOf(call, response) {
  if (response.status !== 200) return { status: response.status, error: response.body?.error?.message ?? null };
  if (call === 'summary') {
    const { total, counts, units } = response.body.data;
    return { status: 200, total, counts, units: units.map((unit) => `${unit.bureau.documentId} ${unit.total} ${unit.red}/${unit.yellow}/${unit.green} ${unit.light}`) };
  }
  return {
    status: 200,
    total: response.body.meta?.pagination?.total ?? null,
    rows: (response.body.data ?? []).map((row) => `${row.documentId}${row.light ? ` ${row.light}` : ''}`),
  };
}

/** The correctness checks on the answers (first round of each call) against the stored lights. */
async function check(strapi, answers, bodies, dataset) {
  const issues = [];
  for (const { key } of KINDS) if (answers[key]?.status !== 200) issues.push(`${key}: HTTP ${answers[key]?.status} ${answers[key]?.error ?? ''}`.trim());
  if (issues.length) return issues;

  const summary = bodies['office.summary'].data;
  const stored = {};
  const own = {};
  for (const light of Object.keys(RANK)) {
    stored[light] = await strapi.db.query(LIGHT).count({ where: { kind: 'project', light } });
    own[light] = await strapi.db.query(PROJECT).count({ where: { light } });
  }
  const storedTotal = stored.red + stored.yellow + stored.green;
  if (summary.total !== dataset.projects) issues.push(`office summary total ${summary.total}, ${dataset.projects} projects`);
  if (summary.total !== storedTotal) issues.push(`office summary total ${summary.total}, ${storedTotal} stored project lights`);
  const sum = summary.counts.red + summary.counts.yellow + summary.counts.green;
  if (sum !== summary.total) issues.push(`counts by colour sum to ${sum}, total ${summary.total}`);
  for (const light of Object.keys(RANK)) {
    if (summary.counts[light] !== stored[light]) issues.push(`${light}: summary ${summary.counts[light]}, stored lights ${stored[light]}`);
    if (summary.counts[light] !== own[light]) issues.push(`${light}: summary ${summary.counts[light]}, projects' own light ${own[light]}`);
  }
  const unitTotal = summary.units.reduce((total, unit) => total + unit.total, 0);
  if (unitTotal !== summary.total) issues.push(`per-unit totals add up to ${unitTotal}, total ${summary.total}`);
  if (!summary.counts.red || !summary.counts.yellow || !summary.counts.green) issues.push(`not every colour is lit: ${JSON.stringify(summary.counts)}`);

  const page = bodies['office.page'];
  const ranks = page.data.map((row) => RANK[row.light]);
  if (page.data.length !== PAGE) issues.push(`first page has ${page.data.length} rows, ${PAGE} expected`);
  if (page.meta.pagination.total !== dataset.projects) issues.push(`lights table total ${page.meta.pagination.total}, ${dataset.projects} projects`);
  if (ranks[0] !== RANK.red) issues.push(`first row is ${page.data[0]?.light}, not red`);
  if (ranks.some((rank, i) => i > 0 && rank > ranks[i - 1])) issues.push('first page is not ordered red, yellow, green');
  if (page.data.some((row) => row.light === 'red' && !row.lightReasons?.length)) issues.push('a red row without reasons');
  const baseline = bodies['office.baseline'];
  if (baseline.data.length !== PAGE || baseline.meta.pagination.total !== dataset.projects) {
    issues.push(`/api/projects: ${baseline.data.length} rows of ${baseline.meta.pagination.total}, ${PAGE} of ${dataset.projects} expected`);
  }

  const town = { summary: bodies['town.summary'].data.total, page: bodies['town.page'].meta.pagination.total, baseline: bodies['town.baseline'].meta.pagination.total };
  if (!(town.summary === town.page && town.page === town.baseline)) issues.push(`town totals differ: summary ${town.summary}, lights table ${town.page}, /api/projects ${town.baseline}`);
  if (!(town.summary > 0 && town.summary < dataset.projects)) issues.push(`town sees ${town.summary} of ${dataset.projects} projects`);
  const department = { summary: bodies['department.summary'].data.total, page: bodies['department.page'].meta.pagination.total, baseline: bodies['department.baseline'].meta.pagination.total };
  if (!(department.summary === department.page && department.page === department.baseline)) {
    issues.push(`department totals differ: summary ${department.summary}, lights table ${department.page}, /api/projects ${department.baseline}`);
  }
  if (!(department.summary > 0 && department.summary < dataset.projects)) issues.push(`department sees ${department.summary} of ${dataset.projects} projects`);
  // the floor answers as ours: same total, counts, units and rows
  for (const { key, who, of } of KINDS.filter((kind) => kind.bare)) {
    if (JSON.stringify(answers[key]) !== JSON.stringify(answers[`${who}.${of}`])) issues.push(`bare node ${key} answers otherwise than ours: ${JSON.stringify(answers[key]).slice(0, 300)}`);
  }
  return issues;
}

async function run({ appDir, projects = 10000, tasks = 200, requests = 10, pairs = 10 } = {}) {
  const dropDatabase = prepareEnv(appDir);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  let api;
  let bareApi;
  let bare;
  const planFile = path.join(appDir, '.tmp', `bench-lights-sql-${process.pid}.json`);
  try {
    await strapi.load();
    await new Promise((resolve, reject) => {
      strapi.server.httpServer.once('error', reject);
      strapi.server.mount();
      strapi.server.httpServer.listen(0, '127.0.0.1', resolve);
    });
    api = client(strapi.server.httpServer.address().port);

    // the set-up's thousands of small transactions need not each wait for the disk (a throw-away database);
    // SQLite's setting is restored before anything is measured
    // (SQLite only: on PostgreSQL the set-up runs as it is)
    const sqlite = !onPostgres();
    const pragma = async (value) => (await strapi.db.connection.raw(`pragma synchronous${value === undefined ? '' : ` = ${value}`}`))[0]?.synchronous;
    const synchronous = sqlite ? await pragma() : null;
    const built = now();
    if (sqlite) await pragma('off');
    const { town, units, outcome, seconds } = await buildDataset(strapi, { projects, tasks }).finally(() => sqlite && pragma(synchronous));
    if (sqlite && (await pragma()) !== synchronous) throw new Error('pragma synchronous was not restored');
    const dataset = {
      projects: await strapi.db.query(PROJECT).count(),
      projectLights: await strapi.db.query(LIGHT).count({ where: { kind: 'project' } }),
      itemLights: await strapi.db.query(LIGHT).count({ where: { kind: 'item' } }),
      unitLights: await strapi.db.query(LIGHT).count({ where: { kind: 'unit' } }),
      tasks: await strapi.db.query(TASK).count(),
      applicantUnits: units,
      seedSeconds: (now() - built) / 1000,
      phaseSeconds: seconds,
      backfill: outcome,
    };
    process.stdout.write(
      `  seeded ${dataset.projects.toLocaleString('en-US')} projects in ${dataset.seedSeconds.toFixed(1)} s (insert ${seconds.insert.toFixed(1)} s, ${dataset.tasks} tasks ${seconds.tasks.toFixed(1)} s, lights in one pass ${seconds.lights.toFixed(1)} s)\n`
    );
    if (dataset.projectLights !== dataset.projects) throw new Error(`${dataset.projectLights} project lights for ${dataset.projects} projects`);

    const department = await strapi.db.query(BUREAU).findOne({ where: { code: DEPARTMENT } });
    if (!department) throw new Error(`the seeded department ${DEPARTMENT} is missing`);
    const tokens = {
      office: await signIn(strapi, api, 'office'),
      town: await signIn(strapi, api, 'town', town),
      department: await signIn(strapi, api, 'department', department),
    };

    // the floor: the statements ours runs for each bare call (after one request each, so that per-process caches
    // are filled as while measuring), replayed by bench/lights-bare.js on the same database
    const plan = { tokens: {}, calls: {} };
    for (const who of ['office', 'department']) {
      plan.tokens[tokens[who]] = who;
      plan.calls[who] = {};
      for (const of of Object.values(BARE)) {
        await api.send('GET', CALLS[of], { token: tokens[who] });
        plan.calls[who][CALLS[of]] = await statementsOf(strapi, api, CALLS[of], tokens[who]);
      }
    }
    fs.writeFileSync(planFile, JSON.stringify(plan));
    bare = await startBare({ BENCH_LIGHTS_SQL: planFile, ...(sqlite ? { BENCH_DB: path.join(appDir, process.env.DATABASE_FILENAME) } : {}) });
    bareApi = client(bare.port);

    const answers = {};
    const bodies = {};
    const changed = new Set();
    const measureRound = async ({ who, call, of, bare: onBare, key }) => {
      let last;
      let failed = 0;
      const cpuStart = cpuMs();
      const start = now();
      for (let i = 0; i < requests; i += 1) {
        last = await (onBare ? bareApi : api).send('GET', CALLS[of], { token: tokens[who] });
        if (last.status !== 200) failed += 1;
      }
      const ms = now() - start;
      const cpu = cpuMs() - cpuStart;
      const shape = shapeOf(of, last);
      if (!answers[key]) {
        answers[key] = shape;
        bodies[key] = last.body;
      } else if (JSON.stringify(shape) !== JSON.stringify(answers[key])) changed.add(key);
      return { msPerRequest: ms / requests, cpuMsPerRequest: cpu / requests, failed };
    };

    for (const kind of KINDS) await measureRound(kind); // warm-up: JIT, statement caches, SQLite pages
    const rounds = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const order = pair % 2 ? [...KINDS].reverse() : KINDS;
      const round = {};
      for (const kind of order) round[kind.key] = await measureRound(kind);
      rounds.push(round);
    }

    // BENCH_CPU_PROF: where the department user's calls spend their CPU (server and client share this process)
    if (process.env.BENCH_CPU_PROF) {
      for (const call of Object.values(BARE)) {
        await profiled(`lights-department-${call}`, async () => {
          for (let i = 0; i < requests * pairs; i += 1) await api.send('GET', CALLS[call], { token: tokens.department });
        });
      }
    }

    // SQL statements per request: the lights page at three page sizes, the summary, and the baseline for comparison
    const queries = {};
    for (const who of ['office', 'town']) {
      const count = async (url) => {
        const { statements, status } = await recorded(strapi, api, url, tokens[who]);
        const n = statements.length;
        return status === 200 ? n : `HTTP ${status}`;
      };
      queries[who] = {
        page: {},
        summary: await count(CALLS.summary),
        baseline: await count(CALLS.baseline),
      };
      for (const size of [1, 25, 100]) queries[who].page[size] = await count(`/api/traffic-lights/projects?pagination[pageSize]=${size}`);
    }

    const issues = await check(strapi, answers, bodies, dataset);
    if (changed.size) issues.push(`answers changed between rounds: ${[...changed].join(', ')}`);
    const failed = rounds.reduce((sum, round) => sum + Object.values(round).reduce((n, r) => n + r.failed, 0), 0);
    if (failed) issues.push(`${failed} measured requests did not answer 200`);
    const queryIssues = [];
    for (const who of ['office', 'town']) {
      const sizes = Object.values(queries[who].page);
      if (sizes.some((n) => typeof n !== 'number') || new Set(sizes).size !== 1) queryIssues.push(`${who}: lights page queries by page size 1/25/100: ${sizes.join('/')}`);
      if (typeof queries[who].summary !== 'number') queryIssues.push(`${who}: summary ${queries[who].summary}`);
    }

    const ms = (key) => median(rounds.map((round) => round[key].msPerRequest));
    const cpu = (key) => median(rounds.map((round) => round[key].cpuMsPerRequest));
    const ratio = (key, baseline) => median(rounds.map((round) => round[key].msPerRequest / round[baseline].msPerRequest));
    const cpuRatio = (key, baseline) => median(rounds.map((round) => round[key].cpuMsPerRequest / round[baseline].cpuMsPerRequest));
    const townFigures = {
      bureau: TOWN,
      projects: answers['town.summary']?.total ?? null,
      msPerRequest: { summary: ms('town.summary'), page: ms('town.page'), baseline: ms('town.baseline') },
      ratio: { summary: ratio('town.summary', 'town.baseline'), page: ratio('town.page', 'town.baseline') },
    };
    process.stdout.write(
      `  town user (${TOWN}, ${townFigures.projects} projects in scope): summary ${townFigures.msPerRequest.summary.toFixed(1)} ms, lights page ${townFigures.msPerRequest.page.toFixed(1)} ms, ` +
        `/api/projects ${townFigures.msPerRequest.baseline.toFixed(1)} ms (${townFigures.ratio.summary.toFixed(2)}× and ${townFigures.ratio.page.toFixed(2)}×)\n` +
        `  SQL statements per request (office): lights page ${Object.values(queries.office.page).join(' · ')} (pageSize 1 · 25 · 100), ` +
        `summary ${queries.office.summary}, /api/projects ${queries.office.baseline}\n`
    );
    // the floor: the same statements in a bare node server, for the department user (the target) and the office
    const bareFigures = {};
    for (const who of ['department', 'office']) {
      bareFigures[who] = {
        projects: answers[`${who}.summary`]?.total ?? null,
        statements: { summary: plan.calls[who][CALLS.summary].length, page: plan.calls[who][CALLS.page].length },
        msPerRequest: {
          summary: ms(`${who}.summary`),
          page: ms(`${who}.page`),
          baseline: ms(`${who}.baseline`),
          bareSummary: ms(`${who}.bareSummary`),
          barePage: ms(`${who}.barePage`),
        },
        ratio: {
          summaryVsBare: ratio(`${who}.summary`, `${who}.bareSummary`),
          pageVsBare: ratio(`${who}.page`, `${who}.barePage`),
          summaryVsProjects: ratio(`${who}.summary`, `${who}.baseline`),
          pageVsProjects: ratio(`${who}.page`, `${who}.baseline`),
        },
      };
      const f = bareFigures[who];
      process.stdout.write(
        `  ${who} user (${f.projects} projects in scope): summary ${f.msPerRequest.summary.toFixed(1)} ms against bare node ${f.msPerRequest.bareSummary.toFixed(2)} ms (${f.ratio.summaryVsBare.toFixed(1)}×, ${f.statements.summary} statements), ` +
          `lights page ${f.msPerRequest.page.toFixed(1)} ms against ${f.msPerRequest.barePage.toFixed(2)} ms (${f.ratio.pageVsBare.toFixed(1)}×, ${f.statements.page} statements); ` +
          `/api/projects ${f.msPerRequest.baseline.toFixed(1)} ms\n`
      );
    }

    const valid = issues.length === 0;
    const details = {
      requestsPerRound: requests,
      pairs,
      dataset,
      caller: 'users-permissions user, role type office (sees every project); town: role type town, bureau sample-yitang',
      counts: answers['office.summary']?.counts ?? null,
      queries,
      town: townFigures,
      bare: bareFigures,
      issues,
      rounds,
    };
    const rows = [
      ['summary', `lights summary, ${dataset.projects.toLocaleString('en-US')} projects`, `GET ${CALLS.summary}`],
      ['page', `lights first page, ${dataset.projects.toLocaleString('en-US')} projects`, `GET /api/traffic-lights/projects (${PAGE} rows)`],
    ].map(([call, name, label]) => {
      const value = ratio(`office.${call}`, 'office.baseline');
      return {
        name,
        unit: 'ms/request',
        candidate: { label, value: ms(`office.${call}`) },
        baseline: { label: `GET /api/projects (${PAGE} rows)`, value: ms('office.baseline') },
        ratio: value,
        target: { op: '<=', value: TARGET },
        ok: valid && value <= TARGET,
        valid,
        details: {
          request: `GET ${CALLS[call]}`,
          cpuMsPerRequest: { candidate: cpu(`office.${call}`), baseline: cpu('office.baseline') },
          cpuRatio: cpuRatio(`office.${call}`, 'office.baseline'),
          ...details,
        },
      };
    });
    const dept = bareFigures.department;
    rows.push(
      ...[
        ['summary', 'bareSummary', 'P3 lights summary vs bare node (same SQL)'],
        ['page', 'barePage', 'P3 lights first page vs bare node'],
      ].map(([call, bareCall, name]) => {
        const value = ratio(`department.${call}`, `department.${bareCall}`);
        return {
          name: `${name}, department user, ${dept.projects} of ${dataset.projects.toLocaleString('en-US')} projects`,
          unit: 'ms/request',
          candidate: { label: `GET ${CALLS[call]}`, value: ms(`department.${call}`) },
          baseline: { label: `bench/lights-bare.js, the same ${dept.statements[call]} statements`, value: ms(`department.${bareCall}`) },
          ratio: value,
          target: { op: '<=', value: TARGET },
          ok: valid && value <= TARGET,
          valid,
          details: {
            request: `GET ${CALLS[call]}`,
            caller: `users-permissions user, role type department, bureau ${DEPARTMENT}`,
            floor: 'http.createServer replaying the SQL statements ours ran for the same request and caller (sign-in lookups included), in order, same driver and database file, one connection; answer of the same shape, compared with ours',
            statements: plan.calls.department[CALLS[call]].map(({ sql }) => sql),
            bare: bareFigures,
            note: 'CPU time is not compared here: the bare server runs in its own process',
            issues,
          },
        };
      })
    );
    const office = queries.office;
    rows.push({
      name: 'lights SQL statements per request',
      unit: 'queries',
      candidate: { label: `lights page, pageSize 100 (25: ${office.page[25]}; summary: ${office.summary})`, value: office.page[100] },
      baseline: { label: 'lights page, pageSize 1', value: office.page[1] },
      ratio: null,
      target: { op: '==', value: 'pageSize 1' },
      ok: queryIssues.length === 0,
      valid: queryIssues.length === 0,
      details: { queries, issues: queryIssues },
    });
    if (!valid) process.stdout.write(`  lights dashboard: ${issues.join('; ')}\n`);
    if (queryIssues.length) process.stdout.write(`  lights SQL statements: ${queryIssues.join('; ')}\n`);
    return rows;
  } finally {
    api?.close();
    bareApi?.close();
    await bare?.stop();
    fs.rmSync(planFile, { force: true });
    await strapi.destroy().catch(() => {});
    dropDatabase();
  }
}

module.exports = { run };
