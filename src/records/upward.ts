import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  buildPayload,
  SUBJECTS,
  subjectOfUid,
  subjectTitle,
  triggerKey,
  upwardEvents,
  type UpwardEvent,
  type UpwardSubject,
  type UpwardTarget,
} from '../domain/upward';
import { asPlatform } from '../utils/actor';
import type { Row } from './rule';

export const UPWARD_REPORT = 'api::upward-report.upward-report';
export const UPWARD_SETTING = 'api::upward-setting.upward-setting';

/** What each kind of record's payload needs populated. */
const POPULATE: Record<UpwardSubject, Row> = {
  project: { applicantBureau: { select: ['code', 'name'] }, enterprise: { select: ['name', 'creditCode'] } },
  problem: {
    project: { select: ['code', 'name'] },
    reportingBureau: { select: ['code', 'name'] },
    leadBureau: { select: ['code', 'name'] },
  },
  credit_record: { enterprise: { select: ['name', 'creditCode', 'legalRepresentative'] }, project: { select: ['code', 'name'] } },
};

/** A record as its payload needs it (never through the document service: no scoping, no hooks). */
export function loadSubject(strapi: Core.Strapi, subject: UpwardSubject, where: { id: number } | { documentId: string }): Promise<Row | null> {
  return strapi.db.query(SUBJECTS[subject].uid as any).findOne({ where, populate: POPULATE[subject] });
}

/** Who made the write that raised a report: 「admin:3 office@…」, 「user:7 town-1」, 「token:2 城市平台」 or 「system」. */
export function describeCaller(strapi: Core.Strapi): string {
  const ctx = strapi.requestContext.get() as Row | undefined;
  const strategy: string | undefined = ctx?.state?.auth?.strategy?.name;
  if (!ctx || !strategy) return 'system';
  if (strategy === 'admin') return `admin:${ctx.state.user?.id ?? '?'} ${ctx.state.user?.email ?? ''}`.trim();
  if (strategy === 'content-api-token' || strategy === 'api-token') {
    const token = ctx.state.auth.credentials;
    return `token:${token?.id ?? '?'} ${token?.name ?? ''}`.trim();
  }
  return `user:${ctx.state.user?.id ?? '?'} ${ctx.state.user?.username ?? ''}`.trim();
}

/** The fields of a new report about `row`: its id, payload, key and first attempt due now. */
export function newReport(subject: UpwardSubject, row: Row, event: UpwardEvent, triggeredBy: string, target?: UpwardTarget): Row {
  const reportId = randomUUID();
  const now = new Date().toISOString();
  const to = target ?? SUBJECTS[subject].target;
  return {
    reportId,
    target: to,
    subjectType: subject,
    subjectUid: SUBJECTS[subject].uid,
    subjectDocumentId: row.documentId,
    title: subjectTitle(subject, row).slice(0, 255),
    event,
    payload: buildPayload({ reportId, target: to, event, subject, occurredAt: now }, row),
    triggeredBy: triggeredBy.slice(0, 255),
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    attemptLog: [],
    triggerKey: triggerKey(subject, row.documentId, event, reportId),
  };
}

/**
 * After commit, tries a new (or retried) report at once instead of waiting for the next sweep; the sweep is the
 * safety net if this process stops first. Registered on the current transaction (or run now outside one).
 */
export async function deliverAfterCommit(strapi: Core.Strapi, reportId: number) {
  const start = () =>
    void setImmediate(() => {
      void asPlatform(strapi, () => strapi.service(UPWARD_REPORT).deliverOne(reportId)).catch((error: Error) =>
        strapi.log.error(`[upward] 上报 ${reportId} 投递失败，等待下次核对 / delivery failed, left to the sweep: ${error.message}`)
      );
    });
  if (!strapi.db.inTransaction()) return start();
  await strapi.db.transaction(async ({ onCommit }) => onCommit(start));
}

/** Creates the report of one event unless the event was reported already (its key is taken). */
async function report(strapi: Core.Strapi, subject: UpwardSubject, row: Row, event: UpwardEvent, triggeredBy: string) {
  const key = triggerKey(subject, row.documentId, event);
  const taken = await strapi.db.query(UPWARD_REPORT).findOne({ where: { triggerKey: key }, select: ['id'] });
  if (taken) return;
  const created = await asPlatform(strapi, () =>
    strapi.documents(UPWARD_REPORT as any).create({ data: newReport(subject, row, event, triggeredBy) as any })
  );
  if (created) await deliverAfterCommit(strapi, (created as Row).id);
}

/**
 * The triggers of 向上报送: after a write of a project, problem or credit record, inside its transaction, each
 * event it raises (`upwardEvents`) becomes one report — so a rolled-back write reports nothing, and a record saved
 * twice reports once (the event's key is unique).
 */
export function upwardTriggersMiddleware(strapi: Core.Strapi) {
  return async (ctx: any, next: () => Promise<any>) => {
    const subject = subjectOfUid(ctx.uid);
    if (!subject || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    return strapi.db.transaction(async () => {
      const before =
        ctx.action === 'update' && ctx.params?.documentId
          ? await strapi.db.query(ctx.uid).findOne({ where: { documentId: ctx.params.documentId } })
          : null;
      const result = await next();
      if (!result?.id) return result;
      // the stored row decides (the result may lack fields a rule set); loaded with its relations only when it reports
      const stored = await strapi.db.query(ctx.uid).findOne({ where: { id: result.id } });
      const events = stored ? upwardEvents(subject, before, stored) : [];
      if (!events.length) return result;
      const after = await loadSubject(strapi, subject, { id: result.id });
      if (!after) return result;
      const caller = describeCaller(strapi);
      for (const event of events) await report(strapi, subject, after, event, caller);
      return result;
    });
  };
}
