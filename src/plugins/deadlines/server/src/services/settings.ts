import type { Core } from '@strapi/strapi';
import { currentActor } from '../../../../../utils/actor';
import { findRow, toOneTarget } from '../../../../../utils/relations';
import { validationError } from '../../../../../utils/validation';
import { mayChangeSettings } from '../permissions';
import { ruleProblems } from '../rules/validate';
import { CALENDAR_OVERRIDE, DEADLINE, EXTENSION, RULE } from '../uids';
import type { ChangeReason } from './tracker';
import { refusal } from '../../../../../utils/refusal';

type Row = Record<string, any>;
const service = (name: string, strapi: Core.Strapi) => strapi.plugin('deadlines').service(name);

/** Every document-service action that writes (the reads are findOne, findMany, findFirst and count). */
const WRITES = ['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'];

/**
 * The office's settings act on open deadlines: a changed rule or calendar recomputes them (after commit, in
 * the background), an approved extension moves one. Recomputations still running can be awaited with `idle()`.
 */
const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const running = new Set<Promise<unknown>>();

  function later(why: ChangeReason, filter: Parameters<ReturnType<typeof service>['recompute']>[1]) {
    const job = Promise.resolve()
      .then(() => service('tracker', strapi).recompute(why, filter))
      .catch((error: Error) => strapi.log.error(`[deadlines] 重新计算失败 / recompute failed: ${error.message}`))
      .finally(() => running.delete(job));
    running.add(job);
  }

  return {
    async handle(ctx: any, next: () => Promise<any>) {
      // rules and calendar corrections are the deadline settings, whatever path writes them (the content manager too)
      if ((ctx.uid === RULE || ctx.uid === CALENDAR_OVERRIDE) && WRITES.includes(ctx.action) && !mayChangeSettings(strapi)) {
        throw refusal(
          '没有“修改期限设置”权限，不能修改期限规则或工作日历 / changing deadline rules or the working calendar needs the “change deadline settings” permission'
        );
      }
      if (ctx.uid === RULE) return this.rule(ctx, next);
      if (ctx.uid === CALENDAR_OVERRIDE) return this.calendar(ctx, next);
      if (ctx.uid === EXTENSION) return this.extension(ctx, next);
      return next();
    },

    async rule(ctx: any, next: () => Promise<any>) {
      if (!['create', 'update', 'delete'].includes(ctx.action)) return next();
      return strapi.db.transaction(async ({ onCommit }) => {
        if (ctx.action !== 'delete') {
          const current = ctx.action === 'update' ? await strapi.db.query(RULE).findOne({ where: { documentId: ctx.params.documentId } }) : null;
          const merged = { ...current, ...ctx.params.data };
          const problems = ruleProblems(merged, (uid) => strapi.getModel(uid as any) as any);
          if (problems.length) throw validationError(RULE, problems.map((p) => ({ path: [p.field], zh: p.zh, en: p.en })));
        }
        const result = await next();
        onCommit(() => {
          service('rules', strapi).invalidate();
          if (result?.id && ctx.action !== 'delete') later('rule', { ruleId: result.id });
        });
        return result;
      });
    },

    async calendar(ctx: any, next: () => Promise<any>) {
      if (!['create', 'update', 'delete'].includes(ctx.action)) return next();
      return strapi.db.transaction(async ({ onCommit }) => {
        // the days whose kind changes: the override's date before and after the write
        const before =
          ctx.action === 'create'
            ? null
            : await strapi.db.query(CALENDAR_OVERRIDE).findOne({ where: { documentId: ctx.params.documentId }, select: ['date'] });
        const result = await next();
        const days = [before?.date, ctx.action === 'delete' ? null : result?.date].filter(Boolean).map(String);
        onCommit(() => {
          service('calendar', strapi).invalidate();
          if (days.length) later('calendar', { workingDaysOnly: true, days: [...new Set(days)] });
        });
        return result;
      });
    },

    /** 延期: asked by the responsible bureau with a reason and a later date; decided by the office, once. */
    async extension(ctx: any, next: () => Promise<any>) {
      if (!['create', 'update'].includes(ctx.action)) return next();
      return strapi.db.transaction(async () => {
        const data: Row = ctx.params.data ?? (ctx.params.data = {});
        const current =
          ctx.action === 'update'
            ? await strapi.db.query(EXTENSION).findOne({ where: { documentId: ctx.params.documentId }, populate: ['deadline'] })
            : null;
        // any shape the REST API, the admin panel ({ connect: [...] }) or code sends; undefined = left alone
        const ref = toOneTarget(data.deadline);
        const deadline: Row | null =
          ref !== undefined
            ? await findRow(strapi, DEADLINE, ref, ['bureau'])
            : current?.deadline
              ? await findRow(strapi, DEADLINE, { id: current.deadline.id }, ['bureau'])
              : null;
        const issues: Array<{ path: string[]; zh: string; en: string }> = [];
        if (!deadline) issues.push({ path: ['deadline'], zh: '必须指定要延期的期限', en: 'is required' });
        const from = current?.state ?? 'pending';
        const to = data.state ?? from;
        const actor = currentActor(strapi);
        if (from !== 'pending') {
          // a decision is final: neither it nor what was decided on changes afterwards
          const decided = { zh: '延期申请已处理，不能再改', en: 'the request has already been decided' };
          if (to !== from) issues.push({ path: ['state'], ...decided });
          if ('requestedDueDate' in data && String(data.requestedDueDate ?? '') !== String(current?.requestedDueDate ?? '')) {
            issues.push({ path: ['requestedDueDate'], ...decided });
          }
          if (ref !== undefined && deadline?.id !== current?.deadline?.id) issues.push({ path: ['deadline'], ...decided });
        }
        if (to !== 'pending' && from === 'pending' && !actor.isOffice) {
          issues.push({ path: ['state'], zh: '延期须由协调办公室批准或驳回', en: 'only the coordination office can decide an extension' });
        }
        const requested = data.requestedDueDate ?? current?.requestedDueDate;
        if (deadline && requested && deadline.dueDate && String(requested) <= String(deadline.dueDate) && from === 'pending') {
          issues.push({ path: ['requestedDueDate'], zh: `须晚于现有期限 ${deadline.dueDate}`, en: `must be after the current due date ${deadline.dueDate}` });
        }
        if (deadline && from === 'pending' && ['met', 'cancelled'].includes(deadline.state)) {
          issues.push({ path: ['deadline'], zh: '该事项已办结或已取消，无需延期', en: 'the deadline is already met or cancelled' });
        }
        if (issues.length) throw validationError(EXTENSION, issues);
        if (ctx.action === 'create' && !data.requestedBy && deadline?.bureau) data.requestedBy = deadline.bureau.documentId;
        if (to !== from) data.decidedAt = new Date().toISOString();

        const result = await next();
        if (to === 'approved' && from === 'pending' && deadline) {
          await strapi.documents(EXTENSION as any).update({ documentId: result.documentId, data: { previousDueAt: deadline.dueAt } as any });
          await strapi.documents(DEADLINE as any).update({ documentId: deadline.documentId, data: { extendedDueDate: requested } as any });
          await service('tracker', strapi).touch(deadline.targetUid, deadline.targetDocumentId, 'extension');
        }
        return result;
      });
    },

    /** Resolves when every recomputation started so far has finished. */
    async idle() {
      while (running.size) await Promise.all([...running]);
    },
  };
};

export type SettingsService = ReturnType<typeof settings>;
export default settings;
