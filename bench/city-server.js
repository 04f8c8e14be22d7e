#!/usr/bin/env node
'use strict';
/**
 * One server of the city-scale benchmark (bench/city.js), in a process of its own: the app compiled in dist/, in
 * production mode, on the database of the environment, listening on a free loopback port. With PLATFORM_PLUGINS=off
 * (config/plugins.ts) it is the stock baseline. Every answer carries `x-bench-queries`: the SQL statements the
 * database ran while it was answered (knex `query` events; exact when one request runs at a time).
 *
 * Writes one JSON line to stdout when listening: { port, startMs } (process start to listening). Started with an IPC
 * channel (and --expose-gc), it answers the message 'memory' with its resident and heap sizes before and after a
 * full garbage collection.
 */
const path = require('path');

const appDir = path.resolve(__dirname, '..');

async function main() {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await strapi.load();
  // one log line per request written to a pipe measures the pipe: warnings and errors only
  strapi.log.level = 'warn';
  let queries = 0;
  strapi.db.connection.on('query', () => {
    queries += 1;
  });
  // outermost: before the router, which Strapi adds when the server is mounted
  strapi.server.app.use(async (ctx, next) => {
    const before = queries;
    await next();
    ctx.set('x-bench-queries', String(queries - before));
  });
  strapi.server.app.middleware.unshift(strapi.server.app.middleware.pop());
  await new Promise((resolve, reject) => {
    strapi.server.httpServer.once('error', reject);
    strapi.server.mount();
    strapi.server.httpServer.listen(0, '127.0.0.1', resolve);
  });
  const startMs = performance.timeOrigin ? Date.now() - performance.timeOrigin : process.uptime() * 1000;
  process.stdout.write(`${JSON.stringify({ port: strapi.server.httpServer.address().port, startMs })}\n`);
  // bench/city.js asks for the memory once the server is idle: resident and heap, before and after a full GC
  process.on('message', (message) => {
    if (message !== 'memory') return;
    const before = process.memoryUsage();
    global.gc?.();
    const after = process.memoryUsage();
    const mb = (bytes) => bytes / 1024 / 1024;
    process.send({ rssMb: mb(before.rss), heapUsedMb: mb(before.heapUsed), gcRssMb: mb(after.rss), gcHeapUsedMb: mb(after.heapUsed), gc: Boolean(global.gc) });
  });
  // BENCH_CPU_PROF: bench/city.js profiles chosen phases (`profile:start`, then `profile:stop <file>`)
  let stopProfile = null;
  process.on('message', async (message) => {
    if (message === 'profile:start') {
      stopProfile = await require('./lib').startProfile();
      process.send('profile:started');
    } else if (typeof message === 'string' && message.startsWith('profile:stop ')) {
      await stopProfile(message.slice('profile:stop '.length));
      stopProfile = null;
      process.send('profile:stopped');
    }
  });
  const stop = () =>
    strapi
      .destroy()
      .catch(() => {})
      .finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
