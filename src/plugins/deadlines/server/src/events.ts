import type { ActionKind } from './schedule/actions';

/** The webhook events a delivery emits after its commit, one per kind of action. */
export const DEADLINE_EVENTS: Record<ActionKind, string> = {
  reminder: 'deadline.reminder',
  overdue: 'deadline.overdue',
  escalation: 'deadline.escalated',
};

/** The keys under which the events are allowed in Strapi's webhook store (as core plugins name theirs). */
export const WEBHOOK_EVENTS: Record<string, string> = {
  DEADLINE_REMINDER: DEADLINE_EVENTS.reminder,
  DEADLINE_OVERDUE: DEADLINE_EVENTS.overdue,
  DEADLINE_ESCALATED: DEADLINE_EVENTS.escalation,
};
