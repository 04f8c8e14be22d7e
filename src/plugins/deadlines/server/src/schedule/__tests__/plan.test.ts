import { WorkingCalendar, endOfDay } from '../../calendar/working-calendar';
import { deliveryKey } from '../actions';
import { jobIdsOf, pendingJobs } from '../plan';

/** Which jobs sync and reconcile (re)add: only those the worker would still deliver. */
const cal = WorkingCalendar.create();
const dueAt = endOfDay('2026-09-15');
const deadline = { id: 4, version: 3, dueAt: dueAt.toISOString() };
const rule = { active: true, reminders: [{ workingDays: 1 }], escalations: [{ workingDays: 1, to: 'office' }], deliverOnNonWorkingDays: false };
const before = new Date('2026-09-14T00:00:00+08:00').getTime();
const after = new Date('2026-09-16T12:00:00+08:00').getTime();

describe('pendingJobs', () => {
  it('plans reminder, overdue and escalation of the current version with their ids and times', () => {
    expect(pendingJobs(deadline, rule, cal, new Set(), before)).toEqual([
      { id: 'deadline:4:v3:reminder:0', runAt: new Date('2026-09-14T01:00:00.000Z'), data: { deadlineId: 4, version: 3, kind: 'reminder', step: 0 } },
      { id: 'deadline:4:v3:overdue:0', runAt: new Date('2026-09-15T16:00:00.000Z'), data: { deadlineId: 4, version: 3, kind: 'overdue', step: 0 } },
      {
        id: 'deadline:4:v3:escalation:0',
        runAt: new Date('2026-09-16T01:00:00.000Z'),
        data: { deadlineId: 4, version: 3, kind: 'escalation', step: 0, to: 'office' },
      },
    ]);
  });

  it('leaves out what was delivered and reminders whose due instant has passed', () => {
    const delivered = new Set([deliveryKey(4, 'overdue', 0, dueAt)]);
    expect(pendingJobs(deadline, rule, cal, delivered, after).map((job) => job.id)).toEqual(['deadline:4:v3:escalation:0']);
  });

  it('a delivery for another due instant (before the deadline moved) does not count', () => {
    const delivered = new Set([deliveryKey(4, 'overdue', 0, endOfDay('2026-09-10'))]);
    expect(pendingJobs(deadline, rule, cal, delivered, after).map((job) => job.data.kind)).toEqual(['overdue', 'escalation']);
  });

  it('plans nothing for an inactive rule or a deadline without a due instant', () => {
    expect(pendingJobs(deadline, { ...rule, active: false }, cal, new Set(), before)).toEqual([]);
    expect(pendingJobs({ ...deadline, dueAt: null }, rule, cal, new Set(), before)).toEqual([]);
    expect(pendingJobs(deadline, null, cal, new Set(), before)).toEqual([]);
  });
});

describe('jobIdsOf', () => {
  it('lists every job id one version may have', () => {
    expect(jobIdsOf(4, 2, { reminders: [{ hours: 1 }, { hours: 2 }], escalations: [{ workingDays: 1 }] })).toEqual([
      'deadline:4:v2:reminder:0',
      'deadline:4:v2:reminder:1',
      'deadline:4:v2:overdue:0',
      'deadline:4:v2:escalation:0',
    ]);
  });
});
