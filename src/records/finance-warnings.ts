import type { Core } from '@strapi/strapi';
import {
  evaluateWarnings,
  type FiredRule,
  previousPeriodOf,
  type WarningAction,
  type WarningEvaluation,
  type WarningRule,
  warningAction,
} from '../domain/finance-warnings';
import { enumLabel, fieldLabel } from '../domain/labels';
import { asPlatform } from '../utils/actor';
import type { Row } from './rule';

export const FINANCE_INDICATOR = 'api::finance-indicator.finance-indicator';
export const FINANCE_WARNING = 'api::finance-warning.finance-warning';
export const FINANCE_WARNING_RULE = 'api::finance-warning-rule.finance-warning-rule';
/** The lead bureau of the financial early warning (work plan §4.3): 区金融监管局. */
export const FINANCE_LEAD_BUREAU = 'financial-regulation';

/** A fired rule as the warning keeps it: the facts, plus the indicator's Chinese name for people. */
const described = (item: FiredRule) => ({ ...item, indicatorLabel: fieldLabel(FINANCE_INDICATOR, item.indicator), comparisonLabel: enumLabel(item.comparison) });

const LEVEL_WORDS: Record<string, string> = { yellow: '黄色', red: '红色' };
/** 「临沂某某有限公司 2026-03 红色金融预警」: the deadline's notices name the warning by it. */
const warningTitle = (enterprise: Row | null, period: string, level: string | null) =>
  `${enterprise?.name ?? '企业'} ${period} ${level ? LEVEL_WORDS[level] ?? '' : ''}金融预警`.slice(0, 255);

/**
 * Evaluates one indicator record against the active rules (and the enterprise's previous period) and keeps its one
 * warning up to date (`warningAction` in src/domain/finance-warnings.ts decides). Every change goes through the
 * document service, in the caller's transaction, so the deadline plugin starts, moves or closes the warning's
 * deadline with it. Nothing is written when nothing changed.
 */
export async function evaluateIndicator(strapi: Core.Strapi, indicatorId: number): Promise<WarningAction['kind']> {
  const indicator = await strapi.db.query(FINANCE_INDICATOR).findOne({ where: { id: indicatorId }, populate: { enterprise: true } });
  if (!indicator?.enterprise) return 'none';
  const earlier = await strapi.db.query(FINANCE_INDICATOR).findMany({
    where: { enterprise: { id: indicator.enterprise.id }, period: { $lt: indicator.period } },
    orderBy: { period: 'desc' },
    limit: 1,
  });
  const previous = previousPeriodOf(indicator.period, earlier);
  const rules = (await strapi.db.query(FINANCE_WARNING_RULE).findMany({ where: { active: true }, orderBy: { id: 'asc' } })) as Row[];
  const evaluation = evaluateWarnings(
    rules.map((rule) => ({ ...rule, id: rule.documentId }) as WarningRule),
    indicator,
    previous
  );
  const existing = await strapi.db
    .query(FINANCE_WARNING)
    .findOne({ where: { indicatorKey: indicator.documentId }, populate: { enterprise: { select: ['id'] } } });
  const action = warningAction(existing, evaluation);
  if (action.kind !== 'none') await asPlatform(strapi, () => apply(strapi, action, indicator, evaluation, existing));
  else if (existing && (existing.period !== indicator.period || existing.enterprise?.id !== indicator.enterprise.id)) {
    // the indicator was moved to another period or enterprise: its warning follows, nothing else changes
    await asPlatform(strapi, () =>
      strapi.documents(FINANCE_WARNING as any).update({
        documentId: existing.documentId,
        data: {
          period: indicator.period,
          enterprise: indicator.enterprise.documentId,
          title: warningTitle(indicator.enterprise, indicator.period, existing.level),
        } as any,
      })
    );
  }
  return action.kind;
}

