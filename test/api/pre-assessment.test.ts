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
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });

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
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });
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
      const backFilled = await create(app, 'pre-assessments', { project: project.documentId, requestedAt: '2026-01-05T02:00:00.000Z' });
      expect(backFilled.requestedAt).toBe('2026-01-05T02:00:00.000Z');

      const other = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const future = await api().post('/api/pre-assessments', {
        project: other.documentId,
        requestedAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expectFieldError(future, PRE_ASSESSMENT, 'requestedAt');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('a project that is further along keeps its stage', async () => {
      const project = await createProject(app, { stage: 'in_library' });
      await create(app, 'pre-assessments', { project: project.documentId });
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
      const res = await api().post('/api/pre-assessments', { project: project.documentId });
      expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('a second open pre-assessment for the same project is refused, and no opinions are added', async () => {
      const project = await createProject(app);
      await create(app, 'pre-assessments', { project: project.documentId });
      const before = await count(app, 'pre-assessments');
      const opinionsBefore = await count(app, 'opinions');

      const res = await api().post('/api/pre-assessments', { project: project.documentId });
      const message = expectFieldError(res, PRE_ASSESSMENT, 'project');
      expect(message).toContain('进行中的预评估');

      expect(await count(app, 'pre-assessments')).toBe(before);
      expect(await count(app, 'opinions')).toBe(opinionsBefore);
      expect(await count(app, 'pre-assessments', `filters[project][documentId][$eq]=${project.documentId}`)).toBe(1);
    });

    it('after the first one is returned, the project can ask again', async () => {
      const project = await createProject(app);
      const first = await create(app, 'pre-assessments', { project: project.documentId });
      const noReason = await api().put(`/api/pre-assessments/${first.documentId}`, { state: 'returned' });
      expectFieldError(noReason, PRE_ASSESSMENT, 'conclusionNote');
      expect((await read(app, 'pre-assessments', first.documentId))!.state).toBe('open');

      await update(app, 'pre-assessments', first.documentId, { state: 'returned', conclusionNote: '申报材料不全' });
      const res = await api().post('/api/pre-assessments', { project: project.documentId });
      expect(res.status).toBe(201);
    });

    it('a new pre-assessment cannot start out completed', async () => {
      const project = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const res = await api().post('/api/pre-assessments', { project: project.documentId, state: 'completed', conclusion: 'pass' });
      expectFieldError(res, PRE_ASSESSMENT, 'state');
      expect(await count(app, 'pre-assessments')).toBe(before);
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
        res = await api().post('/api/pre-assessments', { project: project.documentId });
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
      const retry = await api().post('/api/pre-assessments', { project: project.documentId });
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
        expect((await api().post('/api/pre-assessments', { project: project.documentId })).status).toBe(201);
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
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });
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
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });
      await submitAll(await opinionsOf(preAssessment.documentId));
      const done = await update(app, 'pre-assessments', preAssessment.documentId, { state: 'completed', conclusion: 'fail' });
      expect(done.feedbackAt).toEqual(expect.any(String));
      expect((await read(app, 'projects', project.documentId))!.stage).toBe('pre_assessing');
    });

    it('a major project cannot be concluded without an invited expert', async () => {
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId, isMajor: true });
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
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });
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
      const keep = await create(app, 'pre-assessments', { project: (await createProject(app)).documentId });
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });
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
        .send({ project: { connect: [{ documentId: project.documentId }] }, isMajor: false });
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
        .send({ project: { connect: [{ documentId: project.documentId }] } });
      const message = expectFieldError(again, PRE_ASSESSMENT, 'project');
      expect(message).toContain('进行中的预评估');
      expect(await count(app, 'pre-assessments')).toBe(before.preAssessments + 1);
      expect(await count(app, 'opinions')).toBe(before.opinions + assignments.length);
    });

    it('a back-dated request in the future is refused in the admin panel too', async () => {
      const admin = await app.adminToken();
      const project = await createProject(app);
      const before = await count(app, 'pre-assessments');
      const res = await app
        .http()
        .post(path)
        .set('Authorization', admin)
        .send({ project: { connect: [{ documentId: project.documentId }] }, requestedAt: new Date(Date.now() + 86_400_000).toISOString() });
      expectFieldError(res, PRE_ASSESSMENT, 'requestedAt');
      expect(await count(app, 'pre-assessments')).toBe(before);
    });

    it('the office sees the workflow status in the admin panel and concluding there is checked like on the REST API', async () => {
      const admin = await app.adminToken();
      const project = await createProject(app);
      const preAssessment = await create(app, 'pre-assessments', { project: project.documentId });

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
