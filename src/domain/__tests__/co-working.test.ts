import { WorkingCalendar } from '../../plugins/deadlines/server/src/calendar/working-calendar';
import { coWorkingFigure, expectedToAttend, mondayOf, previousWeek, sumCoWorking, weeklyAttendance, type CoWorkingDayFacts } from '../co-working';

// the statutory calendar (chinese-days): 2026 National Day Oct 1–7 off, Saturday Oct 10 a make-up working day
const calendar = WorkingCalendar.create();
const isWorkingDay = (date: string) => calendar.isWorkingDay(date);
const [A, B, C] = [1, 2, 3];
const day = (date: string, statuses: Record<number, string>): CoWorkingDayFacts => ({
  date,
  attendance: Object.entries(statuses).map(([bureauId, status]) => ({ bureauId: Number(bureauId), status })),
});
const OCTOBER = { from: '2026-09-28', to: '2026-10-11' };

describe('集中办公: weeks and flags', () => {
  it('runs weeks Monday to Sunday', () => {
    expect(mondayOf('2026-10-11')).toBe('2026-10-05');
    expect(mondayOf('2026-10-05')).toBe('2026-10-05');
    expect(previousWeek('2026-10-12')).toEqual({ from: '2026-10-05', to: '2026-10-11' });
  });

  it('expects nothing of a week whose only planned day became a holiday', () => {
    const weeks = weeklyAttendance([day('2026-10-01', { [A]: 'absent' })], [A, B], isWorkingDay, OCTOBER);
    expect(weeks).toHaveLength(1);
    expect(weeks[0]).toMatchObject({ week: '2026-09-28', weekEnd: '2026-10-04', days: [], skipped: ['2026-10-01'], expected: false });
    expect(weeks[0].bureaus.some((row) => row.flagged)).toBe(false);
  });

  it('across the National Day week with its make-up Saturday: present once is enough, excused or absent only is flagged', () => {
    const days = [
      // holiday: not counted, whatever is recorded
      day('2026-10-06', { [A]: 'absent', [B]: 'absent', [C]: 'absent' }),
      day('2026-10-08', { [A]: 'absent', [B]: 'excused', [C]: 'absent' }),
      // 调休 Saturday: a working day
      day('2026-10-10', { [A]: 'present', [B]: 'excused' }),
    ];
    const [week] = weeklyAttendance(days, [A, B, C], isWorkingDay, OCTOBER);
    expect(week).toMatchObject({ week: '2026-10-05', days: ['2026-10-08', '2026-10-10'], skipped: ['2026-10-06'], expected: true });
    const of = (id: number) => week.bureaus.find((row) => row.bureauId === id);
    expect(of(A)).toEqual({ bureauId: A, planned: 2, present: 1, excused: 0, absent: 1, flagged: false });
    expect(of(B)).toEqual({ bureauId: B, planned: 2, present: 0, excused: 2, absent: 0, flagged: true });
    // missing from Saturday's list: absent that day
    expect(of(C)).toEqual({ bureauId: C, planned: 2, present: 0, excused: 0, absent: 2, flagged: true });
  });

  it('counts only the days within the period', () => {
    const days = [day('2026-10-09', { [A]: 'present' }), day('2026-10-12', { [A]: 'absent' })];
    const weeks = weeklyAttendance(days, [A], isWorkingDay, OCTOBER);
    expect(weeks.map((week) => week.week)).toEqual(['2026-10-05']);
  });

  it('adds up a bureau: days planned and present, weeks expected, attended and flagged, and the rate', () => {
    const days = [
      day('2026-09-29', { [A]: 'present', [B]: 'absent' }),
      day('2026-10-01', { [A]: 'absent', [B]: 'absent' }),
      day('2026-10-08', { [A]: 'absent', [B]: 'present' }),
      day('2026-10-10', { [A]: 'absent', [B]: 'present' }),
    ];
    const weeks = weeklyAttendance(days, [A, B], isWorkingDay, OCTOBER);
    const a = coWorkingFigure(weeks, A);
    const b = coWorkingFigure(weeks, B);
    expect(a).toEqual({ daysPlanned: 3, daysPresent: 1, expectedWeeks: 2, attendedWeeks: 1, flaggedWeeks: 1, rate: 0.5 });
    expect(b).toEqual({ daysPlanned: 3, daysPresent: 2, expectedWeeks: 2, attendedWeeks: 1, flaggedWeeks: 1, rate: 0.5 });
    expect(coWorkingFigure([], A).rate).toBeNull();
    expect(sumCoWorking([a, b, coWorkingFigure(weeks, 99)])).toEqual({ daysPlanned: 6, daysPresent: 3, expectedWeeks: 4, attendedWeeks: 2, flaggedWeeks: 2, rate: 0.5 });
  });

  it('expects the active departments that take part', () => {
    expect(expectedToAttend({ kind: 'department', active: true })).toBe(true);
    expect(expectedToAttend({ kind: 'department', active: true, coWorking: false })).toBe(false);
    expect(expectedToAttend({ kind: 'department', active: false, coWorking: true })).toBe(false);
    expect(expectedToAttend({ kind: 'town', coWorking: true })).toBe(false);
  });
});
