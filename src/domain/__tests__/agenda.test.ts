import { agendaNote, agendaPlan, occurrenceAt, occurrenceKey, occurrencesDue } from '../agenda';

const beijing = (local: string) => new Date(`${local}+08:00`);

describe('a meeting’s proposed agenda', () => {
  it('takes, for a weekly meeting, the problems reported since the previous weekly meeting', () => {
    const plan = agendaPlan('weekly', beijing('2026-12-07T09:00:00'), beijing('2026-11-30T09:00:00'));
    expect(plan.problems).toEqual({ kind: 'since_last', since: '2026-11-30T01:00:00.000Z' });
  });

  it('takes every unresolved problem at the first weekly meeting', () => {
    expect(agendaPlan('weekly', beijing('2026-12-07T09:00:00'), null).problems).toEqual({ kind: 'since_last', since: null });
  });

  it('takes the problems needing a district-level decision at a monthly dispatch, the projects’ own at a consultation', () => {
    expect(agendaPlan('monthly_dispatch', beijing('2026-12-07T09:00:00')).problems).toEqual({ kind: 'district_level' });
    expect(agendaPlan('special_consultation', beijing('2026-12-07T09:00:00')).problems).toEqual({ kind: 'of_projects' });
    expect(agendaPlan('joint_pre_assessment', beijing('2026-12-07T09:00:00')).problems).toEqual({ kind: 'of_projects' });
  });

  it('proposes unfinished tasks due by the end of the seventh day after the meeting (Beijing)', () => {
    // held late on 7 Dec in Beijing (still 7 Dec, 15:30 UTC): due soon means up to 14 Dec 23:59:59.999 +08:00
    expect(agendaPlan('weekly', beijing('2026-12-07T23:30:00')).tasksDueBy).toBe('2026-12-14T15:59:59.999Z');
  });

  it('says what it picked and why, in Chinese', () => {
    const plan = agendaPlan('weekly', beijing('2026-12-07T09:00:00'), beijing('2026-11-30T09:00:00'));
    expect(agendaNote(plan, { problems: 3, tasks: 5, carriedOver: 2, redProjects: 1 })).toBe(
      '系统按会议类型自动提出议题：上次周例会（2026-11-30 09:00）以来新报送且未解决的困难问题 3 个；' +
        '逾期或 7 日内到期的未完成责任事项 5 项（其中以往会议未完成事项 2 项）；红灯项目 1 个。可在会前增删议题。'
    );
    expect(agendaNote(agendaPlan('monthly_dispatch', beijing('2026-12-07T09:00:00')), { problems: 0, tasks: 0, carriedOver: 0, redProjects: 0 })).toContain(
      '需区级协调决策的未解决问题 0 个'
    );
  });
});

describe('a regular series of meetings', () => {
  it('meets each week at the same Beijing time', () => {
    expect(occurrenceAt(beijing('2026-12-07T09:00:00'), 'every_week', 1)).toEqual(beijing('2026-12-14T09:00:00'));
    expect(occurrenceAt(beijing('2026-12-28T09:00:00'), 'every_week', 1)).toEqual(beijing('2027-01-04T09:00:00'));
  });

  it('meets each month on the first meeting’s day, the month’s last day when it has none, without drifting', () => {
    const first = beijing('2026-01-31T15:00:00');
    expect(occurrenceAt(first, 'every_month', 1)).toEqual(beijing('2026-02-28T15:00:00'));
    expect(occurrenceAt(first, 'every_month', 2)).toEqual(beijing('2026-03-31T15:00:00'));
    expect(occurrenceAt(first, 'every_month', 3)).toEqual(beijing('2026-04-30T15:00:00'));
  });

  it('has no next meeting when it does not repeat', () => {
    expect(occurrenceAt(beijing('2026-12-07T09:00:00'), 'once', 1)).toBeNull();
    expect(occurrencesDue(beijing('2026-12-07T09:00:00'), 'once', beijing('2026-12-12T09:00:00'))).toEqual([]);
  });

  it('creates a meeting three days ahead, never one already past', () => {
    const first = beijing('2026-11-02T09:00:00'); // weekly on Mondays
    // Thursday 10 Dec 09:00: the 14 Dec meeting is more than 3 days away
    expect(occurrencesDue(first, 'every_week', beijing('2026-12-10T08:59:59'))).toEqual([]);
    expect(occurrencesDue(first, 'every_week', beijing('2026-12-11T09:00:00'))).toEqual([{ n: 6, heldAt: beijing('2026-12-14T09:00:00') }]);
    // on the day of a meeting, after it: only the next one, once it is within reach
    expect(occurrencesDue(first, 'every_week', beijing('2026-12-14T10:00:00'))).toEqual([]);
  });

  it('keys a meeting by its series and its Beijing date', () => {
    expect(occurrenceKey('abc', beijing('2026-12-14T00:30:00'))).toBe('abc:2026-12-14');
  });
});
