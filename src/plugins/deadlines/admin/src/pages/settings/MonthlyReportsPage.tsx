import * as React from 'react';
import {
  Badge,
  Box,
  EmptyStateLayout,
  Flex,
  Link,
  Loader,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { enumLabel } from '../../../../../../domain/labels';
import { PeriodSwitcher } from '../../components/PeriodSwitcher';
import { useRequest } from '../../../../../../admin/shared/useRequest';
import { formatDateTime, shanghaiPeriod } from '../../utils/dates';
import { chineseError } from '../../utils/errors';
import { editViewPath } from '../../utils/links';
import { getTrad } from '../../utils/trad';
import { TableHead } from '../../components/TableHead';

const REPORT_UID = 'api::monthly-report.monthly-report';

interface MonthlyReport {
  id: number;
  documentId: string;
  period: string;
  state: 'pending' | 'submitted';
  nothingToReport?: boolean | null;
  submittedAt?: string | null;
  dueAt?: string | null;
  bureau?: { name?: string | null; kind?: string | null } | null;
}

interface Response {
  data: MonthlyReport[];
  meta: { pending: number; submitted: number };
}

const Panel = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);

/** 月度问题报送: per month, which units have and have not submitted their problem report. */
const MonthlyReportsPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [period, setPeriod] = React.useState(shanghaiPeriod());
  const { data, error, isLoading } = useRequest(`monthly:${period}`, async (signal) => {
    const { data } = await get<Response>('/deadlines/monthly-reports', { params: { period }, signal });
    return data;
  });

  const title = t('monthly.title', 'Monthly problem reports');
  if (isLoading && !data) return <Page.Loading />;

  const byName = (a: MonthlyReport, b: MonthlyReport) => String(a.bureau?.name ?? '').localeCompare(String(b.bureau?.name ?? ''), 'zh-Hans-CN');
  const reports = (data?.data ?? []).filter((r) => r.period === period);
  const pending = reports.filter((r) => r.state !== 'submitted').sort(byName);
  const submitted = reports.filter((r) => r.state === 'submitted').sort(byName);

  const table = (rows: MonthlyReport[]) =>
    rows.length === 0 ? (
      <Typography textColor="neutral600">{t('monthly.noneInGroup', 'None')}</Typography>
    ) : (
      <Table colCount={6} rowCount={rows.length + 1}>
        <TableHead columns={[['monthly.col.bureau', 'Unit'], ['monthly.col.kind', 'Kind of unit'], ['monthly.col.state', 'Status'], ['monthly.col.dueAt', 'Due'], ['monthly.col.submittedAt', 'Submitted'], ['monthly.col.nothing', 'Nothing to report']]} />
        <Tbody>
          {rows.map((report) => {
            const late = report.state !== 'submitted' && report.dueAt && new Date(report.dueAt).getTime() < Date.now();
            return (
              <Tr key={report.documentId}>
                <Td>
                  <Link tag={RouterLink} to={editViewPath(REPORT_UID, report.documentId)}>
                    {report.bureau?.name ?? '-'}
                  </Link>
                </Td>
                <Td>
                  <Typography textColor="neutral800">{enumLabel(report.bureau?.kind) || '-'}</Typography>
                </Td>
                <Td>
                  <Badge size="S" variant={report.state === 'submitted' ? 'success' : late ? 'danger' : 'warning'}>
                    {report.state === 'submitted'
                      ? t('monthly.state.submitted', 'Submitted')
                      : late
                        ? t('monthly.state.late', 'Overdue')
                        : t('monthly.state.pending', 'Not submitted')}
                  </Badge>
                </Td>
                <Td>
                  <Typography textColor="neutral800">{formatDateTime(report.dueAt)}</Typography>
                </Td>
                <Td>
                  <Typography textColor="neutral800">{formatDateTime(report.submittedAt)}</Typography>
                </Td>
                <Td>
                  <Typography textColor="neutral800">
                    {report.state === 'submitted' ? (report.nothingToReport ? t('common.yes', 'Yes') : t('common.no', 'No')) : '-'}
                  </Typography>
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('monthly.subtitle', '')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
            <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={3}>
              <PeriodSwitcher period={period} onChange={setPeriod} />
              <Flex gap={2} alignItems="center">
                {isLoading && <Loader small />}
                <Badge variant="success">{t('monthly.submitted', '{count} submitted', { count: submitted.length })}</Badge>
                <Badge variant={pending.length ? 'danger' : 'neutral'}>
                  {t('monthly.pending', '{count} not submitted', { count: pending.length })}
                </Badge>
              </Flex>
            </Flex>
          </Box>
          {error && !data ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <EmptyStateLayout content={chineseError(error, t('common.loadError', 'Could not load'), t('common.forbidden', 'Forbidden'))} />
            </Box>
          ) : reports.length === 0 ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <EmptyStateLayout content={t('monthly.empty', 'No reports for this month')} />
            </Box>
          ) : (
            <>
              <Panel title={t('monthly.pendingList', 'Not submitted')}>{table(pending)}</Panel>
              <Panel title={t('monthly.submittedList', 'Submitted')}>{table(submitted)}</Panel>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default MonthlyReportsPage;
