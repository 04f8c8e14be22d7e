'use strict';
/**
 * (c) Read cost of per-bureau scoping (plugin bureau-views): the same REST list requested by an office user
 * (unscoped: the document middleware passes the call through) and by a town user whose scope covers every row
 * (the middleware ANDs the read scope into the filters and into each populated relation). Both see the same
 * records, so the difference is what scoping costs.
 *
 * Dataset, created through the document service as the platform (outside any request): `rows` projects, all
 * applied for by the town (`sample-yitang`), each with `problemsPerProject` problems it reported and a department
 * leads, and a pre-assessment (with its fanned-out opinions) on every `assessEvery`-th project. Two
 * users-permissions users, role type `office` and role type `town` with bureau = the town, sign in through
 * POST /api/auth/local on the listening server. Each case then alternates rounds of `requests` sequential requests (office, town, town,
 * office, …) after a warm-up of each; the ratio is the median of the per-pair ratios of milliseconds per
 * request (wall time; the details also give CPU time, steadier on a busy machine). Correctness: both users get
 * the same total (every row) and the same records, in the same order, on the page, with the same populated
 * records under each; anything else fails the run.
 */
const path = require('path');
const { client, cpuMs, median, now, prepareEnv, signIn } = require('./lib');

const PROJECT = 'api::project.project';
const PROBLEM = 'api::problem.problem';
const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const BUREAU = 'api::bureau.bureau';
const USER = 'plugin::users-permissions.user';
const TOWN = 'sample-yitang';
const TARGET = 1.15;

const CASES = [
  {
    name: 'scoped project list',
    path: '/api/projects?pagination[pageSize]=100&populate[problems]=true',
    related: (record) => (record.problems ?? []).map((problem) => problem.documentId),
  },
  {
    name: 'scoped problem list',
    path: '/api/problems?pagination[pageSize]=100&populate=project',
    related: (record) => (record.project ? [record.project.documentId] : []),
  },
];

async function buildDataset(strapi, { rows, problemsPerProject, assessEvery }) {
  const town = await strapi.db.query(BUREAU).findOne({ where: { code: TOWN } });
  if (!town) throw new Error(`no bureau with code ${TOWN}`);
  const departments = await strapi.db.query(BUREAU).findMany({ where: { kind: 'department' }, orderBy: { id: 'asc' } });
  if (!departments.length) throw new Error('no department bureaus');
  const categories = ['procedures', 'land_supply', 'environmental_capacity', 'financing', 'policy', 'construction', 'other'];
  let preAssessments = 0;
  for (let i = 0; i < rows; i += 1) {
    const project = await strapi.documents(PROJECT).create({
      data: { name: `基准测试项目 ${i + 1}`, category: 'general', applicantBureau: town.documentId, plannedInvestment: 1000 + i },
    });
    for (let k = 0; k < problemsPerProject; k += 1) {
      await strapi.documents(PROBLEM).create({
        data: {
          project: project.documentId,
          reportingBureau: town.documentId,
          leadBureau: departments[(i + k) % departments.length].documentId,
          category: categories[(i + k) % categories.length],
          title: `基准测试问题 ${i + 1}-${k + 1}`,
          description: '用地指标尚未落实',
        },
      });
    }
    if (assessEvery > 0 && i % assessEvery === 0) {
      await strapi.documents(PRE_ASSESSMENT).create({ data: { project: project.documentId, attestedBy: '基准测试' } });
      preAssessments += 1;
    }
  }
  return { town, preAssessments };
}

function shapeOf(kase, response) {
  if (response.status !== 200) return { status: response.status, error: response.body?.error?.message ?? null };
  return {
    status: 200,
    total: response.body.meta?.pagination?.total ?? null,
    records: (response.body.data ?? []).map((record) => [record.documentId, ...kase.related(record)].join(' ')),
  };
}

function compare(office, town) {
  const issues = [];
  if (office.status !== 200) issues.push(`office: HTTP ${office.status} ${office.error ?? ''}`.trim());
  if (town.status !== 200) issues.push(`town: HTTP ${town.status} ${town.error ?? ''}`.trim());
  if (issues.length) return issues;
  if (office.total !== town.total) issues.push(`total: office ${office.total}, town ${town.total}`);
  const officeIds = office.records.map((line) => line.split(' ')[0]);
  const townIds = town.records.map((line) => line.split(' ')[0]);
  if (officeIds.join() !== townIds.join()) {
    const missing = officeIds.filter((id) => !townIds.includes(id)).length;
    const extra = townIds.filter((id) => !officeIds.includes(id)).length;
    issues.push(`page: ${officeIds.length} vs ${townIds.length} records, ${missing} missing for the town, ${extra} only the town sees${missing || extra ? '' : ', same records in another order'}`);
  } else if (office.records.join('\n') !== town.records.join('\n')) {
    issues.push('populated records differ');
  }
  return issues;
}

