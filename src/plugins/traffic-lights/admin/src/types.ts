/**
 * What the plugin's admin API answers (src/plugins/traffic-lights/server). The light vocabulary and the rule
 * thresholds are the server's own pure modules, shared as types.
 */
import type { BureauRef, Light, Reason } from '../../server/src/lights/types';
import type { RuleScope, Thresholds } from '../../server/src/lights/rules';

export type { BureauRef, Light, Reason, RuleScope, Thresholds };

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface Counts {
  red: number;
  yellow: number;
  green: number;
}

export interface UnitSummary extends Counts {
  bureau: BureauRef & { kind?: string | null };
  light: Light;
  /** The worst few; `reasonCount` says how many the unit has. */
  reasons: Reason[];
  reasonCount?: number;
  total: number;
}

/** GET /traffic-lights/summary */
export interface Summary {
  total: number;
  counts: Counts;
  units: UnitSummary[];
}

export interface NextDue {
  uid: string;
  documentId: string;
  title: string;
  dueAt: string | null;
  bureau: BureauRef | null;
}

/** A row of GET /traffic-lights/projects */
export interface ProjectLight {
  id: number;
  documentId: string;
  code: string | null;
  name: string;
  category: string | null;
  stage: string | null;
  applicantBureau: BureauRef | null;
  light: Light;
  lightReasons: Reason[] | null;
  lightChangedAt: string | null;
  nextDue: NextDue | null;
}

/** A month of GET /traffic-lights/trend, oldest first. */
export interface TrendMonth extends Counts {
  /** 'YYYY-MM' */
  month: string;
  turnedRed: number;
  turnedGreen: number;
}

/** A row of GET/PUT /traffic-lights/rules: the default row is complete, a category row has null for inherited fields. */
export interface RuleRowValues {
  scope: RuleScope;
  values: { [K in keyof Thresholds]: Thresholds[K] | null };
}

export interface RulesMeta {
  fields: Record<keyof Thresholds, { zh: string; en: string }>;
  scopes: Record<string, string>;
}
