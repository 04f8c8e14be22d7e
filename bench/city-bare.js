#!/usr/bin/env node
'use strict';
/**
 * The floor of the city-scale benchmark: `http.createServer` answering `GET /api/projects?pagination[pageSize]=N`
 * with the SQL stock Strapi runs for it (the page of projects and their count), through the same driver
 * (better-sqlite3) on the same file (BENCH_DB), in Strapi's response shape. Writes { port } when listening.
 */
const http = require('http');
const Database = require('better-sqlite3');

const db = new Database(process.env.BENCH_DB, { readonly: true });
const page = db.prepare('select * from projects order by id asc limit ? offset ?');
const count = db.prepare('select count(id) as count from projects');
const camel = (name) => name.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/api/projects') {
    res.writeHead(404).end();
    return;
  }
  const pageSize = Math.min(100, Number(url.searchParams.get('pagination[pageSize]') ?? 25));
  const rows = page.all(pageSize, 0).map((row) => {
    const out = {};
    for (const [key, value] of Object.entries(row))
      out[camel(key)] = key === 'light_reasons' && typeof value === 'string' ? JSON.parse(value) : value;
    return out;
  });
  const total = count.get().count;
  const body = JSON.stringify({
    data: rows,
    meta: { pagination: { page: 1, pageSize, pageCount: Math.ceil(total / pageSize), total } },
  });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port, startMs: process.uptime() * 1000 })}\n`)
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
