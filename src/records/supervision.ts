import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import {
  DEFAULT_REPLY_WORKING_DAYS,
  escalationNoticeKey,
  findingNoticeKey,
  formatNoticeNumber,
} from '../domain/supervision';
import { shanghaiDate, shanghaiYear, ZONE } from '../domain/time';
import { nextSequenceValue } from './sequences';
import { asPlatform } from '../utils/actor';
import type { Row } from './rule';

export const INSPECTION = 'api::inspection.inspection';
export const NOTICE = 'api::supervision-notice.supervision-notice';
/** The deadline records of the deadlines plugin, read by uid only (records know no plugin). */
const DEADLINE = 'plugin::deadlines.deadline';
/** The event the deadlines plugin emits after an escalation's delivery commits. */
export const ESCALATION_EVENT = 'deadline.escalated';

export const newFindingKey = () => randomUUID().slice(0, 12);

/** 督办〔<year>〕N号, the next of the year (race-free, see sequences.ts). */
export async function nextNoticeNumber(strapi: Core.Strapi): Promise<string> {
  const year = shanghaiYear();
  const sequence = await nextSequenceValue(strapi, `supervision-notice-${year}`, async (value) =>
    Boolean(await strapi.db.query(NOTICE).findOne({ where: { number: formatNoticeNumber(year, value) }, select: ['id'] }))
  );
  return formatNoticeNumber(year, sequence);
}

/**
 * The last day to reply: `days` working days after `from` (the statutory calendar of the deadlines plugin, when it
 * is installed; Monday to Friday otherwise). The deadline rule 督办单 ends its deadline at the end of that day.
 */
export async function replyDueDate(strapi: Core.Strapi, from: Date, days: number): Promise<string> {
  const start = shanghaiDate(from);
  const calendar = strapi.plugin('deadlines')?.service('calendar');
  if (calendar) return (await calendar.get()).addWorkingDays(start, days).date;
  let day = DateTime.fromISO(start, { zone: ZONE });
  for (let left = days; left > 0; ) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day.toISODate()!;
}

/**
 * A finding with 下发督办单 ticked raises one notice to its bureau, once: the notice is stored under the finding's
 * key, so saving the inspection again (or ticking the box again) does not raise another. Runs in the inspection's
 * transaction, as the platform.
 */
export async function raiseFindingNotices(strapi: Core.Strapi, inspectionId: number) {
  const inspection = await strapi.db
    .query(INSPECTION)
    .findOne({ where: { id: inspectionId }, populate: { findings: { populate: { bureau: true, project: true } } } });
  if (!inspection) return;
  const due = ((inspection.findings ?? []) as Row[]).filter((finding) => finding.raiseNotice && finding.bureau && finding.key);
  if (!due.length) return;
  const keys = due.map((finding) => findingNoticeKey(inspection.documentId, finding.key));
  const raised = await strapi.db.query(NOTICE).findMany({ where: { sourceKey: { $in: keys } }, select: ['sourceKey'] });
  const done = new Set(raised.map((notice) => notice.sourceKey));
  for (const finding of due) {
    const sourceKey = findingNoticeKey(inspection.documentId, finding.key);
    if (done.has(sourceKey)) continue;
    done.add(sourceKey);
    await asPlatform(strapi, () =>
      strapi.documents(NOTICE as any).create({
        data: {
          bureau: finding.bureau.documentId,
          source: 'inspection_finding',
          sourceKey,
          inspection: inspection.documentId,
          project: finding.project?.documentId ?? null,
          issue: finding.issue,
          requirement: finding.requirement ?? null,
          replyWorkingDays: finding.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS,
        } as any,
      })
    );
  }
}

/** What the deadlines plugin sends with `deadline.escalated` (only what is read here). */
interface EscalationPayload {
  deadline?: { id?: number; documentId?: string; targetUid?: string; targetDocumentId?: string; targetTitle?: string; dueAt?: string } | null;
  rule?: { name?: string } | null;
  delivery?: { key?: string } | null;
}

const chineseDate = (instant: string | undefined) =>
  instant ? DateTime.fromISO(new Date(instant).toISOString(), { zone: ZONE }).toFormat('yyyy年M月d日') : '';

/**
 * An overdue item escalated to the office becomes a notice to the bureau responsible for it, once per escalation
 * (its delivery key). A notice's own escalation raises no notice about the notice.
 */
export async function noticeForEscalation(strapi: Core.Strapi, payload: EscalationPayload): Promise<Row | null> {
  const deadlineRef = payload?.deadline;
  const key = payload?.delivery?.key;
  if (!deadlineRef?.documentId || !key || deadlineRef.targetUid === NOTICE) return null;
  const sourceKey = escalationNoticeKey(key);
  return strapi.db.transaction(async () => {
    if (await strapi.db.query(NOTICE).findOne({ where: { sourceKey }, select: ['id'] })) return null;
    const deadline = await strapi.db.query(DEADLINE).findOne({ where: { documentId: deadlineRef.documentId }, populate: { bureau: true, rule: true } });
    if (!deadline?.bureau) return null;
    const ruleName = deadline.rule?.name ?? payload.rule?.name ?? '';
    const project = await projectOf(strapi, deadline.targetUid, deadline.targetDocumentId);
    return asPlatform(strapi, () =>
      strapi.documents(NOTICE as any).create({
        data: {
          bureau: deadline.bureau.documentId,
          source: 'overdue_escalation',
          sourceKey,
          sourceDeadline: deadline.id,
          sourceUid: deadline.targetUid,
          sourceDocumentId: deadline.targetDocumentId,
          project,
          issue: `「${deadline.targetTitle ?? ''}」已超过办理时限（${ruleName}，应于${chineseDate(deadline.dueAt)}前办结），经督办仍未办结。`,
          requirement: '请立即办理，并在回复时限内报送整改情况和逾期原因。',
          replyWorkingDays: DEFAULT_REPLY_WORKING_DAYS,
        } as any,
      })
    );
  });
}

/** The project an overdue item belongs to: the item itself, or its `project` relation when it has one. */
async function projectOf(strapi: Core.Strapi, uid: string, documentId: string): Promise<string | null> {
  if (uid === 'api::project.project') return documentId;
  const attribute = (strapi.getModel(uid as any)?.attributes as Record<string, any> | undefined)?.project;
  if (attribute?.type !== 'relation' || attribute.target !== 'api::project.project') return null;
  const row = await strapi.db.query(uid as any).findOne({ where: { documentId }, populate: { project: { select: ['documentId'] } } });
  return row?.project?.documentId ?? null;
}

/** Subscribes to the deadlines plugin's escalation event, by name. */
export function listenForEscalations(strapi: Core.Strapi) {
  strapi.eventHub.on(ESCALATION_EVENT, async (payload: EscalationPayload) => {
    try {
      await noticeForEscalation(strapi, payload);
    } catch (error) {
      strapi.log.warn(`[records] 逾期督办单生成失败 / escalation notice failed: ${(error as Error).message}`);
    }
  });
}
