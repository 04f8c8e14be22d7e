import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  Link,
  LinkButton,
  Table,
  Tabs,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Check, Pencil } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { enumLabel } from '../../../../../domain/labels';
import { DeadlineBadge, DueCell, urgencyOf } from '../components/DeadlineStatus';
import { type DeadlineItem, type NotificationItem, useInbox } from '../hooks/useInbox';
import { PERMISSIONS } from '../permissions';
import { formatDateTime } from '../utils/dates';
import { chineseError } from '../utils/errors';
import { editViewPath, SETTINGS_PATHS } from '../utils/links';
import { getTrad } from '../utils/trad';
import { TableHead } from '../components/TableHead';
import { useAllowedActions } from '../../../../../admin/shared/useAllowedActions';

const KIND_VARIANTS = { reminder: 'warning', overdue: 'danger', escalation: 'danger' } as const;

/** The record a deadline or notification is about, linked to its edit view in the content manager. */
const TargetLink = ({ uid, documentId, children }: { uid?: string | null; documentId?: string | null; children: React.ReactNode }) =>
  uid && documentId ? (
    <Link tag={RouterLink} to={editViewPath(uid, documentId)}>
      {children}
    </Link>
  ) : (
    <Typography textColor="neutral800">{children}</Typography>
  );

