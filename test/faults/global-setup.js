/**
 * The fault tests' global setup: the app compiled once (test/helpers/global-setup.js), then a word on what they need.
 * The app under test always runs on PostgreSQL here: a throwaway cluster each test starts, not the one DATABASE_* name.
 */
const compile = require('../helpers/global-setup');

module.exports = async () => {
  const client = process.env.DATABASE_CLIENT;
  process.env.DATABASE_CLIENT = 'postgres';
  try {
    await compile();
  } finally {
    if (client === undefined) delete process.env.DATABASE_CLIENT;
    else process.env.DATABASE_CLIENT = client;
  }
  process.stdout.write(
    '故障测试：每个测试自带临时 PostgreSQL 集群与 Redis（需要 initdb/pg_ctl 与 redis-server）/ ' +
      'fault tests: each starts a throwaway PostgreSQL cluster and Redis of its own (needs initdb/pg_ctl and redis-server)\n'
  );
};
