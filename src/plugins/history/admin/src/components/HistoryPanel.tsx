import { Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import { useRequest } from '../../../../../admin/shared/useRequest';
import type { ChangePage } from '../types';
import { getTrad } from '../utils/trad';
import { ChangeEntry } from './ChangeLines';

const SHOWN = 20;

/** The latest changes of one record (the server answers 404 to an admin who may not read it: nothing is shown). */
const RecordHistory = ({ model, documentId }: { model: string; documentId: string }) => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const request = useRequest(`${model}:${documentId}`, async (signal) => {
    const { data } = await get<ChangePage>(`/history/records/${model}/${documentId}`, { params: { pageSize: String(SHOWN) }, signal });
    return data;
  });
  if (request.isLoading && !request.data) return <Loader small />;
  if (request.error || !request.data) {
    return (
      <Typography variant="pi" textColor="danger600">
        {formatMessage({ id: getTrad('error.load'), defaultMessage: '变更记录加载失败' })}
      </Typography>
    );
  }
  const { data, meta } = request.data;
  if (!data.length) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {formatMessage({ id: getTrad('panel.empty'), defaultMessage: '暂无变更记录' })}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={0} width="100%" data-testid="history-panel">
      {data.map((change) => (
        <ChangeEntry key={change.documentId} change={change} />
      ))}
      {meta.pagination.total > data.length && (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTrad('panel.more'), defaultMessage: '共 {total} 条，显示最近 {shown} 条' }, { total: meta.pagination.total, shown: data.length })}
        </Typography>
      )}
    </Flex>
  );
};

/** 变更记录 on the edit view of every workflow record (collection types of the application) once it exists. */
export const HistoryPanel: PanelComponent = ({ model, documentId, collectionType }) => {
  const { formatMessage } = useIntl();
  if (!documentId || collectionType !== 'collection-types' || !model.startsWith('api::')) return null;
  return {
    title: formatMessage({ id: getTrad('panel.title'), defaultMessage: '变更记录' }),
    content: <RecordHistory model={model} documentId={documentId} />,
  };
};
