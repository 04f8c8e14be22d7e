import { checkWarningState, type WarningState, type WarningStateIssue } from '../../domain/finance-warnings';
import { enumLabel } from '../../domain/labels';
import type { RecordRule } from '../rule';

const MESSAGES: { [K in WarningStateIssue['code']]: (issue: Extract<WarningStateIssue, { code: K }>) => [string, string, string] } = {
  service_required: () => ['serviceOffered', '处置预警须填写提供的金融服务措施', 'is required to mark the warning handled'],
  system_only: ({ to }) => ['state', `预警的生成与解除由系统根据预警指标自动完成，不能手工设为「${enumLabel(to)}」`, `only the platform raises or clears a warning (${to})`],
  reopen_office: () => ['state', '已处置的预警只有办公室可以重新打开', 'only the office reopens a handled warning'],
};

/**
 * 金融预警: raised, updated and cleared by the platform from the indicators (src/records/finance-warnings.ts); the
 * 区金融监管局 handles an open one by recording the financial service offered, stamped and kept in its history.
 */
export const financeWarningRule: RecordRule = {
  uid: 'api::finance-warning.finance-warning',
  prepare({ action, data, current, issues, actor, value }) {
    const isSystem = actor.via === 'system';
    if (action === 'create' && !isSystem) {
      issues.add('indicator', '金融预警由系统根据预警指标自动生成，不能手工新建', 'warnings are raised by the platform from the indicators');
      return;
    }
    const from = (current?.state ?? null) as WarningState | null;
    const to = (value('state') ?? 'open') as WarningState;
    for (const issue of checkWarningState(from, to, value('serviceOffered'), { isSystem, isOffice: actor.isOffice })) {
      const [field, zh, en] = (MESSAGES[issue.code] as (i: WarningStateIssue) => [string, string, string])(issue);
      issues.add(field, zh, en);
    }
    if (isSystem || from === to || !current) return;
    const now = new Date().toISOString();
    const history = [...(current.history ?? [])];
    if (to === 'handled') {
      data.handledAt = now;
      history.push({ at: now, event: 'handled', serviceOffered: value('serviceOffered'), handledBy: value('handledBy') ?? null });
    } else if (from === 'handled' && to === 'open') {
      data.handledAt = null;
      history.push({ at: now, event: 'reopened', by: 'office', previousService: current.serviceOffered ?? null });
    }
    data.history = history;
  },
};
