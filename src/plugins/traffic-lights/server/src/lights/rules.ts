import { PROJECT_CATEGORIES, type ProjectCategory } from './types';

/**
 * Light rules and thresholds (pure). The office keeps one row of defaults and, per project category, a row whose
 * filled fields override them; an empty field inherits the default.
 */
export interface Thresholds {
  /** An open item due within this many working days (0 = due today) is yellow. */
  dueSoonWorkingDays: number;
  /** Overdue by up to this many working days is yellow; by more, red. */
  overdueYellowMaxWorkingDays: number;
  /** The start slipped by more than this many months (0: at all) is yellow. */
  startSlipYellowMonths: number;
  /** The start slipped by more than this many months is red. */
  startSlipRedMonths: number;
  /** Investment this many points or more behind the time-elapsed schedule is yellow. */
  scheduleYellowPoints: number;
  /** More than this many points behind is red. */
  scheduleRedPoints: number;
  /** An unresolved urgent (特别重大) problem past its due turns the light red. */
  urgentProblemRed: boolean;
  /** A blacklisted investing enterprise turns the project red. */
  blacklistRed: boolean;
}

export type RuleScope = 'default' | ProjectCategory;
export const RULE_SCOPES: readonly RuleScope[] = ['default', ...PROJECT_CATEGORIES];

export interface RuleRow {
  scope: RuleScope;
  values: Partial<Thresholds>;
}

/** SPEC 5: yellow within one working day or up to 3 overdue, up to a month's slip, 10–30 points behind. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  dueSoonWorkingDays: 1,
  overdueYellowMaxWorkingDays: 3,
  startSlipYellowMonths: 0,
  startSlipRedMonths: 1,
  scheduleYellowPoints: 10,
  scheduleRedPoints: 30,
  urgentProblemRed: true,
  blacklistRed: true,
});

export const THRESHOLD_FIELDS = Object.keys(DEFAULT_THRESHOLDS) as Array<keyof Thresholds>;

type Field = keyof Thresholds;

/** Chinese and English names of each field, for labels and for 400s that name the field. */
export const FIELD_LABELS: Readonly<Record<Field, { zh: string; en: string }>> = {
  dueSoonWorkingDays: { zh: '临期提醒（工作日）', en: 'due-soon window (working days)' },
  overdueYellowMaxWorkingDays: { zh: '逾期黄灯上限（工作日）', en: 'overdue working days still yellow' },
  startSlipYellowMonths: { zh: '开工延误黄灯（月）', en: 'start slip for yellow (months)' },
  startSlipRedMonths: { zh: '开工延误红灯（月）', en: 'start slip for red (months)' },
  scheduleYellowPoints: { zh: '落后序时进度黄灯（百分点）', en: 'points behind schedule for yellow' },
  scheduleRedPoints: { zh: '落后序时进度红灯（百分点）', en: 'points behind schedule for red' },
  urgentProblemRed: { zh: '特别重大问题逾期亮红灯', en: 'urgent problem past due is red' },
  blacklistRed: { zh: '投资方失信亮红灯', en: 'blacklisted enterprise is red' },
};

const LIMITS: Readonly<Record<Exclude<Field, 'urgentProblemRed' | 'blacklistRed'>, [number, number]>> = {
  dueSoonWorkingDays: [0, 30],
  overdueYellowMaxWorkingDays: [0, 60],
  startSlipYellowMonths: [0, 24],
  startSlipRedMonths: [1, 24],
  scheduleYellowPoints: [0, 100],
  scheduleRedPoints: [0, 100],
};

const BOOLEAN_FIELDS: readonly Field[] = ['urgentProblemRed', 'blacklistRed'];

export interface RuleError {
  field: Field | 'scope';
  message: string;
}

/**
 * What is wrong with one row: unknown scope, a value of the wrong kind or out of range, or thresholds that cross
 * (red before yellow) once the row is merged over the defaults. Messages are Chinese / English and name the field.
 */
export function validateRuleRow(row: { scope?: unknown; values?: Record<string, unknown> }, defaults: Thresholds = DEFAULT_THRESHOLDS): RuleError[] {
  const errors: RuleError[] = [];
  if (!RULE_SCOPES.includes(row.scope as RuleScope)) {
    errors.push({ field: 'scope', message: `适用范围无效 / scope must be one of ${RULE_SCOPES.join(', ')}` });
    return errors;
  }
  const isDefault = row.scope === 'default';
  const values = row.values ?? {};
  for (const field of THRESHOLD_FIELDS) {
    const value = values[field];
    const { zh, en } = FIELD_LABELS[field];
    if (value === null || value === undefined || value === '') {
      if (isDefault) errors.push({ field, message: `${zh}不能为空 / ${field} (${en}) is required in the default rules` });
      continue;
    }
    if (BOOLEAN_FIELDS.includes(field)) {
      if (typeof value !== 'boolean') errors.push({ field, message: `${zh}必须为是或否 / ${field} (${en}) must be true or false` });
      continue;
    }
    const [min, max] = LIMITS[field as keyof typeof LIMITS];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      errors.push({ field, message: `${zh}必须是 ${min} 到 ${max} 之间的整数 / ${field} (${en}) must be an integer from ${min} to ${max}` });
    }
  }
  if (errors.length) return errors;
  const merged = { ...defaults, ...compact(values as Partial<Thresholds>) };
  if (merged.startSlipRedMonths < merged.startSlipYellowMonths) {
    errors.push({ field: 'startSlipRedMonths', message: '开工延误红灯月数不能小于黄灯月数 / startSlipRedMonths must not be below startSlipYellowMonths' });
  }
  if (merged.scheduleRedPoints < merged.scheduleYellowPoints) {
    errors.push({ field: 'scheduleRedPoints', message: '序时进度红灯百分点不能小于黄灯百分点 / scheduleRedPoints must not be below scheduleYellowPoints' });
  }
  return errors;
}

/** The filled fields only (null and undefined mean "inherit"). */
export function compact(values: Partial<Thresholds>): Partial<Thresholds> {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => THRESHOLD_FIELDS.includes(key as Field) && value !== null && value !== undefined)) as Partial<Thresholds>;
}

/** Thresholds per category: the default row over the built-in defaults, each category's filled fields over that. */
export function resolveRules(rows: RuleRow[]): (category: string | null | undefined) => Thresholds {
  const byScope = new Map(rows.map((row) => [row.scope, compact(row.values)]));
  const base: Thresholds = { ...DEFAULT_THRESHOLDS, ...(byScope.get('default') ?? {}) };
  const resolved = new Map<string, Thresholds>(PROJECT_CATEGORIES.map((category) => [category, { ...base, ...(byScope.get(category) ?? {}) }]));
  return (category) => (category && resolved.get(category)) || base;
}
