import { DateTime } from 'luxon';
import { WorkingCalendar } from '../../../../../deadlines/server/src/calendar/working-calendar';
import { clockAt, combine, elapsedPoints, evaluateItem, evaluateProject, monthsBetween, nextDue, sameJson, unitProjectReasons, type ItemFacts, type ProjectFacts } from '../evaluate';
import { DEFAULT_THRESHOLDS, resolveRules, type Thresholds } from '../rules';

const calendar = WorkingCalendar.create();
const ZONE = 'Asia/Shanghai';
/** Noon in Beijing on a date. */
const noon = (date: string) => clockAt(DateTime.fromISO(date, { zone: ZONE }).set({ hour: 12 }).toJSDate());
const endOf = (date: string) => DateTime.fromISO(date, { zone: ZONE }).endOf('day').toJSDate().toISOString();

const land = { documentId: 'b-land', name: '区自然资源局' };
const opinion = (dueDate: string, extra: Partial<ItemFacts> = {}): ItemFacts => ({
  target: { uid: 'api::opinion.opinion', documentId: 'o1', title: '规划布局意见' },
  kindLabel: '意见',
  bureau: land,
  dueAt: endOf(dueDate),
  ...extra,
});

const rules: Thresholds = { ...DEFAULT_THRESHOLDS };

describe('open items: overdue and due soon, counted in working days on the statutory calendar', () => {
  // due Wednesday 2026-09-30; 10-01..10-07 National Day, Saturday 10-10 a make-up working day
  const due = '2026-09-30';

  it('is green while the due date is more than one working day away', () => {
    expect(evaluateItem(opinion(due), rules, calendar, noon('2026-09-28'))).toEqual({ light: 'green', reasons: [] });
  });

  it('is yellow the working day before it is due, and on the day itself', () => {
    const dayBefore = evaluateItem(opinion(due), rules, calendar, noon('2026-09-29'));
    expect(dayBefore.light).toBe('yellow');
    expect(dayBefore.reasons).toMatchObject([{ code: 'due_soon', value: 1, message: '区自然资源局 意见1 个工作日内到期（2026-09-30）' }]);
    expect(evaluateItem(opinion(due), rules, calendar, noon(due)).reasons[0]).toMatchObject({ code: 'due_soon', value: 0, message: '区自然资源局 意见今日到期' });
  });

  it('counts a due date after a holiday as soon only one working day before it', () => {
    // due Thursday 10-08, the first working day after the holiday: on 09-30 it is one working day away
    expect(evaluateItem(opinion('2026-10-08'), rules, calendar, noon('2026-09-29')).light).toBe('green');
    expect(evaluateItem(opinion('2026-10-08'), rules, calendar, noon('2026-09-30')).light).toBe('yellow');
    expect(evaluateItem(opinion('2026-10-08'), rules, calendar, noon('2026-10-03')).light).toBe('yellow');
  });

  it('is yellow overdue through the holiday (no working day has passed) and up to 3 working days', () => {
    const holiday = evaluateItem(opinion(due), rules, calendar, noon('2026-10-05'));
    expect(holiday).toMatchObject({ light: 'yellow', reasons: [{ code: 'overdue', value: 0, message: '区自然资源局 意见逾期（不足 1 个工作日）' }] });
    expect(evaluateItem(opinion(due), rules, calendar, noon('2026-10-08')).reasons[0]).toMatchObject({ value: 1, light: 'yellow' });
    // 10-08, 10-09 and the make-up Saturday 10-10: exactly 3 working days overdue, still yellow (also on Sunday)
    expect(evaluateItem(opinion(due), rules, calendar, noon('2026-10-10')).reasons[0]).toMatchObject({ value: 3, light: 'yellow', message: '区自然资源局 意见逾期 3 个工作日' });
    expect(evaluateItem(opinion(due), rules, calendar, noon('2026-10-11')).light).toBe('yellow');
  });

  it('is red at 4 working days overdue', () => {
    const red = evaluateItem(opinion(due), rules, calendar, noon('2026-10-12'));
    expect(red).toMatchObject({ light: 'red', reasons: [{ code: 'overdue', value: 4, message: '区自然资源局 意见逾期 4 个工作日' }] });
  });

  it('follows the thresholds it is given', () => {
    const lenient = { ...rules, overdueYellowMaxWorkingDays: 5, dueSoonWorkingDays: 0 };
    expect(evaluateItem(opinion(due), lenient, calendar, noon('2026-10-12')).light).toBe('yellow');
    expect(evaluateItem(opinion(due), lenient, calendar, noon('2026-09-29')).light).toBe('green');
  });

  it('trusts a deadline recorded overdue even before its instant (an extension refused, a clock behind)', () => {
    expect(evaluateItem(opinion(due, { overdue: true }), rules, calendar, noon('2026-09-30')).reasons[0].code).toBe('overdue');
  });

  it('turns an urgent problem red as soon as it is past its due, with both reasons', () => {
    const problem = opinion(due, { target: { uid: 'api::problem.problem', documentId: 'p1', title: '用地指标' }, kindLabel: '问题', urgent: true });
    const result = evaluateItem(problem, rules, calendar, noon('2026-10-08'));
    expect(result.light).toBe('red');
    expect(result.reasons.map((reason) => reason.code)).toEqual(['urgent_problem', 'overdue']);
    expect(result.reasons[0].message).toBe('特别重大问题「用地指标」逾期未解决');
    expect(evaluateItem(problem, { ...rules, urgentProblemRed: false }, calendar, noon('2026-10-08')).light).toBe('yellow');
  });

  it('lights nothing for an item without a due instant', () => {
    expect(evaluateItem(opinion(due, { dueAt: null }), rules, calendar, noon('2026-10-12'))).toEqual({ light: 'green', reasons: [] });
  });
});

