import { DateTime } from 'luxon';
import { shanghaiDate, shanghaiPeriod } from '../../src/domain/time';
import { useStrapi } from '../helpers/strapi';
import { bureau, create, createProject, expectFieldError, type Json, read, rest, unique, update } from '../helpers/fixtures';

const RULE = 'plugin::deadlines.rule';
const DEADLINE = 'plugin::deadlines.deadline';
const OVERRIDE = 'plugin::deadlines.calendar-override';
const OPINION = 'api::opinion.opinion';
const PROBLEM = 'api::problem.problem';
const TASK = 'api::task.task';
const MEETING = 'api::meeting.meeting';
const MONTHLY = 'api::monthly-report.monthly-report';

/** 23:59:59.999 +08:00 of a Beijing calendar date, as the API writes it. */
const endOf = (date: string) => DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).endOf('day').toUTC().toISO();

/**
 * SPEC §4: deadline rules are data. The four default rules give each record its due instant (counted in working
 * days on the PRC calendar, in Asia/Shanghai), one deadline row per record and rule, and the office can add
 * and edit rules and calendar overrides in the admin panel without code.
 */
describe('deadline rules', () => {
  const app = useStrapi();
  const api = () => rest(app);
  const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
  const asOffice = async () => {
    const authorization = await app.adminToken();
    return {
      post: (url: string, body: Json) => app.http().post(url).set('Authorization', authorization).send(body),
      put: (url: string, body: Json) => app.http().put(url).set('Authorization', authorization).send(body),
      del: (url: string) => app.http().delete(url).set('Authorization', authorization),
    };
  };
  const idle = () => app.strapi.plugin('deadlines').service('settings').idle();

  /** The deadline rows of one record (every rule). */
  const deadlinesOf = (uid: string, documentId: string): Promise<Json[]> =>
    app.strapi.db.query(DEADLINE).findMany({ where: { targetUid: uid, targetDocumentId: documentId }, populate: ['rule', 'bureau'] });
  /** The single deadline of a record; fails when there is not exactly one. */
  const deadlineOf = async (uid: string, documentId: string) => {
    const rows = await deadlinesOf(uid, documentId);
    expect(rows).toHaveLength(1);
    return rows[0];
  };
  const ruleByKey = (key: string) => app.strapi.db.query(RULE).findOne({ where: { key } });

  const opinionsOf = async (preAssessmentId: string) => {
    const res = await api().get(`/api/opinions?filters[preAssessment][documentId][$eq]=${preAssessmentId}&pagination[pageSize]=100`);
    expect(res.status).toBe(200);
    return res.body.data as Json[];
  };
  const requestPreAssessment = async (requestedAt: string) => {
    const project = await createProject(app);
    const preAssessment = await create(app, 'pre-assessments', { attestedBy: '王建国', project: project.documentId, requestedAt });
    const opinions = await opinionsOf(preAssessment.documentId);
    expect(opinions.length).toBeGreaterThan(1);
    return { preAssessment, opinions };
  };
  const assignedProblem = async (assignedAt: string | undefined, extra: Json = {}) => {
    const project = await createProject(app);
    const lead = await bureau(app, 'natural-resources');
    return create(app, 'problems', {
      project: project.documentId,
      category: 'land_supply',
      title: unique('用地问题-'),
      description: '土地指标不足',
      state: 'assigned',
      leadBureau: lead.documentId,
      ...(assignedAt ? { assignedAt } : {}),
      ...extra,
    });
  };
  const createTask = async (deadline: string, extra: Json = {}) =>
    create(app, 'tasks', { title: unique('责任事项-'), deadline, responsibleBureau: (await bureau(app, 'finance')).documentId, ...extra });
  const workingDays = async (from: string, days: number) => {
    const res = await app.http().get(`/api/deadlines/working-days?from=${from}&days=${days}`);
    expect(res.status).toBe(200);
    return res.body.data as Json;
  };

  describe('the default rules through the REST API', () => {
    it('an opinion requested on Friday 2026-09-11 is due at the end of Tuesday 2026-09-15, Beijing time', async () => {
      expect((await workingDays('2026-09-11', 2)).dueAt).toBe('2026-09-15T15:59:59.999Z');
      // 00:30 on Friday in Beijing is still Thursday in UTC: the count starts from the Beijing date
      const { opinions } = await requestPreAssessment('2026-09-10T16:30:00.000Z');
      const rule = await ruleByKey('opinion-2-working-days');
      for (const opinion of opinions) {
        expect(opinion.dueAt).toBe('2026-09-15T15:59:59.999Z');
        const row = await deadlineOf(OPINION, opinion.documentId);
        expect(row).toMatchObject({ dueDate: '2026-09-15', fallback: false, targetTitle: opinion.title });
        expect(new Date(row.dueAt).toISOString()).toBe('2026-09-15T15:59:59.999Z');
        expect(new Date(row.startAt).toISOString()).toBe('2026-09-10T16:30:00.000Z');
        expect(row.rule.id).toBe(rule.id);
      }
    });

    it('an opinion requested on Wednesday 2026-09-30 is due on the second working day after National Day', async () => {
      // the 2026 State Council notice: 10-01..10-07 off, 10-10 (Saturday) a make-up working day
      const days = await app.http().get('/api/deadlines/calendar?from=2026-09-30&to=2026-10-12');
      expect(days.status).toBe(200);
      const working = Object.fromEntries(days.body.data.map((d: Json) => [d.date, d.working]));
      expect(working).toEqual({
        '2026-09-30': true,
        '2026-10-01': false,
        '2026-10-02': false,
        '2026-10-03': false,
        '2026-10-04': false,
        '2026-10-05': false,
        '2026-10-06': false,
        '2026-10-07': false,
        '2026-10-08': true,
        '2026-10-09': true,
        '2026-10-10': true,
        '2026-10-11': false,
        '2026-10-12': true,
      });
      expect(days.body.data.find((d: Json) => d.date === '2026-10-10')).toMatchObject({ source: 'statutory', name: '国庆节' });
      const answer = await workingDays('2026-09-30', 2);
      expect(answer).toMatchObject({ dueDate: '2026-10-09', dueAt: '2026-10-09T15:59:59.999Z', fallback: false });

      const { opinions } = await requestPreAssessment('2026-09-30T03:00:00.000Z');
      for (const opinion of opinions) {
        expect(opinion.dueAt).toBe('2026-10-09T15:59:59.999Z');
        expect((await deadlineOf(OPINION, opinion.documentId)).dueDate).toBe('2026-10-09');
      }
    });

    it('a problem assigned with a lead bureau is due for a proposal 3 working days later, owned by the lead bureau', async () => {
      const problem = await assignedProblem('2026-09-11T02:00:00.000Z');
      expect(problem.assignedAt).toBe('2026-09-11T02:00:00.000Z');
      expect(problem.proposalDueAt).toBe('2026-09-16T15:59:59.999Z');
      const row = await deadlineOf(PROBLEM, problem.documentId);
      expect(row).toMatchObject({ dueDate: '2026-09-16', state: 'overdue' });
      expect(row.bureau.id).toBe((await bureau(app, 'natural-resources')).id);
      expect(row.rule.key).toBe('problem-proposal-3-working-days');
    });

    it('a problem assigned now, without a back-dated assignedAt, is due 3 working days from today', async () => {
      const problem = await assignedProblem(undefined);
      expect(problem.assignedAt).toEqual(expect.any(String));
      const expected = await workingDays(shanghaiDate(new Date(problem.assignedAt)), 3);
      expect(problem.proposalDueAt).toBe(expected.dueAt);
      expect((await deadlineOf(PROBLEM, problem.documentId)).state).toBe('pending');
    });

    it('a reported problem has no proposal deadline until it is assigned', async () => {
      const project = await createProject(app);
      const problem = await create(app, 'problems', {
        project: project.documentId,
        category: 'financing',
        title: unique('融资问题-'),
        description: '贷款审批慢',
      });
      expect(problem.state).toBe('reported');
      expect(problem.proposalDueAt).toBeNull();
      expect(await deadlinesOf(PROBLEM, problem.documentId)).toHaveLength(0);

      const lead = await bureau(app, 'financial-regulation');
      const assigned = await update(app, 'problems', problem.documentId, {
        state: 'assigned',
        leadBureau: lead.documentId,
        assignedAt: '2026-09-30T01:00:00.000Z',
      });
      expect(assigned.proposalDueAt).toBe('2026-10-10T15:59:59.999Z'); // 10-08, 10-09, then the make-up Saturday
      const row = await deadlineOf(PROBLEM, problem.documentId);
      expect(row.bureau.id).toBe(lead.id);
    });

    it('a task is due at the end of its deadline date, Beijing time', async () => {
      const task = await createTask('2027-03-15');
      expect(task.dueAt).toBe('2027-03-15T15:59:59.999Z');
      const row = await deadlineOf(TASK, task.documentId);
      expect(row).toMatchObject({ dueDate: '2027-03-15', state: 'pending', fallback: false });
      expect(row.bureau.id).toBe((await bureau(app, 'finance')).id);

      // moving the deadline moves the due instant, with the reason in the history
      const moved = await update(app, 'tasks', task.documentId, { deadline: '2027-03-31' });
      expect(moved.dueAt).toBe('2027-03-31T15:59:59.999Z');
      const after = await deadlineOf(TASK, task.documentId);
      expect(new Date(after.dueAt).toISOString()).toBe('2027-03-31T15:59:59.999Z');
      expect(after.version).toBe(row.version + 1);
      expect(after.history.at(-1)).toMatchObject({ reason: 'record', from: '2027-03-15T15:59:59.999Z', dueAt: '2027-03-31T15:59:59.999Z' });
    });

    it('a monthly report for 2026-10 is due at the end of 2026-10-31, Beijing time, calendar days', async () => {
      const unit = await bureau(app, 'sample-yitang');
      const report = await create(app, 'monthly-reports', { bureau: unit.documentId, period: '2026-10' });
      expect(report.dueAt).toBe('2026-10-31T15:59:59.999Z'); // a Saturday: not shifted to a working day
      const row = await deadlineOf(MONTHLY, report.documentId);
      expect(row).toMatchObject({ dueDate: '2026-10-31', state: 'overdue' });
      expect(row.bureau.id).toBe(unit.id);
      expect(row.overdueAt).toEqual(expect.anything());
    });
  });

  describe('one deadline per record and rule, whatever happens to the record', () => {
    it('saving an opinion, a problem, a task and a monthly report three times keeps one deadline each', async () => {
      const { opinions } = await requestPreAssessment('2026-09-14T02:00:00.000Z');
      const problem = await assignedProblem('2026-09-14T02:00:00.000Z');
      const task = await createTask('2027-01-20');
      const report = await create(app, 'monthly-reports', { bureau: (await bureau(app, 'sample-baishabu')).documentId, period: '2026-09' });
      for (let i = 1; i <= 3; i += 1) {
        await update(app, 'opinions', opinions[0].documentId, { content: `草稿 ${i}` });
        await update(app, 'problems', problem.documentId, { suggestion: `建议 ${i}` });
        await update(app, 'tasks', task.documentId, { description: `说明 ${i}`, state: i === 2 ? 'in_progress' : 'pending' });
        await update(app, 'monthly-reports', report.documentId, { note: `说明 ${i}` });
      }
      for (const [uid, documentId, key] of [
        [OPINION, opinions[0].documentId, 'opinion-2-working-days'],
        [PROBLEM, problem.documentId, 'problem-proposal-3-working-days'],
        [TASK, task.documentId, 'task-by-deadline'],
        [MONTHLY, report.documentId, 'monthly-problem-report'],
      ]) {
        const rows = await deadlinesOf(uid, documentId);
        expect(rows).toHaveLength(1);
        expect(rows[0].rule.key).toBe(key);
        expect(rows[0].version).toBe(1); // nothing moved the due instant
      }
      // and one per record across the table (the other opinions of the fan-out included)
      for (const opinion of opinions) expect(await deadlinesOf(OPINION, opinion.documentId)).toHaveLength(1);
    });

    it('an opinion submitted is met', async () => {
      const { opinions } = await requestPreAssessment('2026-09-15T02:00:00.000Z');
      const before = await deadlineOf(OPINION, opinions[0].documentId);
      expect(before.state).toBe('overdue');
      await update(app, 'opinions', opinions[0].documentId, { state: 'submitted', verdict: 'approve', content: '同意' });
      const after = await deadlineOf(OPINION, opinions[0].documentId);
      expect(after.state).toBe('met');
      expect(after.metAt).toEqual(expect.anything());
      expect(after.history.at(-1)).toMatchObject({ state: 'met', reason: 'record' });
      expect((await deadlineOf(OPINION, opinions[1].documentId)).state).toBe('overdue');
    });

    it('a problem is met once the lead bureau gives its proposal', async () => {
      const problem = await assignedProblem('2026-11-02T02:00:00.000Z');
      expect((await deadlineOf(PROBLEM, problem.documentId)).state).not.toBe('met');
      await update(app, 'problems', problem.documentId, { state: 'proposed', proposal: '协调调剂用地指标' });
      const row = await deadlineOf(PROBLEM, problem.documentId);
      expect(row.state).toBe('met');
      expect(row.metAt).toEqual(expect.anything());
    });

    it('a task done is met; a task created past its deadline is overdue', async () => {
      const task = await createTask('2027-02-01');
      expect((await deadlineOf(TASK, task.documentId)).state).toBe('pending');
      await update(app, 'tasks', task.documentId, { state: 'done', completionNote: '已完成' });
      expect((await deadlineOf(TASK, task.documentId)).state).toBe('met');

      const late = await createTask('2026-09-01');
      const row = await deadlineOf(TASK, late.documentId);
      expect(row.state).toBe('overdue');
      expect(late.dueAt).toBe('2026-09-01T15:59:59.999Z');
    });

    it('a monthly report submitted is met', async () => {
      const report = await create(app, 'monthly-reports', { bureau: (await bureau(app, 'sample-development-zone')).documentId, period: '2026-08' });
      expect((await deadlineOf(MONTHLY, report.documentId)).state).toBe('overdue');
      await update(app, 'monthly-reports', report.documentId, { state: 'submitted', nothingToReport: true });
      expect((await deadlineOf(MONTHLY, report.documentId)).state).toBe('met');
    });

    it('deleting a record cancels its deadline', async () => {
      const task = await createTask('2027-02-10');
      const res = await api().del(`/api/tasks/${task.documentId}`);
      expect(res.status).toBe(204);
      const row = await deadlineOf(TASK, task.documentId);
      expect(row.state).toBe('cancelled');
      expect(row.cancelledAt).toEqual(expect.anything());
      expect(row.history.at(-1)).toMatchObject({ state: 'cancelled', reason: 'deleted' });
    });

    it('deleting a pre-assessment cancels its opinions’ deadlines', async () => {
      const { preAssessment, opinions } = await requestPreAssessment('2026-09-16T02:00:00.000Z');
      expect((await api().del(`/api/pre-assessments/${preAssessment.documentId}`)).status).toBe(204);
      for (const opinion of opinions) expect((await deadlineOf(OPINION, opinion.documentId)).state).toBe('cancelled');
    });

    it('returning the pre-assessment cancels its open opinions’ deadlines, and leaves the submitted ones met', async () => {
      const { preAssessment, opinions } = await requestPreAssessment('2026-09-17T02:00:00.000Z');
      await update(app, 'opinions', opinions[0].documentId, { state: 'submitted', verdict: 'reject', content: '不符合产业政策' });
      await update(app, 'pre-assessments', preAssessment.documentId, { state: 'returned', conclusionNote: '申报材料不全' });
      expect((await deadlineOf(OPINION, opinions[0].documentId)).state).toBe('met');
      for (const opinion of opinions.slice(1)) {
        const row = await deadlineOf(OPINION, opinion.documentId);
        expect(row.state).toBe('cancelled');
        expect(row.cancelledAt).toEqual(expect.anything());
      }
    });
  });

  describe('the due field is the server’s', () => {
    it('a client writing dueAt on an opinion gets a 400 and the due instant stays', async () => {
      const { opinions } = await requestPreAssessment('2026-09-18T02:00:00.000Z');
      const opinion = opinions[0];
      const res = await api().put(`/api/opinions/${opinion.documentId}`, { dueAt: '2030-01-01T00:00:00.000Z', content: '草稿' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('dueAt');
      const stored = (await read(app, 'opinions', opinion.documentId))!;
      expect(stored.dueAt).toBe(opinion.dueAt);
      expect(stored.content).toBeNull();
    });

    it('internal code writing a due field has it replaced by the computed one', async () => {
      const task = await createTask('2027-04-01');
      await app.strapi.documents(TASK).update({ documentId: task.documentId, data: { dueAt: '2030-01-01T00:00:00.000Z' } as any });
      expect((await read(app, 'tasks', task.documentId))!.dueAt).toBe('2027-04-01T15:59:59.999Z');
    });
  });

  describe('rules are data', () => {
    let meetingRule: Json;
    let earlier: Json;

    it('a rule added for meetings (no rule before, no due field) applies to meetings created after it and to existing ones', async () => {
      // the seeded reminder before meetings is switched off: meetings then have no rule at all
      const seeded = await app.strapi.db.query(RULE).findOne({ where: { key: 'meeting-reminder' } });
      expect(seeded).toBeTruthy();
      await app.strapi.documents(RULE as any).update({ documentId: seeded.documentId, data: { active: false } as any });
      await idle();
      earlier = await create(app, 'meetings', { type: 'weekly', title: unique('周例会-'), heldAt: '2026-11-02T02:00:00.000Z' });
      expect(await deadlinesOf(MEETING, earlier.documentId)).toHaveLength(0);

      const office = await asOffice();
      const res = await office.post(cm(RULE), {
        name: '会商纪要：3 日内印发',
        contentType: MEETING,
        startField: 'heldAt',
        durationKind: 'calendar_days',
        duration: 3,
        metWhen: { field: 'summary', op: 'filled' },
        reminders: [{ hours: 4 }],
      });
      expect(res.status).toBe(201);
      meetingRule = res.body.data;
      await idle();

      const existing = await deadlineOf(MEETING, earlier.documentId);
      expect(existing).toMatchObject({ dueDate: '2026-11-05', targetTitle: earlier.title });
      expect(new Date(existing.dueAt).toISOString()).toBe(endOf('2026-11-05'));
      expect(existing.rule.id).toBe(meetingRule.id);
      expect(existing.history.at(-1)).toMatchObject({ reason: 'created' });

      // 00:30 on Saturday in Beijing: three calendar days later is Tuesday
      const later = await create(app, 'meetings', { type: 'special_consultation', title: unique('专题会商-'), heldAt: '2026-11-20T16:30:00.000Z' });
      const row = await deadlineOf(MEETING, later.documentId);
      expect(row.dueDate).toBe('2026-11-24');
      expect(new Date(row.dueAt).toISOString()).toBe('2026-11-24T15:59:59.999Z');
      await update(app, 'meetings', later.documentId, { location: '二楼会议室' });
      await update(app, 'meetings', later.documentId, { location: '三楼会议室' });
      expect(await deadlinesOf(MEETING, later.documentId)).toHaveLength(1);
    });

    it('editing a rule’s duration moves the open deadlines, not the met ones, and keeps the history', async () => {
      expect(meetingRule).toBeDefined();
      const open = await create(app, 'meetings', { type: 'weekly', title: unique('周例会-'), heldAt: '2026-11-09T02:00:00.000Z' });
      const met = await create(app, 'meetings', { type: 'weekly', title: unique('周例会-'), heldAt: '2026-11-09T02:00:00.000Z' });
      await update(app, 'meetings', met.documentId, { summary: '纪要已印发' });
      const openBefore = await deadlineOf(MEETING, open.documentId);
      const metBefore = await deadlineOf(MEETING, met.documentId);
      expect(openBefore.dueDate).toBe('2026-11-12');
      expect(metBefore).toMatchObject({ dueDate: '2026-11-12', state: 'met' });

      const office = await asOffice();
      const res = await office.put(`${cm(RULE)}/${meetingRule.documentId}`, { duration: 5 });
      expect(res.status).toBe(200);
      await idle();

      const openAfter = await deadlineOf(MEETING, open.documentId);
      expect(openAfter.dueDate).toBe('2026-11-14');
      expect(new Date(openAfter.dueAt).toISOString()).toBe(endOf('2026-11-14'));
      expect(openAfter.version).toBe(openBefore.version + 1);
      expect(openAfter.history.at(-1)).toMatchObject({ reason: 'rule', from: endOf('2026-11-12'), dueAt: endOf('2026-11-14') });
      expect(openAfter.history.filter((h: Json) => h.reason === 'created')).toHaveLength(1);
      expect((await deadlineOf(MEETING, earlier.documentId)).dueDate).toBe('2026-11-07');

      const metAfter = await deadlineOf(MEETING, met.documentId);
      expect(metAfter).toMatchObject({ state: 'met', dueDate: '2026-11-12', version: metBefore.version });
      expect(metAfter.history.some((h: Json) => h.reason === 'rule')).toBe(false);
    });

    it('a rule made inactive stops applying to new records', async () => {
      const office = await asOffice();
      expect((await office.put(`${cm(RULE)}/${meetingRule.documentId}`, { active: false })).status).toBe(200);
      await idle();
      const meeting = await create(app, 'meetings', { type: 'weekly', title: unique('周例会-'), heldAt: '2026-11-16T02:00:00.000Z' });
      expect(await deadlinesOf(MEETING, meeting.documentId)).toHaveLength(0);
    });
  });

  describe('a malformed rule is refused, naming the field in Chinese and English', () => {
    const valid = { name: '测试规则', contentType: MEETING, startField: 'heldAt', durationKind: 'working_days', duration: 2 };
    const cases: Array<[string, Json, string]> = [
      ['an unknown content type', { contentType: 'api::nothing.nothing' }, 'contentType'],
      ['an unknown start field', { startField: 'startedAt' }, 'startField'],
      ['a start field that is not a date', { startField: 'title' }, 'startField'],
      ['a due field that is not a datetime', { dueField: 'title' }, 'dueField'],
      ['a condition with an unknown operator', { metWhen: { field: 'summary', op: 'gt', value: 1 } }, 'metWhen'],
      ['a condition on an unknown field', { cancelWhen: { field: 'cancelled', op: 'eq', value: true } }, 'cancelWhen'],
      ['a condition that is not an object', { startWhen: 'summary filled' }, 'startWhen'],
      ['reminders that are not a list of offsets', { reminders: [{ days: 1 }] }, 'reminders'],
      ['a negative reminder', { reminders: [{ hours: -4 }] }, 'reminders'],
      ['escalations that are not a list', { escalations: { workingDays: 1 } }, 'escalations'],
      ['working days without a duration', { duration: null }, 'duration'],
    ];
    const countRules = () => app.strapi.db.query(RULE).count();

    it.each(cases)('%s, through the admin API', async (_what, change, field) => {
      const before = await countRules();
      const office = await asOffice();
      const res = await office.post(cm(RULE), { ...valid, ...change });
      expectFieldError(res, RULE, field);
      expect(await countRules()).toBe(before);
    });

    it.each(cases)('%s, through the document service', async (_what, change, field) => {
      const before = await countRules();
      let error: any;
      try {
        await app.strapi.documents(RULE as any).create({ data: { ...valid, ...change } as any });
      } catch (caught) {
        error = caught;
      }
      expect(error?.name).toBe('ValidationError');
      expect(error.message).toContain(`（${field}）`);
      expect(error.message).toContain(`${field}:`);
      expect(error.message).toMatch(/[\u4e00-\u9fa5]{2,}（/);
      expect(await countRules()).toBe(before);
    });

    it('editing a default rule into a malformed one is refused and the rule stays as it was', async () => {
      const rule = await ruleByKey('task-by-deadline');
      const office = await asOffice();
      const res = await office.put(`${cm(RULE)}/${rule.documentId}`, { dateField: 'completionNote' });
      expectFieldError(res, RULE, 'dateField');
      expect((await ruleByKey('task-by-deadline')).dateField).toBe('deadline');
      const task = await createTask('2027-05-06');
      expect(task.dueAt).toBe('2027-05-06T15:59:59.999Z');
    });
  });

  describe('calendar overrides', () => {
    it('making a working day inside an open deadline’s span a rest day moves it; deleting the override moves it back', async () => {
      // assigned Monday 2026-0803: 3 working days → Thursday 08-06
      const problem = await assignedProblem('2026-08-03T02:00:00.000Z');
      expect(problem.proposalDueAt).toBe(endOf('2026-08-06'));
      const met = await assignedProblem('2026-08-03T02:00:00.000Z');
      await update(app, 'problems', met.documentId, { state: 'proposed', proposal: '已提出意见' });
      // assigned after the changed day: its span does not include it, so the change leaves it (and its record) alone
      const later = await assignedProblem('2026-08-10T02:00:00.000Z');
      const before = await deadlineOf(PROBLEM, problem.documentId);

      const office = await asOffice();
      const created = await office.post(cm(OVERRIDE), { date: '2026-08-05', kind: 'rest', name: '测试停工日' });
      expect(created.status).toBe(201);
      await idle();
      expect((await workingDays('2026-08-03', 3)).dueDate).toBe('2026-08-07');

      const moved = await deadlineOf(PROBLEM, problem.documentId);
      expect(moved.dueDate).toBe('2026-08-07');
      expect(moved.version).toBe(before.version + 1);
      expect(moved.history.at(-1)).toMatchObject({ reason: 'calendar', from: endOf('2026-08-06'), dueAt: endOf('2026-08-07') });
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe(endOf('2026-08-07'));
      // a met deadline is history: it does not move
      expect((await deadlineOf(PROBLEM, met.documentId)).dueDate).toBe('2026-08-06');
      expect((await read(app, 'problems', met.documentId))!.proposalDueAt).toBe(endOf('2026-08-06'));
      const untouched = await deadlineOf(PROBLEM, later.documentId);
      expect(untouched.dueDate).toBe('2026-08-13');
      expect(untouched.history.filter((h: Json) => h.reason === 'calendar')).toHaveLength(0);
      expect((await read(app, 'problems', later.documentId))!.updatedAt).toBe(later.updatedAt);

      const removed = await office.del(`${cm(OVERRIDE)}/${created.body.data.documentId}`);
      expect(removed.status).toBe(200);
      await idle();
      const back = await deadlineOf(PROBLEM, problem.documentId);
      expect(back.dueDate).toBe('2026-08-06');
      expect(back.history.filter((h: Json) => h.reason === 'calendar')).toHaveLength(2);
      expect(back.history.at(-1)).toMatchObject({ reason: 'calendar', from: endOf('2026-08-07'), dueAt: endOf('2026-08-06') });
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe(endOf('2026-08-06'));
    });

    it('making a weekend a working day shortens the span', async () => {
      // assigned Thursday 2026-08-13: Fri 14, Mon 17, Tue 18 → with Saturday 08-15 working: Fri, Sat, Mon
      const problem = await assignedProblem('2026-08-13T02:00:00.000Z');
      expect(problem.proposalDueAt).toBe(endOf('2026-08-18'));
      const office = await asOffice();
      const created = await office.post(cm(OVERRIDE), { date: '2026-08-15', kind: 'work', name: '测试补班' });
      expect(created.status).toBe(201);
      await idle();
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe(endOf('2026-08-17'));
      expect((await deadlineOf(PROBLEM, problem.documentId)).history.at(-1)).toMatchObject({ reason: 'calendar' });
      expect((await office.del(`${cm(OVERRIDE)}/${created.body.data.documentId}`)).status).toBe(200);
      await idle();
      expect((await read(app, 'problems', problem.documentId))!.proposalDueAt).toBe(endOf('2026-08-18'));
    });
  });

  describe('GET /api/deadlines/working-days', () => {
    const expectNamed = (res: Json, field: string) => {
      expect(res.status).toBe(400);
      expect(res.body.error?.name).toBe('ValidationError');
      const message: string = res.body.error.message;
      // the field named in Chinese, then its API name in brackets, and the English part naming it again
      expect(message).toMatch(new RegExp(`[\\u4e00-\\u9fa5]{2,}（${field}）`));
      expect(message).toContain(`${field}: `);
      return message;
    };

    it('a bad or missing from is a 400 naming from', async () => {
      for (const query of ['from=2026-13-01&days=2', 'from=2026-02-30&days=2', 'from=20260911&days=2', 'days=2']) {
        const res = await app.http().get(`/api/deadlines/working-days?${query}`);
        const message = expectNamed(res, 'from');
        expect(message).not.toContain('（days）');
      }
    });

    it('a bad or missing days is a 400 naming days', async () => {
      for (const query of ['from=2026-09-11&days=two', 'from=2026-09-11&days=1.5', 'from=2026-09-11&days=1000', 'from=2026-09-11']) {
        const res = await app.http().get(`/api/deadlines/working-days?${query}`);
        const message = expectNamed(res, 'days');
        expect(message).not.toContain('（from）');
      }
      const both = await app.http().get('/api/deadlines/working-days?from=x&days=y');
      expectNamed(both, 'from');
      expectNamed(both, 'days');
    });

    it('counts back with negative days and says when it fell back to Monday–Friday', async () => {
      expect((await workingDays('2026-10-09', -2)).dueDate).toBe('2026-09-30');
      const known = await workingDays('2026-09-11', 2);
      expect(known.fallback).toBe(false);
      const past = DateTime.fromISO(known.knownUntil).plus({ days: 10 }).toISODate()!;
      const late = await workingDays(past, 1);
      expect(late.fallback).toBe(true);
      expect(late.knownUntil).toBe(known.knownUntil);
    });
  });

  describe('monthly reports', () => {
    const period = shanghaiPeriod();
    const reportingUnits = async () => {
      const res = await api().get('/api/bureaus?filters[kind][$in][0]=department&filters[kind][$in][1]=town&filters[kind][$in][2]=zone&pagination[pageSize]=100');
      return (res.body.data as Json[]).filter((b) => b.active !== false);
    };
    const reportsOf = async (month: string) => {
      const res = await api().get(`/api/monthly-reports?filters[period][$eq]=${month}&populate=bureau&pagination[pageSize]=100`);
      expect(res.status).toBe(200);
      return res.body.data as Json[];
    };

    it('on start every department, town and zone has a pending report for the current month, due at its end', async () => {
      const units = await reportingUnits();
      expect(units.length).toBeGreaterThan(5);
      const reports = await reportsOf(period);
      expect(reports.map((r) => r.bureau.documentId).sort()).toEqual(units.map((u) => u.documentId).sort());
      const due = endOf(DateTime.fromISO(`${period}-01`, { zone: 'Asia/Shanghai' }).endOf('month').toISODate()!);
      for (const report of reports) {
        expect(report).toMatchObject({ state: 'pending', dueAt: due });
        expect(await deadlinesOf(MONTHLY, report.documentId)).toHaveLength(1);
      }
      // the office and the city are not asked
      const office = await bureau(app, 'office');
      expect(reports.some((r) => r.bureau.documentId === office.documentId)).toBe(false);
    });

    it('opening the month again adds nothing', async () => {
      const { openMonthlyReports } = await import('../../src/records/monthly-reports');
      const before = (await reportsOf(period)).length;
      expect(await openMonthlyReports(app.strapi, period)).toBe(0);
      expect(await openMonthlyReports(app.strapi, period)).toBe(0);
      expect(await reportsOf(period)).toHaveLength(before);
    });

    it('submitting without problems and without “nothing to report” is a 400 naming nothingToReport', async () => {
      const [report] = await reportsOf(period);
      const res = await api().put(`/api/monthly-reports/${report.documentId}`, { state: 'submitted' });
      expectFieldError(res, MONTHLY, 'nothingToReport');
      expect((await read(app, 'monthly-reports', report.documentId))!.state).toBe('pending');
      expect((await deadlineOf(MONTHLY, report.documentId)).state).not.toBe('met');
    });

    it('the admin list says who has not reported', async () => {
      const authorization = await app.adminToken();
      const list = async () => {
        const res = await app.http().get(`/deadlines/monthly-reports?period=${period}`).set('Authorization', authorization);
        expect(res.status).toBe(200);
        return res.body;
      };
      const before = await list();
      const total = (await reportsOf(period)).length;
      expect(before.data).toHaveLength(total);
      expect(before.meta).toEqual({ pending: total, submitted: 0 });

      const unit = await bureau(app, 'sample-lanshan-street');
      const report = (await reportsOf(period)).find((r) => r.bureau.documentId === unit.documentId)!;
      await update(app, 'monthly-reports', report.documentId, { state: 'submitted', nothingToReport: true });

      const after = await list();
      expect(after.meta).toEqual({ pending: total - 1, submitted: 1 });
      const pendingNames = after.data.filter((r: Json) => r.state === 'pending').map((r: Json) => r.bureau.name);
      expect(pendingNames).not.toContain(unit.name);
      expect(pendingNames).toContain((await bureau(app, 'commerce')).name);
      expect(after.data.find((r: Json) => r.state === 'submitted').bureau.name).toBe(unit.name);

      // without a session it is not shown
      expect((await app.http().get(`/deadlines/monthly-reports?period=${period}`)).status).toBe(401);
    });
  });

  describe('the plugin’s types have no content-API routes', () => {
    it.each(['rules', 'deadlines', 'extensions', 'calendar-overrides'])('GET /api/deadlines/%s is not found', async (plural) => {
      const res = await api().get(`/api/deadlines/${plural}`);
      expect(res.status).toBe(404);
    });
  });
});
