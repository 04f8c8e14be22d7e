/**
 * The life of a difficult problem (困难问题): reported by a town or department, assigned by the office to a
 * lead bureau, answered with a proposal within 3 working days, worked on and resolved — or, when it needs
 * the city, escalated to 市发展改革委.
 */
export const PROBLEM_STATUSES = ['reported', 'assigned', 'proposed', 'resolving', 'resolved', 'escalated'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

const NEXT: Record<ProblemStatus, ProblemStatus[]> = {
  reported: ['assigned', 'resolving', 'resolved', 'escalated'],
  assigned: ['proposed', 'escalated'],
  proposed: ['resolving', 'resolved', 'escalated'],
  resolving: ['resolved', 'escalated'],
  escalated: ['resolving', 'resolved'],
  resolved: [],
};

export interface ProblemFacts {
  state: ProblemStatus;
  level?: string | null;
  hasLeadBureau: boolean;
  proposal?: string | null;
  resolution?: string | null;
}

export type ProblemIssue =
  | { field: 'state'; code: 'transition'; from: ProblemStatus; to: ProblemStatus }
  | { field: 'leadBureau'; code: 'required_for_assignment' }
  | { field: 'proposal'; code: 'required_for_proposal' }
  | { field: 'resolution'; code: 'required_for_resolution' }
  | { field: 'level'; code: 'escalation_needs_city' };

const filled = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/** Checks a move from `from` to the facts' state (from = null for a new problem). */
export function checkProblem(from: ProblemStatus | null, facts: ProblemFacts, byOffice: boolean): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  const to = facts.state;
  if (from && from !== to && !NEXT[from].includes(to) && !byOffice) {
    issues.push({ field: 'state', code: 'transition', from, to });
  }
  if (['assigned', 'proposed'].includes(to) && !facts.hasLeadBureau) {
    issues.push({ field: 'leadBureau', code: 'required_for_assignment' });
  }
  if (to === 'proposed' && !filled(facts.proposal)) issues.push({ field: 'proposal', code: 'required_for_proposal' });
  if (to === 'resolved' && !filled(facts.resolution)) {
    issues.push({ field: 'resolution', code: 'required_for_resolution' });
  }
  if (to === 'escalated' && facts.level !== 'city') issues.push({ field: 'level', code: 'escalation_needs_city' });
  return issues;
}

/** Timestamp fields stamped when a problem first enters a status. */
export const PROBLEM_STAMPS: Partial<Record<ProblemStatus, 'assignedAt' | 'proposedAt' | 'resolvedAt'>> = {
  assigned: 'assignedAt',
  proposed: 'proposedAt',
  resolved: 'resolvedAt',
};
