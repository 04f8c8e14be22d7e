/**
 * When a deadline turns overdue (pure: the caller reads the row and writes the patch). A `pending` deadline whose
 * due instant has passed is overdue from then on, whether the overdue notice has gone out yet or not: the notice
 * may wait for 09:00 of the next working day, the state does not.
 */
export interface OverdueCandidate {
  state?: string | null;
  dueAt?: string | Date | null;
  history?: unknown[] | null;
}

export interface OverduePatch {
  state: 'overdue';
  overdueAt: string;
  history: unknown[];
}

/** Still `pending` although its due instant lies before `now`. */
export function isPastDue(deadline: OverdueCandidate, now: Date): boolean {
  return deadline.state === 'pending' && deadline.dueAt != null && new Date(deadline.dueAt).getTime() < now.getTime();
}

/** The write that marks a pending deadline overdue at `at`, with its history entry; null when it is not pending. */
export function overduePatch(deadline: OverdueCandidate, at: Date): OverduePatch | null {
  if (deadline.state !== 'pending') return null;
  const stamp = at.toISOString();
  return { state: 'overdue', overdueAt: stamp, history: [...(deadline.history ?? []), { at: stamp, state: 'overdue', reason: 'due' }] };
}
