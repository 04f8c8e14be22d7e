import { Badge, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { DeadlineItem } from '../hooks/useInbox';
import { DAY_MS, formatDate, formatDateTime } from '../utils/dates';
import { getTrad } from '../utils/trad';

export type Urgency = 'overdue' | 'dueSoon' | 'pending' | 'noDue';

/** overdue (or past due and not yet flipped) → danger; pending and due within a day → warning; else success/neutral. */
export function urgencyOf(item: Pick<DeadlineItem, 'state' | 'dueAt'>, now = Date.now()): Urgency {
  const due = item.dueAt ? new Date(item.dueAt).getTime() : NaN;
  if (item.state === 'overdue' || (!Number.isNaN(due) && due < now)) return 'overdue';
  if (Number.isNaN(due)) return 'noDue';
  if (due - now <= DAY_MS) return 'dueSoon';
  return 'pending';
}

const VARIANTS = { overdue: 'danger', dueSoon: 'warning', pending: 'success', noDue: 'neutral' } as const;

export const DeadlineBadge = ({ item }: { item: Pick<DeadlineItem, 'state' | 'dueAt'> }) => {
  const { formatMessage } = useIntl();
  const urgency = urgencyOf(item);
  return (
    <Badge variant={VARIANTS[urgency]} size="S">
      {formatMessage({ id: getTrad(`status.${urgency}`), defaultMessage: urgency })}
    </Badge>
  );
};

/** "2026-03-05 23:59" with "剩余 3 天 / 已逾期 2 天" and the fallback and extension notes under it. */
export const DueCell = ({ item }: { item: DeadlineItem }) => {
  const { formatMessage } = useIntl();
  const due = item.dueAt ? new Date(item.dueAt).getTime() : NaN;
  let relative: string | null = null;
  if (!Number.isNaN(due)) {
    const diff = due - Date.now();
    if (diff < 0) {
      const days = Math.floor(-diff / DAY_MS);
      relative = days >= 1
        ? formatMessage({ id: getTrad('due.overdueBy'), defaultMessage: '{days} days overdue' }, { days })
        : formatMessage({ id: getTrad('due.overdueHours'), defaultMessage: 'Overdue' });
    } else if (diff < DAY_MS) {
      relative = formatMessage({ id: getTrad('due.lessThanDay'), defaultMessage: 'Less than a day' });
    } else {
      relative = formatMessage({ id: getTrad('due.remaining'), defaultMessage: '{days} days left' }, { days: Math.floor(diff / DAY_MS) });
    }
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography textColor="neutral800">{formatDateTime(item.dueAt)}</Typography>
      {relative && (
        <Typography variant="pi" textColor={urgencyOf(item) === 'overdue' ? 'danger600' : 'neutral600'}>
          {relative}
        </Typography>
      )}
      {item.extendedDueDate && (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTrad('due.extended'), defaultMessage: 'Extended to {date}' }, { date: formatDate(item.extendedDueDate) })}
        </Typography>
      )}
      {item.fallback && (
        <Typography variant="pi" textColor="warning600">
          {formatMessage({ id: getTrad('due.fallback'), defaultMessage: 'Assumed Monday to Friday' })}
        </Typography>
      )}
    </Flex>
  );
};
