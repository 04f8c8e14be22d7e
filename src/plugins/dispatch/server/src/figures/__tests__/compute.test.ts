import { weeklyAttendance } from '../../../../../../domain/co-working';
import { computeFigures, cutoffInstant, investmentFigure, lightFigure, lightsAt, pledgeFigure, pledgeRanking, problemFigure, rate, scoreOf, startFigure, supervisionFigure } from '../compute';
import type { Facts, NoticeFacts, ProblemFacts, ProjectFacts } from '../types';

const H1 = { from: '2026-01-01', to: '2026-06-30' };
const at = (iso: string) => new Date(iso).getTime();

const project = (id: number, data: Partial<ProjectFacts> = {}): ProjectFacts => ({
  id,
  bureauId: 1,
  plannedStartDate: null,
  actualStartDate: null,
  annualPlannedInvestment: null,
  createdAt: at('2026-01-01T00:00:00Z'),
  withdrawn: false,
  ...data,
});

const problem = (data: Partial<ProblemFacts>): ProblemFacts => ({
  reportingBureauId: 1,
  leadBureauId: 2,
  period: '2026-03',
  state: 'reported',
  resolvedAt: null,
  ...data,
});

describe('rates', () => {
  it('are rounded to four decimals and null — not 0 and not a division error — when there is nothing to divide by', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 3)).toBe(0);
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 0)).toBeNull();
  });

  it('take facts up to the end of the cut-off day in Beijing time', () => {
    expect(cutoffInstant('2026-06-30')).toBe(at('2026-06-30T15:59:59.999Z'));
  });
});

describe('开工率 (start rate)', () => {
  it('counts projects planned to start within the period, started by the cut-off (early starts too)', () => {
    const projects = [
      project(1, { plannedStartDate: '2026-01-01', actualStartDate: '2026-02-01' }), // planned, started
      project(2, { plannedStartDate: '2026-03-15', actualStartDate: '2025-12-20' }), // planned, started early
      project(3, { plannedStartDate: '2026-06-30', actualStartDate: '2026-07-01' }), // planned, started after the cut-off
      project(4, { plannedStartDate: '2026-05-01' }), // planned, not started
      project(5, { plannedStartDate: '2025-12-31', actualStartDate: '2026-01-10' }), // planned before the period: not counted
      project(6, { plannedStartDate: '2026-07-01', actualStartDate: '2026-06-01' }), // planned after: not counted
      project(7, { plannedStartDate: '2026-02-01', withdrawn: true }), // withdrawn: not counted
      project(8), // no planned date
    ];
    // planned: 1, 2, 3, 4 → 4; started: 1, 2 → 2; 2 ÷ 4 = 50 %
    expect(startFigure(projects, H1)).toEqual({ planned: 4, started: 2, rate: 0.5 });
  });

  it('is null when no project was planned to start', () => {
    expect(startFigure([project(1, { plannedStartDate: '2027-01-01' })], H1)).toEqual({ planned: 0, started: 0, rate: null });
  });
});

describe('投资完成率 (investment completion rate)', () => {
  const projects = [
    project(1, { annualPlannedInvestment: 1000 }),
    project(2, { annualPlannedInvestment: 3000 }),
    project(3, { annualPlannedInvestment: 0 }), // no plan: neither its plan nor its reports count
    project(4, { annualPlannedInvestment: 500, withdrawn: true }), // withdrawn: not counted
  ];
  const reports = [
    { projectId: 1, period: '2026-01', investmentThisPeriod: 200 },
    { projectId: 1, period: '2026-06', investmentThisPeriod: 300.5 },
    { projectId: 2, period: '2026-04', investmentThisPeriod: 1500 },
    { projectId: 2, period: '2026-07', investmentThisPeriod: 900 }, // after the cut-off month
    { projectId: 2, period: '2025-12', investmentThisPeriod: 700 }, // previous year
    { projectId: 3, period: '2026-02', investmentThisPeriod: 50 },
    { projectId: 4, period: '2026-02', investmentThisPeriod: 50 },
  ];

  it('divides the year-to-date reports of the projects with a plan by their annual plans', () => {
    // (200 + 300.5 + 1500) ÷ (1000 + 3000) = 2000.5 ÷ 4000 = 0.500125 → 0.5001
    expect(investmentFigure(projects, reports, '2026-06-30')).toEqual({ annualPlan: 4000, completed: 2000.5, rate: 0.5001 });
  });

  it('uses the cut-off month, not the day, and ignores the period start', () => {
    // cut-off 2026-04-01: January and April reports (200 + 1500) ÷ 4000
    expect(investmentFigure(projects, reports, '2026-04-01')).toEqual({ annualPlan: 4000, completed: 1700, rate: 0.425 });
  });

  it('may exceed 100 %, and is null without any annual plan', () => {
    expect(investmentFigure([project(1, { annualPlannedInvestment: 100 })], [{ projectId: 1, period: '2026-02', investmentThisPeriod: 150 }], '2026-06-30').rate).toBe(1.5);
    expect(investmentFigure([project(3, { annualPlannedInvestment: 0 })], reports, '2026-06-30')).toEqual({ annualPlan: 0, completed: 0, rate: null });
  });
});

