/**
 * 亮诺践诺: a unit head's pledge is kept node by node. As of a day (the end of that day, Asia/Shanghai), a node is
 * - `met`     按期实现: achieved on or before its target date;
 * - `late`    逾期实现: achieved after its target date (and by the day);
 * - `missed`  未实现:   its target date has come and it was not achieved by the day;
 * - `pending` 未到期:   its target date is still ahead (whether or not it was achieved early).
 * A node achieved only after the day counts as not achieved on that day.
 */
export interface PledgeNode {
  targetDate: string;
  achievedDate?: string | null;
}

export type NodeStatus = 'met' | 'late' | 'missed' | 'pending';

/** `asOf` is an ISO date (YYYY-MM-DD) in Asia/Shanghai. */
export function nodeStatus(node: PledgeNode, asOf: string): NodeStatus {
  if (!node.targetDate || node.targetDate > asOf) return 'pending';
  const achieved = node.achievedDate && node.achievedDate <= asOf ? node.achievedDate : null;
  if (!achieved) return 'missed';
  return achieved <= node.targetDate ? 'met' : 'late';
}

export interface NodeTally {
  met: number;
  late: number;
  missed: number;
  pending: number;
  /** Nodes whose target date has come: met + late + missed. */
  due: number;
}

export function tallyNodes(nodes: PledgeNode[], asOf: string): NodeTally {
  const tally: NodeTally = { met: 0, late: 0, missed: 0, pending: 0, due: 0 };
  for (const node of nodes) tally[nodeStatus(node, asOf)] += 1;
  tally.due = tally.met + tally.late + tally.missed;
  return tally;
}

/** 践诺率: of the nodes whose target date has come, the share met (achieved by that date). Null when none is due. */
export function fulfilmentRate(nodes: PledgeNode[], today: string): number | null {
  const { met, due } = tallyNodes(nodes, today);
  if (due === 0) return null;
  return Math.round((met / due) * 10000) / 10000;
}
