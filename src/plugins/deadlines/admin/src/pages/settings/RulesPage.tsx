import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  IconButton,
  Link,
  LinkButton,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { CONTENT_TYPE_LABELS, enumLabel, fieldLabel } from '../../../../../../domain/labels';
import { useRequest } from '../../../../../../admin/shared/useRequest';
import { PERMISSIONS } from '../../permissions';
import { chineseError } from '../../utils/errors';
import { cmCollectionUrl, createViewPath, editViewPath, RULE_UID } from '../../utils/links';
import { getTrad } from '../../utils/trad';
import { Notice } from '../../../../../../admin/shared/Notice';
import { TableHead } from '../../components/TableHead';
import { useAllowedActions } from '../../../../../../admin/shared/useAllowedActions';

interface Rule {
  id: number;
  documentId: string;
  key?: string | null;
  name: string;
  contentType: string;
  durationKind: 'working_days' | 'calendar_days' | 'end_of_date_field' | 'before_next_month';
  duration?: number | null;
  dateField?: string | null;
  active?: boolean | null;
  description?: string | null;
}

interface ListResponse<T> {
  results: T[];
  pagination: { page: number; pageSize: number; pageCount: number; total: number };
}

/** 期限规则: the rules, listed through the content manager's API, edited in the content manager. */
const RulesPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const { get } = useFetchClient();
  const { data, error, isLoading } = useRequest('rules', async (signal) => {
    const { data } = await get<ListResponse<Rule>>(cmCollectionUrl(RULE_UID), {
      params: { page: 1, pageSize: 100, sort: 'createdAt:ASC' },
      signal,
    });
    return data;
  });

  // creating and editing rules needs 修改期限设置 (the server refuses it otherwise, even in the content manager)
  const { allowedActions } = useAllowedActions(PERMISSIONS.update);
  const canUpdate = Boolean(allowedActions.canUpdate);

  const title = t('rules.title', 'Deadline rules');
  const createButton = canUpdate ? (
    <LinkButton tag={RouterLink} to={createViewPath(RULE_UID)} startIcon={<Plus />}>
      {t('rules.create', 'Create')}
    </LinkButton>
  ) : undefined;

  if (isLoading && !data) return <Page.Loading />;
  const rules = data?.results ?? [];

  const durationText = (rule: Rule) => {
    if (rule.durationKind === 'working_days' || rule.durationKind === 'calendar_days') {
      return rule.duration == null
        ? '-'
        : formatMessage({ id: getTrad('rules.duration.days'), defaultMessage: '{count} days' }, { count: rule.duration });
    }
    if (rule.durationKind === 'end_of_date_field' && rule.dateField) {
      return formatMessage(
        { id: getTrad('rules.duration.dateField'), defaultMessage: 'From field: {field}' },
        { field: fieldLabel(rule.contentType, rule.dateField) }
      );
    }
    return '-';
  };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('rules.subtitle', 'Which records, from when, how many working days')}
        primaryAction={createButton}
      />
      <Layouts.Content>
        {error ? (
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <EmptyStateLayout content={chineseError(error, t('common.loadError', 'Could not load'), t('common.forbidden', 'Forbidden'))} />
          </Box>
        ) : !rules.length ? (
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <EmptyStateLayout content={t('rules.empty', 'No deadline rules yet')} action={createButton} />
          </Box>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3}>
            {!canUpdate && <Notice>{t('settings.readOnly', 'Read only')}</Notice>}
            <Table colCount={6} rowCount={rules.length + 1}>
              <TableHead columns={[['rules.col.name', 'Name'], ['rules.col.contentType', 'Content type'], ['rules.col.durationKind', 'Kind of deadline'], ['rules.col.duration', 'Days'], ['rules.col.active', 'Active'], ['rules.col.actions', 'Actions']]} />
              <Tbody>
                {rules.map((rule) => (
                  <Tr key={rule.documentId}>
                    <Td style={{ whiteSpace: 'normal', maxWidth: '30rem' }}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Link tag={RouterLink} to={editViewPath(RULE_UID, rule.documentId)}>
                          {rule.name}
                        </Link>
                        {rule.description && (
                          <Typography variant="pi" textColor="neutral600">
                            {rule.description}
                          </Typography>
                        )}
                      </Flex>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{CONTENT_TYPE_LABELS[rule.contentType] ?? rule.contentType}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{enumLabel(rule.durationKind) || '-'}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor="neutral800">{durationText(rule)}</Typography>
                    </Td>
                    <Td>
                      <Badge size="S" variant={rule.active === false ? 'neutral' : 'success'}>
                        {rule.active === false ? t('rules.active.no', 'Inactive') : t('rules.active.yes', 'Active')}
                      </Badge>
                    </Td>
                    <Td>
                      <IconButton
                        tag={RouterLink}
                        to={editViewPath(RULE_UID, rule.documentId)}
                        variant="ghost"
                        label={formatMessage({ id: getTrad('rules.editLabel'), defaultMessage: 'Edit rule: {name}' }, { name: rule.name })}
                      >
                        <Pencil />
                      </IconButton>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Typography variant="pi" textColor="neutral600">
              {formatMessage({ id: getTrad('rules.total'), defaultMessage: '{count} rules' }, { count: data?.pagination.total ?? rules.length })}
            </Typography>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default RulesPage;
