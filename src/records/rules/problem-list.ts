import { reject } from '../../utils/validation';
import { compileProblemList, freezeProblemList, PROBLEM_LIST } from '../problem-lists';
import type { RecordRule } from '../rule';

/**
 * 《重大项目落地亟待解决问题清单》: compiled as a draft (the month's district-level problems unless the office
 * chooses them), frozen once issued — the record and the problems as they stood.
 */
export const problemListRule: RecordRule = {
  uid: PROBLEM_LIST,
  prepare({ action, data, current, issues, value }) {
    if (current?.state === 'issued') {
      issues.add('state', '清单已印发，不能再修改', 'an issued list is frozen');
      return;
    }
    delete data.snapshot;
    if (action === 'create') {
      data.compiledAt ??= new Date().toISOString();
      if (!data.title && data.period) data.title = `${data.period} 重大项目落地亟待解决问题清单`;
    }
    if (value('state') === 'issued') data.issuedAt ??= new Date().toISOString();
  },
  async afterWrite({ strapi, action, current }, result) {
    if (action === 'create') {
      const chosen = await strapi.db.query(PROBLEM_LIST).findOne({ where: { id: result.id }, select: ['id'], populate: { problems: { select: ['id'] } } });
      if (!chosen?.problems?.length && result.state !== 'issued') await compileProblemList(strapi, result.id);
    }
    if (result.state === 'issued' && current?.state !== 'issued') await freezeProblemList(strapi, result.id);
  },
  async beforeDelete(_strapi, current) {
    if (current.state === 'issued') throw reject(PROBLEM_LIST, 'state', '清单已印发，不能删除', 'an issued list cannot be deleted');
  },
};
