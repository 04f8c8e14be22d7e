import { DateTime } from 'luxon';
import type { Client } from 'pg';
import { missingBinaries } from './servers';
import { dueInstant, SECONDS_RULE, TASK, waitFor } from '../deadlines/helpers';

export { dueInstant, TASK, waitFor };

/**
 * What the fault tests share: the deadline rule whose deliveries fall within seconds, the Beijing day it uses,
 * counting deliveries in the database, and polling (the scheduler suites' own helpers where they serve).
 */
const ZONE = 'Asia/Shanghai';

/**
 * Tasks due at the end of their `deadline` day — the scheduler suites' rule, with the reminder 21 s before the due
 * instant (time for a burst of writes before it), the overdue notice at it, an escalation to the office 1.2 s
 * after it. The seeded task rule is switched off, so every delivery on tasks is this rule's.
 */
export const FAULTS_RULE = { ...SECONDS_RULE, key: 'faults-due-in-seconds', name: '故障测试事项：当日办结', reminders: [{ minutes: 0.35 }] };
export const REMINDER_LEAD_MS = 21_000;

/** The environment the app needs for the rule above (see launcher.js). */
export const RULE_ENV = { FAULTS_RULES: JSON.stringify([FAULTS_RULE]), FAULTS_DISABLE_RULES: JSON.stringify(['task-by-deadline']) };

/**
 * The Beijing day whose due instant the test runs up to: today, unless its end is less than 10 minutes away. The
 * app's clock is moved forward to just before it within that day, so no daily job (05:30, 07:00) is crossed.
 */
export function testDay(): string {
  const today = DateTime.now().setZone(ZONE);
  const day = today.endOf('day').diff(today).as('minutes') > 10 ? today : today.plus({ days: 1 });
  return day.toISODate()!;
}

/** Fails the file at once, saying why, when the servers it needs cannot be started here. */
export function requireBinaries() {
  const missing = missingBinaries();
  if (missing) throw new Error(`${missing}. 在 CI（.ci/run）中运行 / run them in CI (.ci/run), or install postgresql and redis-server.`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the app's (shifted) clock reads `instant`. */
export async function until(instant: Date, clockOffset: number) {
  const wait = instant.getTime() - (Date.now() + clockOffset);
  if (wait > 0) await sleep(wait);
}

export type Counts = Record<string, Record<string, number>>;

/**
 * Per task (documentId): how many notifications of each kind its deadline under the faults rule has, and the same
 * for delivery rows — read straight from the database, the platform's record of what was delivered.
 */
export async function deliveriesByTask(db: Client, table: 'deadline_notifications' | 'deadline_deliveries'): Promise<Counts> {
  const link = `${table}_deadline_lnk`;
  const own = table === 'deadline_notifications' ? 'notification_id' : 'delivery_id';
  const { rows } = await db.query(
    `SELECT d.target_document_id AS task, x.kind, count(*)::int AS n
       FROM ${table} x
       JOIN ${link} l ON l.${own} = x.id
       JOIN deadlines d ON d.id = l.deadline_id
       JOIN deadlines_rule_lnk rl ON rl.deadline_id = d.id
       JOIN deadline_rules r ON r.id = rl.rule_id
      WHERE d.target_uid = $1 AND r.key = $2
      GROUP BY d.target_document_id, x.kind`,
    [TASK, FAULTS_RULE.key]
  );
  const counts: Counts = {};
  for (const row of rows) (counts[row.task] ??= {})[row.kind] = row.n;
  return counts;
}

/** How many deliveries of `kind` the given tasks have in all. */
export const total = (counts: Counts, tasks: string[], kind: string) => tasks.reduce((sum, task) => sum + (counts[task]?.[kind] ?? 0), 0);
