/**
 * Subscribing Strapi's webhooks to the deadline events (pure: no React, no requests). Strapi 5.54's own Webhooks
 * settings page lists only entry and media events; this is what the 「Webhook 订阅」 page sends instead.
 */
export const DEADLINE_WEBHOOK_EVENTS = [
  { event: 'deadline.reminder', id: 'webhooks.event.reminder', label: '期限提醒' },
  { event: 'deadline.overdue', id: 'webhooks.event.overdue', label: '期限逾期' },
  { event: 'deadline.escalated', id: 'webhooks.event.escalated', label: '逾期督办' },
] as const;

export type DeadlineEvent = (typeof DEADLINE_WEBHOOK_EVENTS)[number]['event'];

/** A webhook as GET /admin/webhooks returns it. */
export interface Webhook {
  id: string | number;
  name: string;
  url: string;
  headers?: Record<string, string> | null;
  events?: string[] | null;
  isEnabled?: boolean | null;
}

const DEADLINE_EVENT_NAMES: readonly string[] = DEADLINE_WEBHOOK_EVENTS.map((item) => item.event);

export const isDeadlineEvent = (event: string): event is DeadlineEvent => DEADLINE_EVENT_NAMES.includes(event);

/** The webhook's deadline events, in the page's order. */
export const deadlineEventsOf = (webhook: Webhook): DeadlineEvent[] =>
  DEADLINE_WEBHOOK_EVENTS.map((item) => item.event).filter((event) => (webhook.events ?? []).includes(event));

/** The webhook's other events (entry, media, other plugins'), left as they are. */
export const otherEventsOf = (webhook: Webhook): string[] => (webhook.events ?? []).filter((event) => !isDeadlineEvent(event));

/** The other events in their order, then the chosen deadline events in the page's order, each once. */
export function withDeadlineEvents(events: readonly string[], chosen: readonly string[]): string[] {
  const others = events.filter((event) => !isDeadlineEvent(event));
  const deadline = DEADLINE_EVENT_NAMES.filter((event) => chosen.includes(event));
  return [...new Set([...others, ...deadline])];
}

/**
 * The body of PUT /admin/webhooks/:id that changes only the deadline events: Strapi's update requires name, url,
 * headers and events and refuses unknown keys (so no id), and keeps what it is given.
 */
export function subscriptionUpdate(webhook: Webhook, chosen: readonly string[]) {
  return {
    name: webhook.name,
    url: webhook.url,
    headers: webhook.headers ?? {},
    events: withDeadlineEvents(webhook.events ?? [], chosen),
    isEnabled: webhook.isEnabled ?? true,
  };
}
