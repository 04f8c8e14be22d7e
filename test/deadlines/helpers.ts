import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { SMTPServer } from 'smtp-server';
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
  const received: Array<{ event: string; method: string; headers: http.IncomingHttpHeaders; body: Row }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ event: String(req.headers['x-strapi-event']), method: String(req.method), headers: req.headers, body: JSON.parse(text || '{}') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** One message an SMTP receiver accepted: the envelope, the signed-in SMTP user and the decoded headers. */
export interface ReceivedMail {
  user: string | undefined;
  mailFrom: string;
  rcptTo: string[];
  headers: Record<string, string>;
  subject: string;
  /** The decoded bodies of the message's parts by content type (`text/plain`, `text/html`). */
  parts: Record<string, string>;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`), as nodemailer writes non-ASCII headers. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
    );
}

/** The header block of a raw message, unfolded and decoded, keyed by lower-case name. */
function parseHeaders(raw: string): Record<string, string> {
  const block = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** Decodes a part's body by its Content-Transfer-Encoding (base64, quoted-printable, or as is). */
function decodeBody(body: string, encoding: string | undefined): string {
  if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding ?? '')) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The text parts of a raw message, one level of multipart deep (what nodemailer writes for text + html). */
function parseParts(raw: string, headers: Record<string, string>): Record<string, string> {
  const type = headers['content-type'] ?? 'text/plain';
  const body = raw.slice(raw.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, '');
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { [type.split(';')[0].trim()]: decodeBody(body, headers['content-transfer-encoding']) };
  const parts: Record<string, string> = {};
  for (const section of body.split(`--${boundary}`).slice(1)) {
    if (section.startsWith('--')) break;
    const part = section.replace(/^\r?\n/, '');
    const partHeaders = parseHeaders(part);
    const partBody = part.slice(part.search(/\r?\n\r?\n/)).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    parts[(partHeaders['content-type'] ?? 'text/plain').split(';')[0].trim()] = decodeBody(partBody, partHeaders['content-transfer-encoding']);
  }
  return parts;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port) that accepts every message and keeps it. With `credentials` it
 * requires AUTH with them (over plain text: STARTTLS is off, it is a local test server).
 */
export async function smtpReceiver(credentials?: { user: string; pass: string }) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !credentials,
    onAuth(auth: any, _session: any, callback: (error: Error | null, response?: { user: string }) => void) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream: NodeJS.ReadableStream, session: any, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        received.push({
          parts: parseParts(raw, headers),
          user: session.user,
          mailFrom: session.envelope.mailFrom?.address ?? '',
          rcptTo: session.envelope.rcptTo.map((rcpt: { address: string }) => rcpt.address),
          headers,
          subject: headers.subject ?? '',
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as any).server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
