import * as React from 'react';
import { Box, Button, EmptyStateLayout, Flex, LinkButton, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise, Cog } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { CountCards } from '../components/CountCards';
import { FilterBar } from '../components/FilterBar';
import { ProjectsTable } from '../components/ProjectsTable';
import { TrendChart } from '../components/TrendChart';
import { UnitsTable } from '../components/UnitsTable';
import { filterParams, PAGE_SIZES, useDashboardQuery } from '../hooks/useDashboardQuery';
import { useRequest } from '../../../../../admin/shared/useRequest';
import { PERMISSIONS } from '../permissions';
import type { Light, Pagination as PaginationMeta, ProjectLight, Summary, TrendMonth } from '../types';
import { chineseError } from '../utils/errors';
import { SETTINGS_PATHS } from '../utils/links';
import { PROJECT_CATEGORIES, PROJECT_STAGES } from '../utils/projects';
import { getTrad } from '../utils/trad';
import { useAllowedActions } from '../../../../../admin/shared/useAllowedActions';

const TREND_MONTHS = 12;

const Section = ({
  title,
  summary,
  actions,
  children,
  testId,
}: {
  title: string;
  summary?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) => (
  <Box
    tag="section"
    aria-label={title}
    data-testid={testId}
    background="neutral0"
    hasRadius
    shadow="tableShadow"
    paddingTop={6}
    paddingBottom={6}
    paddingLeft={7}
    paddingRight={7}
  >
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" alignItems="baseline" wrap="wrap" gap={2}>
        <Flex gap={3} alignItems="baseline" wrap="wrap">
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {summary && (
            <Typography variant="pi" textColor="neutral600">
              {summary}
            </Typography>
          )}
        </Flex>
        {actions}
      </Flex>
      {children}
    </Flex>
  </Box>
);

/** The request failed: its Chinese message in place of the content. */
const Failed = ({ error }: { error: unknown }) => {
  const { formatMessage } = useIntl();
  return (
    <EmptyStateLayout
      content={chineseError(
        error,
        formatMessage({ id: getTrad('common.loadError'), defaultMessage: 'Could not load' }),
        formatMessage({ id: getTrad('common.forbidden'), defaultMessage: 'Forbidden' })
      )}
    />
  );
};

/**
 * 亮灯管理: how many projects show each light, which ones and why, per applicant unit and month by month. The
 * server limits everything to the admin's bureaus (the office sees the whole district).
 */
const DashboardPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const { get } = useFetchClient();
  const { query, filters, hasFilters, setFilter, clearFilters, toggleSort } = useDashboardQuery();
  const { allowedActions } = useAllowedActions(PERMISSIONS.settingsRead);
  const [tick, setTick] = React.useState(0);
  const reloadAll = () => setTick((value) => value + 1);

  // the cards and the per-unit table follow the unit, category and stage filters but show every light
  const scope = filterParams({ unit: filters.unit, category: filters.category, stage: filters.stage });
  const scopeKey = JSON.stringify(scope);
  const overall = useRequest(`summary:${tick}`, async (signal) => {
    const { data } = await get<{ data: Summary }>('/traffic-lights/summary', { signal });
    return data.data;
  });
  const scoped = useRequest(`summary:${scopeKey}:${tick}`, async (signal) => {
    if (scopeKey === '{}') return undefined;
    const { data } = await get<{ data: Summary }>('/traffic-lights/summary', { params: scope, signal });
    return data.data;
  });
  const summary = scopeKey === '{}' ? overall.data : scoped.data;
  const summaryLoading = scopeKey === '{}' ? overall.isLoading : scoped.isLoading;
  const summaryError = scopeKey === '{}' ? overall.error : scoped.error;

  const projectParams = {
    ...filterParams(filters),
    sort: `${query.sort.key}:${query.sort.direction}`,
    page: String(query.page),
    pageSize: String(query.pageSize),
  };
  const projects = useRequest(`projects:${JSON.stringify(projectParams)}:${tick}`, async (signal) => {
    const { data } = await get<{ data: ProjectLight[]; meta: { pagination: PaginationMeta } }>('/traffic-lights/projects', {
      params: projectParams,
      signal,
    });
    return data;
  });

  // the trend follows the same unit, category and stage filters as the cards
  const trend = useRequest(`trend:${scopeKey}:${tick}`, async (signal) => {
    const { data } = await get<{ data: TrendMonth[] }>('/traffic-lights/trend', { params: { ...scope, months: TREND_MONTHS }, signal });
    return data.data;
  });

  const title = t('dashboard.title', 'Traffic lights');
  if (overall.isLoading && !overall.data && !overall.error) return <Page.Loading />;

  const pagination = projects.data?.meta.pagination;
  const rows = projects.data?.data ?? [];
  const units = summary?.units ?? [];
  const unitName = filters.unit ? (overall.data?.units ?? []).find((unit) => unit.bureau.documentId === filters.unit)?.bureau.name : undefined;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('dashboard.subtitle', 'Project lights, their reasons and trend')}
        primaryAction={
          <Flex gap={2}>
            {allowedActions.canRead && (
              <LinkButton tag={RouterLink} to={`/settings/${SETTINGS_PATHS.rules}`} variant="tertiary" startIcon={<Cog />}>
                {t('dashboard.rules', 'Light rules')}
              </LinkButton>
            )}
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise />}
              onClick={reloadAll}
              loading={projects.isLoading || summaryLoading}
            >
              {t('common.refresh', 'Refresh')}
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {summaryError && !summary ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <Failed error={summaryError} />
            </Box>
          ) : (
            <CountCards summary={summary} light={filters.light} onSelect={(light: Light | null) => setFilter('light', light)} />
          )}

          <Section
            testId="lights-projects"
            title={t('projects.title', 'Projects')}
            summary={
              pagination
                ? formatMessage(
                    { id: getTrad('projects.count'), defaultMessage: '{total} projects' },
                    { total: pagination.total }
                  )
                : undefined
            }
          >
            <FilterBar
              filters={filters}
              units={(overall.data?.units ?? []).map((unit) => unit.bureau)}
              categories={PROJECT_CATEGORIES}
              stages={PROJECT_STAGES}
              onChange={setFilter}
              onClear={clearFilters}
              hasFilters={hasFilters}
            />
            {projects.error && !projects.data ? (
              <Failed error={projects.error} />
            ) : !projects.data ? (
              <Flex justifyContent="center" padding={6}>
                <Loader small>{t('common.loading', 'Loading')}</Loader>
              </Flex>
            ) : !rows.length ? (
              <EmptyStateLayout
                content={hasFilters ? t('projects.emptyFiltered', 'No project matches the filters') : t('projects.empty', 'No projects')}
              />
            ) : (
              <>
                <ProjectsTable projects={rows} sort={query.sort} onSort={toggleSort} />
                {pagination && (
                  <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={query.pageSize}>
                    <Pagination.PageSize options={PAGE_SIZES} />
                    <Pagination.Links />
                  </Pagination.Root>
                )}
              </>
            )}
          </Section>

          <Section
            testId="lights-units"
            title={t('units.title', 'By applicant unit')}
            summary={unitName}
          >
            {summaryError && !summary ? (
              <Failed error={summaryError} />
            ) : !units.length ? (
              <EmptyStateLayout content={t('units.empty', 'No unit has projects here')} />
            ) : (
              <UnitsTable units={units} onSelect={(documentId) => setFilter('unit', documentId)} />
            )}
          </Section>

          <Section
            testId="lights-trend"
            title={t('trend.title', 'Monthly trend')}
            summary={formatMessage({ id: getTrad('trend.summary'), defaultMessage: 'Last {months} months' }, { months: TREND_MONTHS })}
          >
            {trend.error && !trend.data ? (
              <Failed error={trend.error} />
            ) : !trend.data ? (
              <Flex justifyContent="center" padding={6}>
                <Loader small>{t('common.loading', 'Loading')}</Loader>
              </Flex>
            ) : !trend.data.length ? (
              <EmptyStateLayout content={t('trend.empty', 'No history yet')} />
            ) : (
              <TrendChart months={trend.data} />
            )}
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default DashboardPage;
