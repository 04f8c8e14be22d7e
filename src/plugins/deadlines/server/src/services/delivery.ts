import type { Core } from '@strapi/strapi';
import { shanghaiDate, type WorkingCalendar } from '../calendar/working-calendar';
import { DEADLINE_EVENTS } from '../events';
import { deliveryKey, planActions, type PlannedAction } from '../schedule/actions';
import type { DeliveryJob, JobOutcome } from '../schedule/jobs';
import { noticeText, type NoticeText } from '../schedule/messages';
import { overduePatch } from '../schedule/overdue';
import { BUREAU, DEADLINE, DELIVERY, NOTIFICATION } from '../uids';
import { lockRow } from '../../../../../utils/row-lock';

type Row = Record<string, any>;
type Planned = { dueAt: Date; action: PlannedAction };

const CLOSED = ['met', 'cancelled'];
/** A job may fire this much before its plan without counting as early (timer and clock granularity). */
const EARLY_TOLERANCE_MS = 1000;

const dropped = (reason: string): JobOutcome => ({ status: 'dropped', reason });

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

/** PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE: the unique index on the delivery key refused a second row. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const codes = [e?.code, e?.cause?.code].map(String);
  return codes.includes('23505') || codes.some((code) => code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) || /UNIQUE constraint failed|duplicate key value/i.test(String(e?.message ?? ''));
}

/**
 * Delivers one planned action of a deadline exactly once, whatever runs the job and however often: in one
 * transaction it re-reads the deadline (row-locked on PostgreSQL), drops stale or pointless jobs, records the
 * delivery under its unique key, writes the notification and sends the e-mail; the webhook event follows the commit.
 */
