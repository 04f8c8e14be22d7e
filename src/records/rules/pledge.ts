import { fulfilmentRate } from '../../domain/pledge';
import { shanghaiDate } from '../../domain/time';
import type { RecordRule } from '../rule';

/** 亮诺践诺: a node cannot be achieved in the future, and the fulfilment rate (践诺率) follows the nodes. */
export const pledgeRule: RecordRule = {
  uid: 'api::pledge.pledge',
  populate: ['nodes'],
  prepare({ data, issues, value }) {
    const nodes: Array<Record<string, any>> = value('nodes') ?? [];
    nodes.forEach((node, index) => {
      if (node.achievedDate && node.achievedDate > shanghaiDate()) {
        issues.add(['nodes', String(index), 'achievedDate'], '实现日期不能晚于今天', 'cannot be in the future');
      }
    });
    data.fulfilmentRate = fulfilmentRate(
      nodes.map((node) => ({ targetDate: node.targetDate, achievedDate: node.achievedDate })),
      shanghaiDate()
    );
  },
};
