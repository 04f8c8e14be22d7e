import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { verifySignature } from '../../src/domain/upward';
import { adminActor, restActor, type AdminActor, type RestActor } from '../helpers/bureaus';
import { download, bureau, create, createProject, creditCode, expectFieldError, rest, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

// the delivery sweep runs every second here (default 30 s), so retries after a 1 s back-off happen within the test
process.env.UPWARD_SWEEP_SECONDS = '1';

const REPORT = 'api::upward-report.upward-report';
const SETTING = 'api::upward-setting.upward-setting';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Received {
  headers: http.IncomingHttpHeaders;
  /** The bytes as they arrived: what a receiver computes the signature over. */
  raw: Buffer;
  body: string;
  json: Json;
}

/** What a receiver does with its n-th request (0-based): answer a status, after a delay. */
type Behaviour = (n: number) => { status: number; delayMs?: number };

interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 (a free port), recording every request it gets. */
async function receiver(behaviour: Behaviour): Promise<Receiver> {
  const requests: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const n = requests.length;
      const raw = Buffer.concat(chunks);
      const body = raw.toString('utf8');
      requests.push({ headers: req.headers, raw, body, json: JSON.parse(body) });
      const { status, delayMs = 0 } = behaviour(n);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status < 300 ? { received: true, reportId: req.headers['x-report-id'] } : { error: '服务暂不可用' }));
      }, delayMs);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/reports`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * What a receiver of the city would do with nothing of ours but the README (向上报送, X-Signature):
 * `sha256=<hex HMAC-SHA256(secret, X-Timestamp + "." + raw body)>`, computed with node:crypto over the raw bytes it got.
 */
function signedPerReadme(secret: string, request: Received): boolean {
  const header = String(request.headers['x-signature'] ?? '');
  const timestamp = String(request.headers['x-timestamp'] ?? '');
  if (!/^sha256=[0-9a-f]{64}$/.test(header) || !/^\d+$/.test(timestamp)) return false;
  const hex = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), request.raw])).digest('hex');
  return header === `sha256=${hex}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something truthy (or fails after `ms`). */
async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 20000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * 向上报送 through the API, against real HTTP receivers: a project reported to the city library, a problem escalated
 * to 市发展改革委, a blacklisting and its repair to the city credit platform — each delivered once, signed with the
 * target's secret, retried with back-off after a failure or a timeout, never duplicated when the record is saved
 * again; the settings keep the secrets to themselves; the reports download as a spreadsheet.
 */
