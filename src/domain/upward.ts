/**
 * 向上报送 (work plan §三.1, §三.3, §四.2): what the district reports to the city — qualifying projects to the city
 * project library (市重大项目库), problems needing city coordination to 市发展改革委, credit outcomes to the city
 * credit platform (市信用平台) — and how a report is signed and retried. Pure: no Strapi.
 *
 * A report's payload has stable English field names and enum codes (never the Chinese labels), so a receiver's
 * parser does not depend on how the platform words things for people.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const UPWARD_TARGETS = ['city_project_library', 'city_development_reform', 'city_credit'] as const;
export type UpwardTarget = (typeof UPWARD_TARGETS)[number];

export const UPWARD_SUBJECTS = ['project', 'problem', 'credit_record'] as const;
export type UpwardSubject = (typeof UPWARD_SUBJECTS)[number];

export const UPWARD_EVENTS = ['project_reported_to_city', 'problem_escalated', 'credit_blacklisted', 'credit_repaired', 'manual'] as const;
export type UpwardEvent = (typeof UPWARD_EVENTS)[number];

export const UPWARD_STATES = ['pending', 'delivering', 'delivered', 'failed'] as const;
export type UpwardState = (typeof UPWARD_STATES)[number];

/** Each kind of record: its content type and the city body it is reported to. */
export const SUBJECTS: Readonly<Record<UpwardSubject, { uid: string; target: UpwardTarget }>> = {
  project: { uid: 'api::project.project', target: 'city_project_library' },
  problem: { uid: 'api::problem.problem', target: 'city_development_reform' },
  credit_record: { uid: 'api::credit-record.credit-record', target: 'city_credit' },
};

export const subjectOfUid = (uid: string): UpwardSubject | undefined =>
  (Object.keys(SUBJECTS) as UpwardSubject[]).find((subject) => SUBJECTS[subject].uid === uid);

/** The settings' field prefix of each target: `projectLibraryUrl`, `developmentReformSecret`, `creditEnabled`. */
export const TARGET_FIELDS: Readonly<Record<UpwardTarget, string>> = {
  city_project_library: 'projectLibrary',
  city_development_reform: 'developmentReform',
  city_credit: 'credit',
};

/** The format's name and version, sent in every payload; a change of field names gets a new version. */
export const PAYLOAD_SCHEMA = 'lanshan.upward-report/1';
export const SOURCE = { platform: 'lanshan-major-projects', district: 'lanshan', districtCode: '371302' } as const;

type Row = Record<string, any>;

/**
 * The events a write of a record raises, from its stored state before (null: created) and after:
 * - a project entering stage `reported_to_city`;
 * - a problem entering state `escalated` (only `city`-level problems escalate: the record rule checks it);
 * - a blacklisting credit record: `credit_blacklisted` when its blacklist is switched on (or it is created so),
 *   `credit_repaired` when its repair date is first set (a record that does not blacklist reports nothing).
 */
export function upwardEvents(subject: UpwardSubject, before: Row | null, after: Row): UpwardEvent[] {
  switch (subject) {
    case 'project':
      return after.stage === 'reported_to_city' && before?.stage !== 'reported_to_city' ? ['project_reported_to_city'] : [];
    case 'problem':
      return after.state === 'escalated' && after.level === 'city' && before?.state !== 'escalated' ? ['problem_escalated'] : [];
    case 'credit_record': {
      const events: UpwardEvent[] = [];
      if (after.blacklist && !before?.blacklist) events.push('credit_blacklisted');
      if (after.blacklist && after.repairedAt && !before?.repairedAt) events.push('credit_repaired');
      return events;
    }
  }
}

/**
 * The key that makes one event of one record one report: saving the record again (or twice at once) finds the key
 * taken and reports nothing more. A report made by hand has a key of its own (its report id).
 */
export const triggerKey = (subject: UpwardSubject, documentId: string, event: UpwardEvent, reportId?: string) =>
  event === 'manual' ? `${subject}:${documentId}:manual:${reportId}` : `${subject}:${documentId}:${event}`;

// ---------------------------------------------------------------- payloads

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));
const number = (value: unknown): number | null => {
  if (value === undefined || value === null || value === '') return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
};
const bool = (value: unknown) => Boolean(value);
const bureau = (row: Row | null | undefined) => (row ? { code: text(row.code), name: text(row.name) } : null);

/** 项目 → 市重大项目库: identity, category, money (万元), land (亩), dates, who declares and who invests. */
export function projectData(project: Row): Row {
  return {
    documentId: text(project.documentId),
    code: text(project.code),
    name: text(project.name),
    category: text(project.category),
    industry: text(project.industry),
    stage: text(project.stage),
    summary: text(project.summary),
    plannedInvestment: number(project.plannedInvestment),
    annualPlannedInvestment: number(project.annualPlannedInvestment),
    completedInvestment: number(project.completedInvestment),
    landArea: number(project.landArea),
    plannedStartDate: text(project.plannedStartDate),
    plannedCompletionDate: text(project.plannedCompletionDate),
    actualStartDate: text(project.actualStartDate),
    leader: text(project.leader),
    commissioner: text(project.commissioner),
    applicantBureau: bureau(project.applicantBureau),
    enterprise: project.enterprise ? { name: text(project.enterprise.name), creditCode: text(project.enterprise.creditCode) } : null,
  };
}

/** 困难问题 → 市发展改革委: the problem, its project, who reported and leads it, what the district proposes. */
export function problemData(problem: Row): Row {
  return {
    documentId: text(problem.documentId),
    title: text(problem.title),
    category: text(problem.category),
    description: text(problem.description),
    suggestion: text(problem.suggestion),
    level: text(problem.level),
    state: text(problem.state),
    isUrgent: bool(problem.isUrgent),
    period: text(problem.period),
    proposal: text(problem.proposal),
    project: problem.project ? { code: text(problem.project.code), name: text(problem.project.name) } : null,
    reportingBureau: bureau(problem.reportingBureau),
    leadBureau: bureau(problem.leadBureau),
  };
}

