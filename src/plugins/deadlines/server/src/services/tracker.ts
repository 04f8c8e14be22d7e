import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { evaluate, fieldsRead, type Evaluation } from '../rules/evaluate';
import { ZONE } from '../schedule/jobs';
import { DEADLINE } from '../uids';
import { createLookup, relationHeads } from './lookup';
import type { DeadlineRule, Dependent } from './rules';

type Row = Record<string, any>;

/** Why a due instant moved, kept in each deadline's history. */
export type ChangeReason = 'record' | 'rule' | 'calendar' | 'extension';
const reason = new AsyncLocalStorage<ChangeReason>();

export const instanceKey = (ruleId: number, uid: string, documentId: string) => `${ruleId}:${uid}:${documentId}`;

const service = (name: string, strapi: Core.Strapi) => strapi.plugin('deadlines').service(name);

/** Saves a record again with no change of its own, as the platform (no request: the record rules see the system). */
const resave = (strapi: Core.Strapi, uid: string, documentId: string): Promise<unknown> => {
  let saved: unknown;
  return strapi.requestContext
    .run(undefined as any, async () => {
      saved = await strapi.documents(uid as any).update({ documentId, data: {} as any });
    })
    .then(() => saved);
};

/**
 * Keeps one deadline per record and rule: computes the due instant before the record is written (so the
 * record's due field is part of the same write), then creates or updates the deadline in the same
 * transaction, and hands it to the scheduler once committed.
 */
