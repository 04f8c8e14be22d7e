'use strict';
/**
 * (b) Write overhead of the deadline hook: creating tasks (which the default rule `task-by-deadline` covers)
 * through the document service of a booted app on a throw-away database (SQLite, or PostgreSQL with --postgres),
 * with the deadline rules active against all rules inactive. Rounds alternate (active, inactive, inactive, active, …) after a warm-up
 * of each; the ratio is the median of the per-pair ratios of milliseconds per write. Also counts, in the
 * active rounds, the deadline rows and the scheduler hand-overs (`scheduler.sync`) per write.
 */
const path = require('path');
const { now, median, prepareEnv } = require('./lib');

const RULE = 'plugin::deadlines.rule';
const DEADLINE = 'plugin::deadlines.deadline';
const TASK = 'api::task.task';

async function run({ appDir, writes = 150, pairs = 6 } = {}) {
  const dropDatabase = prepareEnv(appDir);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  try {
    await strapi.load();
    const plugin = strapi.plugin('deadlines');
    const bureau = await strapi.db.query('api::bureau.bureau').findOne({ where: { code: 'finance' } });
    const taskRules = await strapi.db.query(RULE).findMany({ where: { contentType: TASK, active: true } });
    if (taskRules.length !== 1) throw new Error(`expected one active task rule, found ${taskRules.length}`);

    // count what the hook hands to the scheduler once each write commits
    const scheduler = plugin.service('scheduler');
    const sync = scheduler.sync;
    let syncs = 0;
    scheduler.sync = function counted(...args) {
      syncs += 1;
      return sync.apply(this, args);
    };

    const setActive = async (active) => {
      // straight to the table: the rule service's own middleware would start a background recompute
      await strapi.db.query(RULE).updateMany({ where: {}, data: { active } });
      plugin.service('rules').invalidate();
    };
    let serial = 0;
    const createTasks = async (count) => {
      const ids = [];
      const start = now();
      for (let i = 0; i < count; i += 1) {
        serial += 1;
        const day = String((serial % 28) + 1).padStart(2, '0');
        const task = await strapi.documents(TASK).create({
          data: { title: `基准测试事项 ${serial}`, deadline: `2027-03-${day}`, responsibleBureau: bureau.documentId },
        });
        ids.push(task.documentId);
      }
      return { ms: now() - start, ids };
    };
    const measureRound = async (active) => {
      await setActive(active);
      const rowsBefore = await strapi.db.query(DEADLINE).count({ where: { targetUid: TASK } });
      const syncsBefore = syncs;
      const { ms, ids } = await createTasks(writes);
      await new Promise((resolve) => setImmediate(resolve)); // let onCommit hand-overs run
      const rows = await strapi.db.query(DEADLINE).findMany({ where: { targetUid: TASK, targetDocumentId: { $in: ids } }, select: ['targetDocumentId'] });
      const perTask = new Map();
      for (const row of rows) perTask.set(row.targetDocumentId, (perTask.get(row.targetDocumentId) ?? 0) + 1);
      const rowsAfter = await strapi.db.query(DEADLINE).count({ where: { targetUid: TASK } });
      return {
        active,
        msPerWrite: ms / writes,
        rowsPerWrite: (rowsAfter - rowsBefore) / writes,
        tasksWithExactlyOneRow: ids.filter((id) => perTask.get(id) === 1).length,
        syncsPerWrite: (syncs - syncsBefore) / writes,
      };
    };

    await measureRound(true); // warm-up: JIT, statement caches, SQLite pages
    await measureRound(false);
    const results = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const order = pair % 2 ? [false, true] : [true, false];
      const round = {};
      for (const active of order) round[active ? 'active' : 'inactive'] = await measureRound(active);
      results.push(round);
    }
    await setActive(true);

    const active = results.map((r) => r.active);
    const inactive = results.map((r) => r.inactive);
    const ratio = median(results.map((r) => r.active.msPerWrite / r.inactive.msPerWrite));
    const rowsPerWrite = active.map((r) => r.rowsPerWrite);
    const exact = active.every((r) => r.rowsPerWrite === 1 && r.tasksWithExactlyOneRow === writes);
    const none = inactive.every((r) => r.rowsPerWrite === 0);
    return [
      {
        name: 'deadline hook write overhead',
        unit: 'ms/write',
        candidate: { label: 'task create, rules active', value: median(active.map((r) => r.msPerWrite)) },
        baseline: { label: 'task create, rules inactive', value: median(inactive.map((r) => r.msPerWrite)) },
        ratio,
        target: { op: '<=', value: 1.15 },
        ok: ratio <= 1.15,
        valid: true,
        details: { writesPerRound: writes, pairs, rounds: results },
      },
      {
        name: 'deadline rows per write',
        unit: 'rows/write',
        candidate: { label: 'rules active', value: median(rowsPerWrite) },
        baseline: { label: 'rules inactive', value: median(inactive.map((r) => r.rowsPerWrite)) },
        ratio: null,
        target: { op: '==', value: 1 },
        ok: exact && none,
        valid: exact && none,
        details: {
          everyTaskExactlyOneRow: exact,
          inactiveCreatesNone: none,
          syncsPerWrite: { active: median(active.map((r) => r.syncsPerWrite)), inactive: median(inactive.map((r) => r.syncsPerWrite)) },
        },
      },
      {
        name: 'scheduler hand-overs per write',
        unit: 'syncs/write',
        candidate: { label: 'rules active', value: median(active.map((r) => r.syncsPerWrite)) },
        baseline: { label: 'rules inactive', value: median(inactive.map((r) => r.syncsPerWrite)) },
        ratio: null,
        target: { op: '==', value: 1 },
        ok: active.every((r) => r.syncsPerWrite === 1) && inactive.every((r) => r.syncsPerWrite === 0),
        valid: active.every((r) => r.syncsPerWrite === 1) && inactive.every((r) => r.syncsPerWrite === 0),
        details: {},
      },
    ];
  } finally {
    await strapi.destroy().catch(() => {});
    dropDatabase();
  }
}

module.exports = { run };
