import * as React from 'react';
import { Box, Button, EmptyStateLayout, Flex, Loader, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useRequest } from '../../../../../admin/shared/useRequest';
import { getTrad } from '../utils/trad';

/** One deleted record as GET /dispatch/deleted-records lists it. */
interface DeletedRecord {
  documentId: string;
  targetUid: string;
  targetDocumentId: string;
  type: string;
  label: string | null;
  cascade: boolean;
  deletedAt: string;
  deletedBy: string | null;
  expiresAt: string;
  restoredAt: string | null;
  restoredBy: string | null;
}
interface ListBody {
  data: DeletedRecord[];
  meta: { pagination: { total: number } };
}
interface RestoreBody {
  data: { restored: Array<{ label: string | null }>; missing: string[] };
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

/** The server's message of a failed request (Chinese first), or a fallback. */
const messageOf = (error: unknown, fallback: string): string =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ?? fallback;

/**
 * 回收站: the workflow records deleted in the last RECYCLE_RETENTION_DAYS, newest first, searchable by name; 恢复 brings a
 * record back (with what was deleted together with it) and reports the relations that could not be reconnected.
 */
const RecycleBinPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const [query, setQuery] = React.useState('');
  const [search, setSearch] = React.useState('');
  const [busy, setBusy] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<{ ok: boolean; text: string; details: string[] } | null>(null);
  const list = useRequest(`bin:${search}`, async (signal) => {
    const params = new URLSearchParams({ pageSize: '100', ...(search ? { q: search } : {}) });
    return (await get<ListBody>(`/dispatch/deleted-records?${params}`, { signal })).data;
  });

  const restore = async (record: DeletedRecord) => {
    setBusy(record.documentId);
    setNotice(null);
    try {
      const { data } = await post<RestoreBody>(`/dispatch/deleted-records/${record.documentId}/restore`, {});
      setNotice({ ok: true, text: t('bin.restored', '已恢复 {count} 条记录', { count: data.data.restored.length }), details: data.data.missing });
      list.reload();
    } catch (error) {
      setNotice({ ok: false, text: messageOf(error, t('bin.restoreFailed', '恢复失败')), details: [] });
    } finally {
      setBusy(null);
    }
  };

  const rows = list.data?.data ?? [];
  return (
    <Page.Main>
      <Page.Title>{t('bin.title', '回收站')}</Page.Title>
      <Layouts.Header
        title={t('bin.title', '回收站')}
        subtitle={t('bin.subtitle', '被删除的业务记录在保留期内可由协调办公室恢复（含关联记录和办理期限）')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSearch(query.trim());
            }}
          >
            <Flex gap={2} alignItems="flex-end">
              <Box flex="1">
                <TextInput
                  aria-label={t('bin.search', '按名称或文档编号搜索')}
                  placeholder={t('bin.search', '按名称或文档编号搜索')}
                  value={query}
                  onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
                />
              </Box>
              <Button type="submit" variant="secondary">
                {t('bin.searchButton', '搜索')}
              </Button>
            </Flex>
          </form>
          {notice && (
            <Box padding={4} hasRadius background={notice.ok ? 'success100' : 'danger100'} role="status">
              <Typography textColor={notice.ok ? 'success700' : 'danger700'}>{notice.text}</Typography>
              {notice.details.map((line) => (
                <Typography key={line} tag="p" variant="pi" textColor="warning700">
                  {line}
                </Typography>
              ))}
            </Box>
          )}
          {list.isLoading && !list.data ? (
            <Loader>{t('bin.loading', '加载中')}</Loader>
          ) : list.error ? (
            <EmptyStateLayout content={messageOf(list.error, t('bin.loadFailed', '回收站加载失败'))} />
          ) : rows.length === 0 ? (
            <EmptyStateLayout content={t('bin.empty', '回收站中没有记录')} />
          ) : (
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('bin.record', '记录')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('bin.type', '类型')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('bin.deleted', '删除')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('bin.expires', '保留至')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('bin.state', '状态')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('bin.action', '操作')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((record) => (
                  <Tr key={record.documentId}>
                    <Td>
                      <Typography>{record.label ?? record.targetDocumentId}</Typography>
                      {record.cascade && (
                        <Typography tag="p" variant="pi" textColor="neutral600">
                          {t('bin.cascade', '随上级记录一并删除')}
                        </Typography>
                      )}
                    </Td>
                    <Td><Typography>{record.type}</Typography></Td>
                    <Td><Typography>{`${when(record.deletedAt)} ${record.deletedBy ?? ''}`}</Typography></Td>
                    <Td><Typography>{when(record.expiresAt)}</Typography></Td>
                    <Td>
                      <Typography>
                        {record.restoredAt ? t('bin.restoredAt', '已于 {at} 由{by}恢复', { at: when(record.restoredAt), by: record.restoredBy ?? '' }) : t('bin.waiting', '可恢复')}
                      </Typography>
                    </Td>
                    <Td>
                      {!record.restoredAt && (
                        <Button size="S" startIcon={<ArrowClockwise />} loading={busy === record.documentId} disabled={busy !== null} onClick={() => restore(record)}>
                          {t('bin.restore', '恢复')}
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default RecycleBinPage;
