/** Compiles the TypeScript app once for the whole run; a type error here stops the run before any test. */
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  process.env.TEST_RUN_ID = String(Date.now());
  const { compileStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  // the compiler only adds and overwrites: a source file removed since the last run would live on in dist
  // (the admin build in dist/build stays)
  for (const dir of ['src', 'config']) fs.rmSync(path.join(appDir, 'dist', dir), { recursive: true, force: true });
  fs.rmSync(path.join(appDir, 'dist', 'tsconfig.tsbuildinfo'), { force: true });
  await compileStrapi({ appDir, ignoreDiagnostics: false });
  const db = process.env.DATABASE_CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite';
  process.stdout.write(`\n测试数据库 / test database: ${db}\n`);
};
