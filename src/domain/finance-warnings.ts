/**
 * 金融风险预警 (work plan §4.3): enterprises with a credit line of 5 亿元 or more are watched; their periodic
 * indicators are checked against the warning rules the 区金融监管局 configures. Pure: no Strapi import.
 */

/** 授信额度 5 亿元, in 万元: from this credit line on an enterprise joins the financial early warning. */
export const FINANCE_WATCH_CREDIT_LINE = 50000;

export const isFinanceWatched = (creditLine: unknown): boolean => {
  if (creditLine === null || creditLine === undefined || creditLine === '') return false;
  const value = Number(creditLine);
  return Number.isFinite(value) && value >= FINANCE_WATCH_CREDIT_LINE;
};

/** The incidents that affect an enterprise's operation (突出事件), counted per period. */
export const INCIDENT_INDICATORS = [
  'safetyAccidents',
  'criminalCases',
  'petitions',
  'mediaExposures',
  'environmentalIncidents',
  'illegalFundraising',
] as const;

/**
 * The indicators a rule may test: every numeric indicator of a finance indicator record (amounts in 万元,
 * ratios in %, turnovers in times, counts of incidents) and the management change flag (true = 1).
 */
export const RULE_INDICATORS = [
  // 经营指标
  'outputValue',
  'profitAndTax',
  'electricityConsumption',
  'managementChanged',
  // 财务指标
  'debtToAssetRatio',
  'totalAssetTurnover',
  'currentAssetTurnover',
  'receivablesTurnover',
  'equityRatio',
  'interestCoverage',
  'netAssets',
  // 银行信贷及融资情况
  'loanBalance',
  'offBalanceFinancing',
  'lenderCount',
  'repaymentsDueSoon',
  'externalGuarantees',
  'overdueLoans',
  'loansWithdrawn',
  'bondFinancing',
  'privateFinancing',
  // 突出事件
  ...INCIDENT_INDICATORS,
] as const;
export type RuleIndicator = (typeof RULE_INDICATORS)[number];

/** Indicators that are a yes/no: compared as 1/0, never by a change over the previous period. */
export const BOOLEAN_INDICATORS: RuleIndicator[] = ['managementChanged'];

export const COMPARISONS = ['gt', 'gte', 'lt', 'lte', 'eq', 'change_up_pct', 'change_down_pct'] as const;
export type Comparison = (typeof COMPARISONS)[number];
/** Comparisons with the previous period's value: the threshold is a percentage of it. */
export const CHANGE_COMPARISONS: Comparison[] = ['change_up_pct', 'change_down_pct'];

export type WarningLevel = 'yellow' | 'red';
const LEVEL_RANK: Record<WarningLevel, number> = { yellow: 1, red: 2 };

export interface WarningRule {
  /** documentId of the stored rule (or any stable id). */
  id: string;
  name: string;
  indicator: string;
  comparison: Comparison;
  threshold: number | string;
  level: WarningLevel;
  active?: boolean | null;
}

/** One period's indicators (a stored finance indicator record). */
export type Indicators = Record<string, unknown> & { period?: string };

export interface FiredRule {
  rule: string;
  name: string;
  indicator: string;
  comparison: Comparison;
  threshold: number;
  level: WarningLevel;
  /** The value this period. */
  actual: number;
  /** The previous period's value (change comparisons only). */
  previous: number | null;
  previousPeriod: string | null;
  /** The change over the previous period in % (change comparisons only), rounded to 0.01. */
  changePct: number | null;
}

export interface WarningEvaluation {
  fired: FiredRule[];
  /** The highest level among the fired rules; null when none fired. */
  level: WarningLevel | null;
}

/** A number from a stored value: decimals come back as strings, booleans count as 1/0, empty is null. */
export function numeric(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Whether one rule fires on this period's indicators (with the previous period's for change comparisons). */
export function fire(rule: WarningRule, current: Indicators, previous: Indicators | null): FiredRule | null {
  if (rule.active === false) return null;
  const actual = numeric(current[rule.indicator]);
  const threshold = numeric(rule.threshold);
  if (actual === null || threshold === null) return null;
  const base = { rule: rule.id, name: rule.name, indicator: rule.indicator, comparison: rule.comparison, threshold, level: rule.level, actual };

  if (CHANGE_COMPARISONS.includes(rule.comparison)) {
    const before = previous ? numeric(previous[rule.indicator]) : null;
    // a change in % needs a positive base: no previous period, or nothing before, tells nothing
    if (before === null || before <= 0) return null;
    const changePct = ((actual - before) / before) * 100;
    const fires = rule.comparison === 'change_up_pct' ? changePct > threshold : -changePct > threshold;
    return fires ? { ...base, previous: before, previousPeriod: previous?.period ?? null, changePct: round2(changePct) } : null;
  }

  const fires =
    rule.comparison === 'gt'
      ? actual > threshold
      : rule.comparison === 'gte'
        ? actual >= threshold
        : rule.comparison === 'lt'
          ? actual < threshold
          : rule.comparison === 'lte'
            ? actual <= threshold
            : actual === threshold;
  return fires ? { ...base, previous: null, previousPeriod: null, changePct: null } : null;
}

