import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RULE_SCOPES, THRESHOLD_FIELDS, resolveRules, validateRuleRow, type RuleRow, type RuleScope, type Thresholds } from '../lights/rules';
import { RULE } from '../uids';

type Row = Record<string, any>;

const toRow = (record: Row | undefined, scope: RuleScope): RuleRow => ({
  scope,
  values: Object.fromEntries(THRESHOLD_FIELDS.map((field) => [field, record?.[field] ?? null])) as Partial<Thresholds>,
});

/**
 * The office's light rules: one row of defaults and one per project category (empty fields inherit the default),
 * stored as 亮灯规则 records. Read on every pass, so a change made on any instance applies everywhere.
 */
const rules = ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => strapi.db.query(RULE as any).findMany({}) as Promise<Row[]>;

  async function list(): Promise<RuleRow[]> {
    const found = await records();
    return RULE_SCOPES.map((scope) => toRow(found.find((record) => record.scope === scope), scope));
  }

  return {
    list,

    /** Thresholds per project category, as in force now. */
    async resolver(): Promise<(category: string | null | undefined) => Thresholds> {
      return resolveRules(await list());
    },

    /**
     * Replaces the rows given (by scope); every row is checked first and any error is a 400 naming the row and
     * field, with nothing written. The rule writes recompute every light (document middleware).
     */
    async save(input: unknown): Promise<RuleRow[]> {
      const problems: Array<{ path: Array<string | number>; message: string }> = [];
      if (!Array.isArray(input)) problems.push({ path: ['data'], message: '规则须为数组 / data must be an array of rule rows' });
      const rows = (Array.isArray(input) ? input : []) as Row[];
      const seen = new Set<string>();
      const current = await list();
      const defaults = (rows.find((row) => row?.scope === 'default')?.values ?? current[0].values) as Row;
      rows.forEach((row, index) => {
        if (!row || typeof row !== 'object' || typeof row.values !== 'object' || row.values === null) {
          problems.push({ path: ['data', index], message: `第 ${index + 1} 行格式错误 / row ${index + 1} must be { scope, values }` });
          return;
        }
        for (const field of Object.keys(row.values)) {
          if (!(THRESHOLD_FIELDS as string[]).includes(field)) problems.push({ path: ['data', index, 'values', field], message: `未知字段 ${field} / unknown field ${field}` });
        }
        if (seen.has(row.scope)) problems.push({ path: ['data', index, 'scope'], message: `适用范围重复：${row.scope} / scope ${row.scope} given twice` });
        seen.add(row.scope);
        const base = row.scope === 'default' ? undefined : ({ ...(resolveRules([{ scope: 'default', values: defaults }])(null)) } as Thresholds);
        for (const error of validateRuleRow(row, base)) {
          problems.push({ path: ['data', index, ...(error.field === 'scope' ? ['scope'] : ['values', error.field])], message: error.message });
        }
      });
      if (problems.length) {
        throw new errors.ValidationError(problems.map((problem) => problem.message).join('；'), {
          errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
        });
      }
      const existing = await records();
      await strapi.db.transaction(async () => {
        for (const row of rows) {
          const data = { scope: row.scope, ...toRow(row.values, row.scope).values };
          const record = existing.find((candidate) => candidate.scope === row.scope);
          if (record) await strapi.documents(RULE as any).update({ documentId: record.documentId, data: data as any });
          else await strapi.documents(RULE as any).create({ data: data as any });
        }
      });
      return list();
    },

    /** The default row, once (SPEC 5's thresholds); the office edits it afterwards. */
    async seed() {
      if (await strapi.db.query(RULE as any).findOne({ where: { scope: 'default' } })) return;
      await strapi.documents(RULE as any).create({ data: { scope: 'default', ...resolveRules([])(null) } as any });
    },
  };
};

export type RulesService = ReturnType<typeof rules>;
export default rules;
