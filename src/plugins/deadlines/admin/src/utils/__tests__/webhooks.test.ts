import { WEBHOOK_EVENTS } from '../../../../server/src/events';
import { DEADLINE_WEBHOOK_EVENTS, deadlineEventsOf, otherEventsOf, subscriptionUpdate, withDeadlineEvents } from '../webhooks';

/** What the 「Webhook 订阅」 page sends: the deadline events changed, everything else of the webhook kept. */
describe('deadline webhook subscriptions', () => {
  const webhook = {
    id: '3',
    name: '督办系统',
    url: 'https://example.gov.cn/hooks/lanshan',
    headers: { Authorization: 'Bearer abc' },
    events: ['entry.create', 'deadline.overdue', 'media.delete', 'releases.publish'],
    isEnabled: false,
  };

  it('offers exactly the events the server emits, labelled in Chinese', () => {
    expect(DEADLINE_WEBHOOK_EVENTS.map((item) => item.event).sort()).toEqual(Object.values(WEBHOOK_EVENTS).sort());
    expect(DEADLINE_WEBHOOK_EVENTS.map((item) => item.label)).toEqual(['期限提醒', '期限逾期', '逾期督办']);
  });

  it('splits a webhook’s events into the deadline ones and the others', () => {
    expect(deadlineEventsOf(webhook)).toEqual(['deadline.overdue']);
    expect(otherEventsOf(webhook)).toEqual(['entry.create', 'media.delete', 'releases.publish']);
    expect(deadlineEventsOf({ ...webhook, events: null })).toEqual([]);
  });

  it('keeps the other events in their order and adds the chosen deadline events once, in a fixed order', () => {
    expect(withDeadlineEvents(webhook.events, ['deadline.escalated', 'deadline.reminder', 'deadline.reminder'])).toEqual([
      'entry.create',
      'media.delete',
      'releases.publish',
      'deadline.reminder',
      'deadline.escalated',
    ]);
    expect(withDeadlineEvents(webhook.events, [])).toEqual(['entry.create', 'media.delete', 'releases.publish']);
  });

  it('sends every field Strapi’s update requires, unchanged, and no id', () => {
    expect(subscriptionUpdate(webhook, ['deadline.reminder'])).toEqual({
      name: '督办系统',
      url: 'https://example.gov.cn/hooks/lanshan',
      headers: { Authorization: 'Bearer abc' },
      events: ['entry.create', 'media.delete', 'releases.publish', 'deadline.reminder'],
      isEnabled: false,
    });
    expect(subscriptionUpdate({ id: 1, name: 'x', url: 'http://h', headers: null, events: null, isEnabled: null }, [])).toEqual({
      name: 'x',
      url: 'http://h',
      headers: {},
      events: [],
      isEnabled: true,
    });
  });
});