const project = (extra: Partial<ProjectFacts> = {}): ProjectFacts => ({
  target: { uid: 'api::project.project', documentId: 'p1', title: '智能制造产业园' },
  category: 'general',
  stage: 'in_library',
  plannedStartDate: null,
  actualStartDate: null,
  annualPlannedInvestment: null,
  investedThisYear: 0,
  enterprise: null,
  ...extra,
});

describe('projects: start slip, time-elapsed schedule, blacklisted investor', () => {
  it('is yellow once the planned start has passed, up to exactly one month, red after', () => {
    const slipping = project({ plannedStartDate: '2026-03-15' });
    expect(evaluateProject(slipping, rules, noon('2026-03-15')).light).toBe('green');
    expect(evaluateProject(slipping, rules, noon('2026-03-16')).reasons[0]).toMatchObject({ code: 'start_slip', light: 'yellow', message: '计划 2026-03-15 开工，已延误 1 天 仍未开工' });
    expect(evaluateProject(slipping, rules, noon('2026-04-15')).reasons[0]).toMatchObject({ light: 'yellow', message: '计划 2026-03-15 开工，已延误 1 个月 仍未开工' });
    expect(evaluateProject(slipping, rules, noon('2026-04-16')).reasons[0]).toMatchObject({ light: 'red', message: '计划 2026-03-15 开工，已延误 1 个月 1 天 仍未开工' });
  });

  it('takes the months for red and yellow from the rules', () => {
    const slipping = project({ plannedStartDate: '2026-01-31' });
    const three = { ...rules, startSlipRedMonths: 3, startSlipYellowMonths: 1 };
    expect(evaluateProject(slipping, three, noon('2026-02-28')).light).toBe('green');
    expect(evaluateProject(slipping, three, noon('2026-03-10')).light).toBe('yellow');
    expect(evaluateProject(slipping, three, noon('2026-04-30')).light).toBe('yellow');
    expect(evaluateProject(slipping, three, noon('2026-05-01')).light).toBe('red');
  });

  it('does not count a slip once the project started or was withdrawn', () => {
    expect(evaluateProject(project({ plannedStartDate: '2026-01-01', stage: 'started', actualStartDate: '2026-03-01' }), rules, noon('2026-06-01')).reasons.filter((r) => r.code === 'start_slip')).toEqual([]);
    expect(evaluateProject(project({ plannedStartDate: '2026-01-01', stage: 'withdrawn' }), rules, noon('2026-06-01')).light).toBe('green');
  });

  it('compares this year’s investment with the share of the year’s months already over', () => {
    expect(elapsedPoints('2026-01-20')).toBe(0);
    expect(elapsedPoints('2026-07-01')).toBe(50);
    const building = (invested: number) => project({ stage: 'started', actualStartDate: '2026-01-10', annualPlannedInvestment: 10000, investedThisYear: invested });
    const july = noon('2026-07-15');
    // 50 % of the year is over: 40.01 % done is 9.99 points behind → green; 40 % is exactly 10 → yellow
    expect(evaluateProject(building(4001), rules, july).light).toBe('green');
    expect(evaluateProject(building(4000), rules, july).reasons[0]).toMatchObject({ code: 'schedule', light: 'yellow', value: 10, message: '年度投资完成 40%，落后序时进度（50%）10 个百分点' });
    // exactly 30 points behind is still yellow, 30.01 red
    expect(evaluateProject(building(2000), rules, july).light).toBe('yellow');
    expect(evaluateProject(building(1999), rules, july)).toMatchObject({ light: 'red', reasons: [{ value: 30.01 }] });
    expect(evaluateProject(building(0), rules, noon('2026-01-31')).light).toBe('green');
  });

  it('is red for a blacklisted investor unless the rule is off', () => {
    const listed = project({ enterprise: { name: '某某置业有限公司', blacklisted: true } });
    expect(evaluateProject(listed, rules, noon('2026-06-01'))).toMatchObject({ light: 'red', reasons: [{ code: 'blacklisted', message: '投资方「某某置业有限公司」已列入失信名单' }] });
    expect(evaluateProject(listed, { ...rules, blacklistRed: false }, noon('2026-06-01')).light).toBe('green');
  });

  it('combines its own reasons with its items’, red first, and names the item due first', () => {
    const own = evaluateProject(project({ plannedStartDate: '2026-09-20' }), rules, noon('2026-10-12'));
    const item = evaluateItem(opinion('2026-09-30'), rules, calendar, noon('2026-10-12'));
    const all = combine(own, [item, { light: 'green', reasons: [] }]);
    expect(all.light).toBe('red');
    expect(all.reasons.map((reason) => reason.code)).toEqual(['overdue', 'start_slip']);
    expect(nextDue([{ dueAt: '2026-10-09T15:59:59.999Z' }, { dueAt: null }, { dueAt: '2026-09-30T15:59:59.999Z' }])).toEqual({ dueAt: '2026-09-30T15:59:59.999Z' });
  });

  it('measures months by the calendar', () => {
    // a month after 31 January is the last day of February, as the slip thresholds count it
    expect(monthsBetween('2026-01-31', '2026-02-28')).toEqual({ months: 1, days: 0 });
    expect(monthsBetween('2026-01-31', '2026-02-27')).toEqual({ months: 0, days: 27 });
    expect(monthsBetween('2026-03-15', '2026-04-20')).toEqual({ months: 1, days: 5 });
    expect(monthsBetween('2025-12-01', '2026-12-01')).toEqual({ months: 12, days: 0 });
  });
});

