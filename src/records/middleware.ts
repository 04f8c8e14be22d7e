import type { Core } from '@strapi/strapi';
import { currentActor } from '../utils/actor';
import { Issues } from '../utils/validation';
import { findRow, toOneTarget } from '../utils/relations';
import { isRestoring } from '../utils/restore';
import type { RecordRule, Row, WriteContext } from './rule';

/**
 * One document-service middleware runs every record rule: whatever path a write takes (REST, admin
 * panel, internal code), its checks run first and its side effects commit or roll back with it.
 */
export function recordRulesMiddleware(strapi: Core.Strapi, rules: RecordRule[]) {
  const byUid = new Map(rules.map((rule) => [rule.uid, rule]));

  return async (ctx: any, next: () => Promise<any>) => {
    const rule = byUid.get(ctx.uid);
    if (!rule) return next();
    if (ctx.action === 'create' && isRestoring()) return restore(rule, ctx, next);
    if (ctx.action === 'create' || ctx.action === 'update') return write(rule, ctx, next);
    if (ctx.action === 'delete' && (rule.beforeDelete || rule.afterDelete)) return remove(rule, ctx, next);
    return next();
  };

  async function write(rule: RecordRule, ctx: any, next: () => Promise<any>) {
    return strapi.db.transaction(async () => {
      const params = ctx.params ?? (ctx.params = {});
      const data: Row = params.data ?? (params.data = {});
      const current =
        ctx.action === 'update'
          ? await strapi.db.query(ctx.uid).findOne({ where: { documentId: params.documentId }, populate: rule.populate })
          : null;
      if (ctx.action === 'update' && !current) return next();

      const attributes = strapi.getModel(ctx.uid).attributes as Record<string, any>;
      const write: WriteContext = {
        strapi,
        uid: ctx.uid,
        action: ctx.action,
        data,
        current,
        actor: currentActor(strapi),
        issues: new Issues(ctx.uid),
        value: (field) => (field in data ? data[field] : current?.[field]),
        async related(field, populate) {
          const target = attributes[field]?.target;
          const ref = toOneTarget(data[field]);
          if (ref === undefined) {
            const existing = current?.[field];
            if (!existing) return null;
            return populate ? findRow(strapi, target, { id: existing.id }, populate) : existing;
          }
          return findRow(strapi, target, ref, populate);
        },
        async claimKey(keyField, key, clash) {
          const other = await strapi.db.query(ctx.uid).findOne({
            where: { [keyField]: key, ...(current ? { id: { $ne: current.id } } : {}) },
            select: ['id'],
          });
          if (other) write.issues.add(clash.field, clash.zh, clash.en);
          data[keyField] = key;
        },
      };

      await rule.prepare?.(write);
      write.issues.throwIfAny();
      const result = await next();
      if (result && rule.afterWrite) await rule.afterWrite(write, result);
      return result;
    });
  }

  /**
   * A record back from the recycle bin is written as it was when deleted (it passed its rules then): no checks, stamps
   * or fan-out; only the derived values of other records that it counts in are recomputed.
   */
  async function restore(rule: RecordRule, ctx: any, next: () => Promise<any>) {
    return strapi.db.transaction(async () => {
      const result = await next();
      if (result && rule.afterRestore) await rule.afterRestore(strapi, result);
      return result;
    });
  }

  async function remove(rule: RecordRule, ctx: any, next: () => Promise<any>) {
    return strapi.db.transaction(async () => {
      const current = await strapi.db
        .query(ctx.uid)
        .findOne({ where: { documentId: ctx.params?.documentId }, populate: rule.populate });
      if (!current) return next();
      await rule.beforeDelete?.(strapi, current, currentActor(strapi));
      const result = await next();
      await rule.afterDelete?.(strapi, current);
      return result;
    });
  }
}