const Section = ({ title, summary, children }: { title: string; summary?: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="baseline" wrap="wrap" gap={2}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {summary && (
          <Typography variant="pi" textColor="neutral600">
            {summary}
          </Typography>
        )}
      </Flex>
      {children}
    </Flex>
  </Box>
);

const DeadlinesTable = ({ items }: { items: DeadlineItem[] }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  if (!items.length) return <EmptyStateLayout content={t('inbox.deadlines.empty', 'No open deadlines')} />;
  return (
    <Table colCount={6} rowCount={items.length + 1}>
      <TableHead columns={[['inbox.col.title', 'Item'], ['inbox.col.rule', 'Rule'], ['inbox.col.bureau', 'Responsible unit'], ['inbox.col.dueAt', 'Due'], ['inbox.col.state', 'Status'], ['inbox.col.actions', 'Actions']]} />
      <Tbody>
        {items.map((item) => (
          <Tr key={item.documentId}>
            <Td style={{ whiteSpace: 'normal', minWidth: '24rem', maxWidth: '36rem' }}>
              <TargetLink uid={item.targetUid} documentId={item.targetDocumentId}>
                {item.targetTitle || item.targetDocumentId || '-'}
              </TargetLink>
            </Td>
            <Td style={{ whiteSpace: 'normal', maxWidth: '20rem' }}>
              <Typography textColor="neutral800">{item.rule?.name ?? '-'}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">{item.bureau?.name ?? '-'}</Typography>
            </Td>
            <Td>
              <DueCell item={item} />
            </Td>
            <Td>
              <DeadlineBadge item={item} />
            </Td>
            <Td>
              {item.targetUid && item.targetDocumentId ? (
                <LinkButton
                  tag={RouterLink}
                  to={editViewPath(item.targetUid, item.targetDocumentId)}
                  variant="tertiary"
                  size="S"
                  startIcon={<Pencil />}
                >
                  {t('common.open', 'Open record')}
                </LinkButton>
              ) : null}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const NotificationsTable = ({ items, onRead }: { items: NotificationItem[]; onRead: (item: NotificationItem) => Promise<void> }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const [busy, setBusy] = React.useState<string | null>(null);
  if (!items.length) return <EmptyStateLayout content={t('inbox.notifications.empty', 'No notifications')} />;
  return (
    <Table colCount={5} rowCount={items.length + 1}>
      <TableHead columns={[['inbox.notifications.col.title', 'Title'], ['inbox.notifications.col.kind', 'Kind'], ['inbox.notifications.col.bureau', 'Recipient'], ['inbox.notifications.col.times', 'Due / sent'], ['inbox.notifications.col.read', 'Read']]} />
      <Tbody>
        {items.map((item) => {
          const unread = !item.readAt;
          return (
            <Tr key={item.documentId} style={unread ? undefined : { opacity: 0.75 }}>
              <Td style={{ whiteSpace: 'normal', minWidth: '28rem' }}>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <TargetLink uid={item.targetUid} documentId={item.targetDocumentId}>
                    <span style={{ fontWeight: unread ? 600 : 400 }}>{item.title || '-'}</span>
                  </TargetLink>
                  {item.message && (
                    <Typography variant="pi" textColor="neutral600">
                      {item.message}
                    </Typography>
                  )}
                </Flex>
              </Td>
              <Td>
                <Badge size="S" variant={KIND_VARIANTS[item.kind] ?? 'neutral'}>
                  {enumLabel(item.kind) || '-'}
                </Badge>
              </Td>
              <Td style={{ whiteSpace: 'normal', maxWidth: '16rem' }}>
                <Typography textColor="neutral800">{item.bureau?.name ?? '-'}</Typography>
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography textColor="neutral800">
                    {formatMessage(
                      { id: getTrad('inbox.notifications.dueAt'), defaultMessage: 'Due {time}' },
                      { time: formatDateTime(item.dueAt) }
                    )}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {formatMessage(
                      { id: getTrad('inbox.notifications.sentAt'), defaultMessage: 'Sent {time}' },
                      { time: formatDateTime(item.createdAt) }
                    )}
                  </Typography>
                </Flex>
              </Td>
              <Td>
                {unread ? (
                  <Flex gap={2} alignItems="center">
                    <Badge size="S" variant="primary">
                      {t('inbox.notifications.unread', 'Unread')}
                    </Badge>
                    <Button
                      variant="secondary"
                      size="S"
                      startIcon={<Check />}
                      loading={busy === item.documentId}
                      disabled={busy !== null}
                      onClick={async () => {
                        setBusy(item.documentId);
                        try {
                          await onRead(item);
                        } finally {
                          setBusy(null);
                        }
                      }}
                    >
                      {t('inbox.notifications.markRead', 'Mark as read')}
                    </Button>
                  </Flex>
                ) : (
                  <Typography variant="pi" textColor="neutral600">
                    {formatMessage(
                      { id: getTrad('inbox.notifications.readAt'), defaultMessage: 'Read ({time})' },
                      { time: formatDateTime(item.readAt) }
                    )}
                  </Typography>
                )}
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};

/** 我的待办: the signed-in admin's open deadlines and notifications. */
const InboxPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { data, error, isLoading, reload } = useInbox();
  // the monthly report status is a settings page: only for admins allowed to see the deadline settings
  const { allowedActions } = useAllowedActions(PERMISSIONS.read);
  const canSeeSettings = Boolean(allowedActions.canRead);
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'notifications' ? 'notifications' : 'deadlines';

  const markRead = async (item: NotificationItem) => {
    try {
      await post(`/deadlines/notifications/${encodeURIComponent(item.documentId)}/read`);
      toggleNotification({ type: 'success', message: t('inbox.notifications.marked', 'Marked as read') });
      reload();
    } catch (err) {
      toggleNotification({ type: 'danger', message: chineseError(err, t('inbox.notifications.markError', 'Could not mark as read')) });
    }
  };

  const title = t('inbox.title', 'My to-do');
  if (isLoading && !data) return <Page.Loading />;

  const deadlines = data?.deadlines ?? [];
  const notifications = data?.notifications ?? [];
  const overdue = deadlines.filter((d) => urgencyOf(d) === 'overdue').length;
  const unread = notifications.filter((n) => !n.readAt).length;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('inbox.subtitle', 'Open deadlines and notifications')}
        primaryAction={
          <Flex gap={2}>
            {canSeeSettings && (
              <LinkButton tag={RouterLink} to={`/settings/${SETTINGS_PATHS.monthlyReports}`} variant="tertiary">
                {t('inbox.monthlyReports', 'Monthly problem reports')}
              </LinkButton>
            )}
            <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={reload} loading={isLoading}>
              {t('common.refresh', 'Refresh')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        {error && !data ? (
          <Page.Error />
        ) : (
          <Tabs.Root variant="simple" value={tab} onValueChange={(value) => setSearchParams({ tab: value }, { replace: true })}>
            <Tabs.List aria-label={title}>
              <Tabs.Trigger value="deadlines">
                {formatMessage({ id: getTrad('inbox.tab.deadlines'), defaultMessage: 'Open items ({count})' }, { count: deadlines.length })}
              </Tabs.Trigger>
              <Tabs.Trigger value="notifications">
                {formatMessage({ id: getTrad('inbox.tab.notifications'), defaultMessage: 'Notifications ({unread} unread)' }, { unread })}
              </Tabs.Trigger>
            </Tabs.List>
            <Box paddingTop={4}>
              <Tabs.Content value="deadlines">
                <Section
                  title={t('inbox.deadlines.title', 'Open items')}
                  summary={formatMessage(
                    { id: getTrad('inbox.deadlines.count'), defaultMessage: '{count} items, {overdue} overdue' },
                    { count: deadlines.length, overdue }
                  )}
                >
                  <DeadlinesTable items={deadlines} />
                </Section>
              </Tabs.Content>
              <Tabs.Content value="notifications">
                <Section
                  title={t('inbox.notifications.title', 'Notifications')}
                  summary={formatMessage(
                    { id: getTrad('inbox.notifications.count'), defaultMessage: '{count} notifications, {unread} unread' },
                    { count: notifications.length, unread }
                  )}
                >
                  <NotificationsTable items={notifications} onRead={markRead} />
                </Section>
              </Tabs.Content>
            </Box>
          </Tabs.Root>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default InboxPage;
