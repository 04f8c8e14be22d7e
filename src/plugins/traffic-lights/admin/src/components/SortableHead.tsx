import { IconButton, Th, Thead, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import { CaretDown, CaretUp } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Direction, SortKey } from '../hooks/useDashboardQuery';
import { getTrad } from '../utils/trad';

export interface Column {
  /** translation id (plugin-prefixed) and its English default */
  id: string;
  defaultMessage: string;
  sortKey?: SortKey;
  hidden?: boolean;
}

/**
 * A header row whose sortable columns sort on click (the other direction on a second click), with a caret on the
 * current sort column, as the content manager's list view does.
 */
export const SortableHead = ({
  columns,
  sort,
  onSort,
}: {
  columns: Column[];
  sort: { key: SortKey; direction: Direction };
  onSort: (key: SortKey) => void;
}) => {
  const { formatMessage } = useIntl();
  return (
    <Thead>
      <Tr>
        {columns.map((column) => {
          const label = formatMessage({ id: getTrad(column.id), defaultMessage: column.defaultMessage });
          if (column.hidden) {
            return (
              <Th key={column.id}>
                <VisuallyHidden>{label}</VisuallyHidden>
              </Th>
            );
          }
          const { sortKey } = column;
          if (!sortKey) {
            return (
              <Th key={column.id}>
                <Typography variant="sigma" textColor="neutral600">
                  {label}
                </Typography>
              </Th>
            );
          }
          const active = sort.key === sortKey;
          const sortLabel = formatMessage({ id: getTrad('table.sortBy'), defaultMessage: 'Sort by {label}' }, { label });
          return (
            <Th
              key={column.id}
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
              action={
                active ? (
                  <IconButton label={sortLabel} onClick={() => onSort(sortKey)} variant="ghost">
                    {sort.direction === 'asc' ? <CaretUp /> : <CaretDown />}
                  </IconButton>
                ) : undefined
              }
            >
              <Typography
                tag="button"
                type="button"
                variant="sigma"
                textColor={active ? 'neutral800' : 'neutral600'}
                onClick={() => onSort(sortKey)}
                style={{ cursor: 'pointer', background: 'none', border: 0, padding: 0 }}
                data-sort={sortKey}
                title={sortLabel}
              >
                {label}
              </Typography>
            </Th>
          );
        })}
      </Tr>
    </Thead>
  );
};
