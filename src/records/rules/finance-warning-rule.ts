import { BOOLEAN_INDICATORS, CHANGE_COMPARISONS, type Comparison, type RuleIndicator } from '../../domain/finance-warnings';
import type { RecordRule } from '../rule';

/** 金融预警规则: a change over the previous period is a positive percentage, and a yes/no indicator has no change. */
export const financeWarningRuleRule: RecordRule = {
  uid: 'api::finance-warning-rule.finance-warning-rule',
  prepare({ issues, value }) {
    const comparison = value('comparison') as Comparison | undefined;
    const indicator = value('indicator') as RuleIndicator | undefined;
    if (!comparison || !CHANGE_COMPARISONS.includes(comparison)) return;
    if (indicator && BOOLEAN_INDICATORS.includes(indicator)) {
      issues.add('comparison', '「是/否」类指标不能与上期比较增减幅度', 'a yes/no indicator has no change over the previous period');
    }
    const threshold = value('threshold');
    if (threshold !== null && threshold !== undefined && !(Number(threshold) > 0)) {
      issues.add('threshold', '与上期比较时，阈值须为大于 0 的百分比', 'must be a percentage above 0 for a change over the previous period');
    }
  },
};
