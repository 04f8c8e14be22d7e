import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import type { TestApp } from '../helpers/strapi';

/**
 * Shared by the scheduler suites. Every due instant of the platform is the end of a Beijing calendar day
 * (23:59:59.999 +08:00), so a deadline can only fall due "within seconds" a few seconds before midnight:
 * the suites set the wall clock (`Date` only, advancing in real time; timers, the database and Redis stay
 * real) to just before the due instant of a chosen day. Nothing else is faked.
 */
export const RULE = 'plugin::deadlines.rule';
export const DEADLINE = 'plugin::deadlines.deadline';
export const DELIVERY = 'plugin::deadlines.delivery';
export const NOTIFICATION = 'plugin::deadlines.notification';
export const TASK = 'api::task.task';
const ZONE = 'Asia/Shanghai';

type Row = Record<string, any>;

/** A rule whose reminder comes 2.4 s before the due instant and whose escalation 1.2 s after it, on any day. */
export const SECONDS_RULE = {
  key: 'test-due-in-seconds',
  name: '测试事项：当日办结',
  contentType: TASK,
  startField: 'createdAt',
  durationKind: 'end_of_date_field',
  dateField: 'deadline',
  metWhen: { field: 'state', op: 'eq', value: 'done' },
  bureauField: 'responsibleBureau',
  reminders: [{ minutes: 0.04 }],
  escalations: [{ minutes: 0.02, to: 'office' }],
  deliverOnNonWorkingDays: true,
  active: true,
};

/** Creates the seconds rule and switches the seeded task rule off, so every delivery on tasks is ours. */
export async function useSecondsRule(app: TestApp): Promise<Row> {
  const { strapi } = app;
  const seeded = await strapi.db.query(RULE).findOne({ where: { key: 'task-by-deadline' } });
  if (seeded) await strapi.documents(RULE as any).update({ documentId: seeded.documentId, data: { active: false } as any });
  const rule = await strapi.documents(RULE as any).create({ data: SECONDS_RULE as any });
  await strapi.plugin('deadlines').service('settings').idle();
  return rule;
}

/** Only `Date` is faked: it advances in real time from the instant set, every timer stays real. */
const REAL = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

export function fakeWallClock(now: Date) {
  jest.useFakeTimers({ doNotFake: [...REAL], advanceTimers: 5, now });
}

/** Today's Beijing date, read when this module loads: before any test sets the clock. */
const TODAY = DateTime.now().setZone(ZONE).startOf('day');
/** A Beijing calendar date `days` after the real today. */
export const dateFromToday = (days: number) => TODAY.plus({ days }).toISODate()!;
/** The Beijing calendar date after `date`. */
export const dateAfter = (date: string) => DateTime.fromISO(date, { zone: ZONE }).plus({ days: 1 }).toISODate()!;
/** `seconds` before the due instant of a date (its 23:59:59.999 +08:00). */
export const beforeDue = (date: string, seconds: number) =>
  new Date(DateTime.fromISO(date, { zone: ZONE }).endOf('day').toMillis() - seconds * 1000);
export const dueInstant = (date: string) => beforeDue(date, 0);
/** Where each test sets the clock: 4.6 s before the reminder, so writing a record or two comfortably precedes it. */
export const LEAD_SECONDS = 7;

/** Sets (or, with undefined, removes) environment variables; returns what puts the previous values back. */
export function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}

/** Polls until `check` holds (never asserts on elapsed time; the timeout only ends a hopeless wait). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 45_000) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Reads of the plugin's rows for assertions. */
export function rows(app: TestApp) {
  const query = (uid: string) => app.strapi.db.query(uid as any);
  return {
    deadlineOf: (documentId: string, ruleId: number): Promise<Row> =>
      query(DEADLINE).findOne({ where: { targetUid: TASK, targetDocumentId: documentId, rule: { id: ruleId } }, populate: ['bureau', 'rule'] }),
    notificationsOf: (deadlineId: number): Promise<Row[]> =>
      query(NOTIFICATION).findMany({ where: { deadline: { id: deadlineId } }, populate: ['bureau'], orderBy: { id: 'asc' } }),
    deliveriesOf: (deadlineId: number): Promise<Row[]> => query(DELIVERY).findMany({ where: { deadline: { id: deadlineId } }, orderBy: { id: 'asc' } }),
    countOf: (uid: string, where: Row = {}): Promise<number> => query(uid).count({ where }),
  };
}

/** How many of each kind. */
export const kinds = (list: Row[]) =>
  list.reduce<Record<string, number>>((acc, row) => ({ ...acc, [row.kind]: (acc[row.kind] ?? 0) + 1 }), {});

/** A local HTTP endpoint that records the webhook calls Strapi makes. */
export async function webhookReceiver() {
  const received: Array<{ event: string; body: Row }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ event: String(req.headers['x-strapi-event']), body: JSON.parse(text || '{}') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}
