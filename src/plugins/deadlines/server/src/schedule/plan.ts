import type { WorkingCalendar } from '../calendar/working-calendar';
import { deliveryKey, jobId, planActions, type Escalation, type Offset } from './actions';
import type { ScheduledJob } from './jobs';

/** Which jobs a deadline still needs (pure: the caller reads the rows and the delivered keys). */
export interface PlannedDeadline {
  id: number;
  version: number;
  dueAt?: string | Date | null;
}

export interface PlannedRule {
  active?: boolean | null;
  reminders?: Offset[] | null;
  escalations?: Escalation[] | null;
  deliverOnNonWorkingDays?: boolean | null;
}

/**
 * The jobs of a deadline's current version that can still deliver: not delivered yet, and no reminder once the
 * due instant has passed (the worker would drop it). Shared by `sync` and `reconcile`, so that a reconcile never
 * re-adds what the worker would throw away.
 */
export function pendingJobs(
  deadline: PlannedDeadline,
  rule: PlannedRule | null | undefined,
  calendar: WorkingCalendar,
  delivered: ReadonlySet<string>,
  now: number
): ScheduledJob[] {
  if (!deadline.dueAt || !rule?.active) return [];
  const dueAt = new Date(deadline.dueAt);
  return planActions(dueAt, rule, calendar)
    .filter((action) => !delivered.has(deliveryKey(deadline.id, action.kind, action.step, dueAt)))
    .filter((action) => action.kind !== 'reminder' || now < dueAt.getTime())
    .map((action) => ({
      id: jobId(deadline.id, deadline.version, action.kind, action.step),
      runAt: action.runAt,
      data: {
        deadlineId: deadline.id,
        version: deadline.version,
        kind: action.kind,
        step: action.step,
        ...(action.to ? { to: action.to } : {}),
      },
    }));
}

/** Every job id one version of a deadline may have, to remove them when the version is superseded or closed. */
export function jobIdsOf(deadlineId: number, version: number, rule: PlannedRule | null | undefined): string[] {
  return [
    ...(rule?.reminders ?? []).map((_, step) => jobId(deadlineId, version, 'reminder', step)),
    jobId(deadlineId, version, 'overdue', 0),
    ...(rule?.escalations ?? []).map((_, step) => jobId(deadlineId, version, 'escalation', step)),
  ];
}
