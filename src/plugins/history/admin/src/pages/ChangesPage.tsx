import * as React from 'react';
import { Box, Button, EmptyStateLayout, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, Pagination, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { ACTION_LABELS, PATH_LABELS, typeLabel } from '../../../../../domain/history';
import { CONTENT_TYPE_LABELS } from '../../../../../domain/labels';
import { useRequest } from '../../../../../admin/shared/useRequest';
import { ActionBadge, beijingTime, FieldLines } from '../components/ChangeLines';
import type { ChangePage } from '../types';
import { getTrad } from '../utils/trad';

const FILTERS = ['uid', 'action', 'actor', 'field', 'q', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZES = ['20', '50', '100'];
const RECORD_TYPES = Object.keys(CONTENT_TYPE_LABELS).filter((uid) => uid.startsWith('api::'));

/** The file name the server gives (RFC 5987 `filename*`), or a fallback. */
const fileName = (disposition: string | null | undefined, fallback: string) => {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
};

/**
 * 变更记录 (the office): every change of every workflow record, searched by record type, action, actor, field,
 * record name and day, newest first; 导出 downloads the same search as a workbook. The search lives in the URL.
 */
const ChangesPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [params, setParams] = useSearchParams();
  const applied = React.useMemo(() => Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<Filter, string>, [params]);
  const [draft, setDraft] = React.useState(applied);
  React.useEffect(() => setDraft(applied), [applied]);
  const [busy, setBusy] = React.useState(false);

  const filters = Object.fromEntries(Object.entries(applied).filter(([, value]) => value !== ''));
  const query = { ...filters, page: params.get('page') ?? '1', pageSize: params.get('pageSize') ?? '20' };
  const request = useRequest(JSON.stringify(query), async (signal) => (await get<ChangePage>('/history/changes', { params: query, signal })).data);

  const search = (values: Record<Filter, string>) =>
    setParams(() => {
      const next = new URLSearchParams();
      for (const [name, value] of Object.entries(values)) if (value.trim() !== '') next.set(name, value.trim());
      next.set('pageSize', query.pageSize);
      return next;
    });

  async function exportFile() {
    setBusy(true);
    try {
      const response = await get<Blob>('/history/changes/export', { params: filters, responseType: 'blob' } as any);
      const headers = (response as unknown as { headers?: Headers }).headers;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(response.data);
      link.download = fileName(headers?.get?.('content-disposition'), '变更记录.xlsx');
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch {
      toggleNotification({ type: 'danger', message: t('error.export', '导出失败') });
    } finally {
      setBusy(false);
    }
  }

  const text = (name: Filter, label: string, type = 'text') => (
    <Box width="16rem" key={name}>
      <Field.Root name={name} id={`history-filter-${name}`}>
        <Field.Label>{label}</Field.Label>
        <TextInput size="S" type={type} value={draft[name]} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: event.target.value })} />
      </Field.Root>
    </Box>
  );
  const select = (name: Filter, label: string, options: Array<[string, string]>) => (
    <Box width="16rem" key={name}>
      <Field.Root name={name} id={`history-filter-${name}`}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect
          size="S"
          placeholder={label}
          value={draft[name] || null}
          onChange={(value) => setDraft({ ...draft, [name]: String(value) })}
          onClear={draft[name] ? () => setDraft({ ...draft, [name]: '' }) : undefined}
        >
          {options.map(([value, optionLabel]) => (
            <SingleSelectOption key={value} value={value}>
              {optionLabel}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
    </Box>
  );

  const page = request.data;
  return (
    <Page.Main>
      <Page.Title>{t('page.title', '变更记录')}</Page.Title>
      <Layouts.Header
        title={t('page.title', '变更记录')}
        subtitle={t('page.subtitle', '业务记录的每次新增、修改、删除：谁、何时、从何途径、改了什么（只可追加）')}
        primaryAction={
          <Button startIcon={<Download />} onClick={exportFile} loading={busy} data-testid="history-export">
            {t('export', '导出')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                search(draft);
              }}
            >
              <Flex gap={3} wrap="wrap" alignItems="flex-end">
                {select('uid', t('filters.uid', '记录类型'), RECORD_TYPES.map((uid) => [uid, typeLabel(uid)]))}
                {select('action', t('filters.action', '操作'), Object.entries(ACTION_LABELS))}
                {text('actor', t('filters.actor', '操作人'))}
                {text('q', t('filters.q', '记录名称'))}
                {text('field', t('filters.field', '字段（英文名）'))}
                {text('from', t('filters.from', '起始日期'), 'date')}
                {text('to', t('filters.to', '截止日期'), 'date')}
                <Button type="submit" size="S">
                  {t('filters.search', '查询')}
                </Button>
                <Button type="button" size="S" variant="tertiary" onClick={() => search(Object.fromEntries(FILTERS.map((name) => [name, ''])) as Record<Filter, string>)}>
                  {t('filters.clear', '清除')}
                </Button>
              </Flex>
            </form>
          </Box>
          {request.isLoading && !page ? (
            <Loader />
          ) : request.error || !page ? (
            <EmptyStateLayout content={t('error.load', '变更记录加载失败')} />
          ) : (
            <>
              <Table colCount={6} rowCount={page.data.length + 1}>
                <Thead>
                  <Tr>
                    {['at', 'record', 'action', 'actor', 'path', 'changes'].map((column) => (
                      <Th key={column}>
                        <Typography variant="sigma">{t(`column.${column}`, column)}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {page.data.map((change) => (
                    <Tr key={change.documentId} data-testid="history-row">
                      <Td>
                        <Typography variant="pi">{beijingTime(change.at)}</Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal', maxWidth: '22rem' }}>
                        <Typography variant="pi" textColor="neutral600">
                          {typeLabel(change.targetUid)}
                        </Typography>{' '}
                        <Typography variant="omega">{change.targetLabel || change.targetDocumentId}</Typography>
                      </Td>
                      <Td>
                        <ActionBadge action={change.action} />
                      </Td>
                      <Td style={{ whiteSpace: 'normal', maxWidth: '18rem' }}>
                        <Typography variant="pi">{change.actorName ?? ''}</Typography>
                      </Td>
                      <Td>
                        <Typography variant="pi">{PATH_LABELS[change.path] ?? change.path}</Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <FieldLines change={change} />
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              {page.data.length === 0 && <EmptyStateLayout content={formatMessage({ id: getTrad('panel.empty'), defaultMessage: '暂无变更记录' })} />}
              <Pagination.Root pageCount={page.meta.pagination.pageCount} total={page.meta.pagination.total} defaultPageSize={page.meta.pagination.pageSize}>
                <Pagination.PageSize options={PAGE_SIZES} />
                <Pagination.Links />
              </Pagination.Root>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ChangesPage;
