import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Light, Reason } from '../types';
import { getTrad } from '../utils/trad';

/** Badge variants of the design system that read as the three lights. */
export const LIGHT_VARIANTS = { green: 'success', yellow: 'warning', red: 'danger' } as const;
/** Theme colours of a light's dot, bar or card accent. */
export const LIGHT_COLORS = { green: 'success500', yellow: 'warning500', red: 'danger600' } as const;
export const LIGHT_DEFAULTS: Record<Light, string> = { green: 'Green', yellow: 'Yellow', red: 'Red' };

export const isLight = (value: unknown): value is Light => value === 'green' || value === 'yellow' || value === 'red';

/** 绿灯 / 黄灯 / 红灯 as a coloured badge ('-' for anything else). */
export const LightBadge = ({ light, size = 'S' }: { light: unknown; size?: 'S' | 'M' }) => {
  const { formatMessage } = useIntl();
  if (!isLight(light)) return <Typography textColor="neutral600">-</Typography>;
  return (
    <Badge size={size} variant={LIGHT_VARIANTS[light]} data-light={light}>
      {formatMessage({ id: getTrad(`light.${light}`), defaultMessage: LIGHT_DEFAULTS[light] })}
    </Badge>
  );
};

/** A small round dot in a light's colour. */
export const LightDot = ({ light }: { light: Light }) => (
  <Box
    tag="span"
    display="inline-block"
    background={LIGHT_COLORS[light]}
    borderRadius="50%"
    width="0.8rem"
    height="0.8rem"
    flex="0 0 auto"
    style={{ marginTop: '0.5rem' }}
  />
);

/**
 * The reasons of a light, each message after a dot of its colour; the first `limit` and a count of the rest
 * (`total` when the server sent only the first few).
 */
export const ReasonList = ({ reasons, limit = 4, total }: { reasons: Reason[] | null | undefined; limit?: number; total?: number }) => {
  const { formatMessage } = useIntl();
  const list = reasons ?? [];
  if (!list.length) {
    return (
      <Typography variant="pi" textColor="neutral500">
        {formatMessage({ id: getTrad('reasons.none'), defaultMessage: 'No reason' })}
      </Typography>
    );
  }
  const shown = list.slice(0, limit);
  return (
    <Flex tag="ul" direction="column" alignItems="flex-start" gap={1}>
      {shown.map((reason, index) => (
        <Flex tag="li" key={`${reason.code}-${reason.target?.documentId ?? ''}-${index}`} gap={2} alignItems="flex-start">
          <LightDot light={reason.light} />
          <Typography variant="pi" textColor="neutral800">
            {reason.message}
          </Typography>
        </Flex>
      ))}
      {(total ?? list.length) > shown.length && (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTrad('reasons.more'), defaultMessage: '{count} more' }, { count: (total ?? list.length) - shown.length })}
        </Typography>
      )}
    </Flex>
  );
};