describe('rules per project category', () => {
  it('lets a category override some thresholds and inherit the rest', () => {
    const rulesFor = resolveRules([
      { scope: 'default', values: { ...DEFAULT_THRESHOLDS, overdueYellowMaxWorkingDays: 2 } },
      { scope: 'key_provincial_municipal', values: { overdueYellowMaxWorkingDays: 0, startSlipRedMonths: null as unknown as number } },
    ]);
    expect(rulesFor('general').overdueYellowMaxWorkingDays).toBe(2);
    expect(rulesFor('key_provincial_municipal')).toMatchObject({ overdueYellowMaxWorkingDays: 0, startSlipRedMonths: 1, scheduleRedPoints: 30 });
    expect(rulesFor(null)).toEqual({ ...DEFAULT_THRESHOLDS, overdueYellowMaxWorkingDays: 2 });
    // a key project's opinion one working day overdue is red; an ordinary one's is yellow
    const late = noon('2026-10-08');
    expect(evaluateItem(opinion('2026-09-30'), rulesFor('key_provincial_municipal'), calendar, late).light).toBe('red');
    expect(evaluateItem(opinion('2026-09-30'), rulesFor('general'), calendar, late).light).toBe('yellow');
  });
});

describe('a unit’s view of its projects’ own reasons', () => {
  const slip = (title: string, light: 'yellow' | 'red', value: number) => ({
    code: 'start_slip' as const,
    light,
    value,
    target: { uid: 'api::project.project', documentId: title, title },
    message: `计划开工已延误 ${value} 个月`,
  });

  it('names the project of a single reason and counts several of one kind, pointing at the worst', () => {
    expect(unitProjectReasons([slip('冷链物流中心', 'yellow', 0.5)])).toEqual([{ ...slip('冷链物流中心', 'yellow', 0.5), message: '「冷链物流中心」计划开工已延误 0.5 个月' }]);
    const many = unitProjectReasons([slip('甲', 'yellow', 0.5), slip('乙', 'red', 3), slip('丙', 'red', 2)]);
    expect(many).toEqual([{ ...slip('乙', 'red', 3), value: 3, message: '3 个项目开工延误，其中红灯 2 个（最严重：「乙」）' }]);
  });
});

describe('stored reasons compared with fresh ones', () => {
  const reason = {
    code: 'overdue',
    light: 'red',
    value: 4,
    message: '区自然资源局 意见逾期 4 个工作日',
    target: { uid: 'api::opinion.opinion', documentId: 'o1', title: '规划布局意见' },
    bureau: land,
    dueAt: endOf('2026-09-30'),
  };
  // what PostgreSQL's jsonb returns: keys by length, then bytewise
  const fromJsonb = {
    code: 'overdue',
    light: 'red',
    dueAt: endOf('2026-09-30'),
    value: 4,
    bureau: { name: '区自然资源局', documentId: 'b-land' },
    target: { uid: 'api::opinion.opinion', title: '规划布局意见', documentId: 'o1' },
    message: '区自然资源局 意见逾期 4 个工作日',
  };

  it('are the same whatever the order of their keys, or keys left undefined', () => {
    expect(JSON.stringify([fromJsonb])).not.toBe(JSON.stringify([reason]));
    expect(sameJson([fromJsonb], [reason])).toBe(true);
    expect(sameJson([{ ...reason, dueAt: undefined }], [{ ...fromJsonb, dueAt: undefined }])).toBe(true);
    expect(sameJson(null, undefined)).toBe(true);
  });

  it('differ in any value, and in the order of the reasons', () => {
    expect(sameJson([fromJsonb], [{ ...reason, value: 5 }])).toBe(false);
    expect(sameJson([fromJsonb], [{ ...reason, target: { ...reason.target, title: '规划意见' } }])).toBe(false);
    const other = { ...reason, target: { ...reason.target, documentId: 'o2' } };
    expect(sameJson([reason, other], [other, reason])).toBe(false);
    expect(sameJson([], null)).toBe(false);
  });
});
