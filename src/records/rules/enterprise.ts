import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from '../../domain/credit-code';
import { isFinanceWatched } from '../../domain/finance-warnings';
import type { RecordRule } from '../rule';

/**
 * An investor is known by a valid 统一社会信用代码; with a credit line of 5 亿元 or more it joins the financial
 * early warning (纳入金融预警), and leaves it when the line falls below.
 */
export const enterpriseRule: RecordRule = {
  uid: 'api::enterprise.enterprise',
  prepare({ action, data, issues, value }) {
    if (action === 'create' || 'creditLine' in data) data.financeWatched = isFinanceWatched(value('creditLine'));
    if (data.creditCode === undefined || data.creditCode === null) return;
    data.creditCode = normaliseCreditCode(data.creditCode);
    const problem = creditCodeProblem(data.creditCode);
    if (problem) issues.add('creditCode', ...CREDIT_CODE_MESSAGES[problem]);
  },
};
