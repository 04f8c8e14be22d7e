/** Compiles the TypeScript app once for the whole run; a type error here stops the run before any test. */
const path = require('path');

module.exports = async () => {
  process.env.TEST_RUN_ID = String(Date.now());
  const { compileStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  await compileStrapi({ appDir, ignoreDiagnostics: false });
  const db = process.env.DATABASE_CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite';
  process.stdout.write(`\n测试数据库 / test database: ${db}\n`);
};
