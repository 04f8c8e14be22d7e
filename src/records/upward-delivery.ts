import type { Core } from '@strapi/strapi';
import {
  afterAttempt,
  DEFAULT_DELIVERY,
  excerpt,
  isDelivered,
  sign,
  TARGET_FIELDS,
  UPWARD_TARGETS,
  type AttemptOutcome,
  type UpwardTarget,
} from '../domain/upward';
import { lockRow } from '../utils/row-lock';
import type { Row } from './rule';
import { asPlatform } from '../utils/actor';
import { UPWARD_REPORT, UPWARD_SETTING } from './upward';

/** A claimed report's lease beyond the request timeout: past it, another pass may take the report over. */
const LEASE_MARGIN_MS = 30_000;
/** How many reports one pass sends at once. */
const PARALLEL = 4;
const PAGE = 100;
/** Attempts kept in a report's `attemptLog`. */
const LOG_SIZE = 20;

export interface Endpoint {
  enabled: boolean;
  url: string | null;
  secret: string | null;
}

export interface DeliverySettings {
  maxAttempts: number;
  backoffSeconds: number;
  timeoutSeconds: number;
  endpoints: Record<UpwardTarget, Endpoint>;
}

/** The settings as stored (secrets included: read straight from the database, never through the API). */
export async function deliverySettings(strapi: Core.Strapi): Promise<DeliverySettings> {
  const row = ((await strapi.db.query(UPWARD_SETTING).findOne({})) ?? {}) as Row;
  const endpoints = Object.fromEntries(
    UPWARD_TARGETS.map((target) => {
      const prefix = TARGET_FIELDS[target];
      const url = row[`${prefix}Url`] || null;
      const secret = row[`${prefix}Secret`] || null;
      return [target, { enabled: Boolean(row[`${prefix}Enabled`] && url && secret), url, secret }];
    })
  ) as Record<UpwardTarget, Endpoint>;
  const positive = (value: unknown, fallback: number) => (Number.isInteger(value) && (value as number) > 0 ? (value as number) : fallback);
  return {
    maxAttempts: positive(row.maxAttempts, DEFAULT_DELIVERY.maxAttempts),
    backoffSeconds: positive(row.backoffSeconds, DEFAULT_DELIVERY.backoffSeconds),
    timeoutSeconds: positive(row.timeoutSeconds, DEFAULT_DELIVERY.timeoutSeconds),
    endpoints,
  };
}

const isDue = (row: Row, now: Date) =>
  ['pending', 'delivering'].includes(row.state) && (!row.nextAttemptAt || new Date(row.nextAttemptAt).getTime() <= now.getTime());

/**
 * Takes one due report for an attempt: re-read in its own transaction (its row locked on PostgreSQL; SQLite
 * serialises writers), still due, and its target enabled → `delivering`, one more attempt, leased until the request
 * can no longer be running. Of two passes (or instances) reaching it at once only the first gets it.
 */
async function claim(strapi: Core.Strapi, id: number, settings: DeliverySettings): Promise<Row | null> {
  return strapi.db.transaction(async ({ trx }) => {
    if (!(await lockRow(strapi, trx, UPWARD_REPORT, id))) return null;
    const row = await strapi.db.query(UPWARD_REPORT).findOne({ where: { id } });
    const now = new Date();
    if (!row || !isDue(row, now) || !settings.endpoints[row.target as UpwardTarget]?.enabled) return null;
    const attempts = (row.attempts ?? 0) + 1;
    const lease = new Date(now.getTime() + settings.timeoutSeconds * 1000 + LEASE_MARGIN_MS);
    await strapi.documents(UPWARD_REPORT as any).update({
      documentId: row.documentId,
      data: { state: 'delivering', attempts, lastAttemptAt: now.toISOString(), nextAttemptAt: lease.toISOString() } as any,
    });
    return { ...row, attempts, lastAttemptAt: now };
  });
}

interface Sent extends AttemptOutcome {
  body?: string | null;
  ms: number;
}

