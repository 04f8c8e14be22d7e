import {
  checkWarningState,
  evaluateWarnings,
  FINANCE_WATCH_CREDIT_LINE,
  isFinanceWatched,
  previousPeriodOf,
  warningAction,
  type WarningRule,
} from '../finance-warnings';

const rule = (over: Partial<WarningRule> & Pick<WarningRule, 'id' | 'indicator' | 'comparison' | 'threshold' | 'level'>): WarningRule => ({
  name: over.id,
  active: true,
  ...over,
});

const DEBT_YELLOW = rule({ id: 'debt-70', indicator: 'debtToAssetRatio', comparison: 'gt', threshold: 70, level: 'yellow' });
const DEBT_RED = rule({ id: 'debt-85', indicator: 'debtToAssetRatio', comparison: 'gt', threshold: 85, level: 'red' });
const OVERDUE = rule({ id: 'overdue', indicator: 'overdueLoans', comparison: 'gt', threshold: 0, level: 'red' });
const SQUEEZED = rule({ id: 'squeezed', indicator: 'loanBalance', comparison: 'change_down_pct', threshold: 20, level: 'yellow' });
const COVERAGE = rule({ id: 'coverage', indicator: 'interestCoverage', comparison: 'lt', threshold: 1, level: 'yellow' });

describe('who joins the financial early warning', () => {
  it('from a credit line of 50 000 万元 (5 亿元) on', () => {
    expect(FINANCE_WATCH_CREDIT_LINE).toBe(50000);
    expect(isFinanceWatched(50000)).toBe(true);
    expect(isFinanceWatched('120000.5')).toBe(true);
    expect(isFinanceWatched(49999.99)).toBe(false);
    expect(isFinanceWatched(null)).toBe(false);
    expect(isFinanceWatched('')).toBe(false);
  });
});

describe('warning rules on one period', () => {
  it('a threshold rule fires on the actual value, not on one at the threshold', () => {
    const at = evaluateWarnings([DEBT_YELLOW], { period: '2026-03', debtToAssetRatio: '70.00' }, null);
    expect(at).toEqual({ fired: [], level: null });
    const over = evaluateWarnings([DEBT_YELLOW], { period: '2026-03', debtToAssetRatio: '72.5' }, null);
    expect(over.level).toBe('yellow');
    expect(over.fired).toEqual([
      expect.objectContaining({ rule: 'debt-70', indicator: 'debtToAssetRatio', comparison: 'gt', threshold: 70, actual: 72.5, previous: null }),
    ]);
  });

  it.each([
    ['gte', 1, 1, true],
    ['gte', 1, 0.99, false],
    ['lt', 1, 0.8, true],
    ['lt', 1, 1, false],
    ['lte', 1, 1, true],
    ['eq', 0, 0, true],
    ['eq', 0, 2, false],
  ] as const)('%s %d against %d fires: %s', (comparison, threshold, actual, fires) => {
    const found = evaluateWarnings([rule({ id: 'r', indicator: 'interestCoverage', comparison, threshold, level: 'yellow' })], { interestCoverage: actual }, null);
    expect(found.fired.length > 0).toBe(fires);
  });

  it('a missing indicator fires nothing (an unreported value is not a zero)', () => {
    expect(evaluateWarnings([COVERAGE, OVERDUE], { period: '2026-03' }, null).fired).toEqual([]);
  });

  it('a yes/no indicator counts as 1 when true', () => {
    const changed = rule({ id: 'manager', indicator: 'managementChanged', comparison: 'eq', threshold: 1, level: 'yellow' });
    expect(evaluateWarnings([changed], { managementChanged: true }, null).level).toBe('yellow');
    expect(evaluateWarnings([changed], { managementChanged: false }, null).level).toBeNull();
  });

  it('an inactive rule never fires', () => {
    expect(evaluateWarnings([{ ...OVERDUE, active: false }], { overdueLoans: 500 }, null)).toEqual({ fired: [], level: null });
  });

  it('several rules firing: all are listed in the rules’ order, the level is the highest', () => {
    const found = evaluateWarnings([DEBT_YELLOW, DEBT_RED, OVERDUE, COVERAGE], { debtToAssetRatio: 88, overdueLoans: 0, interestCoverage: 0.6 }, null);
    expect(found.fired.map((item) => item.rule)).toEqual(['debt-70', 'debt-85', 'coverage']);
    expect(found.level).toBe('red');
    expect(evaluateWarnings([DEBT_YELLOW, COVERAGE], { debtToAssetRatio: 75, interestCoverage: 0.6 }, null).level).toBe('yellow');
  });
});

