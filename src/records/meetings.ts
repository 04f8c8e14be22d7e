import type { Core } from '@strapi/strapi';
import { agendaNote, agendaPlan, occurrenceKey, occurrencesDue, type AgendaPlan, type MeetingType, type Recurrence } from '../domain/agenda';
import type { Row } from './rule';

export const MEETING = 'api::meeting.meeting';
export const MINUTE = 'api::minute.minute';
const PROBLEM = 'api::problem.problem';
const TASK = 'api::task.task';
const PROJECT = 'api::project.project';

/** Problems the district still has to solve: neither resolved nor handed up to the city. */
const UNRESOLVED = { state: { $notIn: ['resolved', 'escalated'] } };
const ids = (rows: Array<{ id: number }> | null | undefined) => (rows ?? []).map((row) => row.id);
const documentIds = (rows: Array<{ documentId: string }> | null | undefined) => (rows ?? []).map((row) => row.documentId);

/**
 * The records of the meeting's scope: those of its attending bureaus (all of the district when none is named),
 * and, when projects are chosen (a consultation on given projects), those of these projects.
 */
function scopes(attendees: number[], projects: number[]) {
  const of = (paths: string[]) =>
    attendees.length
      ? [{ $or: paths.map((path) => path.split('.').reverse().reduce<Row>((inner, step) => ({ [step]: inner }), { id: { $in: attendees } })) }]
      : [];
  const ofProjects = (paths: string[]) =>
    projects.length
      ? [{ $or: paths.map((path) => path.split('.').reverse().reduce<Row>((inner, step) => ({ [step]: inner }), { id: { $in: projects } })) }]
      : [];
  return {
    problems: [...of(['leadBureau', 'reportingBureau', 'project.applicantBureau']), ...ofProjects(['project'])],
    tasks: [...of(['responsibleBureau', 'coBureaus', 'project.applicantBureau']), ...ofProjects(['project', 'problem.project'])],
    projects: [...of(['applicantBureau'])],
  };
}

function problemFilter(plan: AgendaPlan): Row[] {
  switch (plan.problems.kind) {
    case 'since_last':
      return plan.problems.since ? [{ createdAt: { $gt: plan.problems.since } }] : [];
    case 'district_level':
      return [{ level: 'district' }];
    default:
      return [];
  }
}

/**
 * Proposes a new meeting's agenda (《工作方案》三.4): the unresolved problems its type discusses, the unfinished
 * tasks that are overdue or due within a week of it together with every unfinished task of earlier meetings'
 * minutes (carried over), and the red projects — all within its scope — and notes what it picked. Runs as the
 * platform, inside the meeting's creation; the office edits the agenda afterwards like any other field.
 */
