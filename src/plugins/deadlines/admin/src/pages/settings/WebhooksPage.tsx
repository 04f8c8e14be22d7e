import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Flex,
  LinkButton,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Check, Plus } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { Notice } from '../../../../../../admin/shared/Notice';
import { TableHead } from '../../components/TableHead';
import { useRequest } from '../../../../../../admin/shared/useRequest';
import { PERMISSIONS } from '../../permissions';
import { chineseError } from '../../utils/errors';
import {
  DEADLINE_WEBHOOK_EVENTS,
  deadlineEventsOf,
  type DeadlineEvent,
  otherEventsOf,
  subscriptionUpdate,
  type Webhook,
} from '../../utils/webhooks';
import { getTrad } from '../../utils/trad';
import { useAllowedActions } from '../../../../../../admin/shared/useAllowedActions';

const sameEvents = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((event) => b.includes(event));

/**
 * Webhook 订阅: which of Strapi's webhooks receive 期限提醒 / 期限逾期 / 逾期督办. Strapi 5.54's own Webhooks page
 * lists only entry and media events; here each webhook gets a checkbox per deadline event, and saving sends the
 * webhook back whole (PUT /admin/webhooks/:id) with its other events untouched.
 */
const WebhooksPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useAllowedActions(PERMISSIONS.webhooksUpdate);
  const canUpdate = Boolean(allowedActions.canUpdate);

  const webhooks = useRequest('webhooks', async (signal) => {
    const { data } = await get<{ data: Webhook[] }>('/admin/webhooks', { signal });
    return data.data;
  });
  /** Unsaved choices per webhook id. */
  const [choices, setChoices] = React.useState<Record<string, DeadlineEvent[]>>({});
  const [saving, setSaving] = React.useState<string | null>(null);

  const chosen = (webhook: Webhook) => choices[String(webhook.id)] ?? deadlineEventsOf(webhook);
  const toggle = (webhook: Webhook, event: DeadlineEvent, on: boolean) =>
    setChoices((prev) => {
      const current = prev[String(webhook.id)] ?? deadlineEventsOf(webhook);
      const next = on ? [...new Set([...current, event])] : current.filter((item) => item !== event);
      return { ...prev, [String(webhook.id)]: next };
    });

  const save = async (webhook: Webhook) => {
    const id = String(webhook.id);
    setSaving(id);
    try {
      // the webhook as the server has it now, so that a change made meanwhile in Strapi's page is not overwritten
      const { data } = await get<{ data: Webhook }>(`/admin/webhooks/${encodeURIComponent(id)}`);
      await put(`/admin/webhooks/${encodeURIComponent(id)}`, subscriptionUpdate(data.data, chosen(webhook)));
      toggleNotification({ type: 'success', message: t('webhooks.saved', 'Saved', { name: webhook.name }) });
      setChoices((prev) => {
        const { [id]: _saved, ...rest } = prev;
        return rest;
      });
      webhooks.reload();
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: chineseError(error, t('common.saveError', 'Could not save'), t('common.forbidden', 'Forbidden')),
      });
    } finally {
      setSaving(null);
    }
  };

  const title = t('webhooks.title', 'Webhook subscriptions');
  if (webhooks.isLoading && !webhooks.data) return <Page.Loading />;
  const list = webhooks.data ?? [];
  const createButton = (
    <LinkButton tag={RouterLink} to="/settings/webhooks/create" variant="secondary" startIcon={<Plus />}>
      {t('webhooks.create', 'Create a webhook')}
    </LinkButton>
  );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('webhooks.subtitle', '')} primaryAction={createButton} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Notice title={t('webhooks.notice.title', 'Strapi’s Webhooks page')}>{t('webhooks.notice', '')}</Notice>
          {!canUpdate && <Notice variant="warning">{t('webhooks.readOnly', 'Read only')}</Notice>}
          {webhooks.error && !webhooks.data ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <EmptyStateLayout
                content={chineseError(webhooks.error, t('common.loadError', 'Could not load'), t('common.forbidden', 'Forbidden'))}
              />
            </Box>
          ) : list.length === 0 ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <EmptyStateLayout content={t('webhooks.empty', 'No webhooks yet')} action={createButton} />
            </Box>
          ) : (
            <Table colCount={5} rowCount={list.length + 1}>
              <TableHead
                columns={[
                  ['webhooks.col.name', 'Webhook'],
                  ['webhooks.col.enabled', 'Status'],
                  ['webhooks.col.events', 'Deadline events'],
                  ['webhooks.col.others', 'Other events'],
                  ['webhooks.col.actions', 'Actions'],
                ]}
              />
              <Tbody>
                {list.map((webhook) => {
                  const id = String(webhook.id);
                  const selected = chosen(webhook);
                  const others = otherEventsOf(webhook);
                  const modified = !sameEvents(selected, deadlineEventsOf(webhook));
                  return (
                    <Tr key={id}>
                      <Td style={{ whiteSpace: 'normal', maxWidth: '24rem' }}>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Typography fontWeight="semiBold" textColor="neutral800">
                            {webhook.name}
                          </Typography>
                          <Typography variant="pi" textColor="neutral600" style={{ wordBreak: 'break-all' }}>
                            {webhook.url}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td>
                        <Badge size="S" variant={webhook.isEnabled === false ? 'neutral' : 'success'}>
                          {webhook.isEnabled === false ? t('webhooks.disabled', 'Disabled') : t('webhooks.enabled', 'Enabled')}
                        </Badge>
                      </Td>
                      <Td>
                        <Flex gap={4} wrap="wrap">
                          {DEADLINE_WEBHOOK_EVENTS.map((item) => (
                            <Checkbox
                              key={item.event}
                              name={`${id}-${item.event}`}
                              disabled={!canUpdate}
                              checked={selected.includes(item.event)}
                              onCheckedChange={(value: boolean | 'indeterminate') => toggle(webhook, item.event, value === true)}
                            >
                              {t(item.id, item.label)}
                            </Checkbox>
                          ))}
                        </Flex>
                      </Td>
                      <Td style={{ whiteSpace: 'normal', maxWidth: '20rem' }}>
                        <Typography variant="pi" textColor="neutral600">
                          {others.length ? others.join('、') : t('webhooks.others.none', 'None')}
                        </Typography>
                      </Td>
                      <Td>
                        <Button
                          size="S"
                          startIcon={<Check />}
                          disabled={!canUpdate || !modified}
                          loading={saving === id}
                          onClick={() => save(webhook)}
                        >
                          {t('webhooks.save', 'Save')}
                        </Button>
                      </Td>
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          )}
          <Typography variant="pi" textColor="neutral600">
            {t('webhooks.payload', '')}
          </Typography>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default WebhooksPage;
