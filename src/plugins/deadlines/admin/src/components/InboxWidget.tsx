import { Box, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { styled } from 'styled-components';
import { useInbox } from '../hooks/useInbox';
import { formatDateTime } from '../utils/dates';
import { editViewPath } from '../utils/links';
import { getTrad } from '../utils/trad';
import { DeadlineBadge } from './DeadlineStatus';

const SHOWN = 4;

const Title = styled(RouterLink)`
  display: block;
  max-width: 22rem;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  color: ${({ theme }) => theme.colors.primary700};
  text-decoration: none;
  &:hover {
    text-decoration: underline;
  }
`;

/** Homepage widget: the signed-in admin's open items, soonest due first. */
const InboxWidget = () => {
  const { formatMessage } = useIntl();
  const { data, error, isLoading } = useInbox();

  if (isLoading && !data) return <Widget.Loading />;
  if (error || !data) return <Widget.Error />;
  if (!data.deadlines.length) {
    return <Widget.NoData>{formatMessage({ id: getTrad('widget.empty'), defaultMessage: 'No open deadlines' })}</Widget.NoData>;
  }
  const shown = data.deadlines.slice(0, SHOWN);
  const more = data.deadlines.length - shown.length;

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Table colCount={3} rowCount={shown.length}>
        <Tbody>
          {shown.map((item) => (
            <Tr key={item.documentId}>
              <Td>
                {item.targetUid && item.targetDocumentId ? (
                  <Title
                    to={editViewPath(item.targetUid, item.targetDocumentId)}
                    title={[item.targetTitle, item.bureau?.name].filter(Boolean).join(' · ')}
                  >
                    <Typography variant="omega" textColor="primary700">
                      {item.targetTitle || item.targetDocumentId}
                    </Typography>
                  </Title>
                ) : (
                  <Typography variant="omega">{item.targetTitle || '-'}</Typography>
                )}
              </Td>
              <Td>
                <Typography variant="pi" textColor="neutral700">
                  {formatDateTime(item.dueAt)}
                </Typography>
              </Td>
              <Td>
                <DeadlineBadge item={item} />
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {more > 0 && (
        <Box paddingLeft={2}>
          <Typography variant="pi" textColor="neutral600">
            {formatMessage({ id: getTrad('widget.more'), defaultMessage: '{count} more' }, { count: more })}
          </Typography>
        </Box>
      )}
    </Flex>
  );
};

export { InboxWidget };
export default InboxWidget;