describe('问题办结率 (problem resolution rate)', () => {
  it('divides the problems resolved by the cut-off by those reported in the period, escalated ones apart', () => {
    const problems = [
      problem({ state: 'resolved', resolvedAt: at('2026-04-01T02:00:00Z') }), // resolved
      problem({ state: 'resolved', resolvedAt: at('2026-06-30T15:00:00Z') }), // resolved 23:00 Beijing on the cut-off day
      problem({ state: 'resolved', resolvedAt: at('2026-06-30T16:30:00Z') }), // 00:30 Beijing on 1 July: not yet
      problem({ state: 'resolving' }),
      problem({ state: 'escalated' }), // apart
      problem({ state: 'resolved', period: '2025-12', resolvedAt: at('2026-01-05T02:00:00Z') }), // reported before the period
      problem({ state: 'reported', period: '2026-07' }), // reported after
    ];
    // reported 5, escalated 1 → counted 4; resolved 2 → 2 ÷ 4 = 50 %
    expect(problemFigure(problems, H1)).toEqual({ reported: 5, resolved: 2, escalated: 1, counted: 4, rate: 0.5 });
  });

  it('counts reporting months that overlap the period', () => {
    const problems = [problem({ period: '2026-03', state: 'resolved', resolvedAt: at('2026-03-20T00:00:00Z') }), problem({ period: '2026-04' })];
    expect(problemFigure(problems, { from: '2026-03-31', to: '2026-04-01' })).toMatchObject({ reported: 2, resolved: 1, rate: 0.5 });
  });

  it('is null when nothing was reported, or only escalated problems', () => {
    expect(problemFigure([], H1)).toEqual({ reported: 0, resolved: 0, escalated: 0, counted: 0, rate: null });
    expect(problemFigure([problem({ state: 'escalated' })], H1)).toEqual({ reported: 1, resolved: 0, escalated: 1, counted: 0, rate: null });
  });
});

describe('践诺率 (pledge fulfilment) for a period', () => {
  it('counts the nodes due within the period as of its cut-off', () => {
    const pledges = [
      {
        bureauId: 1,
        year: 2026,
        nodes: [
          { targetDate: '2026-02-28', achievedDate: '2026-02-20' }, // met
          { targetDate: '2026-03-31', achievedDate: '2026-04-15' }, // late
          { targetDate: '2026-05-31', achievedDate: '2026-07-10' }, // achieved after the cut-off: missed
          { targetDate: '2026-09-30', achievedDate: '2026-06-01' }, // due after the period: not counted
        ],
      },
      { bureauId: 1, year: 2025, nodes: [{ targetDate: '2025-12-31' }] }, // due before the period: not counted
    ];
    expect(pledgeFigure(pledges, H1)).toEqual({ due: 3, met: 1, late: 1, missed: 1, rate: 0.3333 });
    expect(pledgeFigure(pledges, { from: '2026-07-01', to: '2026-12-31' })).toEqual({ due: 1, met: 1, late: 0, missed: 0, rate: 1 }); // only the node due 2026-09-30, achieved early
    expect(pledgeFigure(pledges, { from: '2026-10-01', to: '2026-12-31' })).toEqual({ due: 0, met: 0, late: 0, missed: 0, rate: null });
  });
});

