import { isPastDue, overduePatch } from '../overdue';

/** A pending deadline past its due instant is overdue at once; nothing else changes state here. */
const dueAt = '2026-10-10T15:59:59.999Z';
const created = { at: '2026-10-08T02:00:00.000Z', dueAt, reason: 'created' };

describe('isPastDue', () => {
  it('holds for a pending deadline once its due instant has passed, not at or before it', () => {
    const pending = { state: 'pending', dueAt };
    expect(isPastDue(pending, new Date('2026-10-10T16:00:00.000Z'))).toBe(true);
    expect(isPastDue(pending, new Date(dueAt))).toBe(false);
    expect(isPastDue(pending, new Date('2026-10-10T15:00:00.000Z'))).toBe(false);
  });

  it('never holds for a met, cancelled or already overdue deadline, or one without a due instant', () => {
    const later = new Date('2026-11-01T00:00:00.000Z');
    for (const state of ['met', 'cancelled', 'overdue']) expect(isPastDue({ state, dueAt }, later)).toBe(false);
    expect(isPastDue({ state: 'pending', dueAt: null }, later)).toBe(false);
  });
});

describe('overduePatch', () => {
  it('marks a pending deadline overdue at the given instant and appends one history entry', () => {
    const at = new Date('2026-10-11T01:30:00.000Z');
    expect(overduePatch({ state: 'pending', dueAt, history: [created] }, at)).toEqual({
      state: 'overdue',
      overdueAt: '2026-10-11T01:30:00.000Z',
      history: [created, { at: '2026-10-11T01:30:00.000Z', state: 'overdue', reason: 'due' }],
    });
  });

  it('starts a history when there is none, and leaves any deadline that is not pending alone', () => {
    const at = new Date('2026-10-11T01:30:00.000Z');
    expect(overduePatch({ state: 'pending', dueAt, history: null }, at)?.history).toEqual([{ at: at.toISOString(), state: 'overdue', reason: 'due' }]);
    for (const state of ['met', 'cancelled', 'overdue']) expect(overduePatch({ state, dueAt, history: [created] }, at)).toBeNull();
  });
});