async function run({ appDir, rows = 300, requests = 10, pairs = 10, problemsPerProject = 1, assessEvery = 10 } = {}) {
  const dropDatabase = prepareEnv(appDir);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist') });
  let api;
  try {
    await strapi.load();
    await new Promise((resolve, reject) => {
      strapi.server.httpServer.once('error', reject);
      strapi.server.mount();
      strapi.server.httpServer.listen(0, '127.0.0.1', resolve);
    });
    api = client(strapi.server.httpServer.address().port);

    const built = now();
    const { town, preAssessments } = await buildDataset(strapi, { rows, problemsPerProject, assessEvery });
    const dataset = {
      projects: await strapi.db.query(PROJECT).count(),
      problems: await strapi.db.query(PROBLEM).count(),
      preAssessments,
      opinions: await strapi.db.query('api::opinion.opinion').count(),
      buildSeconds: (now() - built) / 1000,
    };
    const tokens = { office: await signIn(strapi, api, 'office'), town: await signIn(strapi, api, 'town', town) };
    const townUser = await strapi.db.query(USER).findOne({ where: { username: { $startsWith: 'bench-town-' } }, populate: ['bureau'] });
    if (townUser?.bureau?.id !== town.id) throw new Error('the town user does not belong to the town');

    const results = [];
    for (const kase of CASES) {
      const answers = {};
      const measureRound = async (who) => {
        let last;
        let failed = 0;
        const cpuStart = cpuMs();
        const start = now();
        for (let i = 0; i < requests; i += 1) {
          last = await api.send('GET', kase.path, { token: tokens[who] });
          if (last.status !== 200) failed += 1;
        }
        const ms = now() - start;
        const cpu = cpuMs() - cpuStart;
        const shape = shapeOf(kase, last);
        answers[who] ??= shape;
        if (JSON.stringify(shape) !== JSON.stringify(answers[who])) answers[`${who}Changed`] = shape;
        return { msPerRequest: ms / requests, cpuMsPerRequest: cpu / requests, failed };
      };

      await measureRound('office'); // warm-up: JIT, statement caches, SQLite pages
      await measureRound('town');
      const rounds = [];
      for (let pair = 0; pair < pairs; pair += 1) {
        const order = pair % 2 ? ['town', 'office'] : ['office', 'town'];
        const round = {};
        for (const who of order) round[who] = await measureRound(who);
        rounds.push(round);
      }

      const issues = compare(answers.office, answers.town);
      if (answers.officeChanged || answers.townChanged) issues.push('an answer changed between rounds');
      const failed = rounds.reduce((sum, r) => sum + r.office.failed + r.town.failed, 0);
      if (failed) issues.push(`${failed} measured requests did not answer 200`);
      const every = kase.path.startsWith('/api/projects') ? dataset.projects : dataset.problems;
      if (answers.office.status === 200 && answers.office.total !== every) issues.push(`office total ${answers.office.total} is not every row (${every})`);
      const ratio = median(rounds.map((r) => r.town.msPerRequest / r.office.msPerRequest));
      const valid = issues.length === 0;
      results.push({
        name: kase.name,
        unit: 'ms/request',
        candidate: { label: 'town user (scoped)', value: median(rounds.map((r) => r.town.msPerRequest)) },
        baseline: { label: 'office user (unscoped)', value: median(rounds.map((r) => r.office.msPerRequest)) },
        ratio,
        target: { op: '<=', value: TARGET },
        ok: valid && ratio <= TARGET,
        valid,
        details: {
          request: `GET ${kase.path}`,
          cpuMsPerRequest: { town: median(rounds.map((r) => r.town.cpuMsPerRequest)), office: median(rounds.map((r) => r.office.cpuMsPerRequest)) },
          cpuRatio: median(rounds.map((r) => r.town.cpuMsPerRequest / r.office.cpuMsPerRequest)),
          requestsPerRound: requests,
          pairs,
          dataset,
          total: { office: answers.office.total, town: answers.town.total },
          pageSize: { office: answers.office.records?.length ?? null, town: answers.town.records?.length ?? null },
          issues,
          rounds,
        },
      });
      if (!valid) process.stdout.write(`  ${kase.name}: ${issues.join('; ')}\n`);
    }
    return results;
  } finally {
    api?.close();
    await strapi.destroy().catch(() => {});
    dropDatabase();
  }
}

module.exports = { run };