describe('亮灯 (light counts) at the cut-off', () => {
  const projects = [
    project(1),
    project(2),
    project(3),
    project(4),
    project(5, { createdAt: at('2026-07-01T01:00:00Z') }), // entered after the cut-off
    project(6, { withdrawn: true }),
  ];
  const changes = [
    { projectId: 1, to: 'red' as const, changedAt: at('2026-03-01T00:00:00Z') },
    { projectId: 1, to: 'green' as const, changedAt: at('2026-06-15T00:00:00Z') },
    { projectId: 2, to: 'yellow' as const, changedAt: at('2026-05-01T00:00:00Z') },
    { projectId: 3, to: 'red' as const, changedAt: at('2026-06-30T15:00:00Z') }, // 23:00 Beijing on the cut-off day
    { projectId: 4, to: 'red' as const, changedAt: at('2026-06-30T16:30:00Z') }, // after midnight Beijing
    { projectId: 5, to: 'red' as const, changedAt: at('2026-07-01T02:00:00Z') },
  ];

  it('takes the colour of the last change before the end of the cut-off day, green without one', () => {
    const lights = lightsAt(projects, [...changes].reverse(), cutoffInstant('2026-06-30'));
    expect([...lights.entries()].sort()).toEqual([[1, 'green'], [2, 'yellow'], [3, 'red'], [4, 'green']]);
    expect(lightFigure(projects, lights)).toEqual({ red: 1, yellow: 1, green: 2, total: 4 });
  });
});

describe('督办单办理', () => {
  const notice = (issued: string, due: string | null, history: Array<[string, string]>, bureauId = 2): NoticeFacts => ({
    bureauId,
    issuedAt: at(issued),
    replyDueAt: due ? at(due) : null,
    history: [[issued, 'issued'] as [string, string], ...history].map(([when, to]) => ({ at: at(when), to })),
  });
  const notices = [
    // replied on time, then accepted
    notice('2026-03-02T01:00:00Z', '2026-03-09T15:59:59Z', [['2026-03-05T01:00:00Z', 'replied'], ['2026-03-06T01:00:00Z', 'accepted']]),
    // replied late
    notice('2026-03-02T01:00:00Z', '2026-03-09T15:59:59Z', [['2026-03-12T01:00:00Z', 'replied']]),
    // returned, replied again within its new deadline
    notice('2026-04-01T01:00:00Z', '2026-04-20T15:59:59Z', [['2026-04-03T01:00:00Z', 'replied'], ['2026-04-07T01:00:00Z', 'returned'], ['2026-04-14T01:00:00Z', 'replied']]),
    // never replied, its deadline passed: overdue
    notice('2026-05-04T01:00:00Z', '2026-05-11T15:59:59Z', []),
    // issued before the period: not counted
    notice('2025-12-30T01:00:00Z', '2026-01-07T15:59:59Z', [['2026-01-05T01:00:00Z', 'replied']]),
  ];

  it('counts the notices issued within the period: replied, on time, accepted, open and overdue', () => {
    expect(supervisionFigure(notices, H1)).toEqual({ received: 4, replied: 3, repliedOnTime: 2, accepted: 1, open: 3, overdue: 1, rate: 0.5 });
  });

  it('takes each notice as it stood at the cut-off: later replies and reviews do not count', () => {
    // as of 10 April: the returned notice awaits its new reply, the accepted one is still accepted, the late one replied
    expect(supervisionFigure(notices, { from: '2026-01-01', to: '2026-04-10' })).toEqual({
      received: 3,
      replied: 2,
      repliedOnTime: 1,
      accepted: 1,
      open: 2,
      overdue: 0,
      rate: 0.3333,
    });
    expect(supervisionFigure([], H1)).toEqual({ received: 0, replied: 0, repliedOnTime: 0, accepted: 0, open: 0, overdue: 0, rate: null });
  });

  it('goes to the unit that received them and the district, outside the ranking score', () => {
    const units = [
      { id: 1, documentId: 'town-a', name: '甲镇', code: 'a', kind: 'town' },
      { id: 2, documentId: 'dept-b', name: '乙局', code: 'b', kind: 'department' },
    ];
    const result = computeFigures({ units, projects: [], reports: [], problems: [], pledges: [], lightChanges: [], notices }, H1);
    const of = (documentId: string) => result.units.find((row) => row.bureau.documentId === documentId)!;
    expect(of('dept-b').supervision).toMatchObject({ received: 4, repliedOnTime: 2 });
    expect(of('town-a').supervision).toMatchObject({ received: 0, rate: null });
    expect(result.district.supervision.received).toBe(4);
    // nothing else to measure: unranked, whatever its notices
    expect(of('dept-b')).toMatchObject({ score: null, rank: null });
  });
});

