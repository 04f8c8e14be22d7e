import { Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad } from '../utils/trad';

/** A table's header row from translation ids (plugin-prefixed) and their English defaults. */
export const TableHead = ({ columns }: { columns: Array<[id: string, defaultMessage: string]> }) => {
  const { formatMessage } = useIntl();
  return (
    <Thead>
      <Tr>
        {columns.map(([id, defaultMessage]) => (
          <Th key={id}>
            <Typography variant="sigma">{formatMessage({ id: getTrad(id), defaultMessage })}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
};
