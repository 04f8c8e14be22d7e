/** 践诺率: of the pledge nodes whose target date has come, the share achieved by that date. */
export interface PledgeNode {
  targetDate: string;
  achievedDate?: string | null;
}

/** `today` is an ISO date (YYYY-MM-DD) in Asia/Shanghai. Null when no node is due yet. */
export function fulfilmentRate(nodes: PledgeNode[], today: string): number | null {
  const due = nodes.filter((node) => node.targetDate && node.targetDate <= today);
  if (due.length === 0) return null;
  const kept = due.filter((node) => node.achievedDate && node.achievedDate <= node.targetDate);
  return Math.round((kept.length / due.length) * 10000) / 10000;
}