describe('reporting upward to the city', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const SECRETS = {
    projectLibrary: 'project-library-secret-0123456789',
    developmentReform: 'development-reform-secret-0123456789',
    credit: 'city-credit-secret-0123456789abcdef',
  };

  const receivers: Receiver[] = [];
  const open = async (behaviour: Behaviour) => {
    const created = await receiver(behaviour);
    receivers.push(created);
    return created;
  };
  let always: Receiver;
  let reform: Receiver;
  let credit: Receiver;
  let yitang: Json;
  let office: AdminActor;

  const reportsOf = async (documentId: string) =>
    app.strapi.db.query(REPORT).findMany({ where: { subjectDocumentId: documentId }, orderBy: { id: 'asc' } });
  const delivered = (documentId: string, count = 1) =>
    eventually(`${count} delivered report(s) of ${documentId}`, async () => {
      const rows = await reportsOf(documentId);
      return rows.length >= count && rows.every((row) => row.state === 'delivered') ? rows : null;
    });
  const settings = async (data: Json) => {
    const res = await api().put('/api/upward-setting', data);
    if (res.status !== 200) throw new Error(`PUT /api/upward-setting → ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const reportToCity = (project: Json) => update(app, 'projects', project.documentId, { stage: 'reported_to_city' });
  /**
   * A project reported to a library receiver that answers 503 until `bringUp()`, once its report has failed after
   * `maxAttempts` (the caller puts the settings back).
   */
  const failedReport = async (maxAttempts: number) => {
    let up = false;
    const down = await open(() => ({ status: up ? 200 : 503 }));
    await settings({ projectLibraryUrl: down.url, maxAttempts });
    const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
    await reportToCity(project);
    const failed = await eventually('a failed report', async () => {
      const [row] = await reportsOf(project.documentId);
      return row?.state === 'failed' ? row : null;
    });
    return { down, project, failed, bringUp: () => (up = true) };
  };

  beforeAll(async () => {
    always = await open(() => ({ status: 200 }));
    reform = await open(() => ({ status: 200 }));
    credit = await open(() => ({ status: 200 }));
    yitang = await bureau(app, 'sample-yitang');
    office = await adminActor(app, 'office', null, 'office');
    await settings({
      projectLibraryEnabled: true,
      projectLibraryUrl: always.url,
      projectLibrarySecret: SECRETS.projectLibrary,
      developmentReformEnabled: true,
      developmentReformUrl: reform.url,
      developmentReformSecret: SECRETS.developmentReform,
      creditEnabled: true,
      creditUrl: credit.url,
      creditSecret: SECRETS.credit,
      maxAttempts: 5,
      backoffSeconds: 1,
      timeoutSeconds: 5,
    });
  });

  afterAll(async () => {
    // let an attempt in flight finish before the receivers go away
    await sleep(200);
    for (const item of receivers) await item.close();
  });

  describe('a project reported to the city project library', () => {
    let project: Json;

    beforeAll(async () => {
      project = await createProject(app, {
        applicantBureau: yitang.documentId,
        category: 'key_provincial_municipal',
        plannedInvestment: 120000,
        landArea: 300,
        stage: 'in_library',
      });
    });

    it('is POSTed once to the library, signed with its secret, and the report is delivered', async () => {
      const before = always.requests.length;
      await reportToCity(project);
      const [report] = await delivered(project.documentId);
      expect(report).toMatchObject({ target: 'city_project_library', event: 'project_reported_to_city', subjectType: 'project', attempts: 1, responseStatus: 200 });
      expect(report.deliveredAt).toBeTruthy();
      expect(report.lastError).toBeNull();
      // by whom: the full-access API token the test writes with, by its id and name
      const token = await app.strapi.db.query('admin::api-token').findOne({ where: { name: { $startsWith: 'test-full-access-' } } });
      expect(report.triggeredBy).toBe(`token:${token.id} ${token.name}`);

      const mine = always.requests.slice(before);
      expect(mine).toHaveLength(1);
      const [request] = mine;
      expect(request.headers['content-type']).toContain('application/json');
      expect(request.headers['x-report-id']).toBe(report.reportId);
      const timestamp = String(request.headers['x-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifySignature(SECRETS.projectLibrary, timestamp, request.body, String(request.headers['x-signature']))).toBe(true);
      expect(verifySignature(SECRETS.credit, timestamp, request.body, String(request.headers['x-signature']))).toBe(false);
      // checked as a receiver would, independently of the signing module: HMAC over the raw bytes received
      expect(request.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(request.headers['x-report-target']).toBe('city_project_library');
      expect(request.raw.toString('utf8')).toContain(yitang.name); // the body carries Chinese text: bytes, not characters, are signed
      expect(signedPerReadme(SECRETS.projectLibrary, request)).toBe(true);
      expect(signedPerReadme(SECRETS.credit, request)).toBe(false);
      // a body altered in transit, or replayed under another timestamp, no longer matches
      const tampered = Buffer.from(request.raw);
      tampered[tampered.length - 2] ^= 1;
      expect(signedPerReadme(SECRETS.projectLibrary, { ...request, raw: tampered })).toBe(false);
      expect(signedPerReadme(SECRETS.projectLibrary, { ...request, headers: { ...request.headers, 'x-timestamp': String(Number(timestamp) + 1) } })).toBe(false);
      expect(request.json).toMatchObject({
        schema: 'lanshan.upward-report/1',
        reportId: report.reportId,
        target: 'city_project_library',
        event: 'project_reported_to_city',
        subject: { type: 'project', documentId: project.documentId },
        data: {
          code: project.code,
          name: project.name,
          category: 'key_provincial_municipal',
          stage: 'reported_to_city',
          plannedInvestment: 120000,
          landArea: 300,
          applicantBureau: { code: 'sample-yitang', name: yitang.name },
        },
      });
    });

    it('saving the project again, even with the same stage sent twice, makes no second report and no second request', async () => {
      const before = always.requests.length;
      await reportToCity(project);
      await update(app, 'projects', project.documentId, { stage: 'reported_to_city', summary: '已报送市重大项目库' });
      await sleep(2500); // two sweeps
      expect(await reportsOf(project.documentId)).toHaveLength(1);
      expect(always.requests.length).toBe(before);
    });

    it('a project moving past the stage without stopping there is not reported', async () => {
      const other = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
      await update(app, 'projects', other.documentId, { stage: 'started', actualStartDate: '2026-11-02' });
      expect(await reportsOf(other.documentId)).toHaveLength(0);
    });

    it('is listed to the office through the API with its delivery, never its internal key', async () => {
      const res = await api().get(`/api/upward-reports?filters[subjectDocumentId][$eq]=${project.documentId}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(1);
      expect(res.body.data[0]).toMatchObject({ state: 'delivered', attempts: 1, target: 'city_project_library' });
      expect(res.body.data[0]).not.toHaveProperty('triggerKey');
    });
  });

  it('a receiver failing first: the report is retried after the back-off and delivered on the second attempt, with the same report id', async () => {
    const failing = await open((n) => ({ status: n === 0 ? 500 : 200 }));
    await settings({ projectLibraryUrl: failing.url });
    try {
      const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
      await reportToCity(project);
      const [report] = await delivered(project.documentId);
      expect(report.attempts).toBe(2);
      expect(report.responseStatus).toBe(200);
      expect(report.lastError).toBeNull();
      expect(report.attemptLog.map((entry: Json) => entry.status)).toEqual([500, 200]);
      expect(failing.requests).toHaveLength(2);
      expect(failing.requests.map((request) => request.headers['x-report-id'])).toEqual([report.reportId, report.reportId]);
      // the second attempt waited for the back-off (1 s)
      const [first, second] = report.attemptLog.map((entry: Json) => new Date(entry.at).getTime());
      expect(second - first).toBeGreaterThanOrEqual(1000);
      for (const request of failing.requests) {
        expect(verifySignature(SECRETS.projectLibrary, String(request.headers['x-timestamp']), request.body, String(request.headers['x-signature']))).toBe(true);
        expect(signedPerReadme(SECRETS.projectLibrary, request)).toBe(true);
      }
    } finally {
      await settings({ projectLibraryUrl: always.url });
    }
  });

  it('a receiver too slow the first time: the attempt times out, the retry delivers, and the receiver can tell the two requests are one report', async () => {
    const slow = await open((n) => ({ status: 200, delayMs: n === 0 ? 2500 : 50 }));
    await settings({ projectLibraryUrl: slow.url, timeoutSeconds: 1 });
    try {
      const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
      await reportToCity(project);
      const [report] = await delivered(project.documentId);
      expect(report.attempts).toBe(2);
      expect(report.attemptLog[0].error).toContain('超时');
      await sleep(1500); // the slow answer arrives meanwhile; nothing changes
      const rows = await reportsOf(project.documentId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'delivered', attempts: 2 });
      // what a receiver dedups on: one report id however many requests
      expect(new Set(slow.requests.map((request) => request.headers['x-report-id']))).toEqual(new Set([report.reportId]));
    } finally {
      await settings({ projectLibraryUrl: always.url, timeoutSeconds: 5 });
    }
  });

  it('a receiver that stays down: the report is given up after maxAttempts as failed, and the office sends it again (重新上报)', async () => {
    try {
      const { down, project, failed, bringUp } = await failedReport(2);
      expect(failed.attempts).toBe(2);
      expect(failed.lastError).toContain('503');
      await sleep(1500);
      expect(down.requests).toHaveLength(2); // no attempt after giving up

      bringUp();
      const retry = await api().put(`/api/upward-reports/${failed.documentId}`, { state: 'pending' });
      expect(retry.status).toBe(200);
      const [report] = await delivered(project.documentId);
      expect(report.attempts).toBe(1);
      expect(down.requests).toHaveLength(3);
      expect(new Set(down.requests.map((request) => request.headers['x-report-id']))).toEqual(new Set([failed.reportId]));

      // only a failed report goes back to pending, and the delivery fields are the platform's
      const again = await api().put(`/api/upward-reports/${failed.documentId}`, { state: 'failed' });
      expectFieldError(again, REPORT, 'state');
      expect((await api().put(`/api/upward-reports/${failed.documentId}`, { attempts: 0 })).status).toBe(400);
    } finally {
      await settings({ projectLibraryUrl: always.url, maxAttempts: 5 });
    }
  });

  it('a target switched off keeps its reports pending; switched on, several passes at once deliver each report once', async () => {
    const receiving = await open(() => ({ status: 200, delayMs: 300 }));
    await settings({ projectLibraryEnabled: false, projectLibraryUrl: receiving.url });
    try {
      const projects = [];
      for (let i = 0; i < 3; i += 1) projects.push(await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' }));
      for (const project of projects) await reportToCity(project);
      await sleep(1500);
      const waiting = (await Promise.all(projects.map((project) => reportsOf(project.documentId)))).flat();
      expect(waiting.map((row) => row.state)).toEqual(['pending', 'pending', 'pending']);
      expect(receiving.requests).toHaveLength(0);

      await settings({ projectLibraryEnabled: true });
      // as two instances would: the delivery of each report and whole passes, all at once, besides the scheduled sweep
      const service = app.strapi.service(REPORT) as any;
      await Promise.all([...waiting.flatMap((row) => [service.deliverOne(row.id), service.deliverOne(row.id)]), service.sweep()]);
      for (const project of projects) await delivered(project.documentId);
      await sleep(1500);
      expect(receiving.requests).toHaveLength(3);
      expect(new Set(receiving.requests.map((request) => request.headers['x-report-id'])).size).toBe(3);
      const rows = (await Promise.all(projects.map((project) => reportsOf(project.documentId)))).flat();
      expect(rows.map((row) => row.attempts)).toEqual([1, 1, 1]);
    } finally {
      await settings({ projectLibraryEnabled: true, projectLibraryUrl: always.url });
    }
  });

  it('a blacklisting and its repair: two reports to the city credit platform, one per event', async () => {
    const investor = await create(app, 'enterprises', { name: unique('上报失信企业-'), creditCode: creditCode(8801), legalRepresentative: '张某' });
    const before = credit.requests.length;
    const record = await create(app, 'credit-records', {
      enterprise: investor.documentId,
      kind: 'false_information',
      description: '申报时提供虚假投资协议',
      decidedAt: '2026-10-02',
      decidedBy: '区发改局',
      blacklist: true,
      measures: '取消重大项目资格',
    });
    await delivered(record.documentId, 1);
    await update(app, 'credit-records', record.documentId, { measures: '取消重大项目资格，追回优惠政策' });
    await update(app, 'credit-records', record.documentId, { repairedAt: '2026-11-20', repairReason: '已整改并作出信用承诺' });
    const reports = await delivered(record.documentId, 2);
    expect(reports.map((row) => row.event)).toEqual(['credit_blacklisted', 'credit_repaired']);
    expect(reports.every((row) => row.target === 'city_credit')).toBe(true);
    const mine = credit.requests.slice(before);
    expect(mine).toHaveLength(2);
    expect(mine.map((request) => request.json.event)).toEqual(['credit_blacklisted', 'credit_repaired']);
    expect(mine[0].json.data).toMatchObject({ kind: 'false_information', blacklist: true, repairedAt: null, enterprise: { name: investor.name, creditCode: investor.creditCode, legalRepresentative: '张某' } });
    expect(mine[1].json.data).toMatchObject({ repairedAt: '2026-11-20', repairReason: '已整改并作出信用承诺', state: 'repaired' });
    for (const request of mine) {
      expect(verifySignature(SECRETS.credit, String(request.headers['x-timestamp']), request.body, String(request.headers['x-signature']))).toBe(true);
    }
    // a record that does not blacklist is not reported
    const minor = await create(app, 'credit-records', { enterprise: investor.documentId, kind: 'other', description: '轻微违约', decidedAt: '2026-10-05', blacklist: false });
    await sleep(1200);
    expect(await reportsOf(minor.documentId)).toHaveLength(0);
  });

  it('a city-level problem escalated: one report to 市发展改革委', async () => {
    const project = await createProject(app, { applicantBureau: yitang.documentId });
    const problem = await create(app, 'problems', {
      project: project.documentId,
      reportingBureau: yitang.documentId,
      category: 'land_supply',
      title: unique('用地指标需市级统筹-'),
      description: '项目用地指标缺口 120 亩，需市级统筹解决',
      level: 'city',
    });
    const before = reform.requests.length;
    // escalated by a signed-in user of the office (REST), not the API token
    const officeUser = await restActor(app, 'office', null, 'office user');
    const escalated = await officeUser.put(`/api/problems/${problem.documentId}`, { state: 'escalated' });
    expect(escalated.status).toBe(200);
    await update(app, 'problems', problem.documentId, { suggestion: '请求市发展改革委协调省级用地指标' });
    const [report] = await delivered(problem.documentId);
    expect(report).toMatchObject({ target: 'city_development_reform', event: 'problem_escalated', subjectType: 'problem' });
    expect(report.triggeredBy).toBe(`user:${officeUser.user.id} ${officeUser.user.username}`);
    await sleep(1200);
    expect(await reportsOf(problem.documentId)).toHaveLength(1);
    const mine = reform.requests.slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0].json.data).toMatchObject({ title: problem.title, level: 'city', state: 'escalated', category: 'land_supply', project: { code: project.code } });
    expect(verifySignature(SECRETS.developmentReform, String(mine[0].headers['x-timestamp']), mine[0].body, String(mine[0].headers['x-signature']))).toBe(true);
  });

  describe('through the admin panel (content manager)', () => {
    const PROJECT = 'api::project.project';
    const CREDIT_RECORD = 'api::credit-record.credit-record';
    const connect = (documentId: string) => ({ connect: [{ documentId }], disconnect: [] });
    const signedBy = (secret: string, request: Received) =>
      verifySignature(secret, String(request.headers['x-timestamp']), request.body, String(request.headers['x-signature'])) && signedPerReadme(secret, request);

    it('the office admin moves a project to 已报市级: one signed request to the library, by the admin; saving it again sends nothing', async () => {
      const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
      const before = always.requests.length;
      const moved = await office.update(PROJECT, project.documentId, { stage: 'reported_to_city' });
      expect(moved.status).toBe(200);
      const [report] = await delivered(project.documentId);
      expect(report).toMatchObject({ target: 'city_project_library', event: 'project_reported_to_city', attempts: 1, responseStatus: 200 });
      expect(report.triggeredBy).toBe(`admin:${office.user.id} ${office.email}`);
      const mine = always.requests.slice(before);
      expect(mine).toHaveLength(1);
      expect(mine[0].headers['x-report-id']).toBe(report.reportId);
      expect(mine[0].json).toMatchObject({ event: 'project_reported_to_city', subject: { documentId: project.documentId }, data: { stage: 'reported_to_city', name: project.name } });
      expect(signedBy(SECRETS.projectLibrary, mine[0])).toBe(true);

      // saved again as the admin form does: the whole record as read, the stage unchanged
      const form = await office.findOne(PROJECT, project.documentId);
      expect(form.status).toBe(200);
      expect(form.body.data.stage).toBe('reported_to_city');
      const { id: _id, documentId: _documentId, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...fields } = form.body.data;
      const saved = await office.update(PROJECT, project.documentId, { ...fields, summary: '已报送市重大项目库（后台）' });
      expect(saved.status).toBe(200);
      await sleep(2500); // two sweeps
      expect(await reportsOf(project.documentId)).toHaveLength(1);
      expect(always.requests.length).toBe(before + 1);
    });

    it('the 发改局 department admin records a blacklisting: one signed request to the city credit platform, by that admin; saving it again sends nothing', async () => {
      const reformAdmin = await adminActor(app, 'department', await bureau(app, 'development-reform'), 'development reform admin');
      const investor = await create(app, 'enterprises', { name: unique('后台失信企业-'), creditCode: creditCode(8802), legalRepresentative: '李某' });
      const before = credit.requests.length;
      const created = await reformAdmin.create(CREDIT_RECORD, {
        enterprise: connect(investor.documentId),
        kind: 'false_information',
        description: '承诺事项未履行且提供虚假材料',
        decidedAt: '2026-10-08',
        decidedBy: '区发改局',
        blacklist: true,
        measures: '取消重大项目资格',
      });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId;
      const [report] = await delivered(documentId);
      expect(report).toMatchObject({ target: 'city_credit', event: 'credit_blacklisted', attempts: 1 });
      expect(report.triggeredBy).toBe(`admin:${reformAdmin.user.id} ${reformAdmin.email}`);
      const mine = credit.requests.slice(before);
      expect(mine).toHaveLength(1);
      expect(mine[0].json).toMatchObject({ event: 'credit_blacklisted', data: { blacklist: true, enterprise: { name: investor.name, creditCode: investor.creditCode } } });
      expect(signedBy(SECRETS.credit, mine[0])).toBe(true);

      const saved = await reformAdmin.update(CREDIT_RECORD, documentId, { blacklist: true, measures: '取消重大项目资格，三年内不得申报' });
      expect(saved.status).toBe(200);
      await sleep(2500);
      expect(await reportsOf(documentId)).toHaveLength(1);
      expect(credit.requests.length).toBe(before + 1);
    });

    it('重新上报 in the content manager: the office admin saves a failed report back to 待投递 and it is delivered once more, under its report id', async () => {
      try {
        const { down, project, failed, bringUp } = await failedReport(1);
        expect(down.requests).toHaveLength(1);

        // a department admin cannot (it cannot even read the reports)
        const reformAdmin = await adminActor(app, 'department', await bureau(app, 'development-reform'), 'development reform admin 2');
        expect((await reformAdmin.update(REPORT, failed.documentId, { state: 'pending' })).status).toBe(403);
        await sleep(1200);
        expect(down.requests).toHaveLength(1);

        bringUp();
        // as the edit view saves: the whole report as read, the state changed
        const form = await office.findOne(REPORT, failed.documentId);
        expect(form.status).toBe(200);
        expect(form.body.data.state).toBe('failed');
        const { id: _id, documentId: _documentId, createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...fields } = form.body.data;
        const retried = await office.update(REPORT, failed.documentId, { ...fields, state: 'pending' });
        expect(retried.status).toBe(200);
        const [report] = await delivered(project.documentId);
        expect(report.attempts).toBe(1);
        expect(report.reportId).toBe(failed.reportId);
        // the report stays the trigger's, not the retrying admin's
        expect(report.triggeredBy).toBe(failed.triggeredBy);
        await sleep(1200);
        expect(down.requests).toHaveLength(2);
        expect(down.requests.map((request) => request.headers['x-report-id'])).toEqual([failed.reportId, failed.reportId]);
        expect(signedBy(SECRETS.projectLibrary, down.requests[1])).toBe(true);
      } finally {
        await settings({ projectLibraryUrl: always.url, maxAttempts: 5 });
      }
    });
  });

  describe('reports by hand', () => {
    it('the office reports a record by hand: the payload is built from the record, and it is delivered', async () => {
      const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
      const res = await api().post('/api/upward-reports', { subjectType: 'project', subjectDocumentId: project.documentId, note: '补报' });
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({ target: 'city_project_library', event: 'manual', subjectUid: 'api::project.project', state: 'pending' });
      const [report] = await delivered(project.documentId);
      expect(report.payload.data).toMatchObject({ name: project.name, stage: 'in_library' });
      // what was delivered stays on file
      expectFieldError(await api().del(`/api/upward-reports/${report.documentId}`), REPORT, 'state');
      expect(await reportsOf(project.documentId)).toHaveLength(1);
    });

    it('a report by hand naming no such record, a mismatched target or kind is a 400 naming the field, and nothing is written', async () => {
      const before = await app.strapi.db.query(REPORT).count();
      expectFieldError(await api().post('/api/upward-reports', { subjectType: 'project', subjectDocumentId: 'nosuchdocument0000000000' }), REPORT, 'subjectDocumentId');
      const project = await createProject(app, { applicantBureau: yitang.documentId });
      expectFieldError(await api().post('/api/upward-reports', { subjectType: 'project', subjectDocumentId: project.documentId, target: 'city_credit' }), REPORT, 'target');
      expect((await api().post('/api/upward-reports', { subjectType: 'enterprise', subjectDocumentId: project.documentId })).status).toBe(400);
      expect(await app.strapi.db.query(REPORT).count()).toBe(before);
    });
  });

  describe('settings', () => {
    const allSecrets = Object.values(SECRETS);
    const leaks = (body: unknown) => allSecrets.filter((secret) => JSON.stringify(body).includes(secret));

    it('never returns a secret: REST, the admin panel, after a write; it only says one is set', async () => {
      const written = await settings({ note: '市平台联调' });
      expect(leaks(written.body)).toEqual([]);
      const read = await api().get('/api/upward-setting');
      expect(read.status).toBe(200);
      expect(leaks(read.body)).toEqual([]);
      expect(read.body.data).not.toHaveProperty('projectLibrarySecret');

      const cm = await office.get(`/content-manager/single-types/${SETTING}`);
      expect(cm.status).toBe(200);
      expect(leaks(cm.body)).toEqual([]);
      expect(cm.body.data).toMatchObject({ projectLibrarySecretSet: true, creditSecretSet: true, projectLibraryUrl: always.url });
      // the admin form saves without the secret: it stays
      const saved = await office.put(`/content-manager/single-types/${SETTING}`, { ...cm.body.data, projectLibrarySecret: '', note: '改备注' });
      expect(saved.status).toBe(200);
      expect(leaks(saved.body)).toEqual([]);
      const stored = await app.strapi.db.query(SETTING).findOne({});
      expect(stored.projectLibrarySecret).toBe(SECRETS.projectLibrary);

      const reports = await api().get('/api/upward-reports?pagination[pageSize]=100');
      expect(leaks(reports.body)).toEqual([]);
    });

    it('the office admin configures a target in the content manager (URL, switch, a new secret): the next report goes there, signed with the new secret, and the form never shows it', async () => {
      const NEW_SECRET = 'city-library-rotated-secret-9876543210';
      const target = await open(() => ({ status: 200 }));
      // the target switched off beforehand: the admin form is what turns it on
      await settings({ projectLibraryEnabled: false });
      try {
        const form = await office.get(`/content-manager/single-types/${SETTING}`);
        expect(form.status).toBe(200);
        expect(form.body.data.projectLibraryEnabled).toBe(false);
        const saved = await office.put(`/content-manager/single-types/${SETTING}`, {
          ...form.body.data,
          projectLibraryEnabled: true,
          projectLibraryUrl: target.url,
          projectLibrarySecret: NEW_SECRET,
        });
        expect(saved.status).toBe(200);
        expect(JSON.stringify(saved.body)).not.toContain(NEW_SECRET);
        const stored = await app.strapi.db.query(SETTING).findOne({});
        expect(stored).toMatchObject({ projectLibraryEnabled: true, projectLibraryUrl: target.url, projectLibrarySecret: NEW_SECRET });

        // read back in the admin panel: the new address and switch, that a secret is set, never the secret
        const shown = await office.get(`/content-manager/single-types/${SETTING}`);
        expect(shown.status).toBe(200);
        expect(shown.body.data).toMatchObject({ projectLibraryEnabled: true, projectLibraryUrl: target.url, projectLibrarySecretSet: true });
        expect(shown.body.data).not.toHaveProperty('projectLibrarySecret');
        expect(JSON.stringify(shown.body)).not.toContain(NEW_SECRET);
        expect(leaks(shown.body)).toEqual([]);

        // a qualifying write: delivered once to the receiver configured there, signed with the new secret only
        const before = always.requests.length;
        const project = await createProject(app, { applicantBureau: yitang.documentId, stage: 'in_library' });
        await reportToCity(project);
        const [report] = await delivered(project.documentId);
        expect(report).toMatchObject({ target: 'city_project_library', attempts: 1, responseStatus: 200 });
        expect(target.requests).toHaveLength(1);
        const [request] = target.requests;
        expect(request.headers['x-report-id']).toBe(report.reportId);
        expect(request.json).toMatchObject({ subject: { documentId: project.documentId }, data: { name: project.name } });
        expect(signedPerReadme(NEW_SECRET, request)).toBe(true);
        expect(signedPerReadme(SECRETS.projectLibrary, request)).toBe(false);
        expect(always.requests.length).toBe(before);
      } finally {
        await settings({ projectLibraryEnabled: true, projectLibraryUrl: always.url, projectLibrarySecret: SECRETS.projectLibrary });
      }
    });

    it('a bad URL, a short secret, an enabled target without a URL or a retry count out of range is a 400 naming the field, and nothing is written', async () => {
      const before = await app.strapi.db.query(SETTING).findOne({});
      expectFieldError(await api().put('/api/upward-setting', { projectLibraryUrl: 'ftp://city.example/reports' }), SETTING, 'projectLibraryUrl');
      expectFieldError(await api().put('/api/upward-setting', { creditUrl: 'not a url' }), SETTING, 'creditUrl');
      expectFieldError(await api().put('/api/upward-setting', { developmentReformSecret: 'short' }), SETTING, 'developmentReformSecret');
      expectFieldError(await api().put('/api/upward-setting', { creditUrl: null }), SETTING, 'creditUrl');
      expectFieldError(await api().put('/api/upward-setting', { maxAttempts: 0 }), SETTING, 'maxAttempts');
      expect(await app.strapi.db.query(SETTING).findOne({})).toEqual(before);
    });
  });

  describe('the spreadsheet fallback', () => {
    it('downloads the reports of a target as .xlsx: one row per report, the payload fields as columns', async () => {
      const res = await download(app, '/api/dispatch/exports/upward-reports?target=city_project_library', await app.token());
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as any);
      const sheet = workbook.worksheets[0];
      expect(String(sheet.getCell('A1').value)).toContain('兰山区向上报送记录（市重大项目库）');
      const headerRow = sheet.getRow(3).values as unknown[];
      const headers = headerRow.map((value) => String(value ?? ''));
      const column = (header: string) => headers.indexOf(header);
      expect(column('上报编号（reportId）')).toBeGreaterThan(0);
      expect(column('项目名称（name）')).toBeGreaterThan(0);
      expect(column('项目编号（code）')).toBeGreaterThan(0);

      const stored = await app.strapi.db.query(REPORT).findMany({ where: { target: 'city_project_library' }, orderBy: { id: 'asc' } });
      const rows: Json[] = [];
      sheet.eachRow((row, number) => {
        if (number > 3) rows.push({ id: row.getCell(column('上报编号（reportId）')).text, name: row.getCell(column('项目名称（name）')).text, state: row.getCell(column('投递状态')).text });
      });
      expect(rows).toHaveLength(stored.length);
      expect(rows.map((row) => row.id)).toEqual(stored.map((row) => row.reportId));
      expect(rows.map((row) => row.name)).toEqual(stored.map((row) => row.payload.data.name));
      expect(rows.every((row) => row.state === '已送达')).toBe(true);
    });

    it('the admin panel route gives the office admin the same workbook as the REST route; a department admin is refused', async () => {
      const query = '?target=city_project_library';
      const restFile = await download(app, `/api/dispatch/exports/upward-reports${query}`, await app.token());
      const adminFile = await download(app, `/dispatch/exports/upward-reports${query}`, office.authorization);
      expect(adminFile.status).toBe(200);
      expect(adminFile.headers['content-type']).toBe(XLSX);
      const rowsOf = async (body: Buffer) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(body as any);
        const sheet = workbook.worksheets[0];
        const rows: string[][] = [];
        // row 2 names who exported it and when: the rest must match cell for cell
        sheet.eachRow((row, number) => {
          if (number !== 2) rows.push((row.values as unknown[]).map((value) => JSON.stringify(value ?? null)));
        });
        return rows;
      };
      const fromAdmin = await rowsOf(adminFile.body);
      expect(fromAdmin).toEqual(await rowsOf(restFile.body));
      expect(fromAdmin.length - 2).toBe(await app.strapi.db.query(REPORT).count({ where: { target: 'city_project_library' } }));

      const departmentAdmin = await adminActor(app, 'department', await bureau(app, 'development-reform'), 'development reform exporter');
      const refused = await download(app, `/dispatch/exports/upward-reports${query}`, departmentAdmin.authorization);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body.toString('utf8')).error.message).toBe(
        '上报记录仅限协调办公室和区领导导出 / the reports to the city are exported by the office and the leaders only'
      );
      // leaders export them in the admin panel as through REST
      const leaderAdmin = await adminActor(app, 'leader', null, 'leader exporter');
      expect((await download(app, `/dispatch/exports/upward-reports${query}`, leaderAdmin.authorization)).status).toBe(200);
    });

    it('a bad target is a 400 naming it', async () => {
      const res = await api().get('/api/dispatch/exports/upward-reports?target=province');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('target');
    });
  });

  describe('who sees the reports and the settings', () => {
    let department: RestActor;
    let town: RestActor;
    let leader: RestActor;
    let departmentAdmin: AdminActor;
    let leaderAdmin: AdminActor;

    beforeAll(async () => {
      department = await restActor(app, 'department', await bureau(app, 'development-reform'));
      town = await restActor(app, 'town', yitang);
      leader = await restActor(app, 'leader', null);
      departmentAdmin = await adminActor(app, 'department', await bureau(app, 'development-reform'));
      leaderAdmin = await adminActor(app, 'leader', null);
    });

    it('leaders read every report, through REST and the admin panel, and change nothing', async () => {
      const total = await app.strapi.db.query(REPORT).count();
      const listed = await leader.get('/api/upward-reports?pagination[pageSize]=100');
      expect(listed.status).toBe(200);
      expect(listed.body.meta.pagination.total).toBe(total);
      const [first] = listed.body.data;
      expect((await leader.put(`/api/upward-reports/${first.documentId}`, { note: 'x' })).status).toBe(403);
      expect((await leader.get('/api/upward-setting')).status).toBe(403);
      expect((await leader.get('/api/dispatch/exports/upward-reports')).status).toBe(200);
      const cm = await leaderAdmin.list(REPORT);
      expect(cm.status).toBe(200);
      expect(cm.body.pagination.total).toBe(total);
    });

    it('departments and towns see neither reports nor settings, through REST or the admin panel', async () => {
      for (const actor of [department, town]) {
        expect((await actor.get('/api/upward-reports')).status).toBe(403);
        expect((await actor.get('/api/upward-setting')).status).toBe(403);
        expect((await actor.post('/api/upward-reports', { subjectType: 'project', subjectDocumentId: 'x' })).status).toBe(403);
        expect((await actor.get('/api/dispatch/exports/upward-reports')).status).toBe(403);
      }
      expect((await departmentAdmin.list(REPORT)).status).toBe(403);
      expect((await departmentAdmin.get(`/content-manager/single-types/${SETTING}`)).status).toBe(403);
    });
  });
});
