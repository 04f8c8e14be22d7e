import type { Core } from '@strapi/strapi';
import { FINANCE_WATCH_CREDIT_LINE, INCIDENT_INDICATORS } from '../domain/finance-warnings';
import { fieldLabel } from '../domain/labels';
import { FINANCE_INDICATOR, FINANCE_WARNING_RULE } from '../records/finance-warnings';

const incident = (indicator: string) => {
  const label = fieldLabel(FINANCE_INDICATOR, indicator).replace(/（.*$/, '');
  return {
    key: `incident-${indicator}`,
    name: `突出事件：发生${label}`,
    indicator,
    comparison: 'gt',
    threshold: 0,
    level: 'red',
    description: `《工作方案》四.3：${label}属于影响企业生产经营的突出事件，发生即红色预警。`,
  };
};

/**
 * The default warning rules (work plan §4.3, SPEC §3 finance-warning), seeded once by key; afterwards they are the
 * 区金融监管局's to edit, switch off or add to.
 */
export const DEFAULT_FINANCE_WARNING_RULES = [
  { key: 'debt-ratio-70', name: '资产负债率超过 70%', indicator: 'debtToAssetRatio', comparison: 'gt', threshold: 70, level: 'yellow' },
  { key: 'debt-ratio-85', name: '资产负债率超过 85%', indicator: 'debtToAssetRatio', comparison: 'gt', threshold: 85, level: 'red' },
  { key: 'overdue-loans', name: '出现逾期贷款', indicator: 'overdueLoans', comparison: 'gt', threshold: 0, level: 'red' },
  { key: 'loan-balance-down-20', name: '抽贷压贷：贷款余额较上期下降超过 20%', indicator: 'loanBalance', comparison: 'change_down_pct', threshold: 20, level: 'yellow' },
  { key: 'loans-withdrawn', name: '抽贷压贷：报告有被抽贷压贷金额', indicator: 'loansWithdrawn', comparison: 'gt', threshold: 0, level: 'yellow' },
  { key: 'interest-coverage-below-1', name: '利息备付率低于 1', indicator: 'interestCoverage', comparison: 'lt', threshold: 1, level: 'yellow' },
  { key: 'net-assets-negative', name: '净资产为负', indicator: 'netAssets', comparison: 'lt', threshold: 0, level: 'red' },
  { key: 'electricity-down-30', name: '用电量较上期下降超过 30%', indicator: 'electricityConsumption', comparison: 'change_down_pct', threshold: 30, level: 'yellow' },
  { key: 'output-down-30', name: '产值较上期下降超过 30%', indicator: 'outputValue', comparison: 'change_down_pct', threshold: 30, level: 'yellow' },
  { key: 'management-changed', name: '经营者发生变动', indicator: 'managementChanged', comparison: 'eq', threshold: 1, level: 'yellow' },
  { key: 'private-financing', name: '存在民间融资', indicator: 'privateFinancing', comparison: 'gt', threshold: 0, level: 'yellow' },
  ...INCIDENT_INDICATORS.map(incident),
];

/** Creates the default rules that are missing, by key; never touches one that exists (edited or switched off). */
export async function seedFinanceWarningRules(strapi: Core.Strapi) {
  const existing = new Set((await strapi.db.query(FINANCE_WARNING_RULE).findMany({ select: ['key'] })).map((row) => row.key));
  for (const rule of DEFAULT_FINANCE_WARNING_RULES) {
    if (existing.has(rule.key)) continue;
    await strapi.documents(FINANCE_WARNING_RULE as any).create({ data: { ...rule, active: true } as any });
  }
}

/**
 * Enterprises stored before the financial early warning existed: each one whose credit line reaches 5 亿元 (or no
 * longer does) is saved again with its credit line, so the enterprise rule sets `financeWatched`.
 */
export async function syncFinanceWatch(strapi: Core.Strapi) {
  const stale = await strapi.db.query('api::enterprise.enterprise').findMany({
    where: {
      $or: [
        { creditLine: { $gte: FINANCE_WATCH_CREDIT_LINE }, $or: [{ financeWatched: false }, { financeWatched: null }] },
        { $or: [{ creditLine: { $lt: FINANCE_WATCH_CREDIT_LINE } }, { creditLine: null }], financeWatched: true },
      ],
    },
    select: ['documentId', 'creditLine'],
  });
  for (const row of stale) {
    await strapi.documents('api::enterprise.enterprise').update({ documentId: row.documentId, data: { creditLine: row.creditLine } as any });
  }
}
