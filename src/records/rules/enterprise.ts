import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from '../../domain/credit-code';
import type { RecordRule } from '../rule';

/** An investor is known by a valid 统一社会信用代码. */
export const enterpriseRule: RecordRule = {
  uid: 'api::enterprise.enterprise',
  prepare({ data, issues }) {
    if (data.creditCode === undefined || data.creditCode === null) return;
    data.creditCode = normaliseCreditCode(data.creditCode);
    const problem = creditCodeProblem(data.creditCode);
    if (problem) issues.add('creditCode', ...CREDIT_CODE_MESSAGES[problem]);
  },
};