describe('首席代表集中办公', () => {
  const yes = () => true;
  const weeks = weeklyAttendance(
    [
      { date: '2026-03-03', attendance: [{ bureauId: 2, status: 'present' }, { bureauId: 6, status: 'excused' }] },
      { date: '2026-03-10', attendance: [{ bureauId: 2, status: 'absent' }, { bureauId: 6, status: 'present' }] },
      { date: '2026-03-12', attendance: [{ bureauId: 2, status: 'absent' }, { bureauId: 6, status: 'present' }] },
    ],
    [2, 6],
    yes,
    H1
  );
  const units = [
    { id: 1, documentId: 'town-a', name: '甲镇', code: 'a', kind: 'town' },
    { id: 2, documentId: 'dept-b', name: '乙局', code: 'b', kind: 'department' },
    { id: 6, documentId: 'dept-f', name: '己局', code: 'f', kind: 'department' },
  ];
  const result = computeFigures({ units, projects: [], reports: [], problems: [], pledges: [], lightChanges: [], coWorking: { bureauIds: [2, 6], weeks } }, H1);
  const of = (documentId: string) => result.units.find((row) => row.bureau.documentId === documentId)!;

  it('gives each attending bureau its days, weeks and rate, and the district their sum', () => {
    expect(of('dept-b').coWorking).toEqual({ daysPlanned: 3, daysPresent: 1, expectedWeeks: 2, attendedWeeks: 1, flaggedWeeks: 1, rate: 0.5 });
    expect(of('dept-f').coWorking).toEqual({ daysPlanned: 3, daysPresent: 2, expectedWeeks: 2, attendedWeeks: 1, flaggedWeeks: 1, rate: 0.5 });
    expect(result.district.coWorking).toEqual({ daysPlanned: 6, daysPresent: 3, expectedWeeks: 4, attendedWeeks: 2, flaggedWeeks: 2, rate: 0.5 });
  });

  it('leaves out units not expected to attend, and the ranking', () => {
    expect(of('town-a').coWorking).toBeNull();
    expect(of('dept-b')).toMatchObject({ score: null, rank: null });
  });
});

