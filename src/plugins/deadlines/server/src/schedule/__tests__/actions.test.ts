import { WorkingCalendar, endOfDay } from '../../calendar/working-calendar';
import { deliveryKey, jobId, onWorkingDay, planActions } from '../actions';

/**
 * When deliveries happen, on the real 2026 statutory calendar (国务院办公厅 2026 年部分节假日安排): 国庆节、中秋节
 * 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 are make-up working days; 中秋 09-25..09-27 off.
 */
const cal = WorkingCalendar.create();
const rule = (extra: Record<string, unknown> = {}) => ({ reminders: [], escalations: [], deliverOnNonWorkingDays: false, ...extra });

describe('the 2026 calendar these cases rely on', () => {
  it('has National Day off from 10-01 to 10-07, 10-08 as the first working day after it, and the make-up days', () => {
    for (const day of ['2026-10-01', '2026-10-03', '2026-10-05', '2026-10-07', '2026-09-25', '2026-09-27']) expect(cal.isWorkingDay(day)).toBe(false);
    for (const day of ['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-09-20']) expect(cal.isWorkingDay(day)).toBe(true);
    expect(cal.nextWorkingDay('2026-10-03')).toBe('2026-10-08');
  });
});

describe('onWorkingDay', () => {
  it('moves an instant on a holiday to 09:00 Beijing time of the next working day', () => {
    expect(onWorkingDay(new Date('2026-10-03T15:30:00+08:00'), cal).toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });

  it('moves early-morning and late-evening instants by their Beijing date, not the UTC one', () => {
    // 2026-10-01 00:30 +08:00 is still 2026-09-30 in UTC, yet it is on the holiday
    expect(onWorkingDay(new Date('2026-10-01T00:30:00+08:00'), cal).toISOString()).toBe('2026-10-08T01:00:00.000Z');
    // 2026-09-30 23:30 +08:00 is a working day in Beijing: unchanged
    expect(onWorkingDay(new Date('2026-09-30T23:30:00+08:00'), cal).toISOString()).toBe('2026-09-30T15:30:00.000Z');
  });

  it('leaves make-up working days (a Saturday and a Sunday) alone and moves an ordinary Sunday to Monday', () => {
    expect(onWorkingDay(new Date('2026-10-10T10:00:00+08:00'), cal).toISOString()).toBe('2026-10-10T02:00:00.000Z');
    expect(onWorkingDay(new Date('2026-09-20T10:00:00+08:00'), cal).toISOString()).toBe('2026-09-20T02:00:00.000Z');
    expect(onWorkingDay(new Date('2026-10-11T10:00:00+08:00'), cal).toISOString()).toBe('2026-10-12T01:00:00.000Z');
  });
});

describe('planActions', () => {
  it('a reminder that would fall on 2026-10-03 is delivered at 09:00 +08:00 on 2026-10-08 instead', () => {
    const dueAt = endOfDay('2026-10-09');
    // 150 h before 10-09 23:59:59.999 is 10-03 17:59:59.999, in the National Day holiday
    const [reminder] = planActions(dueAt, rule({ reminders: [{ hours: 150 }] }), cal);
    expect(reminder).toMatchObject({ kind: 'reminder', step: 0 });
    expect(reminder.runAt.toISOString()).toBe('2026-10-08T01:00:00.000Z');
  });

  it('delivers on the holiday itself when the rule allows non-working days', () => {
    const [reminder] = planActions(endOfDay('2026-10-09'), rule({ reminders: [{ hours: 150 }], deliverOnNonWorkingDays: true }), cal);
    expect(reminder.runAt.toISOString()).toBe(new Date('2026-10-03T17:59:59.999+08:00').toISOString());
  });

  it('no planned delivery of a non-working-day rule falls on a non-working day', () => {
    const dueAt = endOfDay('2026-09-30');
    const actions = planActions(dueAt, rule({ reminders: [{ hours: 100 }, { workingDays: 1 }], escalations: [{ workingDays: 1 }, { hours: 30, to: 'responsible' }] }), cal);
    for (const action of actions) {
      const date = new Date(action.runAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      expect({ kind: action.kind, step: action.step, working: cal.isWorkingDay(date) }).toEqual({ kind: action.kind, step: action.step, working: true });
    }
  });

  it('the overdue notice of a deadline due on the eve of National Day waits for 2026-10-08 09:00', () => {
    const actions = planActions(endOfDay('2026-09-30'), rule(), cal);
    expect(actions).toEqual([{ kind: 'overdue', step: 0, runAt: new Date('2026-10-08T01:00:00.000Z') }]);
    const anyDay = planActions(endOfDay('2026-09-30'), rule({ deliverOnNonWorkingDays: true }), cal);
    expect(anyDay[0].runAt.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('a Friday deadline before the make-up Sunday 2026-09-20 is reported overdue that Sunday', () => {
    const [overdue] = planActions(endOfDay('2026-09-18'), rule(), cal);
    expect(overdue.runAt.toISOString()).toBe('2026-09-20T01:00:00.000Z');
  });

  it('counts working-day offsets over the holiday: one working day before 10-08 is 09-30, one after 09-30 is 10-08', () => {
    const [reminder] = planActions(endOfDay('2026-10-08'), rule({ reminders: [{ workingDays: 1 }] }), cal);
    expect(reminder.runAt.toISOString()).toBe('2026-09-30T01:00:00.000Z');
    const escalation = planActions(endOfDay('2026-09-30'), rule({ escalations: [{ workingDays: 1 }] }), cal).find((a) => a.kind === 'escalation');
    expect(escalation).toEqual({ kind: 'escalation', step: 0, runAt: new Date('2026-10-08T01:00:00.000Z'), to: 'office' });
  });

  it('drops a reminder that moving off a holiday would put after the due instant', () => {
    // due at the end of the holiday 10-03 itself: 1 h before is on the holiday, moved to 10-08 — after the due instant
    const actions = planActions(endOfDay('2026-10-03'), rule({ reminders: [{ hours: 1 }] }), cal);
    expect(actions.map((a) => a.kind)).toEqual(['overdue']);
  });

  it('names jobs by deadline, version, kind and step, and deliveries by deadline, kind, step and due instant', () => {
    expect(jobId(7, 2, 'reminder', 0)).toBe('deadline:7:v2:reminder:0');
    expect(deliveryKey(7, 'overdue', 0, endOfDay('2026-09-15'))).toBe('7:overdue:0:2026-09-15T15:59:59.999Z');
  });
});
