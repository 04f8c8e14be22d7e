import { Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { enumLabel } from '../../../../../domain/labels';
import type { Direction, SortKey } from '../hooks/useDashboardQuery';
import type { ProjectLight } from '../types';
import { formatDateTime, isPast } from '../utils/dates';
import { editViewPath, PROJECT_UID } from '../utils/links';
import { getTrad } from '../utils/trad';
import { LightBadge, ReasonList } from './LightBadge';
import { type Column, SortableHead } from './SortableHead';

const COLUMNS: Column[] = [
  { id: 'projects.col.light', defaultMessage: 'Light', sortKey: 'light' },
  { id: 'projects.col.code', defaultMessage: 'Code', sortKey: 'code' },
  { id: 'projects.col.name', defaultMessage: 'Project', sortKey: 'name' },
  { id: 'projects.col.unit', defaultMessage: 'Applicant unit' },
  { id: 'projects.col.reasons', defaultMessage: 'Reasons' },
  { id: 'projects.col.nextDue', defaultMessage: 'Next due item', sortKey: 'nextDueAt' },
  { id: 'projects.col.changedAt', defaultMessage: 'Light since', sortKey: 'lightChangedAt' },
];

/** The next open item of a project: its title, due instant (red once past) and responsible bureau. */
const NextDueCell = ({ project }: { project: ProjectLight }) => {
  const { formatMessage } = useIntl();
  const next = project.nextDue;
  if (!next) {
    return (
      <Typography variant="pi" textColor="neutral500">
        {formatMessage({ id: getTrad('projects.nextDue.none'), defaultMessage: 'Nothing due' })}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography textColor="neutral800">{next.title || '-'}</Typography>
      <Typography variant="pi" textColor={isPast(next.dueAt) ? 'danger600' : 'neutral600'}>
        {formatMessage({ id: getTrad('projects.nextDue.dueAt'), defaultMessage: 'Due {time}' }, { time: formatDateTime(next.dueAt) })}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {formatMessage(
          { id: getTrad('projects.nextDue.bureau'), defaultMessage: 'Responsible: {bureau}' },
          { bureau: next.bureau?.name ?? '-' }
        )}
      </Typography>
    </Flex>
  );
};

/**
 * The projects of the current filters with their light, reasons and next due item. A row opens the project's
 * edit view in the content manager.
 */
export const ProjectsTable = ({
  projects,
  sort,
  onSort,
}: {
  projects: ProjectLight[];
  sort: { key: SortKey; direction: Direction };
  onSort: (key: SortKey) => void;
}) => {
  const navigate = useNavigate();
  return (
    <Table colCount={COLUMNS.length} rowCount={projects.length + 1}>
      <SortableHead columns={COLUMNS} sort={sort} onSort={onSort} />
      <Tbody>
        {projects.map((project) => {
          const to = editViewPath(PROJECT_UID, project.documentId);
          return (
            <Tr
              key={project.documentId}
              data-testid="lights-project-row"
              data-document-id={project.documentId}
              data-light={project.light}
              onClick={() => navigate(to)}
              style={{ cursor: 'pointer' }}
            >
              <Td>
                <LightBadge light={project.light} />
              </Td>
              <Td>
                <Typography textColor="neutral800" style={{ whiteSpace: 'nowrap' }}>
                  {project.code || '-'}
                </Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal', minWidth: '18rem', maxWidth: '28rem' }}>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Link tag={RouterLink} to={to} onClick={(event) => event.stopPropagation()}>
                    {project.name}
                  </Link>
                  <Typography variant="pi" textColor="neutral600">
                    {[enumLabel(project.category ?? ''), enumLabel(project.stage ?? '')].filter(Boolean).join(' · ') || '-'}
                  </Typography>
                </Flex>
              </Td>
              <Td style={{ whiteSpace: 'normal', minWidth: '12rem', maxWidth: '16rem' }}>
                <Typography textColor="neutral800">{project.applicantBureau?.name ?? '-'}</Typography>
              </Td>
              <Td style={{ whiteSpace: 'normal', minWidth: '20rem', maxWidth: '32rem' }}>
                <ReasonList reasons={project.lightReasons} />
              </Td>
              <Td style={{ whiteSpace: 'normal', minWidth: '14rem', maxWidth: '22rem' }}>
                <NextDueCell project={project} />
              </Td>
              <Td>
                <Typography textColor="neutral800" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(project.lightChangedAt)}
                </Typography>
              </Td>
            </Tr>
          );
        })}
      </Tbody>
    </Table>
  );
};