async function apply(strapi: Core.Strapi, action: WarningAction, indicator: Row, evaluation: WarningEvaluation, existing: Row | null) {
  const now = new Date().toISOString();
  const fired = evaluation.fired.map(described);
  const names = fired.map((item) => item.name);
  const history: Row[] = [...(existing?.history ?? [])];
  const warnings = strapi.documents(FINANCE_WARNING as any);

  if (action.kind === 'raise') {
    const bureau = await strapi.db.query('api::bureau.bureau').findOne({ where: { code: FINANCE_LEAD_BUREAU }, select: ['documentId'] });
    if (!bureau) strapi.log.warn(`[finance] 未找到区金融监管局（${FINANCE_LEAD_BUREAU}），预警无责任单位 / lead bureau missing`);
    await warnings.create({
      data: {
        title: warningTitle(indicator.enterprise, indicator.period, evaluation.level),
        enterprise: indicator.enterprise.documentId,
        indicator: indicator.documentId,
        indicatorKey: indicator.documentId,
        period: indicator.period,
        level: evaluation.level,
        firedRules: fired,
        state: 'open',
        raisedAt: now,
        bureau: bureau?.documentId ?? null,
        history: [{ at: now, event: 'raised', level: evaluation.level, rules: names }],
      } as any,
    });
    return;
  }
  if (!existing) return;

  const base = {
    title: warningTitle(indicator.enterprise, indicator.period, evaluation.level ?? existing.level),
    period: indicator.period,
    enterprise: indicator.enterprise.documentId,
  };
  switch (action.kind) {
    case 'update':
      history.push({ at: now, event: 'updated', level: evaluation.level, rules: names });
      await warnings.update({ documentId: existing.documentId, data: { ...base, level: evaluation.level, firedRules: fired, history } as any });
      return;
    case 'clear':
      history.push({ at: now, event: 'cleared', reason: '指标已恢复，预警规则均未触发 / no rule fires any more' });
      await warnings.update({ documentId: existing.documentId, data: { ...base, state: 'cleared', history } as any });
      return;
    case 'reopen':
      // the clock starts again (new raisedAt): the bureau is told anew, the earlier handling stays in the history
      history.push({ at: now, event: 'reopened', level: evaluation.level, rules: names, previousState: existing.state });
      await warnings.update({
        documentId: existing.documentId,
        data: {
          ...base,
          level: evaluation.level,
          firedRules: fired,
          state: 'open',
          raisedAt: now,
          handledAt: null,
          serviceOffered: null,
          handledBy: null,
          history,
        } as any,
      });
      return;
  }
}

/** The enterprise's first indicator after `period`: its "previous period" is the one just written or removed. */
async function nextAfter(strapi: Core.Strapi, enterpriseId: number | undefined, period: string | undefined): Promise<number | null> {
  if (!enterpriseId || !period) return null;
  const [next] = await strapi.db.query(FINANCE_INDICATOR).findMany({
    where: { enterprise: { id: enterpriseId }, period: { $gt: period } },
    orderBy: { period: 'asc' },
    limit: 1,
    select: ['id'],
  });
  return next?.id ?? null;
}

/**
 * After an indicator is written: its own warning, and that of the enterprise's next period (whose change over the
 * previous period may have changed), at its new place and, when it moved, at its old one.
 */
export async function indicatorWritten(strapi: Core.Strapi, written: Row, before: Row | null) {
  const saved = await strapi.db.query(FINANCE_INDICATOR).findOne({ where: { id: written.id }, populate: { enterprise: { select: ['id'] } } });
  if (!saved) return;
  const ids = new Set<number>([saved.id]);
  const after = await nextAfter(strapi, saved.enterprise?.id, saved.period);
  if (after) ids.add(after);
  if (before && (before.period !== saved.period || before.enterprise?.id !== saved.enterprise?.id)) {
    const old = await nextAfter(strapi, before.enterprise?.id, before.period);
    if (old) ids.add(old);
  }
  for (const id of ids) await evaluateIndicator(strapi, id);
}

/** After an indicator is removed: its open warning is cleared, and the next period is evaluated again. */
export async function indicatorDeleted(strapi: Core.Strapi, deleted: Row) {
  const warning = await strapi.db.query(FINANCE_WARNING).findOne({ where: { indicatorKey: deleted.documentId } });
  if (warning?.state === 'open') {
    const history = [...(warning.history ?? []), { at: new Date().toISOString(), event: 'cleared', reason: '预警指标已删除 / indicator deleted' }];
    await asPlatform(strapi, () =>
      strapi.documents(FINANCE_WARNING as any).update({ documentId: warning.documentId, data: { state: 'cleared', history } as any })
    );
  }
  const next = await nextAfter(strapi, deleted.enterprise?.id, deleted.period);
  if (next) await evaluateIndicator(strapi, next);
}
