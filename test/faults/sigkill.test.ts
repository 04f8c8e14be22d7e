import { call, created, startApp, type Answer, type Json } from './app';
import { deliveriesByTask, dueInstant, testDay, total, until, waitFor } from './helpers';
import { useFaultWorld } from './world';

/**
 * The app SIGKILLed in the middle of a burst of writes — tasks, and projects with their pre-assessment requests
 * (whose opinions are created in the same transaction) — while the overdue notices and escalations of 20 tasks are
 * being delivered. Started again on the same database and Redis: every write that was answered 2xx is there, no
 * pre-assessment exists without its full set of opinions (nor a project moved on without its request), and every
 * task has its reminder, overdue notice and escalation exactly once.
 */
describe('the app killed with SIGKILL during a burst of writes and deliveries', () => {
  const world = useFaultWorld({ redis: 'persistent' });

  it('after a restart every acknowledged write is there, no pre-assessment is half-written, every notice went out once', async () => {
    const { db, env } = world();
    const first = world().app;
    const bureau: Json = (await call(first, 'GET', '/api/bureaus?filters[code][$eq]=commerce')).body.data[0];
    const day = testDay();
    const due = dueInstant(day);
    const at = (seconds: number) => new Date(due.getTime() + seconds * 1000);
    const counts = () => deliveriesByTask(db, 'deadline_notifications');

    // 20 tasks due at T: their reminders go out at T−21 s, their overdue notices and escalations fall in the burst
    await first.setClock(at(-30));
    const due20: string[] = [];
    for (let n = 1; n <= 20; n += 1) {
      due20.push((await created(first, 'tasks', { title: `到期事项 ${n}`, deadline: day, responsibleBureau: bureau.documentId })).documentId);
    }
    await waitFor('the reminders', async () => total(await counts(), due20, 'reminder') === due20.length, 30_000);

    // the burst: 6 clients writing as fast as they can from T−10 s until the kill
    await until(at(-10), first.clockOffset());
    const acknowledged = { tasks: [] as string[], projects: [] as string[], preAssessments: [] as string[] };
    const failed: Answer[] = [];
    let killed = false;
    const client = async (n: number) => {
      for (let round = 0; !killed; round += 1) {
        if ((n + round) % 2 === 0) {
          const answer = await call(first, 'POST', '/api/tasks', { title: `突发写入 ${n}-${round}`, deadline: testDayAfter(day), responsibleBureau: bureau.documentId });
          if (answer.status === 201) acknowledged.tasks.push(answer.body.data.documentId);
          else failed.push(answer);
        } else {
          const project = await call(first, 'POST', '/api/projects', { name: `突发项目 ${n}-${round}`, category: 'general' });
          if (project.status !== 201) {
            failed.push(project);
            continue;
          }
          acknowledged.projects.push(project.body.data.documentId);
          const request = await call(first, 'POST', '/api/pre-assessments', { attestedBy: '王建国', project: project.body.data.documentId });
          if (request.status === 201) acknowledged.preAssessments.push(request.body.data.documentId);
          else failed.push(request);
        }
      }
    };
    const clients = Promise.all([1, 2, 3, 4, 5, 6].map(client));
    // killed as soon as the first overdue notices are in: the rest are queued or being delivered
    await waitFor('the first overdue notices', async () => total(await counts(), due20, 'overdue') > 0, 30_000);
    const atKill = await counts();
    killed = true; // no client starts another request: what fails from here on was under way at the kill
    await first.kill('SIGKILL');
    await clients;
    const deliveredBeforeKill = total(atKill, due20, 'overdue') + total(atKill, due20, 'escalation');
    // every request cut by the kill failed as a client sees it (connection reset), none was answered wrongly
    for (const answer of failed) expect(answer.status).toBe(0);
    expect(acknowledged.tasks.length + acknowledged.preAssessments.length).toBeGreaterThan(5);

    const second = await startApp({ ...env, FAULTS_CLOCK_OFFSET_MS: String(first.clockOffset()) }, world().log('app-2'));
    world().app = second;

    for (const id of acknowledged.tasks) expect({ id, status: (await call(second, 'GET', `/api/tasks/${id}`)).status }).toEqual({ id, status: 200 });
    for (const id of acknowledged.projects) expect({ id, status: (await call(second, 'GET', `/api/projects/${id}`)).status }).toEqual({ id, status: 200 });
    for (const id of acknowledged.preAssessments) {
      expect({ id, status: (await call(second, 'GET', `/api/pre-assessments/${id}`)).status }).toEqual({ id, status: 200 });
    }

    // every pre-assessment in the database — acknowledged or cut off — has all its opinions, its project moved on
    const matrix = (await call(second, 'GET', '/api/responsibility-matrix?populate[assignments]=true')).body.data;
    const opinionsPer = matrix.assignments.length;
    expect(opinionsPer).toBeGreaterThan(1);
    const requests = await db.query(
      `SELECT p.document_id AS id, p.state, count(DISTINCT l.opinion_id)::int AS opinions, max(pr.stage) AS stage
         FROM pre_assessments p
         LEFT JOIN opinions_pre_assessment_lnk l ON l.pre_assessment_id = p.id
         LEFT JOIN pre_assessments_project_lnk pl ON pl.pre_assessment_id = p.id
         LEFT JOIN projects pr ON pr.id = pl.project_id
        GROUP BY p.id`
    );
    expect(requests.rows.length).toBeGreaterThanOrEqual(acknowledged.preAssessments.length);
    for (const row of requests.rows) expect(row).toEqual({ id: row.id, state: 'open', opinions: opinionsPer, stage: 'pre_assessing' });
    const stranded = await db.query(
      `SELECT pr.document_id FROM projects pr
        WHERE pr.stage <> 'declared'
          AND NOT EXISTS (SELECT 1 FROM pre_assessments_project_lnk pl WHERE pl.project_id = pr.id)`
    );
    expect(stranded.rows).toEqual([]);

    // the restarted app's reconcile delivers what the kill interrupted: each notice exactly once
    await waitFor(
      'the overdue notices and escalations after the restart',
      async () => {
        const now = await counts();
        return total(now, due20, 'overdue') === due20.length && total(now, due20, 'escalation') === due20.length;
      },
      45_000
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const notifications = await deliveriesByTask(db, 'deadline_notifications');
    const deliveries = await deliveriesByTask(db, 'deadline_deliveries');
    for (const id of due20) {
      expect({ id, notifications: notifications[id] }).toEqual({ id, notifications: { reminder: 1, overdue: 1, escalation: 1 } });
      expect({ id, deliveries: deliveries[id] }).toEqual({ id, deliveries: { reminder: 1, overdue: 1, escalation: 1 } });
    }
    process.stdout.write(
      `SIGKILL: ${acknowledged.tasks.length} tasks, ${acknowledged.projects.length} projects, ${acknowledged.preAssessments.length} pre-assessments acknowledged, ` +
        `${failed.length} requests cut off; ${requests.rows.length} pre-assessments stored, each with ${opinionsPer} opinions; ` +
        `${deliveredBeforeKill} of 40 notices delivered before the kill, all 60 exactly once after the restart\n`
    );
  }, 200_000);
});

/** The Beijing date after `date`: the burst's tasks fall due then, outside the test. */
function testDayAfter(date: string): string {
  const next = new Date(`${date}T12:00:00+08:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
