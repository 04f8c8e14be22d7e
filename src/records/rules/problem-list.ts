import { reject } from '../../utils/validation';
import type { RecordRule } from '../rule';

const UID = 'api::problem-list.problem-list';

/** 《重大项目落地亟待解决问题清单》: compiled as a draft, frozen once issued. */
export const problemListRule: RecordRule = {
  uid: UID,
  prepare({ action, data, current, issues, value }) {
    if (current?.state === 'issued') {
      issues.add('state', '清单已印发，不能再修改', 'an issued list is frozen');
      return;
    }
    if (action === 'create') {
      data.compiledAt ??= new Date().toISOString();
      if (!data.title && data.period) data.title = `${data.period} 重大项目落地亟待解决问题清单`;
    }
    if (value('state') === 'issued') data.issuedAt ??= new Date().toISOString();
  },
  async beforeDelete(_strapi, current) {
    if (current.state === 'issued') throw reject(UID, 'state', '清单已印发，不能删除', 'an issued list cannot be deleted');
  },
};
