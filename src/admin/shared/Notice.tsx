import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { Information, WarningCircle } from '@strapi/icons';

const STYLES = {
  info: { background: 'primary100', borderColor: 'primary200', icon: 'primary600' },
  warning: { background: 'warning100', borderColor: 'warning200', icon: 'warning600' },
} as const;

/** A non-dismissible notice (the design system's Alert always shows a close button). */
export const Notice = ({
  variant = 'info',
  title,
  children,
}: {
  variant?: keyof typeof STYLES;
  title?: string;
  children: React.ReactNode;
}) => {
  const style = STYLES[variant];
  const Icon = variant === 'warning' ? WarningCircle : Information;
  return (
    <Box
      background={style.background}
      borderColor={style.borderColor}
      hasRadius
      paddingTop={4}
      paddingBottom={4}
      paddingLeft={5}
      paddingRight={5}
      role={variant === 'warning' ? 'alert' : 'status'}
    >
      <Flex gap={3} alignItems="flex-start">
        <Box paddingTop={1} color={style.icon}>
          <Icon width="1.6rem" height="1.6rem" fill={style.icon} />
        </Box>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {title && (
            <Typography fontWeight="bold" textColor="neutral800">
              {title}
            </Typography>
          )}
          <Typography textColor="neutral800" tag="div">
            {children}
          </Typography>
        </Flex>
      </Flex>
    </Box>
  );
};
