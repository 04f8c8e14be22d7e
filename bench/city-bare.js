#!/usr/bin/env node
'use strict';
/**
 * The floor of the city-scale benchmark: `http.createServer` answering `GET /api/projects?pagination[pageSize]=N`
 * with the SQL stock Strapi runs for it (the page of projects and their count), through the same driver on the
 * same data, in Strapi's response shape: better-sqlite3 on the file BENCH_DB, or with DATABASE_CLIENT=postgres pg
 * on DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD (a pool of DATABASE_POOL_MAX connections, 10 as Strapi's).
 * Writes { port } when listening.
 */
const http = require('http');
const { pgSettings } = require('./lib');

const PAGE = 'select * from projects order by id asc limit ? offset ?';
const COUNT = 'select count(id) as count from projects';
const camel = (name) => name.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase());

/** { page(limit, offset) → rows, count() → number, close() }, both as promises. */
function database() {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const { Pool } = require('pg');
    const pool = new Pool({ ...pgSettings(), max: Number(process.env.DATABASE_POOL_MAX || 10) });
    const page = PAGE.replace('?', '$1').replace('?', '$2');
    return {
      page: async (limit, offset) => (await pool.query(page, [limit, offset])).rows,
      count: async () => Number((await pool.query(COUNT)).rows[0].count),
      close: () => pool.end(),
    };
  }
  const Database = require('better-sqlite3');
  const db = new Database(process.env.BENCH_DB, { readonly: true });
  const page = db.prepare(PAGE);
  const count = db.prepare(COUNT);
  return {
    page: async (limit, offset) => page.all(limit, offset),
    count: async () => count.get().count,
    close: async () => db.close(),
  };
}

const db = database();

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/api/projects') {
    res.writeHead(404).end();
    return;
  }
  try {
    const pageSize = Math.min(100, Number(url.searchParams.get('pagination[pageSize]') ?? 25));
    const rows = (await db.page(pageSize, 0)).map((row) => {
      const out = {};
      for (const [key, value] of Object.entries(row))
        out[camel(key)] = key === 'light_reasons' && typeof value === 'string' ? JSON.parse(value) : value;
      return out;
    });
    const total = await db.count();
    const body = JSON.stringify({
      data: rows,
      meta: { pagination: { page: 1, pageSize, pageCount: Math.ceil(total / pageSize), total } },
    });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error.message));
  }
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port, startMs: process.uptime() * 1000 })}\n`)
);
process.on('SIGTERM', () => server.close(() => db.close().finally(() => process.exit(0))));