describe('warning rules over the previous period', () => {
  it('a fall of the loan balance by more than 20 % fires (抽贷压贷), with both values and the change', () => {
    const found = evaluateWarnings([SQUEEZED], { period: '2026-03', loanBalance: '7500' }, { period: '2026-02', loanBalance: '10000' });
    expect(found.level).toBe('yellow');
    expect(found.fired[0]).toMatchObject({ actual: 7500, previous: 10000, previousPeriod: '2026-02', changePct: -25 });
  });

  it('a fall of exactly 20 % or a rise does not', () => {
    expect(evaluateWarnings([SQUEEZED], { loanBalance: 8000 }, { loanBalance: 10000 }).fired).toEqual([]);
    expect(evaluateWarnings([SQUEEZED], { loanBalance: 12000 }, { loanBalance: 10000 }).fired).toEqual([]);
  });

  it('a rise by more than the threshold fires change_up_pct', () => {
    const up = rule({ id: 'private-up', indicator: 'privateFinancing', comparison: 'change_up_pct', threshold: 50, level: 'red' });
    expect(evaluateWarnings([up], { privateFinancing: 1600 }, { privateFinancing: 1000 }).fired[0]).toMatchObject({ changePct: 60, level: 'red' });
    expect(evaluateWarnings([up], { privateFinancing: 1400 }, { privateFinancing: 1000 }).fired).toEqual([]);
  });

  it('without a previous period, or without a positive previous value, a change rule does not fire', () => {
    expect(evaluateWarnings([SQUEEZED], { loanBalance: 1 }, null).fired).toEqual([]);
    expect(evaluateWarnings([SQUEEZED], { loanBalance: 1 }, { period: '2026-02' }).fired).toEqual([]);
    expect(evaluateWarnings([SQUEEZED], { loanBalance: 0 }, { loanBalance: 0 }).fired).toEqual([]);
  });

  it('the previous period is the latest one reported before, not necessarily the month before', () => {
    const periods = [{ period: '2025-12' }, { period: '2026-04' }, { period: '2026-01' }];
    expect(previousPeriodOf('2026-03', periods)).toEqual({ period: '2026-01' });
    expect(previousPeriodOf('2025-12', periods)).toBeNull();
  });
});

describe('the warning of an indicator record', () => {
  const red = evaluateWarnings([OVERDUE], { overdueLoans: 100 }, null);
  const both = evaluateWarnings([OVERDUE, COVERAGE], { overdueLoans: 100, interestCoverage: 0.5 }, null);
  const none = evaluateWarnings([OVERDUE], { overdueLoans: 0 }, null);

  it('is raised when a rule fires, not otherwise', () => {
    expect(warningAction(null, red)).toEqual({ kind: 'raise' });
    expect(warningAction(null, none)).toEqual({ kind: 'none' });
  });

  it('an open warning: the same fired again changes nothing; more or other rules update it; nothing firing clears it', () => {
    const open = { state: 'open' as const, firedRules: red.fired };
    expect(warningAction(open, evaluateWarnings([OVERDUE], { overdueLoans: 100 }, null))).toEqual({ kind: 'none' });
    expect(warningAction(open, both)).toEqual({ kind: 'update' });
    expect(warningAction(open, evaluateWarnings([OVERDUE], { overdueLoans: 200 }, null))).toEqual({ kind: 'update' });
    expect(warningAction(open, none)).toEqual({ kind: 'clear' });
  });

  it('a handled warning stays handled for the rules it was handled for, and opens again for a new one', () => {
    const handled = { state: 'handled' as const, firedRules: red.fired };
    expect(warningAction(handled, evaluateWarnings([OVERDUE], { overdueLoans: 300 }, null))).toEqual({ kind: 'none' });
    expect(warningAction(handled, none)).toEqual({ kind: 'none' });
    expect(warningAction(handled, both)).toEqual({ kind: 'reopen' });
  });

  it('a cleared warning opens again as soon as a rule fires', () => {
    const cleared = { state: 'cleared' as const, firedRules: red.fired };
    expect(warningAction(cleared, none)).toEqual({ kind: 'none' });
    expect(warningAction(cleared, red)).toEqual({ kind: 'reopen' });
  });
});

describe('handling a warning', () => {
  const bureau = { isSystem: false, isOffice: false };
  const office = { isSystem: false, isOffice: true };
  const system = { isSystem: true, isOffice: true };

  it('needs the financial service offered', () => {
    expect(checkWarningState('open', 'handled', '  ', bureau)).toEqual([{ code: 'service_required' }]);
    expect(checkWarningState('open', 'handled', '协调银行续贷 3000 万元', bureau)).toEqual([]);
  });

  it('only the office sends a handled warning back to open; only the platform clears or raises one', () => {
    expect(checkWarningState('handled', 'open', '续贷', bureau)).toEqual([{ code: 'reopen_office', from: 'handled', to: 'open' }]);
    expect(checkWarningState('handled', 'open', '续贷', office)).toEqual([]);
    expect(checkWarningState('open', 'cleared', null, office)).toEqual([{ code: 'system_only', to: 'cleared' }]);
    expect(checkWarningState('cleared', 'handled', '续贷', office)).toEqual([{ code: 'system_only', to: 'handled' }]);
    expect(checkWarningState(null, 'open', null, office)).toEqual([{ code: 'system_only', to: 'open' }]);
    expect(checkWarningState(null, 'open', null, system)).toEqual([]);
    expect(checkWarningState('open', 'cleared', null, system)).toEqual([]);
  });
});
