import { checkProblem, PROBLEM_STAMPS, PROBLEM_STATUSES, type ProblemFacts } from '../problem-status';

const facts = (over: Partial<ProblemFacts>): ProblemFacts => ({
  state: 'reported',
  level: 'district',
  hasLeadBureau: false,
  proposal: null,
  resolution: null,
  ...over,
});

describe('problem status transitions', () => {
  it('a new problem reported with nothing else is fine', () => {
    expect(checkProblem(null, facts({}), false)).toEqual([]);
  });

  it('follows the happy path reported → assigned → proposed → resolving → resolved', () => {
    const full = { hasLeadBureau: true, proposal: '协调供地', resolution: '已供地' };
    expect(checkProblem('reported', facts({ ...full, state: 'assigned' }), false)).toEqual([]);
    expect(checkProblem('assigned', facts({ ...full, state: 'proposed' }), false)).toEqual([]);
    expect(checkProblem('proposed', facts({ ...full, state: 'resolving' }), false)).toEqual([]);
    expect(checkProblem('resolving', facts({ ...full, state: 'resolved' }), false)).toEqual([]);
  });

  it('refuses assigning without a lead bureau', () => {
    expect(checkProblem('reported', facts({ state: 'assigned' }), false)).toEqual([
      { field: 'leadBureau', code: 'required_for_assignment' },
    ]);
  });

  it('refuses proposing without a proposal (blank text counts as none), and a proposed problem needs its lead bureau too', () => {
    expect(checkProblem('assigned', facts({ state: 'proposed', hasLeadBureau: true, proposal: '   ' }), false)).toEqual([
      { field: 'proposal', code: 'required_for_proposal' },
    ]);
    expect(checkProblem('assigned', facts({ state: 'proposed', hasLeadBureau: false, proposal: '方案' }), false)).toEqual([
      { field: 'leadBureau', code: 'required_for_assignment' },
    ]);
  });

  it('refuses resolving without a resolution', () => {
    expect(checkProblem('resolving', facts({ state: 'resolved', resolution: '' }), false)).toEqual([
      { field: 'resolution', code: 'required_for_resolution' },
    ]);
  });

  it('refuses escalating a problem that is not city level, even for the office', () => {
    expect(checkProblem('reported', facts({ state: 'escalated', level: 'district' }), true)).toEqual([
      { field: 'level', code: 'escalation_needs_city' },
    ]);
    expect(checkProblem('reported', facts({ state: 'escalated', level: 'city' }), false)).toEqual([]);
  });

  it('refuses an illegal jump such as assigned → resolved, unless the office does it', () => {
    const jump = facts({ state: 'resolved', hasLeadBureau: true, resolution: '已解决' });
    expect(checkProblem('assigned', jump, false)).toEqual([
      { field: 'state', code: 'transition', from: 'assigned', to: 'resolved' },
    ]);
    expect(checkProblem('assigned', jump, true)).toEqual([]);
  });

  it('a resolved problem cannot be reopened by a bureau', () => {
    for (const to of PROBLEM_STATUSES.filter((s) => s !== 'resolved')) {
      const found = checkProblem('resolved', facts({ state: to, level: 'city', hasLeadBureau: true, proposal: 'p', resolution: 'r' }), false);
      expect(found).toContainEqual({ field: 'state', code: 'transition', from: 'resolved', to });
    }
  });

  it('reports every missing piece at once', () => {
    const found = checkProblem('assigned', facts({ state: 'escalated', level: 'district' }), false);
    expect(found).toEqual([{ field: 'level', code: 'escalation_needs_city' }]);
    const many = checkProblem('reported', facts({ state: 'proposed' }), false);
    expect(many).toEqual([
      { field: 'state', code: 'transition', from: 'reported', to: 'proposed' },
      { field: 'leadBureau', code: 'required_for_assignment' },
      { field: 'proposal', code: 'required_for_proposal' },
    ]);
  });

  it('stamps the time a problem is assigned, proposed and resolved', () => {
    expect(PROBLEM_STAMPS).toEqual({ assigned: 'assignedAt', proposed: 'proposedAt', resolved: 'resolvedAt' });
  });
});
