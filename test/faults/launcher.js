/**
 * Runs the compiled app (dist/, compiled by the jest global setup) as its own process, so that a fault test can
 * SIGKILL it. Configured entirely by the environment the test passes (database, REDIS_URL, PORT).
 *
 * Over the IPC channel it reports `{ type: 'ready', port, token }` once listening (a fresh full-access API token)
 * and obeys `{ type: 'clock', now }`: from then on `Date` reads `now` advancing in real time — like the scheduler
 * suites' fake wall clock, because every due instant is the end of a Beijing day. FAULTS_CLOCK_OFFSET_MS starts it
 * shifted (a restart keeps the test's timeline). FAULTS_RULES: JSON list of deadline rules ensured at start-up
 * (by key); FAULTS_DISABLE_RULES: keys of seeded rules switched off.
 */
const path = require('path');

const RealDate = Date;
let offset = Number(process.env.FAULTS_CLOCK_OFFSET_MS || 0);
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
global.Date = ShiftedDate;

const send = (message) => process.send && process.send(message);

process.on('message', (message) => {
  if (message && message.type === 'clock') {
    offset = Number(message.now) - RealDate.now();
    send({ type: 'clock', offset });
  }
});

async function ensureRules(strapi) {
  const RULE = 'plugin::deadlines.rule';
  for (const key of JSON.parse(process.env.FAULTS_DISABLE_RULES || '[]')) {
    const seeded = await strapi.db.query(RULE).findOne({ where: { key } });
    if (seeded && seeded.active) await strapi.documents(RULE).update({ documentId: seeded.documentId, data: { active: false } });
  }
  for (const rule of JSON.parse(process.env.FAULTS_RULES || '[]')) {
    const existing = await strapi.db.query(RULE).findOne({ where: { key: rule.key } });
    if (!existing) await strapi.documents(RULE).create({ data: rule });
  }
  await strapi.plugin('deadlines').service('settings').idle();
}

async function main() {
  const { createStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..', '..');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  await strapi.load();
  await ensureRules(strapi);
  const token = await strapi
    .service('admin::api-token')
    .create({ name: `faults-${RealDate.now()}`, type: 'full-access', lifespan: null, description: 'fault tests' });
  const port = Number(process.env.PORT);
  await new Promise((resolve) => strapi.server.listen(port, '127.0.0.1', resolve));
  send({ type: 'ready', port, token: token.accessKey, pid: process.pid });
}

main().catch((error) => {
  process.stderr.write(`launcher failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
