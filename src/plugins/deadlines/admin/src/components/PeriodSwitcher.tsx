import { Button, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { shanghaiPeriod, shiftPeriod } from '../utils/dates';
import { getTrad } from '../utils/trad';

interface Props {
  period: string;
  onChange: (period: string) => void;
}

/** ‹ 2026年3月 › with year and month pickers and a 本月 button. */
export const PeriodSwitcher = ({ period, onChange }: Props) => {
  const { formatMessage } = useIntl();
  const [year, month] = period.split('-').map(Number);
  const thisYear = Number(shanghaiPeriod().slice(0, 4));
  const years: number[] = [];
  for (let y = Math.min(year, thisYear - 3); y <= Math.max(year, thisYear + 3); y++) years.push(y);
  const monthLabel = (y: number, m: number) =>
    formatMessage({ id: getTrad('calendar.month'), defaultMessage: '{year}-{month}' }, { year: String(y), month: String(m) });

  return (
    <Flex gap={2} wrap="wrap" alignItems="center">
      <IconButton
        label={formatMessage({ id: getTrad('calendar.prevMonth'), defaultMessage: 'Previous month' })}
        onClick={() => onChange(shiftPeriod(period, -1))}
      >
        <ChevronLeft />
      </IconButton>
      <Typography variant="beta" tag="span" style={{ minWidth: '10rem', textAlign: 'center' }}>
        {monthLabel(year, month)}
      </Typography>
      <IconButton
        label={formatMessage({ id: getTrad('calendar.nextMonth'), defaultMessage: 'Next month' })}
        onClick={() => onChange(shiftPeriod(period, 1))}
      >
        <ChevronRight />
      </IconButton>
      <div style={{ width: '11rem' }}>
        <SingleSelect
          aria-label={formatMessage({ id: getTrad('calendar.year'), defaultMessage: 'Year' })}
          size="S"
          value={String(year)}
          onChange={(value) => onChange(`${value}-${String(month).padStart(2, '0')}`)}
        >
          {years.map((y) => (
            <SingleSelectOption key={y} value={String(y)}>
              {formatMessage({ id: getTrad('calendar.yearOption'), defaultMessage: '{year}' }, { year: String(y) })}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </div>
      <div style={{ width: '10rem' }}>
        <SingleSelect
          aria-label={formatMessage({ id: getTrad('calendar.monthSelect'), defaultMessage: 'Month' })}
          size="S"
          value={String(month)}
          onChange={(value) => onChange(`${year}-${String(value).padStart(2, '0')}`)}
        >
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <SingleSelectOption key={m} value={String(m)}>
              {formatMessage({ id: getTrad('calendar.monthOption'), defaultMessage: 'Month {month}' }, { month: m })}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </div>
      <Button variant="tertiary" size="S" onClick={() => onChange(shanghaiPeriod())}>
        {formatMessage({ id: getTrad('calendar.thisMonth'), defaultMessage: 'This month' })}
      </Button>
    </Flex>
  );
};
