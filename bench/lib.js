'use strict';
/**
 * Small shared helpers for the benchmarks: the test environment, a seeded random source, timing, medians, and for
 * the HTTP ones a keep-alive client and the sign-in of a users-permissions user.
 */
const fs = require('fs');
const http = require('http');
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

module.exports = { prepareEnv, random, now, cpuMs, median, fmt, client, signIn };
