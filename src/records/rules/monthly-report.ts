import { reject } from '../../utils/validation';
import type { RecordRule } from '../rule';

const UID = 'api::monthly-report.monthly-report';

/**
 * 月度问题报送: one per unit and month; submitting it needs the problems reported or an explicit
 * "nothing to report" — silence is not a report.
 */
export const monthlyReportRule: RecordRule = {
  uid: UID,
  populate: ['bureau'],
  async prepare(write) {
    const { data, current, issues } = write;
    const bureau = await write.related('bureau');
    if (!bureau) issues.add('bureau', '必须指定报送单位', 'is required');
    const period = write.value('period');
    if (bureau && period) {
      await write.claimKey('bureauPeriodKey', `${bureau.documentId}:${period}`, {
        field: 'period',
        zh: `${bureau.name} ${period} 的月度报送已存在`,
        en: `a report of this unit for ${period} already exists`,
      });
      data.title = `${bureau.name} ${period} 困难问题报送`;
    }
    const from = current?.state ?? 'pending';
    if (write.value('state') === 'submitted' && from !== 'submitted') data.submittedAt ??= new Date().toISOString();
    if (write.value('state') === 'pending') data.submittedAt = null;
  },
  async afterWrite({ strapi }, result) {
    if (result.state !== 'submitted' || result.nothingToReport) return;
    const saved = await strapi.db.query(UID).findOne({ where: { id: result.id }, populate: { problems: { select: ['id'] } } });
    if (!saved.problems?.length) {
      throw reject(UID, 'nothingToReport', '报送时须关联本月问题，或勾选“本月无困难问题”', 'report the month’s problems or state that there is nothing to report');
    }
  },
};
