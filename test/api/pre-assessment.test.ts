import { adminActor, restActor } from '../helpers/bureaus';
import { useStrapi } from '../helpers/strapi';
import { authenticatedUser, bureau, count, create, createProject, expectFieldError, type Json, read, rest, unique, update } from '../helpers/fixtures';

const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const OPINION = 'api::opinion.opinion';
const MATRIX_QUERY = 'populate[assignments][populate]=bureau';

/**
 * 预评估: a request fans out to one opinion per (bureau, dimension) of the responsibility matrix, all or nothing;
 * it is concluded by the lead bureau once every opinion is in, and the conclusion moves the project on.
 */
describe('pre-assessment', () => {
  const app = useStrapi();
  const api = () => rest(app);

  const matrix = async () => {
    const res = await api().get(`/api/responsibility-matrix?${MATRIX_QUERY}`);
    expect(res.status).toBe(200);
    return res.body.data as Json;
  };
  const matrixLead = async () =>
    (await api().get('/api/responsibility-matrix?populate[leadBureau]=true')).body.data.leadBureau as Json;
  /** Puts the matrix back as it was read (for a test that changed it). */
  const restoreMatrix = async (saved: Json) => {
    const lead = await matrixLead();
    await api().put('/api/responsibility-matrix', {
      leadBureau: lead?.documentId ?? (await bureau(app, 'commerce')).documentId,
      assignments: saved.assignments.map((a: Json) => ({ bureau: a.bureau.documentId, dimension: a.dimension })),
    });
  };
  const opinionsOf = async (preAssessmentId: string) => {
    const res = await api().get(
      `/api/opinions?filters[preAssessment][documentId][$eq]=${preAssessmentId}&populate=bureau&pagination[pageSize]=100`
    );
    expect(res.status).toBe(200);
    return res.body.data as Json[];
  };
  const submitAll = async (opinions: Json[]) => {
    for (const opinion of opinions) {
      await update(app, 'opinions', opinion.documentId, { state: 'submitted', verdict: 'approve', content: `${opinion.dimension} 同意` });
    }
  };

  describe('requesting one', () => {
    it('creates exactly one pending opinion per (bureau, dimension) of the responsibility matrix', async () => {
      const { assignments } = await matrix();
      expect(assignments.length).toBeGreaterThan(1);
      const expected = assignments.map((a: Json) => `${a.bureau.documentId}:${a.dimension}`).sort();
      expect(new Set(expected).size).toBe(expected.length);

      const project = await createProject(app);
      const opinionsBefore = await count(app, 'opinions');
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });

      const opinions = await opinionsOf(preAssessment.documentId);
      expect(opinions.map((o) => `${o.bureau.documentId}:${o.dimension}`).sort()).toEqual(expected);
      for (const opinion of opinions) {
        expect(opinion).toMatchObject({ state: 'pending', verdict: null, content: null, submittedAt: null });
      }
      expect(await count(app, 'opinions')).toBe(opinionsBefore + expected.length);
    });

    it('sets requestedAt to now, copies the lead bureau of the matrix and moves a declared project to pre_assessing', async () => {
      const project = await createProject(app);
      expect(project.stage).toBe('declared');
      const started = Date.now();
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const requestedAt = Date.parse(preAssessment.requestedAt);
      expect(requestedAt).toBeGreaterThanOrEqual(started - 1000);
      expect(requestedAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(preAssessment.state).toBe('open');

      const stored = (await read(app, 'pre-assessments', preAssessment.documentId, 'populate=leadBureau'))!;
      const lead = await matrixLead();
      expect(stored.leadBureau.documentId).toBe(lead.documentId);
      expect(stored.leadBureau.code).toBe('commerce');

      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
    });

    it('keeps a back-filled requestedAt, and refuses one in the future', async () => {
      const project = await createProject(app);
      const backFilled = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId, requestedAt: '2026-01-05T02:00:00.000Z' });
      expect(backFilled.requestedAt).toBe('2026-01-05T02:00:00.000Z');

      const other = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const future = await api().post('/api/pre-assessments', {
        attestedBy: '王建国',
        project: other.documentId,
        requestedAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expectFieldError(future, PRE_ASSESSMENT, 'requestedAt');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('a project that is further along keeps its stage', async () => {
      const project = await createProject(app, { stage: 'in_library' });
      await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('in_library');
    });

    it('a pre-assessment without a project is refused and nothing is created', async () => {
      const before = await count(app, 'pre-assessments');
      const opinionsBefore = await count(app, 'opinions');
      const res = await api().post('/api/pre-assessments', { isMajor: false });
      expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(await count(app, 'pre-assessments')).toBe(before);
      expect(await count(app, 'opinions')).toBe(opinionsBefore);
    });

    it('a withdrawn project cannot be pre-assessed', async () => {
      const project = await createProject(app, { stage: 'withdrawn' });
      const before = await count(app, 'pre-assessments');
      const res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId });
      expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('a second open pre-assessment for the same project is refused, and no opinions are added', async () => {
      const project = await createProject(app);
      await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const before = await count(app, 'pre-assessments');
      const opinionsBefore = await count(app, 'opinions');

      const res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const message = expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(message).toContain('进行中的预评估');

      expect(await count(app, 'pre-assessments')).toBe(before);
      expect(await count(app, 'opinions')).toBe(opinionsBefore);
      expect(await count(app, 'pre-assessments', `filters[project][documentId][$eq]=${project.documentId}`)).toBe(1);
    });

    it('after the first one is returned, the project can ask again', async () => {
      const project = await createProject(app);
      const first = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const noReason = await api().put(`/api/pre-assessments/${first.documentId}`, { state: 'returned' });
      expectFieldError(noReason, PRE_ASSESSMENT, 'conclusionNote');
      expect((await read(app, 'pre-assessments', first.documentId))!.state).toBe('open');

      await update(app, 'pre-assessments', first.documentId, { state: 'returned', conclusionNote: '申报材料不全' });
      const res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId });
      expect(res.status).toBe(201);
    });

    it('a new pre-assessment cannot start out completed', async () => {
      const project = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId, state: 'completed', conclusion: 'pass' });
      expectFieldError(res, PRE_ASSESSMENT, 'state');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });
  });

  describe('申报主体承诺 (the applicant unit attests its materials)', () => {
    const STANDARD = '本单位承诺所提交的项目申报材料真实、准确、完整，如有虚假，愿承担相应责任并接受失信惩戒。';
    const preAssessmentsOf = (projectId: string) => count(app, 'pre-assessments', `filters[project][documentId][$eq]=${projectId}`);
    const town = () => bureau(app, 'sample-yitang');

    it('a request without an attestation is kept as a draft: no opinions, no stage change, no request date', async () => {
      const project = await createProject(app, { applicantBureau: (await town()).documentId });
      const opinionsBefore = await count(app, 'opinions');
      const draft = await create(app, 'pre-assessments', { project: project.documentId, isMajor: false });
      expect(draft).toMatchObject({ state: 'draft', requestedAt: null, attestedBy: null, attestedAt: null, attestationStatement: null });
      expect(await opinionsOf(draft.documentId)).toHaveLength(0);
      expect(await count(app, 'opinions')).toBe(opinionsBefore);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('declared');
    });

    it('submitting a draft needs the attestation: refused naming attestedBy, then accepted with it and fanned out', async () => {
      const { assignments } = await matrix();
      const yitang = await town();
      const project = await createProject(app, { applicantBureau: yitang.documentId });
      const draft = await create(app, 'pre-assessments', { project: project.documentId });
      const opinionsBefore = await count(app, 'opinions');

      const refused = await api().put(`/api/pre-assessments/${draft.documentId}`, { state: 'open' });
      const message = expectFieldError(refused, PRE_ASSESSMENT, 'attestedBy');
      expect(message).toContain('提交预评估申请须由申报单位承诺材料真实完整（填写承诺人）');
      expect(message).toContain('attest');
      const blank = await api().put(`/api/pre-assessments/${draft.documentId}`, { state: 'open', attestedBy: '   ' });
      expectFieldError(blank, PRE_ASSESSMENT, 'attestedBy');
      expect((await read(app, 'pre-assessments', draft.documentId))!).toMatchObject({ state: 'draft', attestedAt: null, requestedAt: null });
      expect(await count(app, 'opinions')).toBe(opinionsBefore);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('declared');

      const started = Date.now();
      const submitted = await update(app, 'pre-assessments', draft.documentId, { state: 'open', attestedBy: ' 李卫东 ' });
      expect(submitted.state).toBe('open');
      const stored = (await read(app, 'pre-assessments', draft.documentId, 'populate[attestingBureau]=true&populate[leadBureau]=true'))!;
      expect(stored).toMatchObject({ attestedBy: '李卫东', attestationStatement: STANDARD });
      expect(stored.attestingBureau.documentId).toBe(yitang.documentId);
      expect(stored.leadBureau.code).toBe('commerce');
      for (const instant of [stored.attestedAt, stored.requestedAt]) {
        expect(Date.parse(instant)).toBeGreaterThanOrEqual(started - 1000);
        expect(Date.parse(instant)).toBeLessThanOrEqual(Date.now() + 1000);
      }
      expect(stored.title).toContain(project.name);
      expect(stored.title).not.toContain('草稿');

      const opinions = await opinionsOf(draft.documentId);
      expect(opinions.map((o) => `${o.bureau.documentId}:${o.dimension}`).sort()).toEqual(
        assignments.map((a: Json) => `${a.bureau.documentId}:${a.dimension}`).sort()
      );
      expect(await count(app, 'opinions')).toBe(opinionsBefore + assignments.length);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
    });

    it('an explicit open request without an attestation is refused and writes nothing', async () => {
      const project = await createProject(app);
      const before = { preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') };
      const res = await api().post('/api/pre-assessments', { project: project.documentId, state: 'open' });
      const message = expectFieldError(res, PRE_ASSESSMENT, 'attestedBy');
      expect(message).toContain('承诺材料真实完整');
      expect({ preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') }).toEqual(before);
      expect(await preAssessmentsOf(project.documentId)).toBe(0);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('declared');
    });

    it('a request with an attestation is submitted at once; the statement, the instant and the bureau are the platform\'s', async () => {
      const yitang = await town();
      const commerce = await bureau(app, 'commerce');
      const project = await createProject(app, { applicantBureau: yitang.documentId });
      const before = await count(app, 'pre-assessments');
      const stamps: Json = { attestationStatement: '我们尽量保证材料真实', attestedAt: '2020-01-01T00:00:00.000Z', attestingBureau: commerce.documentId };
      for (const [field, value] of Object.entries(stamps)) {
        const res = await api().post('/api/pre-assessments', { project: project.documentId, attestedBy: '王建国', [field]: value });
        expectFieldError(res, PRE_ASSESSMENT, field);
      }
      expect(await count(app, 'pre-assessments')).toBe(before);

      const started = Date.now();
      const created = await create(app, 'pre-assessments', { project: project.documentId, attestedBy: '王建国' });
      const stored = (await read(app, 'pre-assessments', created.documentId, 'populate=attestingBureau'))!;
      expect(stored).toMatchObject({ state: 'open', attestedBy: '王建国', attestationStatement: STANDARD });
      expect(Date.parse(stored.attestedAt)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(stored.attestedAt)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(stored.attestingBureau.documentId).toBe(yitang.documentId);
      expect((await opinionsOf(stored.documentId)).length).toBeGreaterThan(0);
    });

    it('the attestation cannot be changed once the request is submitted', async () => {
      const project = await createProject(app, { applicantBureau: (await town()).documentId });
      const submitted = await create(app, 'pre-assessments', { project: project.documentId, attestedBy: '王建国' });
      const before = (await read(app, 'pre-assessments', submitted.documentId, 'populate=attestingBureau'))!;

      const renamed = await api().put(`/api/pre-assessments/${submitted.documentId}`, { attestedBy: '张三' });
      const message = expectFieldError(renamed, PRE_ASSESSMENT, 'attestedBy');
      expect(message).toContain('不能更改');
      const commerce = await bureau(app, 'commerce');
      const stamps: Json = { attestationStatement: '改过的承诺', attestedAt: '2020-01-01T00:00:00.000Z', attestingBureau: commerce.documentId };
      for (const [field, value] of Object.entries(stamps)) {
        expectFieldError(await api().put(`/api/pre-assessments/${submitted.documentId}`, { [field]: value }), PRE_ASSESSMENT, field);
      }
      // the same name again is no change
      expect((await api().put(`/api/pre-assessments/${submitted.documentId}`, { attestedBy: '王建国', conclusionNote: '补充说明' })).status).toBe(200);

      const after = (await read(app, 'pre-assessments', submitted.documentId, 'populate=attestingBureau'))!;
      expect(after).toMatchObject({ attestedBy: '王建国', attestationStatement: STANDARD, attestedAt: before.attestedAt, conclusionNote: '补充说明' });
      expect(after.attestingBureau.documentId).toBe(before.attestingBureau.documentId);
    });

    it('a submitted request cannot go back to draft', async () => {
      const project = await createProject(app);
      const submitted = await create(app, 'pre-assessments', { project: project.documentId, attestedBy: '王建国' });
      const res = await api().put(`/api/pre-assessments/${submitted.documentId}`, { state: 'draft' });
      expectFieldError(res, PRE_ASSESSMENT, 'state');
      expect((await read(app, 'pre-assessments', submitted.documentId))!.state).toBe('open');
    });

    it('a town user drafts its own request and submits it with its attestation', async () => {
      const yitang = await town();
      const user = await restActor(app, 'town', yitang, 'yitang user');
      const project = await createProject(app, { applicantBureau: yitang.documentId });

      const drafted = await user.post('/api/pre-assessments', { project: project.documentId });
      expect(drafted.status).toBe(201);
      expect(drafted.body.data.state).toBe('draft');
      const id = drafted.body.data.documentId;

      expectFieldError(await user.put(`/api/pre-assessments/${id}`, { state: 'open' }), PRE_ASSESSMENT, 'attestedBy');
      expect((await read(app, 'pre-assessments', id))!.state).toBe('draft');

      const submitted = await user.put(`/api/pre-assessments/${id}`, { state: 'open', attestedBy: '义堂镇 赵红' });
      expect(submitted.status).toBe(200);
      const stored = (await read(app, 'pre-assessments', id, 'populate=attestingBureau'))!;
      expect(stored).toMatchObject({ state: 'open', attestedBy: '义堂镇 赵红', attestationStatement: STANDARD });
      expect(stored.attestingBureau.documentId).toBe(yitang.documentId);
      expect((await opinionsOf(id)).length).toBeGreaterThan(0);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
    });
  });

  describe('all or nothing', () => {
    it('when one opinion cannot be written, neither the pre-assessment nor any opinion is left behind', async () => {
      const { assignments } = await matrix();
      expect(assignments.length).toBeGreaterThan(5);
      const project = await createProject(app);
      const before = { preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') };

      // The database refuses the 5th opinion of the fan-out (as a full disk or a lost connection would).
      let inserted = 0;
      const unsubscribe = app.strapi.db.lifecycles.subscribe({
        models: [OPINION],
        beforeCreate() {
          inserted += 1;
          if (inserted === 5) throw new Error('simulated database failure while writing an opinion');
        },
      });
      let res;
      try {
        res = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId });
      } finally {
        unsubscribe();
      }
      expect(inserted).toBe(5); // four opinions had been written when it failed
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.data).toBeNull();

      expect(await count(app, 'pre-assessments')).toBe(before.preAssessments);
      expect(await count(app, 'opinions')).toBe(before.opinions);
      expect(await count(app, 'pre-assessments', `filters[project][documentId][$eq]=${project.documentId}`)).toBe(0);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('declared');

      // and nothing is stuck: the same request succeeds once the database is healthy again
      const retry = await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId });
      expect(retry.status).toBe(201);
      expect(await opinionsOf(retry.body.data.documentId)).toHaveLength(assignments.length);
    });

    it('a matrix naming one bureau twice for a dimension (once by documentId, once by id) is refused', async () => {
      const before = await matrix();
      const commerce = await bureau(app, 'commerce');
      const res = await api().put('/api/responsibility-matrix', {
        leadBureau: commerce.documentId,
        assignments: [
          { bureau: commerce.documentId, dimension: 'industrial_policy' },
          { bureau: commerce.id, dimension: 'industrial_policy' },
        ],
      });
      try {
        expect(res.status).toBe(400);
        const message: string = res.body.error.message;
        expect(message).toContain('assignments.1.dimension');
        expect(message).toContain('同一单位的同一评估维度重复');
        const after = await matrix();
        expect(after.assignments.map((a: Json) => a.id)).toEqual(before.assignments.map((a: Json) => a.id));

        // so pre-assessments can still be requested
        const project = await createProject(app);
        expect((await api().post('/api/pre-assessments', { attestedBy: '王建国', project: project.documentId })).status).toBe(201);
      } finally {
        if (res.status === 200) await restoreMatrix(before);
      }
    });

    it('changing only the note keeps the lead bureau and the assignments', async () => {
      const before = await matrix();
      const res = await api().put('/api/responsibility-matrix', { note: '临时说明' });
      expect(res.status).toBe(200);
      const after = (await api().get(`/api/responsibility-matrix?${MATRIX_QUERY}&populate[leadBureau]=true`)).body.data;
      expect(after.note).toBe('临时说明');
      expect(after.leadBureau.code).toBe('commerce');
      expect(after.assignments.map((a: Json) => a.id)).toEqual(before.assignments.map((a: Json) => a.id));
      await api().put('/api/responsibility-matrix', { note: null });
    });
  });

  describe('concluding', () => {
    it('completing needs a conclusion and every opinion submitted; with pass the project is assessed and the applicant fed back', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const id = preAssessment.documentId;
      const opinions = await opinionsOf(id);

      const noConclusion = await api().put(`/api/pre-assessments/${id}`, { state: 'completed' });
      expectFieldError(noConclusion, PRE_ASSESSMENT, 'conclusion');

      await submitAll(opinions.slice(1));
      const onePending = await api().put(`/api/pre-assessments/${id}`, { state: 'completed', conclusion: 'pass' });
      const message = expectFieldError(onePending, PRE_ASSESSMENT, 'state');
      expect(message).toContain('尚有 1 份部门意见未提交');

      let stored = (await read(app, 'pre-assessments', id))!;
      expect(stored).toMatchObject({ state: 'open', conclusion: null, feedbackAt: null });
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');

      await submitAll(opinions.slice(0, 1));
      const started = Date.now();
      const done = await update(app, 'pre-assessments', id, { state: 'completed', conclusion: 'pass', conclusionNote: '同意落地' });
      expect(done).toMatchObject({ state: 'completed', conclusion: 'pass' });
      expect(Date.parse(done.feedbackAt)).toBeGreaterThanOrEqual(started - 1000);

      stored = (await read(app, 'pre-assessments', id))!;
      expect(stored.feedbackAt).toBe(done.feedbackAt);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('assessed');
    });

    it('a failed pre-assessment does not move the project on', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      await submitAll(await opinionsOf(preAssessment.documentId));
      const done = await update(app, 'pre-assessments', preAssessment.documentId, { state: 'completed', conclusion: 'fail' });
      expect(done.feedbackAt).toEqual(expect.any(String));
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
    });

    it('a major project cannot be concluded without an invited expert', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId, isMajor: true });
      const id = preAssessment.documentId;
      await submitAll(await opinionsOf(id));

      const res = await api().put(`/api/pre-assessments/${id}`, { state: 'completed', conclusion: 'conditional' });
      expectFieldError(res, PRE_ASSESSMENT, 'experts');
      expect((await read(app, 'pre-assessments', id))!).toMatchObject({ state: 'open', conclusion: null, feedbackAt: null });
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');

      const expert = await create(app, 'experts', { name: unique('专家-'), specialty: '能源' });
      const done = await update(app, 'pre-assessments', id, { state: 'completed', conclusion: 'conditional', experts: [expert.documentId] });
      expect(done.state).toBe('completed');
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('assessed');
    });

    it('once a pre-assessment is completed, a bureau user can no longer change its opinions', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const opinions = await opinionsOf(preAssessment.documentId);
      // a user of the bureau that owes the first opinion
      const bureauUser = await authenticatedUser(
        app,
        ['api::opinion.opinion.find', 'api::opinion.opinion.findOne', 'api::opinion.opinion.update'],
        opinions[0].bureau.code
      );

      // while it is open the bureau user may work on an opinion
      const open = await rest(app, async () => bureauUser).put(`/api/opinions/${opinions[0].documentId}`, { content: '初稿' });
      expect(open.status).toBe(200);

      await submitAll(opinions);
      await update(app, 'pre-assessments', preAssessment.documentId, { state: 'completed', conclusion: 'pass' });
      const res = await rest(app, async () => bureauUser).put(`/api/opinions/${opinions[0].documentId}`, { content: '改口' });
      const message = expectFieldError(res, OPINION, 'preAssessment');
      expect(message).toContain('已办结或退回');
      expect((await read(app, 'opinions', opinions[0].documentId))!).toMatchObject({ state: 'submitted', content: `${opinions[0].dimension} 同意` });
    });
  });

  describe('deleting', () => {
    it('deleting a pre-assessment deletes its opinions, and only its own', async () => {
      const keep = await create(app, 'pre-assessments', { attestedBy: '王建国', project: (await createProject(app)).documentId });
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });
      const own = (await opinionsOf(preAssessment.documentId)).length;
      expect(own).toBeGreaterThan(0);
      const keptOpinions = (await opinionsOf(keep.documentId)).length;
      const before = await count(app, 'opinions');

      const res = await api().del(`/api/pre-assessments/${preAssessment.documentId}`);
      expect(res.status).toBe(204);
      expect(await read(app, 'pre-assessments', preAssessment.documentId)).toBeNull();
      expect(await opinionsOf(preAssessment.documentId)).toHaveLength(0);
      expect(await count(app, 'opinions')).toBe(before - own);
      expect(await opinionsOf(keep.documentId)).toHaveLength(keptOpinions);
    });
  });

  describe('through the admin panel', () => {
    const path = `/content-manager/collection-types/${PRE_ASSESSMENT}`;

    it('creating one in the admin panel fans out the same opinions, and a bad write gets the same bilingual 400', async () => {
      const admin = await app.adminToken();
      const { assignments } = await matrix();
      const project = await createProject(app);
      const before = { preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') };

      const res = await app
        .http()
        .post(path)
        .set('Authorization', admin)
        .send({ project: { connect: [{ documentId: project.documentId }] }, isMajor: false, attestedBy: '王建国' });
      expect(res.status).toBe(201);
      const created = res.body.data;
      expect(created.requestedAt).toEqual(expect.any(String));
      expect((await read(app, 'pre-assessments', created.documentId))!.state).toBe('open');

      const opinions = await opinionsOf(created.documentId);
      expect(opinions.map((o) => `${o.bureau.documentId}:${o.dimension}`).sort()).toEqual(
        assignments.map((a: Json) => `${a.bureau.documentId}:${a.dimension}`).sort()
      );
      expect(opinions.every((o) => o.state === 'pending')).toBe(true);
      expect(await count(app, 'opinions')).toBe(before.opinions + assignments.length);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
      const stored = (await read(app, 'pre-assessments', created.documentId, 'populate=leadBureau'))!;
      expect(stored.leadBureau.code).toBe('commerce');

      // the same project again: refused exactly as on the REST API, nothing written
      const again = await app
        .http()
        .post(path)
        .set('Authorization', admin)
        .send({ project: { connect: [{ documentId: project.documentId }] }, attestedBy: '王建国' });
      const message = expectFieldError(again, PRE_ASSESSMENT, 'project');
      expect(message).toContain('进行中的预评估');
      expect(await count(app, 'pre-assessments')).toBe(before.preAssessments + 1);
      expect(await count(app, 'opinions')).toBe(before.opinions + assignments.length);
    });

    it('in the admin panel a request without attestation is a draft, submitted there with it, and the attestation shows', async () => {
      const admin = await app.adminToken();
      const project = await createProject(app);
      const opinionsBefore = await count(app, 'opinions');
      const drafted = await app.http().post(path).set('Authorization', admin).send({ project: { connect: [{ documentId: project.documentId }] } });
      expect(drafted.status).toBe(201);
      const id = drafted.body.data.documentId;
      expect(drafted.body.data.state).toBe('draft');
      expect(await count(app, 'opinions')).toBe(opinionsBefore);

      const refused = await app.http().put(`${path}/${id}`).set('Authorization', admin).send({ state: 'open' });
      expectFieldError(refused, PRE_ASSESSMENT, 'attestedBy');
      expect((await read(app, 'pre-assessments', id))!.state).toBe('draft');

      // a stamp sent along is not taken: the platform stamps the submission
      const started = Date.now();
      const submitted = await app
        .http()
        .put(`${path}/${id}`)
        .set('Authorization', admin)
        .send({ state: 'open', attestedBy: '王建国', attestedAt: '2020-01-01T00:00:00.000Z', attestationStatement: '改过的承诺' });
      expect(submitted.status).toBe(200);
      const shown = await app.http().get(`${path}/${id}`).set('Authorization', admin);
      expect(shown.status).toBe(200);
      expect(shown.body.data).toMatchObject({ state: 'open', attestedBy: '王建国' });
      expect(shown.body.data.attestationStatement).toContain('真实、准确、完整');
      expect(Date.parse(shown.body.data.attestedAt)).toBeGreaterThanOrEqual(started - 1000);
      expect((await opinionsOf(id)).length).toBeGreaterThan(0);

      const changed = await app.http().put(`${path}/${id}`).set('Authorization', admin).send({ attestedBy: '张三' });
      expectFieldError(changed, PRE_ASSESSMENT, 'attestedBy');
    });

    it('a town admin asking for one as open without an attestation gets the bilingual 400 and nothing is written; with one it is submitted and stamped', async () => {
      const STANDARD = '本单位承诺所提交的项目申报材料真实、准确、完整，如有虚假，愿承担相应责任并接受失信惩戒。';
      const yitang = await bureau(app, 'sample-yitang');
      const townAdmin = await adminActor(app, 'town', yitang, 'yitang admin');
      const project = await createProject(app, { applicantBureau: yitang.documentId });
      const before = { preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') };

      const refused = await townAdmin.create(PRE_ASSESSMENT, { project: { connect: [{ documentId: project.documentId }] }, isMajor: false, state: 'open' });
      const message = expectFieldError(refused, PRE_ASSESSMENT, 'attestedBy');
      expect(message).toContain('提交预评估申请须由申报单位承诺材料真实完整');
      expect(message).toContain("submitting a pre-assessment request needs the applicant unit's attestation");
      expect({ preAssessments: await count(app, 'pre-assessments'), opinions: await count(app, 'opinions') }).toEqual(before);
      expect(await count(app, 'pre-assessments', `filters[project][documentId][$eq]=${project.documentId}`)).toBe(0);
      expect((await townAdmin.list(PRE_ASSESSMENT, `filters[project][documentId][$eq]=${project.documentId}`)).body.pagination.total).toBe(0);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('declared');

      const started = Date.now();
      const created = await townAdmin.create(PRE_ASSESSMENT, { project: { connect: [{ documentId: project.documentId }] }, isMajor: false, state: 'open', attestedBy: '王建国' });
      expect(created.status).toBe(201);
      const stored = (await read(app, 'pre-assessments', created.body.data.documentId, 'populate[attestingBureau]=true&populate[project]=true'))!;
      expect(stored).toMatchObject({ state: 'open', attestedBy: '王建国', attestationStatement: STANDARD });
      expect(stored.attestingBureau.documentId).toBe(yitang.documentId);
      expect(stored.project.documentId).toBe(project.documentId);
      expect(Date.parse(stored.attestedAt)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(stored.attestedAt)).toBeLessThanOrEqual(Date.now() + 1000);
      expect((await opinionsOf(stored.documentId)).length).toBeGreaterThan(0);
      expect(await count(app, 'pre-assessments')).toBe(before.preAssessments + 1);
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
      // the town admin sees what it attested to in its edit view
      const shown = await townAdmin.findOne(PRE_ASSESSMENT, stored.documentId);
      expect(shown.status).toBe(200);
      expect(shown.body.data).toMatchObject({ state: 'open', attestedBy: '王建国', attestationStatement: STANDARD });
    });

    it('a back-dated request in the future is refused in the admin panel too', async () => {
      const admin = await app.adminToken();
      const project = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const res = await app
        .http()
        .post(path)
        .set('Authorization', admin)
        .send({ project: { connect: [{ documentId: project.documentId }] }, attestedBy: '王建国', requestedAt: new Date(Date.now() + 86_400_000).toISOString() });
      expectFieldError(res, PRE_ASSESSMENT, 'requestedAt');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('the office sees the workflow status in the admin panel and concluding there is checked like on the REST API', async () => {
      const admin = await app.adminToken();
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId });

      const shown = await app.http().get(`${path}/${preAssessment.documentId}`).set('Authorization', admin);
      expect(shown.status).toBe(200);
      expect(shown.body.data.state).toBe('open');

      const res = await app
        .http()
        .put(`${path}/${preAssessment.documentId}`)
        .set('Authorization', admin)
        .send({ state: 'completed', conclusion: 'pass' });
      const message = expectFieldError(res, PRE_ASSESSMENT, 'state');
      expect(message).toContain('部门意见未提交');
      expect((await read(app, 'pre-assessments', preAssessment.documentId))!).toMatchObject({ state: 'open', conclusion: null });
    });
  });
});
