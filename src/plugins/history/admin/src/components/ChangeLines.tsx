import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { ACTION_LABELS, PATH_LABELS, changeText } from '../../../../../domain/history';
import type { Change } from '../types';

const ACTION_VARIANT: Record<string, 'success' | 'secondary' | 'danger'> = { create: 'success', update: 'secondary', delete: 'danger', restore: 'success' };

/** 「2026-11-26 09:30」 in Beijing time, whatever the browser's zone. */
export const beijingTime = (at: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(at))
    .replace(/\//g, '-');

export const ActionBadge = ({ action }: { action: string }) => <Badge variant={ACTION_VARIANT[action] ?? 'secondary'}>{ACTION_LABELS[action] ?? action}</Badge>;

/** Each changed field on its own line: 「项目名称：旧名 → 新名」 with the field's Chinese label. */
export const FieldLines = ({ change }: { change: Change }) => (
  <Flex direction="column" alignItems="stretch" gap={1}>
    {(change.changes ?? []).map((item) => (
      <Typography key={item.field} variant="pi" textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
        {changeText(change.targetUid, item)}
      </Typography>
    ))}
  </Flex>
);

/** One change as the edit view's side panel shows it: what, who, when, through which door, then its fields. */
export const ChangeEntry = ({ change }: { change: Change }) => (
  <Box paddingTop={2} paddingBottom={2} borderColor="neutral150" style={{ borderBottomWidth: 1, borderBottomStyle: 'solid' }} data-testid="history-entry">
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Flex gap={2} wrap="wrap">
        <ActionBadge action={change.action} />
        <Typography variant="pi" fontWeight="bold">
          {change.actorName ?? ''}
        </Typography>
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {beijingTime(change.at)} · {PATH_LABELS[change.path] ?? change.path}
      </Typography>
      <FieldLines change={change} />
    </Flex>
  </Box>
);
