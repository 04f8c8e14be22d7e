import type { Core } from '@strapi/strapi';
import type { Condition } from '../rules/conditions';
import type { RuleTiming } from '../rules/evaluate';
import type { Escalation, Offset } from '../schedule/actions';
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

/** Active rules per content type, cached until a rule changes. */
const rules = ({ strapi }: { strapi: Core.Strapi }) => {
  let byUid: Promise<Map<string, DeadlineRule[]>> | null = null;

  async function load() {
    const rows = (await strapi.db.query(RULE).findMany({ where: { active: true }, orderBy: { id: 'asc' } })) as DeadlineRule[];
    const map = new Map<string, DeadlineRule[]>();
    for (const row of rows) map.set(row.contentType, [...(map.get(row.contentType) ?? []), row]);
    return map;
  }

  return {
    async forUid(uid: string): Promise<DeadlineRule[]> {
      byUid ??= load().catch((error) => {
        byUid = null;
        throw error;
      });
      return (await byUid).get(uid) ?? [];
    },
    async byId(id: number): Promise<DeadlineRule | null> {
      return (await strapi.db.query(RULE).findOne({ where: { id } })) as DeadlineRule | null;
    },
    invalidate() {
      byUid = null;
    },
  };
};

export type RulesService = ReturnType<typeof rules>;
export default rules;
