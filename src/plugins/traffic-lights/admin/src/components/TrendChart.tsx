import * as React from 'react';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useTheme } from 'styled-components';
import type { Light, TrendMonth } from '../types';
import { monthParts, niceMax } from '../utils/chart';
import { getTrad } from '../utils/trad';
import { LIGHT_COLORS, LIGHT_DEFAULTS } from './LightBadge';

const MIN_WIDTH = 480;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 12, bottom: 36, left: 40 };
/** Bottom to top: green, yellow, red, so the red part of each bar is the one on top. */
const STACK: Light[] = ['green', 'yellow', 'red'];

/** The width of an element in CSS pixels, followed as it resizes (so the chart's text keeps its size). */
function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T>, number] {
  const ref = React.useRef<T>(null);
  const [width, setWidth] = React.useState(fallback);
  React.useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** '2026-01' → '2026年1月' for January and the first month, else '2月'. */
function monthLabel(month: string, first: boolean, formatMessage: ReturnType<typeof useIntl>['formatMessage']) {
  const parts = monthParts(month, first);
  return parts.withYear
    ? formatMessage({ id: getTrad('trend.yearMonth'), defaultMessage: '{year}-{month}' }, { year: parts.year, month: parts.month })
    : formatMessage({ id: getTrad('trend.month'), defaultMessage: '{month}' }, { month: parts.month });
}

/**
 * The monthly counts of each light as stacked bars (hand-made SVG: no chart dependency), with the numbers and the
 * month's changes (turned red, turned green) in a table under it.
 */
export const TrendChart = ({ months }: { months: TrendMonth[] }) => {
  const { formatMessage } = useIntl();
  const theme = { colors: useTheme().colors as unknown as Record<string, string> | undefined };
  const color = (light: Light) => theme.colors?.[LIGHT_COLORS[light]] ?? light;
  const lightLabel = (light: Light) => formatMessage({ id: getTrad(`light.${light}`), defaultMessage: LIGHT_DEFAULTS[light] });

  const [containerRef, containerWidth] = useWidth<HTMLDivElement>(760);
  const WIDTH = Math.max(MIN_WIDTH, containerWidth);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = months.map((m) => m.red + m.yellow + m.green);
  const { max, step } = niceMax(Math.max(0, ...totals));
  const band = plotWidth / Math.max(months.length, 1);
  const barWidth = Math.min(48, band * 0.6);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  const labels = months.map((m, i) => monthLabel(m.month, i === 0, formatMessage));
  const title = formatMessage({ id: getTrad('trend.chartLabel'), defaultMessage: 'Projects per light by month' });

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={4} wrap="wrap">
        {[...STACK].reverse().map((light) => (
          <Flex key={light} gap={2} alignItems="center">
            <Box tag="span" display="inline-block" width="1.2rem" height="1.2rem" hasRadius background={LIGHT_COLORS[light]} />
            <Typography variant="pi" textColor="neutral700">
              {lightLabel(light)}
            </Typography>
          </Flex>
        ))}
      </Flex>
      <div ref={containerRef} style={{ width: '100%' }}>
      <svg
        role="img"
        aria-label={title}
        data-testid="lights-trend-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        style={{ display: 'block', fontFamily: 'inherit' }}
      >
        <title>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={theme.colors?.neutral200 ?? '#ddd'} strokeWidth={1} />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill={theme.colors?.neutral600 ?? '#666'}>
              {tick}
            </text>
          </g>
        ))}
        {months.map((month, i) => {
          const x = MARGIN.left + band * i + (band - barWidth) / 2;
          let base = 0;
          return (
            <g key={month.month} data-month={month.month}>
              {STACK.map((light) => {
                const value = month[light];
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                if (!value) return null;
                return (
                  <rect key={light} x={x} y={top} width={barWidth} height={height} fill={color(light)} rx={2}>
                    <title>{`${labels[i]} ${lightLabel(light)} ${value}`}</title>
                  </rect>
                );
              })}
              {totals[i] > 0 && (
                <text x={x + barWidth / 2} y={y(totals[i]) - 4} textAnchor="middle" fontSize={12} fill={theme.colors?.neutral700 ?? '#333'}>
                  {totals[i]}
                </text>
              )}
              <text x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize={12} fill={theme.colors?.neutral600 ?? '#666'}>
                {labels[i]}
              </text>
            </g>
          );
        })}
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={y(0)}
          y2={y(0)}
          stroke={theme.colors?.neutral500 ?? '#999'}
          strokeWidth={1}
        />
      </svg>
      </div>
      <Box overflow="auto">
        <Table colCount={months.length + 1} rowCount={6}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma" textColor="neutral600">
                  {formatMessage({ id: getTrad('trend.col.month'), defaultMessage: 'Month' })}
                </Typography>
              </Th>
              {months.map((month, i) => (
                <Th key={month.month}>
                  <Typography variant="sigma" textColor="neutral600">
                    {labels[i]}
                  </Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {(
              [
                ['red', lightLabel('red')],
                ['yellow', lightLabel('yellow')],
                ['green', lightLabel('green')],
                ['turnedRed', formatMessage({ id: getTrad('trend.turnedRed'), defaultMessage: 'Turned red' })],
                ['turnedGreen', formatMessage({ id: getTrad('trend.turnedGreen'), defaultMessage: 'Turned green' })],
              ] as Array<[keyof TrendMonth, string]>
            ).map(([key, label]) => (
              <Tr key={key}>
                <Td>
                  <Typography variant="pi" fontWeight="bold" textColor="neutral700">
                    {label}
                  </Typography>
                </Td>
                {months.map((month) => (
                  <Td key={month.month}>
                    <Typography variant="pi" textColor="neutral800">
                      {month[key]}
                    </Typography>
                  </Td>
                ))}
              </Tr>
            ))}
          </Tbody>
        </Table>
      </Box>
    </Flex>
  );
};
