import type { Core } from '@strapi/strapi';
import type { Condition } from '../rules/conditions';
import { fieldsRead, type RuleTiming } from '../rules/evaluate';
import type { Escalation, Offset } from '../schedule/actions';
import { databaseCache } from '../../../../../utils/cache';
import { RULE } from '../uids';

/** A deadline rule as stored: timing, conditions, who is responsible, when to remind and escalate. */
export interface DeadlineRule extends RuleTiming {
  id: number;
  documentId: string;
  key?: string | null;
  name: string;
  contentType: string;
  dueField?: string | null;
  bureauField?: string | null;
  reminders?: Offset[] | null;
  escalations?: Escalation[] | null;
  deliverOnNonWorkingDays?: boolean | null;
  active: boolean;
  startWhen?: Condition | null;
}

/** Records whose deadlines read another type's fields through a relation (`preAssessment.state` of an opinion). */
export interface Dependent {
  contentType: string;
  /** The relation on `contentType` that points at the written type. */
  relation: string;
  /** The fields of the written type the rules read through it. */
  fields: string[];
}

/** Active rules per content type, cached until a rule changes. */
const rules = ({ strapi }: { strapi: Core.Strapi }) => {
  let dependents = new Map<string, Dependent[]>();

  async function load() {
    const rows = (await strapi.db.query(RULE).findMany({ where: { active: true }, orderBy: { id: 'asc' } })) as DeadlineRule[];
    const map = new Map<string, DeadlineRule[]>();
    for (const row of rows) map.set(row.contentType, [...(map.get(row.contentType) ?? []), row]);
    return map;
  }

  const byUid = databaseCache(strapi, load);
  const loaded = () => byUid.get();

  return {
    async forUid(uid: string): Promise<DeadlineRule[]> {
      return (await loaded()).get(uid) ?? [];
    },
    /** Which records must be recomputed when a record of `uid` changes, because a rule reads it through a relation. */
    async dependentsOf(uid: string): Promise<Dependent[]> {
      const cached = dependents.get(uid);
      if (cached) return cached;
      const found = new Map<string, Dependent>();
      for (const list of (await loaded()).values()) {
        for (const rule of list) {
          const attributes = (strapi.getModel(rule.contentType as any)?.attributes ?? {}) as Record<string, any>;
          for (const path of fieldsRead(rule)) {
            const [head, ...rest] = path.split('.');
            if (!rest.length || attributes[head]?.type !== 'relation' || attributes[head].target !== uid) continue;
            const key = `${rule.contentType}:${head}`;
            const entry = found.get(key) ?? { contentType: rule.contentType, relation: head, fields: [] };
            entry.fields = [...new Set([...entry.fields, rest.join('.')])];
            found.set(key, entry);
          }
        }
      }
      const list = [...found.values()];
      dependents.set(uid, list);
      return list;
    },
    async byId(id: number): Promise<DeadlineRule | null> {
      return (await strapi.db.query(RULE).findOne({ where: { id } })) as DeadlineRule | null;
    },
    invalidate() {
      byUid.invalidate();
      dependents = new Map();
    },
  };
};

export type RulesService = ReturnType<typeof rules>;
export default rules;
