#!/usr/bin/env node
'use strict';
/**
 * The floor of the lights dashboard benchmark (bench/traffic-lights.js): `http.createServer` answering
 * `GET /api/traffic-lights/summary` and the first page of `GET /api/traffic-lights/projects` by running, in order,
 * the SQL statements our server ran for the same request and caller (captured from knex `query` events: the
 * sign-in lookups, the scope subquery inside the aggregates, the counts by colour and by unit, the page and its
 * populates), with their bindings, through the same driver on the same database — better-sqlite3 on the file
 * BENCH_DB (read-only), or with DATABASE_CLIENT=postgres pg on DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD (one
 * connection: the statements run one after the other) — and building an answer of the same shape from their rows.
 *
 * The statements: the JSON file BENCH_LIGHTS_SQL, { tokens: { <bearer token>: <caller> }, calls: { <caller>: {
 * <request url>: [{ sql, bindings }] } } }; the caller is the one whose token the request carries (the token is
 * not verified: the captured statements look the caller up as ours did). Writes { port } when listening.
 */
const fs = require('fs');
const http = require('http');
const { pgSettings } = require('./lib');

const UNIT_REASONS = 5;
const LIGHTS = ['green', 'yellow', 'red'];
const plan = JSON.parse(fs.readFileSync(process.env.BENCH_LIGHTS_SQL, 'utf8'));

/** { run(sql, bindings) → rows, close() } */
function database() {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const { Client } = require('pg');
    const client = new Client(pgSettings());
    const ready = client.connect();
    // knex hands pg `$1`-numbered statements; a `?` one (should the event carry the unnumbered text) is numbered here
    const numbered = (sql) => {
      if (/\$1\b/.test(sql)) return sql;
      let n = 0;
      return sql.replace(/\?/g, () => `$${(n += 1)}`);
    };
    return {
      run: async (sql, bindings) => {
        await ready;
        return (await client.query({ text: numbered(sql), values: bindings })).rows;
      },
      close: () => client.end(),
    };
  }
  const Database = require('better-sqlite3');
  const db = new Database(process.env.BENCH_DB, { readonly: true });
  const prepared = new Map();
  return {
    run: async (sql, bindings) => {
      if (!prepared.has(sql)) prepared.set(sql, db.prepare(sql));
      const statement = prepared.get(sql);
      return statement.reader ? statement.all(...bindings) : (statement.run(...bindings), []);
    },
    close: async () => db.close(),
  };
}

const db = database();

/** The statement's text without identifier quotes and schema (PostgreSQL's `public.`), to tell the statements apart. */
const plain = (sql) => sql.replace(/[`"]/g, '').replace(/\b(from|join) \w+\.(\w+)/g, '$1 $2');
const json = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
const zero = () => ({ green: 0, yellow: 0, red: 0 });

/** Runs the statements in order; returns their rows with their plain text. */
async function replay(statements) {
  const results = [];
  for (const { sql, bindings } of statements) results.push({ text: plain(sql), rows: await db.run(sql, bindings) });
  return results;
}

const find = (results, test) => results.find((result) => test(result.text))?.rows ?? [];

function summary(results) {
  const counts = zero();
  for (const row of find(results, (t) => /group by l\.light$/.test(t))) if (LIGHTS.includes(row.light)) counts[row.light] = Number(row.n);
  const byUnit = new Map();
  for (const row of find(results, (t) => /group by pa\.bureau_id, l\.light$/.test(t))) {
    const id = Number(row.bureau);
    if (!byUnit.has(id)) byUnit.set(id, zero());
    byUnit.get(id)[row.light] = Number(row.n);
  }
  const bureaus = find(results, (t) => /^select t0\.id, t0\.document_id, t0\.name, t0\.kind from bureaus as t0/.test(t));
  const unitLights = find(results, (t) => /from traffic_lights as t0 left join traffic_lights_bureau_lnk/.test(t));
  const unitLinks = find(results, (t) => /from bureaus as t0 left join traffic_lights_bureau_lnk/.test(t));
  const bureauOfLight = new Map(unitLinks.map((row) => [Number(row.__strapilight_id), Number(row.id)]));
  const lightOf = new Map(unitLights.map((row) => [bureauOfLight.get(Number(row.id)), row]));
  const units = bureaus
    .map((bureau) => {
      const tally = byUnit.get(Number(bureau.id)) ?? zero();
      const unit = lightOf.get(Number(bureau.id));
      const reasons = json(unit?.reasons) ?? [];
      return {
        bureau: { documentId: bureau.document_id, name: bureau.name, kind: bureau.kind },
        light: unit?.light ?? 'green',
        reasons: reasons.slice(0, UNIT_REASONS),
        reasonCount: reasons.length,
        total: tally.red + tally.yellow + tally.green,
        ...tally,
      };
    })
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.total - a.total || a.bureau.name.localeCompare(b.bureau.name, 'zh-Hans'));
  return { data: { total: counts.red + counts.yellow + counts.green, counts, units }, meta: {} };
}

function page(results, pageSize) {
  const rows = find(results, (t) => /^select distinct .* from traffic_lights as t0 .* order by .* limit/.test(t));
  const total = Number(find(results, (t) => /^select count\(distinct t0\.id\) as count from traffic_lights/.test(t))[0]?.count ?? 0);
  const byPivot = (rowsOf, pivot) => new Map(rowsOf.map((row) => [Number(row[pivot]), row]));
  const projects = byPivot(find(results, (t) => /from projects as t0 left join traffic_lights_project_lnk/.test(t)), '__strapilight_id');
  const applicants = byPivot(find(results, (t) => /from bureaus as t0 left join projects_applicant_bureau_lnk/.test(t)), '__strapiproject_id');
  const nextDue = byPivot(find(results, (t) => /from bureaus as t0 left join traffic_lights_next_due_bureau_lnk/.test(t)), '__strapilight_id');
  const data = rows.map((row) => {
    const project = projects.get(Number(row.id));
    const applicant = project && applicants.get(Number(project.id));
    const bureau = nextDue.get(Number(row.id));
    return {
      id: project?.id,
      documentId: project?.document_id,
      code: project?.code ?? null,
      name: project?.name ?? null,
      category: project?.category ?? null,
      stage: project?.stage ?? null,
      applicantBureau: applicant ? { documentId: applicant.document_id, name: applicant.name } : null,
      light: row.light,
      lightReasons: json(row.reasons) ?? [],
      lightChangedAt: row.changed_at ?? null,
      nextDue: row.next_due_document_id
        ? {
            uid: row.next_due_uid,
            documentId: row.next_due_document_id,
            title: row.next_due_title,
            dueAt: row.next_due_at ? new Date(row.next_due_at).toISOString() : null,
            bureau: bureau ? { documentId: bureau.document_id, name: bureau.name } : null,
          }
        : null,
    };
  });
  return { data, meta: { pagination: { page: 1, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
}

const server = http.createServer(async (req, res) => {
  const caller = plan.tokens[(req.headers.authorization ?? '').replace(/^Bearer /, '')];
  const statements = caller && plan.calls[caller]?.[req.url];
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  try {
    const url = new URL(req.url, 'http://localhost');
    const results = await replay(statements);
    const answer =
      url.pathname === '/api/traffic-lights/summary'
        ? summary(results)
        : page(results, Number(url.searchParams.get('pagination[pageSize]') ?? 25));
    const body = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error.message));
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => Promise.resolve(db.close()).finally(() => process.exit(0))));