/** 信用记录 → 市信用平台: the enterprise, the finding, the measures and the repair. */
export function creditData(record: Row): Row {
  return {
    documentId: text(record.documentId),
    kind: text(record.kind),
    description: text(record.description),
    decidedAt: text(record.decidedAt),
    decidedBy: text(record.decidedBy),
    blacklist: bool(record.blacklist),
    measures: text(record.measures),
    repairedAt: text(record.repairedAt),
    repairReason: text(record.repairReason),
    state: text(record.state),
    enterprise: record.enterprise
      ? { name: text(record.enterprise.name), creditCode: text(record.enterprise.creditCode), legalRepresentative: text(record.enterprise.legalRepresentative) }
      : null,
    project: record.project ? { code: text(record.project.code), name: text(record.project.name) } : null,
  };
}

const DATA: Record<UpwardSubject, (row: Row) => Row> = { project: projectData, problem: problemData, credit_record: creditData };

/** A record's title for people (the report's title and the export's 记录 column). */
export function subjectTitle(subject: UpwardSubject, row: Row): string {
  if (subject === 'project') return [row.code, row.name].filter(Boolean).join(' ');
  if (subject === 'problem') return String(row.title ?? '');
  return [row.enterprise?.name, row.decidedAt].filter(Boolean).join(' ');
}

export interface ReportEnvelope {
  reportId: string;
  target: UpwardTarget;
  event: UpwardEvent;
  subject: UpwardSubject;
  /** when the event happened (ISO-8601 UTC) */
  occurredAt: string;
}

/** The JSON a receiver gets: the envelope, where it comes from, and the record's data. */
export function buildPayload(envelope: ReportEnvelope, row: Row): Row {
  return {
    schema: PAYLOAD_SCHEMA,
    reportId: envelope.reportId,
    target: envelope.target,
    event: envelope.event,
    occurredAt: envelope.occurredAt,
    source: { ...SOURCE },
    subject: { type: envelope.subject, documentId: text(row.documentId) },
    data: DATA[envelope.subject](row),
  };
}

/**
 * The payload's `data` as export columns: nested objects joined by dots (`enterprise.name`), arrays as JSON, in
 * the payload's own order.
 */
export function flattenData(data: unknown, prefix = ''): Array<[string, string | number | boolean | null]> {
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    return prefix ? [[prefix, Array.isArray(data) ? JSON.stringify(data) : ((data ?? null) as any)]] : [];
  }
  return Object.entries(data as Row).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) return flattenData(value, name);
    return [[name, Array.isArray(value) ? JSON.stringify(value) : (value ?? null)] as [string, string | number | boolean | null]];
  });
}

// ---------------------------------------------------------------- signature

/**
 * `X-Signature: sha256=<hex>`: HMAC-SHA256 with the target's shared secret over `<X-Timestamp>.<raw body>` — the
 * timestamp (Unix seconds) is signed with the body, so a receiver that also checks it is recent refuses replays.
 */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time (and check the timestamp's age itself). */
export function verifySignature(secret: string, timestamp: string, body: string, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// ---------------------------------------------------------------- retries

export const DEFAULT_DELIVERY = { maxAttempts: 8, backoffSeconds: 60, timeoutSeconds: 10 } as const;
export const DELIVERY_LIMITS = {
  maxAttempts: [1, 50],
  backoffSeconds: [1, 86400],
  timeoutSeconds: [1, 120],
} as const satisfies Record<string, readonly [number, number]>;
/** No wait between attempts is longer than a day. */
export const MAX_BACKOFF_SECONDS = 86400;

/** The wait after the n-th failed attempt: base, 2 × base, 4 × base, … at most a day. */
export function backoffSeconds(attempts: number, baseSeconds: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** Math.min(exponent, 30));
}

export interface AttemptOutcome {
  ok: boolean;
  status?: number | null;
  error?: string | null;
}

/** What an attempt leaves the report in: delivered, waiting for the next attempt, or given up after the last. */
export function afterAttempt(
  attempts: number,
  outcome: AttemptOutcome,
  settings: { maxAttempts: number; backoffSeconds: number },
  now: Date
): { state: UpwardState; nextAttemptAt: Date | null } {
  if (outcome.ok) return { state: 'delivered', nextAttemptAt: null };
  if (attempts >= settings.maxAttempts) return { state: 'failed', nextAttemptAt: null };
  return { state: 'pending', nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempts, settings.backoffSeconds) * 1000) };
}

/** A 2xx answer is a delivery; anything else (3xx included: a receiver must not redirect) is a failed attempt. */
export const isDelivered = (status: number) => status >= 200 && status < 300;

/** The first `max` characters of a receiver's answer, kept on the report. */
export const excerpt = (value: string | null | undefined, max = 500) => (value ? (value.length > max ? `${value.slice(0, max)}…` : value) : null);

// ---------------------------------------------------------------- settings

export type UrlIssue = 'invalid' | 'scheme' | 'required';

/** A receiver's address: an absolute http(s) URL without credentials in it (the secret signs instead). */
export function checkUrl(value: unknown, required: boolean): UrlIssue | null {
  if (value === undefined || value === null || value === '') return required ? 'required' : null;
  if (typeof value !== 'string') return 'invalid';
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (!url.hostname || url.username || url.password) return 'invalid';
  return null;
}

/** A shared secret long enough to sign with. */
export const MIN_SECRET_LENGTH = 16;