const delivery = ({ strapi }: { strapi: Core.Strapi }) => {
  const calendar = (): Promise<WorkingCalendar> => strapi.plugin('deadlines').service('calendar').get();

  /** Reads the deadline; on PostgreSQL first locks its row, so that jobs of one deadline run one after another. */
  async function readDeadline(trx: any, id: number): Promise<Row | null> {
    if (!(await lockRow(strapi, trx, DEADLINE, id))) return null;
    return strapi.db.query(DEADLINE).findOne({ where: { id }, populate: { rule: true, bureau: true } });
  }

  /** Why the job must not deliver (now), or what it delivers: the current plan decides, not the job's data. */
  async function plan(deadline: Row | null, job: DeliveryJob): Promise<JobOutcome | Planned> {
    if (!deadline) return dropped('deadline deleted');
    if (deadline.version !== job.version) return dropped('superseded version');
    if (CLOSED.includes(deadline.state)) return dropped(deadline.state);
    if (!deadline.rule?.active) return dropped('rule inactive');
    if (!deadline.dueAt) return dropped('no due instant');
    const dueAt = new Date(deadline.dueAt);
    const now = Date.now();
    if (job.kind === 'reminder' && now >= dueAt.getTime()) return dropped('due instant passed');
    const action = planActions(dueAt, deadline.rule, await calendar()).find((a) => a.kind === job.kind && a.step === job.step);
    if (!action) return dropped('no longer planned');
    if (action.runAt.getTime() - now > EARLY_TOLERANCE_MS) return { status: 'early', runAt: action.runAt };
    return { dueAt, action };
  }

  /** The overdue notice also marks a still-pending deadline overdue (unless the reconcile's sweep did already). */
  async function markOverdue(deadline: Row, at: Date): Promise<Row> {
    const patch = overduePatch(deadline, at);
    if (!patch) return deadline;
    const updated = await strapi.documents(DEADLINE as any).update({ documentId: deadline.documentId, data: patch as any });
    return { ...deadline, ...updated, rule: deadline.rule, bureau: deadline.bureau };
  }

  /** Who is told: the responsible bureau, or for an escalation the office, the responsible bureau or a bureau code. */
  async function recipient(deadline: Row, job: DeliveryJob, to: string | undefined): Promise<Row | null> {
    if (job.kind !== 'escalation' || to === 'responsible') return deadline.bureau ?? null;
    const where = !to || to === 'office' ? { kind: 'office' } : { code: to };
    const bureau = await strapi.db.query(BUREAU).findOne({ where, orderBy: { id: 'asc' } });
    if (!bureau) strapi.log.warn(`[deadlines] 督办对象不存在 / escalation target not found: ${to}`);
    return bureau;
  }

  /** E-mail only through a configured provider (not the default sendmail) and to a bureau that has an address. */
  async function email(bureau: Row | null, text: NoticeText) {
    const provider = strapi.config.get('plugin::email.provider', 'sendmail');
    if (!bureau?.email || provider === 'sendmail' || !strapi.plugin('email')) return;
    // the HTML part is the plain text escaped: a record's title is user input, never markup in a mail client
    const html = `<p>${escapeHtml(text.message)}</p>`;
    await strapi.plugin('email').service('email').send({ to: bureau.email, subject: text.title, text: text.message, html });
  }

  async function notify(deadline: Row, job: DeliveryJob, planned: Planned, bureau: Row | null, at: Date) {
    const days = (await calendar()).workingDaysBetween(shanghaiDate(planned.dueAt), shanghaiDate(at));
    const text = noticeText({
      kind: job.kind,
      ruleName: deadline.rule.name,
      targetTitle: deadline.targetTitle,
      bureauName: deadline.bureau?.name,
      dueAt: planned.dueAt,
      overdueWorkingDays: Math.max(0, days),
    });
    const notification = await strapi.documents(NOTIFICATION as any).create({
      data: {
        bureau: bureau?.id ?? null,
        deadline: deadline.id,
        kind: job.kind,
        title: text.title,
        message: text.message,
        dueAt: planned.dueAt.toISOString(),
        targetUid: deadline.targetUid,
        targetDocumentId: deadline.targetDocumentId,
      } as any,
    });
    return { text, notification };
  }

  /** What webhook subscribers receive (Strapi adds `event` and `createdAt`). */
  function payload(deadline: Row, job: DeliveryJob, key: string, bureau: Row | null, notification: Row) {
    const pick = (row: Row | null, fields: string[]) => (row ? Object.fromEntries(fields.map((field) => [field, row[field] ?? null])) : null);
    return {
      deadline: pick(deadline, ['id', 'documentId', 'targetUid', 'targetDocumentId', 'targetTitle', 'state', 'dueAt', 'dueDate', 'version']),
      rule: pick(deadline.rule, ['id', 'documentId', 'key', 'name']),
      delivery: { key, kind: job.kind, step: job.step },
      bureau: pick(bureau, ['id', 'documentId', 'code', 'name']),
      notification: pick(notification, ['id', 'documentId', 'title', 'message']),
    };
  }

  async function deliverIn({ trx, onCommit }: { trx: any; onCommit: (cb: () => void) => void }, job: DeliveryJob): Promise<JobOutcome> {
    const deadline = await readDeadline(trx, job.deadlineId);
    const planned = await plan(deadline, job);
    if ('status' in planned) return planned;
    const key = deliveryKey(deadline!.id, job.kind, job.step, planned.dueAt);
    // on PostgreSQL a failed insert aborts the transaction: look first, the unique index is the last line of defence
    if (await strapi.db.query(DELIVERY).findOne({ where: { key }, select: ['id'] })) return { status: 'duplicate' };
    const at = new Date();
    const current = job.kind === 'overdue' ? await markOverdue(deadline!, at) : deadline!;
    await strapi.documents(DELIVERY as any).create({
      data: { key, deadline: current.id, kind: job.kind, step: job.step, dueAt: planned.dueAt.toISOString(), deliveredAt: at.toISOString() } as any,
    });
    const bureau = await recipient(current, job, planned.action.to ?? job.to);
    const { text, notification } = await notify(current, job, planned, bureau, at);
    await email(bureau, text);
    const event = payload(current, job, key, bureau, notification);
    onCommit(() => {
      strapi.eventHub.emit(DEADLINE_EVENTS[job.kind], event).catch((error: Error) => strapi.log.warn(`[deadlines] webhook 事件失败 / event failed: ${error.message}`));
    });
    return { status: 'delivered' };
  }

  return {
    /** Delivers a job's action once; a concurrent duplicate that slips past the look-up ends as `duplicate`. */
    async deliver(job: DeliveryJob): Promise<JobOutcome> {
      try {
        return await strapi.db.transaction((tx) => deliverIn(tx as any, job));
      } catch (error) {
        if (isUniqueViolation(error)) return { status: 'duplicate' };
        throw error;
      }
    },
  };
};

export type DeliveryService = ReturnType<typeof delivery>;
export default delivery;