/** Every active rule against one period's indicators: what fired (in the rules' order) and the highest level. */
export function evaluateWarnings(rules: WarningRule[], current: Indicators, previous: Indicators | null): WarningEvaluation {
  const fired = rules.map((rule) => fire(rule, current, previous)).filter((item): item is FiredRule => item !== null);
  return { fired, level: highestLevel(fired.map((item) => item.level)) };
}

export function highestLevel(levels: WarningLevel[]): WarningLevel | null {
  return levels.reduce<WarningLevel | null>((worst, level) => (!worst || LEVEL_RANK[level] > LEVEL_RANK[worst] ? level : worst), null);
}

/** The latest period before `period` among an enterprise's periods (the "previous period" of a change). */
export function previousPeriodOf<T extends { period: string }>(period: string, others: T[]): T | null {
  return others.filter((other) => other.period < period).sort((a, b) => (a.period < b.period ? 1 : -1))[0] ?? null;
}

export type WarningState = 'open' | 'handled' | 'cleared';

/** What to do with an indicator's warning after its indicators were (re)evaluated. */
export type WarningAction =
  | { kind: 'none' }
  | { kind: 'raise' }
  /** the open warning's fired rules or values changed: update it, the clock keeps running */
  | { kind: 'update' }
  /** nothing fires any more on an open warning: it is cleared (no service needed), its deadline cancelled */
  | { kind: 'clear' }
  /** a handled or cleared warning fires again with rules it was not raised or handled for: open again */
  | { kind: 'reopen' };

/** A comparable fingerprint of what fired (rule, level and values). */
export const firedSignature = (fired: Array<Pick<FiredRule, 'rule' | 'level' | 'actual' | 'previous'>>) =>
  fired
    .map((item) => `${item.rule}:${item.level}:${item.actual}:${item.previous ?? ''}`)
    .sort()
    .join('|');

/**
 * The warning lifecycle. One warning per indicator record:
 * - none yet: raised when some rule fires;
 * - open: updated when what fired changed, cleared when nothing fires any more, untouched when the same fires
 *   (saving the same indicators twice changes nothing and notifies nobody);
 * - handled: stays handled while only rules it was handled for fire; reopened when a rule fires that was not
 *   among them (the service offered then did not address it);
 * - cleared: reopened as soon as a rule fires again.
 */
export function warningAction(existing: { state: WarningState; firedRules: FiredRule[] | null } | null, evaluation: WarningEvaluation): WarningAction {
  const fires = evaluation.fired.length > 0;
  if (!existing) return fires ? { kind: 'raise' } : { kind: 'none' };
  const before = existing.firedRules ?? [];
  switch (existing.state) {
    case 'open':
      if (!fires) return { kind: 'clear' };
      return firedSignature(before) === firedSignature(evaluation.fired) ? { kind: 'none' } : { kind: 'update' };
    case 'handled': {
      const known = new Set(before.map((item) => item.rule));
      return evaluation.fired.some((item) => !known.has(item.rule)) ? { kind: 'reopen' } : { kind: 'none' };
    }
    case 'cleared':
      return fires ? { kind: 'reopen' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

export type WarningStateIssue =
  | { code: 'service_required' }
  | { code: 'system_only'; to: WarningState }
  | { code: 'reopen_office'; from: WarningState; to: WarningState };

/**
 * Who may move a warning where: the bureau handles an open warning by recording the financial service offered;
 * only the office sends a handled warning back to open; `cleared` is the platform's alone (indicators back to
 * normal), both ways.
 */
export function checkWarningState(
  from: WarningState | null,
  to: WarningState,
  serviceOffered: unknown,
  who: { isSystem: boolean; isOffice: boolean }
): WarningStateIssue[] {
  const issues: WarningStateIssue[] = [];
  if (to === 'handled' && !(typeof serviceOffered === 'string' && serviceOffered.trim())) issues.push({ code: 'service_required' });
  if (who.isSystem || from === to) return issues;
  if (to === 'cleared' || from === 'cleared' || from === null) issues.push({ code: 'system_only', to });
  else if (from === 'handled' && to === 'open' && !who.isOffice) issues.push({ code: 'reopen_office', from, to });
  return issues;
}