describe('the whole computation', () => {
  const facts: Facts = {
    units: [
      { id: 1, documentId: 'town-a', name: '甲镇', code: 'a', kind: 'town' },
      { id: 2, documentId: 'dept-b', name: '乙局', code: 'b', kind: 'department' },
      { id: 3, documentId: 'zone-c', name: '丙区', code: 'c', kind: 'zone' },
      { id: 4, documentId: 'office', name: '办公室', code: 'o', kind: 'office' },
      { id: 5, documentId: 'town-d', name: '丁镇', code: 'd', kind: 'town' },
    ],
    projects: [
      project(1, { bureauId: 1, plannedStartDate: '2026-02-01', actualStartDate: '2026-02-01', annualPlannedInvestment: 100 }),
      project(2, { bureauId: 1, plannedStartDate: '2026-03-01' }),
      project(3, { bureauId: 3, plannedStartDate: '2026-03-01', actualStartDate: '2026-03-02' }),
    ],
    reports: [{ projectId: 1, period: '2026-03', investmentThisPeriod: 150 }],
    problems: [
      problem({ reportingBureauId: 1, leadBureauId: 2, state: 'resolved', resolvedAt: at('2026-05-01T00:00:00Z') }),
      problem({ reportingBureauId: 3, leadBureauId: 2, state: 'assigned' }),
      problem({ reportingBureauId: 3, leadBureauId: 2, state: 'escalated' }),
    ],
    pledges: [{ bureauId: 2, year: 2026, nodes: [{ targetDate: '2026-04-30', achievedDate: '2026-04-30' }] }],
    lightChanges: [{ projectId: 2, to: 'red', changedAt: at('2026-04-01T00:00:00Z') }],
  };
  const result = computeFigures(facts, H1);
  const unit = (documentId: string) => result.units.find((row) => row.bureau.documentId === documentId)!;

  it('gives applicant units project figures and departments the problems they lead', () => {
    // 甲镇: start 1/2, investment 150/100 = 1.5, problems 1/1, pledges —, lights red 1 green 1
    expect(unit('town-a')).toMatchObject({
      group: 'applicant',
      startRate: { planned: 2, started: 1, rate: 0.5 },
      investmentRate: { annualPlan: 100, completed: 150, rate: 1.5 },
      problemResolution: { reported: 1, resolved: 1, rate: 1 },
      pledgeFulfilment: { due: 0, rate: null },
      lights: { red: 1, yellow: 0, green: 1, total: 2 },
      score: 0.8333, // (0.5 + min(1.5, 1) + 1) ÷ 3
      rank: 1,
    });
    // 丙区: start 1/1, investment —, problems 0 ÷ (2 − 1), pledges —
    expect(unit('zone-c')).toMatchObject({ startRate: { rate: 1 }, investmentRate: { rate: null }, problemResolution: { reported: 2, escalated: 1, counted: 1, resolved: 0, rate: 0 }, score: 0.5, rank: 2 });
    // 乙局 leads all three: 1 resolved ÷ (3 − 1); its pledge 1/1
    expect(unit('dept-b')).toMatchObject({
      group: 'department',
      startRate: null,
      investmentRate: null,
      lights: null,
      problemResolution: { reported: 3, resolved: 1, escalated: 1, counted: 2, rate: 0.5 },
      pledgeFulfilment: { due: 1, met: 1, rate: 1 },
      score: 0.75,
      rank: 1,
    });
  });

  it('leaves the office out, and a unit with nothing to measure unranked', () => {
    expect(result.units.map((row) => row.bureau.documentId)).toEqual(['town-a', 'zone-c', 'town-d', 'dept-b']);
    expect(unit('town-d')).toMatchObject({ score: null, rank: null, startRate: { rate: null } });
    expect(result.ranking.applicant.map((entry) => [entry.name, entry.rank])).toEqual([['甲镇', 1], ['丙区', 2], ['丁镇', null]]);
  });

  it('sums the district over every record', () => {
    expect(result.district).toMatchObject({
      startRate: { planned: 3, started: 2, rate: 0.6667 },
      investmentRate: { annualPlan: 100, completed: 150, rate: 1.5 },
      problemResolution: { reported: 3, resolved: 1, escalated: 1, counted: 2, rate: 0.5 },
      pledgeFulfilment: { due: 1, met: 1, rate: 1 },
      lights: { red: 1, yellow: 0, green: 2, total: 3 },
    });
  });

  it('scores a unit by the mean of the rates it has', () => {
    expect(scoreOf(result.district)).toBe(0.7917); // (0.6667 + 1 + 0.5 + 1) ÷ 4 = 0.791675
  });
});

describe('践诺排名 (pledge ranking of a year)', () => {
  it('ranks units by fulfilment as of the day asked, ties sharing a rank, units with nothing due last', () => {
    const units = [
      { id: 1, documentId: 'a', name: '甲镇', code: 'a', kind: 'town' },
      { id: 2, documentId: 'b', name: '乙局', code: 'b', kind: 'department' },
      { id: 3, documentId: 'c', name: '丙区', code: 'c', kind: 'zone' },
      { id: 4, documentId: 'd', name: '丁镇', code: 'd', kind: 'town' },
      { id: 5, documentId: 'e', name: '戊镇', code: 'e', kind: 'town' }, // no pledge: not listed
    ];
    const pledges = [
      { bureauId: 1, year: 2026, nodes: [{ targetDate: '2026-03-31', achievedDate: '2026-03-01' }, { targetDate: '2026-04-30' }] }, // 1/2
      { bureauId: 2, year: 2026, nodes: [{ targetDate: '2026-03-31', achievedDate: '2026-03-31' }] }, // 1/1
      { bureauId: 3, year: 2026, nodes: [{ targetDate: '2026-01-31', achievedDate: '2026-02-02' }, { targetDate: '2026-02-28', achievedDate: '2026-02-01' }] }, // 1/2
      { bureauId: 4, year: 2026, nodes: [{ targetDate: '2026-12-31' }] }, // nothing due
      { bureauId: 1, year: 2025, nodes: [{ targetDate: '2025-06-30' }] }, // another year
    ];
    const ranking = pledgeRanking(units, pledges, 2026, '2026-06-30');
    expect(ranking.map((entry) => [entry.bureau.name, entry.rank, entry.rate])).toEqual([
      ['乙局', 1, 1],
      ['丙区', 2, 0.5],
      ['甲镇', 2, 0.5],
      ['丁镇', null, null],
    ]);
    expect(ranking[2]).toMatchObject({ pledges: 1, due: 2, met: 1, late: 0, missed: 1, pending: 0 });
  });
});