/** One POST of the report's payload, signed with the target's secret; never throws. */
export async function send(endpoint: Endpoint, report: Row, timeoutSeconds: number): Promise<Sent> {
  const started = Date.now();
  const body = JSON.stringify(report.payload);
  const timestamp = String(Math.floor(started / 1000));
  try {
    const response = await fetch(endpoint.url!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'lanshan-major-projects/upward-report',
        'X-Report-Id': String(report.reportId),
        'X-Report-Target': String(report.target),
        'X-Timestamp': timestamp,
        'X-Signature': sign(endpoint.secret!, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    const answer = await response.text().catch(() => '');
    const ok = isDelivered(response.status);
    return { ok, status: response.status, body: answer, error: ok ? null : `HTTP ${response.status}`, ms: Date.now() - started };
  } catch (error) {
    const err = error as Error & { cause?: Error };
    const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? `超时（${timeoutSeconds} 秒）/ timed out` : err.cause?.message || err.message;
    return { ok: false, status: null, error: reason, ms: Date.now() - started };
  }
}

/** Records an attempt's outcome, unless another pass took the report over meanwhile (its lease ran out). */
async function finish(strapi: Core.Strapi, claimed: Row, sent: Sent, settings: DeliverySettings) {
  await strapi.db.transaction(async ({ trx }) => {
    await lockRow(strapi, trx, UPWARD_REPORT, claimed.id);
    const row = await strapi.db.query(UPWARD_REPORT).findOne({ where: { id: claimed.id } });
    if (!row || row.state !== 'delivering' || row.attempts !== claimed.attempts) return;
    const now = new Date();
    const next = afterAttempt(row.attempts, sent, settings, now);
    const entry = { at: claimed.lastAttemptAt.toISOString(), attempt: row.attempts, status: sent.status ?? null, error: sent.error ?? null, ms: sent.ms };
    await strapi.documents(UPWARD_REPORT as any).update({
      documentId: row.documentId,
      data: {
        state: next.state,
        nextAttemptAt: next.nextAttemptAt?.toISOString() ?? null,
        responseStatus: sent.status ?? null,
        responseBody: excerpt(sent.body),
        lastError: sent.ok ? null : excerpt(sent.error, 1000),
        deliveredAt: sent.ok ? now.toISOString() : null,
        attemptLog: [...(row.attemptLog ?? []), entry].slice(-LOG_SIZE),
      } as any,
    });
  });
}

/** One attempt at one report, if it is due and its target enabled; returns whether an attempt was made. */
export async function deliverOne(strapi: Core.Strapi, id: number, given?: DeliverySettings): Promise<boolean> {
  const settings = given ?? (await deliverySettings(strapi));
  const claimed = await claim(strapi, id, settings);
  if (!claimed) return false;
  const sent = await send(settings.endpoints[claimed.target as UpwardTarget], claimed, settings.timeoutSeconds);
  await finish(strapi, claimed, sent, settings);
  return true;
}

/**
 * Every due report of an enabled target gets an attempt: new ones, those whose back-off has passed, and those left
 * `delivering` by a process that stopped mid-request (their lease ran out). Runs on start and every few seconds
 * through the deadline scheduler; returns how many attempts it made.
 */
export async function sweep(strapi: Core.Strapi): Promise<number> {
  return asPlatform(strapi, async () => {
    const settings = await deliverySettings(strapi);
    const targets = UPWARD_TARGETS.filter((target) => settings.endpoints[target].enabled);
    if (!targets.length) return 0;
    let made = 0;
    for (let lastId = 0; ; ) {
      const rows = await strapi.db.query(UPWARD_REPORT).findMany({
        where: {
          id: { $gt: lastId },
          state: { $in: ['pending', 'delivering'] },
          target: { $in: targets },
          $or: [{ nextAttemptAt: { $null: true } }, { nextAttemptAt: { $lte: new Date() } }],
        },
        orderBy: { id: 'asc' },
        limit: PAGE,
        select: ['id'],
      });
      if (!rows.length) break;
      lastId = rows[rows.length - 1].id;
      for (let i = 0; i < rows.length; i += PARALLEL) {
        const results = await Promise.all(
          rows.slice(i, i + PARALLEL).map(({ id }) =>
            deliverOne(strapi, id, settings).catch((error: Error) => {
              strapi.log.error(`[upward] 上报 ${id} 投递出错，等待下次核对 / delivery error, left to the next pass: ${error.message}`);
              return false;
            })
          )
        );
        made += results.filter(Boolean).length;
      }
    }
    return made;
  });
}
