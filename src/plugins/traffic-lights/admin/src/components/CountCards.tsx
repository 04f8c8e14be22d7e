import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Light, Summary } from '../types';
import { getTrad } from '../utils/trad';
import { LIGHT_COLORS, LIGHT_DEFAULTS } from './LightBadge';

const ORDER: Light[] = ['red', 'yellow', 'green'];

const Card = ({
  label,
  value,
  share,
  accent,
  selected,
  onClick,
  testId,
}: {
  label: string;
  value: number;
  share?: string;
  accent: string;
  selected: boolean;
  onClick: () => void;
  testId: string;
}) => (
  <Box
    tag="button"
    type="button"
    onClick={onClick}
    aria-pressed={selected}
    data-testid={testId}
    background="neutral0"
    hasRadius
    shadow="tableShadow"
    padding={5}
    width="100%"
    borderStyle="solid"
    borderWidth="1px"
    borderColor={selected ? 'primary600' : 'neutral150'}
    cursor="pointer"
    textAlign="left"
  >
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Flex gap={2} alignItems="center">
        <Box tag="span" display="inline-block" background={accent} borderRadius="50%" width="1.2rem" height="1.2rem" />
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
      </Flex>
      <Typography variant="alpha" tag="span" textColor="neutral800" data-testid={`${testId}-value`}>
        {value}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {share ?? '\u00a0'}
      </Typography>
    </Flex>
  </Box>
);

/**
 * 项目总数 and the count of each light, as cards; a card filters the project list to its light (the total card
 * clears that filter).
 */
export const CountCards = ({
  summary,
  light,
  onSelect,
}: {
  summary: Summary | undefined;
  light: Light | null;
  onSelect: (light: Light | null) => void;
}) => {
  const { formatMessage } = useIntl();
  const total = summary?.total ?? 0;
  const share = (count: number) =>
    formatMessage(
      { id: getTrad('cards.share'), defaultMessage: '{percent}% of projects' },
      { percent: total ? Math.round((count / total) * 1000) / 10 : 0 }
    );
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
        <Card
          testId="lights-card-total"
          label={formatMessage({ id: getTrad('cards.total'), defaultMessage: 'Projects' })}
          value={total}
          share={formatMessage({ id: getTrad('cards.totalHint'), defaultMessage: 'All lights' })}
          accent="primary600"
          selected={light === null}
          onClick={() => onSelect(null)}
        />
      </Grid.Item>
      {ORDER.map((item) => (
        <Grid.Item key={item} col={3} s={6} xs={12} direction="column" alignItems="stretch">
          <Card
            testId={`lights-card-${item}`}
            label={formatMessage({ id: getTrad(`light.${item}`), defaultMessage: LIGHT_DEFAULTS[item] })}
            value={summary?.counts[item] ?? 0}
            share={share(summary?.counts[item] ?? 0)}
            accent={LIGHT_COLORS[item]}
            selected={light === item}
            onClick={() => onSelect(light === item ? null : item)}
          />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
