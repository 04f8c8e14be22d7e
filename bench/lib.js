'use strict';
/** Small shared helpers for the benchmarks: the test environment, a seeded random source, timing, medians. */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

/** The environment the test harness uses (test/helpers/env.js): own secrets, quiet logs, no demo data. */
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
  const name = `.tmp/bench-${process.pid}-${Date.now()}.db`;
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = name;
  return () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(path.join(appDir, name + suffix), { force: true });
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

module.exports = { prepareEnv, random, now, median, fmt };