const tracker = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Document-service middleware for every content type some rule covers. */
  async handle(ctx: any, next: () => Promise<any>) {
    if (!['create', 'update', 'delete'].includes(ctx.action) || String(ctx.uid).startsWith('plugin::deadlines.')) return next();
    const rules: DeadlineRule[] = await service('rules', strapi).forUid(ctx.uid);
    if (ctx.action === 'delete') return rules.length ? this.cancelOnDelete(ctx, next, rules) : next();
    const write = () => (rules.length ? this.trackWrite(ctx, next, rules) : next());
    const dependents: Dependent[] = ctx.action === 'update' ? await service('rules', strapi).dependentsOf(ctx.uid) : [];
    const data = ctx.params?.data ?? {};
    const changing = dependents.filter((dependent) => dependent.fields.some((field) => field in data));
    if (!changing.length) return write();
    return strapi.db.transaction(async () => {
      const result = await write();
      if (result?.id) await this.recomputeDependents(changing, result.id);
      return result;
    });
  },

  /**
   * A rule may read a related record (an opinion's `preAssessment.state`): when that record changes, the records
   * pointing at it are saved again in the same transaction, so returning a pre-assessment cancels its opinions'
   * deadlines.
   */
  async recomputeDependents(dependents: Dependent[], id: number) {
    for (const { contentType, relation } of dependents) {
      const rows = await strapi.db.query(contentType as any).findMany({ where: { [relation]: { id } }, select: ['documentId'] });
      for (const row of rows) await resave(strapi, contentType, row.documentId);
    }
  },

  async trackWrite(ctx: any, next: () => Promise<any>, rules: DeadlineRule[]) {
    return strapi.db.transaction(async ({ onCommit }) => {
      const now = new Date();
      const params = ctx.params ?? (ctx.params = {});
      const data: Row = params.data ?? (params.data = {});
      const paths = rules.flatMap(fieldsRead);
      const current =
        ctx.action === 'update'
          ? await strapi.db
              .query(ctx.uid)
              .findOne({ where: { documentId: params.documentId }, populate: relationHeads(strapi, ctx.uid, paths) })
          : null;
      if (ctx.action === 'update' && !current) return next();

      // a record created with a documentId it had before (restored after a delete) takes its deadlines back
      const knownId: string | undefined = current?.documentId ?? (typeof data.documentId === 'string' ? data.documentId : undefined);
      const existing = knownId ? await this.instancesOf(ctx.uid, knownId) : [];
      const lookup = await createLookup(strapi, ctx.uid, data, current, paths, now);
      const calendar = await service('calendar', strapi).get();
      const why = reason.getStore();
      const evaluations = rules.map((rule) => {
        const instance = existing.find((row) => row.rule?.id === rule.id) ?? null;
        let evaluation = evaluate(rule, lookup.get, calendar, now, instance?.extendedDueDate);
        // a met or cancelled deadline is history: a changed rule or calendar does not move it
        const settled = instance?.dueAt && ['met', 'cancelled'].includes(instance.state) && evaluation.state === instance.state;
        if ((why === 'rule' || why === 'calendar') && settled && evaluation.started) {
          evaluation = { ...evaluation, dueAt: new Date(instance.dueAt), dueDate: instance.dueDate, fallback: Boolean(instance.fallback) };
        }
        // the due field is the server's: whatever a client sent is replaced
        if (rule.dueField) data[rule.dueField] = evaluation.started ? evaluation.dueAt!.toISOString() : null;
        return { rule, instance, evaluation };
      });

      const result = await next();
      if (!result?.documentId) return result;
      for (const { rule, instance, evaluation } of evaluations) {
        const bureauId = await lookup.relationId(rule.bureauField);
        const saved = await this.upsert(rule, ctx.uid, result, evaluation, instance, bureauId, now);
        if (saved) onCommit(() => void service('scheduler', strapi).sync(saved.row, saved.previousVersion));
      }
      return result;
    });
  },

  /** Creates or updates the deadline of one record under one rule; null when there is nothing to keep. */
  async upsert(
    rule: DeadlineRule,
    uid: string,
    record: Row,
    evaluation: Evaluation,
    instance: Row | null,
    bureauId: number | null,
    now: Date
  ): Promise<{ row: Row; previousVersion: number | null } | null> {
    if (!evaluation.started && !instance) return null;
    const dueAt = evaluation.dueAt?.toISOString() ?? instance?.dueAt ?? null;
    const previousDue = instance?.dueAt ? new Date(instance.dueAt).toISOString() : null;
    const dueMoved = Boolean(instance) && evaluation.started && previousDue !== dueAt;

    let state: string = evaluation.started ? evaluation.state : 'cancelled';
    if (state === 'pending' && dueAt && new Date(dueAt) < now) state = 'overdue';
    const data: Row = {
      targetTitle: titleOf(record),
      bureau: bureauId,
      startAt: evaluation.startAt?.toISOString() ?? instance?.startAt ?? null,
      dueAt,
      dueDate: evaluation.dueDate ?? instance?.dueDate ?? null,
      fallback: evaluation.fallback,
      state,
      metAt: state === 'met' ? (instance?.metAt ?? now.toISOString()) : null,
      cancelledAt: state === 'cancelled' ? (instance?.cancelledAt ?? now.toISOString()) : null,
      overdueAt: state === 'overdue' ? (instance?.overdueAt ?? now.toISOString()) : instance?.overdueAt ?? null,
    };

    if (!instance) {
      const row = await strapi.documents(DEADLINE as any).create({
        data: {
          ...data,
          rule: rule.id,
          instanceKey: instanceKey(rule.id, uid, record.documentId),
          targetUid: uid,
          targetDocumentId: record.documentId,
          version: 1,
          history: [{ at: now.toISOString(), dueAt, reason: 'created' }],
        } as any,
      });
      return { row: { ...row, rule }, previousVersion: null };
    }

    const unchanged =
      !dueMoved && instance.state === state && instance.targetTitle === data.targetTitle && (instance.bureau?.id ?? null) === bureauId;
    if (unchanged) return null;
    const history = [...(instance.history ?? [])];
    if (dueMoved) history.push({ at: now.toISOString(), from: previousDue, dueAt, reason: reason.getStore() ?? 'record' });
    if (instance.state !== state) history.push({ at: now.toISOString(), state, reason: reason.getStore() ?? 'record' });
    const row = await strapi.documents(DEADLINE as any).update({
      documentId: instance.documentId,
      data: { ...data, history, version: dueMoved ? instance.version + 1 : instance.version } as any,
    });
    return { row: { ...row, rule }, previousVersion: instance.version };
  },

  async cancelOnDelete(ctx: any, next: () => Promise<any>, _rules: DeadlineRule[]) {
    return strapi.db.transaction(async ({ onCommit }) => {
      const documentId = ctx.params?.documentId;
      const result = await next();
      const now = new Date().toISOString();
      for (const instance of await this.instancesOf(ctx.uid, documentId)) {
        if (['met', 'cancelled'].includes(instance.state)) continue;
        const history = [...(instance.history ?? []), { at: now, state: 'cancelled', reason: 'deleted' }];
        const row = await strapi.documents(DEADLINE as any).update({
          documentId: instance.documentId,
          data: { state: 'cancelled', cancelledAt: now, history } as any,
        });
        onCommit(() => void service('scheduler', strapi).sync({ ...row, rule: instance.rule }, instance.version));
      }
      return result;
    });
  },

  async instancesOf(uid: string, documentId: string): Promise<Row[]> {
    return strapi.db.query(DEADLINE).findMany({
      where: { targetUid: uid, targetDocumentId: documentId },
      populate: { rule: true, bureau: { select: ['id'] } },
    });
  },

  /**
   * Recomputes deadlines after a rule or the calendar changed: each affected record is saved again with no
   * change of its own, so the same middleware recomputes its due field and deadline, with `why` in the history.
   */
  async recompute(
    why: ChangeReason,
    filter: { ruleId?: number; contentType?: string; workingDaysOnly?: boolean; days?: string[] }
  ) {
    const rules: DeadlineRule[] = filter.ruleId
      ? [await service('rules', strapi).byId(filter.ruleId)].filter(Boolean)
      : await strapi.db.query('plugin::deadlines.rule').findMany({ where: { active: true } });
    const touched = new Set<string>();
    for (const rule of rules) {
      if (filter.workingDaysOnly && rule.durationKind !== 'working_days' && !(rule.reminders ?? []).some((r) => r.workingDays)) continue;
      const uid = filter.contentType ?? rule.contentType;
      if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) continue;
      const open = await strapi.db.query(DEADLINE).findMany({
        where: { rule: { id: rule.id }, state: { $in: ['pending', 'overdue'] }, ...spanning(filter.days) },
        select: ['targetDocumentId'],
      });
      // a changed or new rule may also apply to records that have no deadline yet
      const all = filter.ruleId ? await strapi.db.query(uid as any).findMany({ select: ['documentId'] }) : [];
      for (const documentId of new Set([...open.map((row) => row.targetDocumentId), ...all.map((row) => row.documentId)])) {
        const key = `${uid}:${documentId}`;
        if (touched.has(key)) continue;
        touched.add(key);
        await reason
          .run(why, () => resave(strapi, uid, documentId))
          .catch((error) => strapi.log.warn(`[deadlines] 重新计算期限失败 / recompute failed for ${key}: ${error.message}`));
      }
    }
    return touched.size;
  },

  /** Saves a record again so its deadlines follow an approved extension. */
  async touch(uid: string, documentId: string, why: ChangeReason) {
    return reason.run(why, () => resave(strapi, uid, documentId));
  },
});

/**
 * The open deadlines a changed calendar day can move: those whose span, from their start to their due date,
 * includes one of the days (a day after the due date or before the start changes nothing). No days: all of them.
 */
function spanning(days?: string[]): Row {
  if (!days?.length) return {};
  return {
    $or: days.map((day) => ({
      startAt: { $lte: DateTime.fromISO(day, { zone: ZONE }).endOf('day').toJSDate() },
      dueDate: { $gte: day },
    })),
  };
}

/** A human title for a deadline's record: its title or name, else its type and id. */
function titleOf(record: Row): string {
  return String(record.title ?? record.name ?? record.code ?? `#${record.id}`).slice(0, 255);
}

export type TrackerService = ReturnType<typeof tracker>;
export default tracker;
