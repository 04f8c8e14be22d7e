import { FINANCE_WATCH_CREDIT_LINE } from '../../domain/finance-warnings';
import { isPeriod } from '../../domain/period';
import { indicatorDeleted, indicatorWritten } from '../finance-warnings';
import type { RecordRule } from '../rule';

const filled = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/**
 * 金融预警指标: only for enterprises under financial early warning (credit line of 5 亿元 or more), one per
 * enterprise and period; once written, the warning rules are applied and its warning raised, updated or cleared
 * in the same transaction.
 */
export const financeIndicatorRule: RecordRule = {
  uid: 'api::finance-indicator.finance-indicator',
  populate: ['enterprise'],
  async prepare(write) {
    const { action, data, current, issues } = write;
    const enterprise = await write.related('enterprise');
    if (!enterprise) {
      issues.add('enterprise', '必须选择企业', 'is required');
    } else if ((action === 'create' || enterprise.id !== current?.enterprise?.id) && !enterprise.financeWatched) {
      issues.add(
        'enterprise',
        `「${enterprise.name}」授信额度不足 ${FINANCE_WATCH_CREDIT_LINE} 万元（5 亿元），未纳入金融预警`,
        `is not under financial early warning (credit line below ${FINANCE_WATCH_CREDIT_LINE} 万元)`
      );
    }
    if (write.value('managementChanged') === true && !filled(write.value('managementChangeNote'))) {
      issues.add('managementChangeNote', '经营者发生变动时须填写变动信息', 'is required when the management changed');
    }
    const period = write.value('period');
    if (!enterprise || !isPeriod(period)) return; // the schema's own check names the period
    await write.claimKey('enterprisePeriodKey', `${enterprise.documentId}:${period}`, {
      field: 'period',
      zh: `该企业 ${period} 的金融预警指标已存在`,
      en: `indicators of this enterprise for ${period} already exist`,
    });
    data.title = `${enterprise.name} ${period}`.slice(0, 255);
  },
  async afterWrite(write, result) {
    await indicatorWritten(write.strapi, result, write.current);
  },
  async afterDelete(strapi, deleted) {
    await indicatorDeleted(strapi, deleted);
  },
};
