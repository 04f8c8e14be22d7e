import { Flex, Table, Tbody, Td, TextButton, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { enumLabel } from '../../../../../domain/labels';
import type { UnitSummary } from '../types';
import { getTrad } from '../utils/trad';
import { LightBadge, ReasonList } from './LightBadge';
import { TableHead } from './TableHead';

const Count = ({ value, color }: { value: number; color?: string }) => (
  <Typography textColor={value > 0 && color ? color : 'neutral800'} fontWeight={value > 0 && color ? 'bold' : undefined}>
    {value}
  </Typography>
);

/**
 * Per applicant unit: its own light (the worst of its projects and its own overdue items, with the reasons) and how
 * many of its projects show each light. A unit's name filters the project list to it.
 */
export const UnitsTable = ({ units, onSelect }: { units: UnitSummary[]; onSelect: (documentId: string) => void }) => {
  const { formatMessage } = useIntl();
  return (
    <Table colCount={6} rowCount={units.length + 1}>
      <TableHead
        columns={[
          ['units.col.unit', 'Unit'],
          ['units.col.light', 'Unit light'],
          ['units.col.total', 'Projects'],
          ['units.col.red', 'Red'],
          ['units.col.yellow', 'Yellow'],
          ['units.col.green', 'Green'],
        ]}
      />
      <Tbody>
        {units.map((unit) => (
          <Tr key={unit.bureau.documentId} data-testid="lights-unit-row" data-document-id={unit.bureau.documentId}>
            <Td style={{ whiteSpace: 'normal', minWidth: '12rem' }}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <TextButton
                  onClick={() => onSelect(unit.bureau.documentId)}
                  aria-label={formatMessage(
                    { id: getTrad('units.filter'), defaultMessage: 'Show the projects of {unit}' },
                    { unit: unit.bureau.name }
                  )}
                >
                  {unit.bureau.name}
                </TextButton>
                {unit.bureau.kind && (
                  <Typography variant="pi" textColor="neutral600">
                    {enumLabel(unit.bureau.kind)}
                  </Typography>
                )}
              </Flex>
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '16rem', maxWidth: '28rem' }}>
              <Flex direction="column" alignItems="flex-start" gap={2}>
                <LightBadge light={unit.light} />
                {unit.light !== 'green' && <ReasonList reasons={unit.reasons} limit={2} total={unit.reasonCount} />}
              </Flex>
            </Td>
            <Td>
              <Count value={unit.total} />
            </Td>
            <Td>
              <Count value={unit.red} color="danger600" />
            </Td>
            <Td>
              <Count value={unit.yellow} color="warning600" />
            </Td>
            <Td>
              <Count value={unit.green} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