export async function proposeAgenda(strapi: Core.Strapi, meetingId: number): Promise<void> {
  const meeting = await strapi.db.query(MEETING).findOne({
    where: { id: meetingId },
    populate: { attendees: { select: ['id'] }, projects: { select: ['id', 'documentId'] } },
  });
  if (!meeting) return;
  const heldAt = new Date(meeting.heldAt);
  const previousWeekly =
    meeting.type === 'weekly'
      ? await strapi.db.query(MEETING).findOne({
          where: { type: 'weekly', heldAt: { $lt: heldAt.toISOString() }, state: { $ne: 'cancelled' }, id: { $ne: meeting.id } },
          orderBy: { heldAt: 'desc' },
          select: ['heldAt'],
        })
      : null;
  const plan = agendaPlan(meeting.type as MeetingType, heldAt, previousWeekly?.heldAt ?? null);
  const chosenProjects = ids(meeting.projects);
  const scope = scopes(ids(meeting.attendees), chosenProjects);

  const problems = await strapi.db.query(PROBLEM).findMany({
    where: { $and: [UNRESOLVED, ...problemFilter(plan), ...scope.problems] },
    select: ['id', 'documentId'],
    orderBy: { id: 'asc' },
  });
  const unfinished = { state: { $ne: 'done' } };
  const carriedOver = await strapi.db.query(TASK).findMany({
    where: { $and: [unfinished, { minute: { meeting: { heldAt: { $lt: heldAt.toISOString() }, id: { $ne: meeting.id } } } }, ...scope.tasks] },
    select: ['id', 'documentId'],
  });
  const due = await strapi.db.query(TASK).findMany({
    where: { $and: [unfinished, { dueAt: { $lte: plan.tasksDueBy } }, ...scope.tasks] },
    select: ['id', 'documentId'],
  });
  const red = await strapi.db.query(PROJECT).findMany({
    where: { $and: [{ light: 'red' }, { stage: { $ne: 'withdrawn' } }, ...scope.projects, ...(chosenProjects.length ? [{ id: { $in: chosenProjects } }] : [])] },
    select: ['id', 'documentId'],
  });

  const tasks = [...new Set([...documentIds(carriedOver), ...documentIds(due)])];
  const projects = [...new Set([...documentIds(meeting.projects), ...documentIds(red)])];
  const note = agendaNote(plan, { problems: problems.length, tasks: tasks.length, carriedOver: carriedOver.length, redProjects: red.length });
  await strapi.documents(MEETING as any).update({
    documentId: meeting.documentId,
    data: { problems: documentIds(problems), tasks, projects, agendaNote: note } as any,
  });
}

/**
 * Creates the coming meetings of every regular series (a meeting that repeats, and is not cancelled) a few days
 * before they are held, each with the series' type, place, chair, organizer and attendees and its own proposed
 * agenda; the deadline rule on meetings then reminds the organizer the working day before. Idempotent (one
 * meeting per series and date, held by a unique key), so it runs on every start and every morning.
 */
export async function scheduleMeetings(strapi: Core.Strapi, now: Date = new Date()): Promise<number> {
  const series = await strapi.db.query(MEETING).findMany({
    where: { recurrence: { $ne: 'once' }, series: { id: { $null: true } }, state: { $ne: 'cancelled' } },
    populate: { attendees: { select: ['documentId'] }, organizer: { select: ['documentId'] } },
  });
  let created = 0;
  for (const first of series) {
    for (const { heldAt } of occurrencesDue(first.heldAt, first.recurrence as Recurrence, now)) {
      const key = occurrenceKey(first.documentId, heldAt);
      if (await strapi.db.query(MEETING).findOne({ where: { occurrenceKey: key }, select: ['id'] })) continue;
      try {
        await strapi.documents(MEETING as any).create({
          data: {
            type: first.type,
            mode: first.mode,
            title: first.title,
            heldAt: heldAt.toISOString(),
            location: first.location,
            chair: first.chair,
            organizer: first.organizer?.documentId ?? null,
            attendees: documentIds(first.attendees),
            recurrence: 'once',
            series: first.documentId,
          } as any,
        });
        created += 1;
      } catch (error) {
        // another instance created it between the look-up and the insert: the unique key refused the second
        if (!(await strapi.db.query(MEETING).findOne({ where: { occurrenceKey: key }, select: ['id'] }))) throw error;
      }
    }
  }
  return created;
}

/** A minute's progress: how many of its tasks there are and how many are done (written by the platform only). */
export async function recountMinute(strapi: Core.Strapi, minuteId: number | null | undefined): Promise<void> {
  if (!minuteId) return;
  // one after the other: inside a transaction both would queue on the same connection anyway
  const tasksTotal = await strapi.db.query(TASK).count({ where: { minute: { id: minuteId } } });
  const tasksDone = await strapi.db.query(TASK).count({ where: { minute: { id: minuteId }, state: 'done' } });
  // a derived counter, not a change of the record: written directly, without content events or record rules
  await strapi.db.query(MINUTE).update({ where: { id: minuteId }, data: { tasksTotal, tasksDone } });
}
