import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  DatePicker,
  Dialog,
  EmptyStateLayout,
  Field,
  Flex,
  IconButton,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { ConfirmDialog, Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { type DefaultTheme, styled } from 'styled-components';
import { Notice } from '../../../../../../admin/shared/Notice';
import { PeriodSwitcher } from '../../components/PeriodSwitcher';
import { useRequest } from '../../../../../../admin/shared/useRequest';
import { PERMISSIONS } from '../../permissions';
import { dateToIso, isoToDate, isoWeekday, monthDates, shanghaiPeriod, shanghaiToday } from '../../utils/dates';
import { chineseError } from '../../utils/errors';
import { cmCollectionUrl, OVERRIDE_UID } from '../../utils/links';
import { getTrad } from '../../utils/trad';
import { useAllowedActions } from '../../../../../../admin/shared/useAllowedActions';

/* -------------------------------------------------------------------------------------------------
 * Data
 * -----------------------------------------------------------------------------------------------*/

type DaySource = 'statutory' | 'override' | 'weekend' | 'weekday' | 'fallback';

interface DayInfo {
  date: string;
  working: boolean;
  name?: string;
  source: DaySource;
}

interface CalendarResponse {
  data: DayInfo[];
  meta: { knownUntil: string; statutoryDataUntil: string };
}

interface SettingsResponse {
  data: { knownUntil: string; statutoryDataUntil: string };
}

interface Override {
  id: number;
  documentId: string;
  date: string;
  kind: 'rest' | 'work';
  name?: string | null;
  note?: string | null;
}

interface ListResponse<T> {
  results: T[];
  pagination: { total: number };
}

type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'overrideRest' | 'overrideWork' | 'fallbackWork' | 'fallbackRest';

function dayKind(day: DayInfo): DayKind {
  switch (day.source) {
    case 'override':
      return day.working ? 'overrideWork' : 'overrideRest';
    case 'statutory':
      return day.working ? 'makeup' : 'holiday';
    case 'weekend':
      return 'weekend';
    case 'fallback':
      return day.working ? 'fallbackWork' : 'fallbackRest';
    default:
      return day.working ? 'workday' : 'weekend';
  }
}

/** Colours of each kind of day (theme colour names): background, border, label text. */
type Color = keyof DefaultTheme['colors'];

const DAY_STYLES: Record<DayKind, { bg: Color; border: Color; text: Color; dashed?: boolean; thick?: boolean }> = {
  workday: { bg: 'neutral0', border: 'neutral200', text: 'neutral600' },
  weekend: { bg: 'neutral150', border: 'neutral200', text: 'neutral600' },
  holiday: { bg: 'danger100', border: 'danger200', text: 'danger700' },
  makeup: { bg: 'warning100', border: 'warning200', text: 'warning700' },
  overrideRest: { bg: 'primary100', border: 'primary600', text: 'primary700', thick: true },
  overrideWork: { bg: 'primary100', border: 'primary600', text: 'primary700', thick: true },
  fallbackWork: { bg: 'neutral0', border: 'neutral300', text: 'neutral500', dashed: true },
  fallbackRest: { bg: 'neutral150', border: 'neutral300', text: 'neutral500', dashed: true },
};

/* -------------------------------------------------------------------------------------------------
 * Month grid
 * -----------------------------------------------------------------------------------------------*/

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(7, minmax(0, 1fr));
  gap: 4px;
`;

const Cell = styled.button<{ $kind: DayKind; $today: boolean }>`
  all: unset;
  box-sizing: border-box;
  cursor: pointer;
  min-height: 8.4rem;
  padding: 0.8rem;
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme, $kind }) => theme.colors[DAY_STYLES[$kind].bg]};
  border: ${({ $kind }) => (DAY_STYLES[$kind].thick ? 2 : 1)}px ${({ $kind }) => (DAY_STYLES[$kind].dashed ? 'dashed' : 'solid')}
    ${({ theme, $kind }) => theme.colors[DAY_STYLES[$kind].border]};
  box-shadow: ${({ theme, $today }) => ($today ? `inset 0 0 0 2px ${theme.colors.success600}` : 'none')};
  display: flex;
  flex-direction: column;
  gap: 0.4rem;
  &:hover,
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary500};
    outline-offset: 1px;
  }
`;

const Swatch = styled.span<{ $kind: DayKind }>`
  display: inline-block;
  width: 1.6rem;
  height: 1.6rem;
  border-radius: 3px;
  background: ${({ theme, $kind }) => theme.colors[DAY_STYLES[$kind].bg]};
  border: ${({ $kind }) => (DAY_STYLES[$kind].thick ? 2 : 1)}px ${({ $kind }) => (DAY_STYLES[$kind].dashed ? 'dashed' : 'solid')}
    ${({ theme, $kind }) => theme.colors[DAY_STYLES[$kind].border]};
`;

const LEGEND: Array<{ kind: DayKind; id: string; en: string }> = [
  { kind: 'workday', id: 'calendar.legend.workday', en: 'Working day' },
  { kind: 'weekend', id: 'calendar.legend.weekend', en: 'Weekend' },
  { kind: 'holiday', id: 'calendar.legend.holiday', en: 'Statutory holiday' },
  { kind: 'makeup', id: 'calendar.legend.makeup', en: 'Make-up working day' },
  { kind: 'overrideRest', id: 'calendar.legend.override', en: 'Office correction' },
  { kind: 'fallbackWork', id: 'calendar.legend.fallback', en: 'Assumed' },
];

const DAY_LABELS: Record<DayKind, { id: string; en: string } | null> = {
  workday: null,
  weekend: { id: 'calendar.day.weekend', en: 'Weekend' },
  holiday: { id: 'calendar.day.holiday', en: 'Day off' },
  makeup: { id: 'calendar.day.makeup', en: 'Make-up working day' },
  overrideRest: { id: 'calendar.day.overrideRest', en: 'Set as day off' },
  overrideWork: { id: 'calendar.day.overrideWork', en: 'Set as working day' },
  fallbackWork: { id: 'calendar.day.fallbackWork', en: 'Assumed working day' },
  fallbackRest: { id: 'calendar.day.fallbackRest', en: 'Assumed day off' },
};

const MonthGrid = ({ period, days, onPick }: { period: string; days: DayInfo[]; onPick: (date: string) => void }) => {
  const { formatMessage } = useIntl();
  const { firstWeekday } = monthDates(period);
  const today = shanghaiToday();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Grid>
        {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
          <Box key={weekday} paddingBottom={1}>
            <Typography variant="sigma" textColor={weekday > 5 ? 'neutral500' : 'neutral700'}>
              {formatMessage({ id: getTrad(`calendar.weekday.${weekday}`), defaultMessage: String(weekday) })}
            </Typography>
          </Box>
        ))}
        {Array.from({ length: firstWeekday - 1 }, (_, i) => (
          <div key={`blank-${i}`} aria-hidden />
        ))}
        {days.map((day) => {
          const kind = dayKind(day);
          const label = DAY_LABELS[kind];
          const style = DAY_STYLES[kind];
          const dayNumber = Number(day.date.slice(8));
          const labelText = label ? formatMessage({ id: getTrad(label.id), defaultMessage: label.en }) : '';
          return (
            <Cell
              key={day.date}
              type="button"
              $kind={kind}
              $today={day.date === today}
              title={[day.date, day.name, labelText].filter(Boolean).join(' ')}
              onClick={() => onPick(day.date)}
              data-date={day.date}
              data-kind={kind}
            >
              <Flex justifyContent="space-between" alignItems="center" gap={1}>
                <Typography variant="delta" textColor={day.working ? 'neutral800' : style.text}>
                  {dayNumber}
                </Typography>
                {day.date === today && (
                  <Badge size="S" variant="success">
                    {formatMessage({ id: getTrad('calendar.day.today'), defaultMessage: 'Today' })}
                  </Badge>
                )}
              </Flex>
              {day.name && (
                <Typography variant="omega" fontWeight="bold" textColor={style.text}>
                  {day.name}
                </Typography>
              )}
              {labelText && (
                <Typography variant="pi" textColor={style.text}>
                  {labelText}
                </Typography>
              )}
            </Cell>
          );
        })}
      </Grid>
      <Flex gap={4} wrap="wrap" paddingTop={2}>
        {LEGEND.map((item) => (
          <Flex key={item.kind} gap={2} alignItems="center">
            <Swatch $kind={item.kind} aria-hidden />
            <Typography variant="pi" textColor="neutral700">
              {formatMessage({ id: getTrad(item.id), defaultMessage: item.en })}
            </Typography>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Page
 * -----------------------------------------------------------------------------------------------*/

const Panel = ({ title, hint, children }: { title?: string; hint?: string; children: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      {title && (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="delta" tag="h2">
            {title}
          </Typography>
          {hint && (
            <Typography variant="pi" textColor="neutral600">
              {hint}
            </Typography>
          )}
        </Flex>
      )}
      {children}
    </Flex>
  </Box>
);

/** 工作日历: the month grid, the office's corrections and the "known until" setting. */
const CalendarPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTrad(id), defaultMessage }, values);
  const { get, post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [period, setPeriod] = React.useState(shanghaiPeriod());
  // corrections and the known-until date need 修改期限设置; without it the page only shows the calendar
  const { allowedActions } = useAllowedActions(PERMISSIONS.update);
  const canUpdate = Boolean(allowedActions.canUpdate);

  const { from, to } = monthDates(period);
  const calendar = useRequest(`calendar:${from}:${to}`, async (signal) => {
    const { data } = await get<CalendarResponse>('/deadlines/calendar', { params: { from, to }, signal });
    return data;
  });
  const settings = useRequest('settings', async (signal) => {
    const { data } = await get<SettingsResponse>('/deadlines/calendar/settings', { signal });
    return data.data;
  });
  const overrides = useRequest('overrides', async (signal) => {
    const { data } = await get<ListResponse<Override>>(cmCollectionUrl(OVERRIDE_UID), {
      params: { page: 1, pageSize: 100, sort: 'date:ASC' },
      signal,
    });
    return data;
  });

  /* --- add form --- */
  const [form, setForm] = React.useState<{ date: string | null; kind: 'rest' | 'work'; name: string; note: string }>({
    date: null,
    kind: 'rest',
    name: '',
    note: '',
  });
  const [formError, setFormError] = React.useState<string | null>(null);
  const [saving, setSaving] = React.useState(false);

  const weekdayName = (date: string) =>
    t('calendar.weekdayLong', '{day}', { day: t(`calendar.weekday.${isoWeekday(date)}`, String(isoWeekday(date))) });

  const afterChange = () => {
    calendar.reload();
    overrides.reload();
  };

  const addOverride = async () => {
    if (!form.date) {
      setFormError(t('calendar.overrides.dateRequired', 'Choose a date'));
      return;
    }
    if (overrides.data?.results.some((o) => o.date === form.date)) {
      setFormError(t('calendar.overrides.duplicate', '{date} already has a correction', { date: form.date }));
      return;
    }
    setFormError(null);
    setSaving(true);
    try {
      await post(cmCollectionUrl(OVERRIDE_UID), {
        date: form.date,
        kind: form.kind,
        name: form.name.trim() || null,
        note: form.note.trim() || null,
      });
      toggleNotification({ type: 'success', message: t('calendar.overrides.added', 'Added', { date: form.date }) });
      setForm({ date: null, kind: 'rest', name: '', note: '' });
      afterChange();
    } catch (error) {
      const message = chineseError(error, t('common.saveError', 'Could not save'), t('common.forbidden', 'Forbidden'));
      setFormError(message);
      toggleNotification({ type: 'danger', message });
    } finally {
      setSaving(false);
    }
  };

  const deleteOverride = async (override: Override) => {
    try {
      await del(`${cmCollectionUrl(OVERRIDE_UID)}/${override.documentId}`);
      toggleNotification({ type: 'success', message: t('calendar.overrides.deleted', 'Deleted', { date: override.date }) });
      afterChange();
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: chineseError(error, t('common.saveError', 'Could not save'), t('common.forbidden', 'Forbidden')),
      });
    }
  };

  /* --- known-until setting --- */
  const [knownUntilInput, setKnownUntilInput] = React.useState<string | null>(null);
  const [settingsError, setSettingsError] = React.useState<string | null>(null);
  const [savingSettings, setSavingSettings] = React.useState(false);

  const saveKnownUntil = async (value: string | null) => {
    setSettingsError(null);
    setSavingSettings(true);
    try {
      const { data } = await put<SettingsResponse>('/deadlines/calendar/settings', { knownUntil: value });
      toggleNotification({
        type: 'success',
        message: value
          ? t('calendar.settings.saved', 'Saved', { date: data.data.knownUntil })
          : t('calendar.settings.resetDone', 'Reset'),
      });
      setKnownUntilInput(null);
      settings.reload();
      calendar.reload();
    } catch (error) {
      const message = chineseError(error, t('common.saveError', 'Could not save'), t('common.forbidden', 'Forbidden'));
      setSettingsError(message);
      toggleNotification({ type: 'danger', message });
    } finally {
      setSavingSettings(false);
    }
  };

  const title = t('calendar.title', 'Working calendar');
  if (calendar.isLoading && !calendar.data) return <Page.Loading />;

  const meta = calendar.data?.meta;
  const knownUntil = meta?.knownUntil;
  const pastKnown = Boolean(knownUntil && to > knownUntil);
  const days = calendar.data?.data ?? [];
  const working = days.filter((d) => d.working).length;
  const datePickerLabels = {
    clearLabel: t('datePicker.clear', 'Clear'),
    monthSelectLabel: t('datePicker.month', 'Month'),
    yearSelectLabel: t('datePicker.year', 'Year'),
    calendarLabel: t('datePicker.calendar', 'Calendar'),
    placeholder: t('datePicker.placeholder', 'Choose a date'),
  };
  const overrideList = overrides.data?.results ?? [];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('calendar.subtitle', 'Statutory holidays and corrections')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {!canUpdate && <Notice variant="warning">{t('settings.readOnly', 'Read only')}</Notice>}
          {meta && (
            <Notice title={t('calendar.dataUntil', 'Statutory holiday data until {date}', { date: meta.statutoryDataUntil })}>
              {t('calendar.knownUntil', 'Known until {date}', { date: meta.knownUntil })}
            </Notice>
          )}

          <Panel>
            <Flex justifyContent="space-between" alignItems="center" wrap="wrap" gap={2}>
              <PeriodSwitcher period={period} onChange={setPeriod} />
              <Flex gap={2} alignItems="center">
                {calendar.isLoading && <Loader small />}
                {days.length > 0 && (
                  <Typography variant="pi" textColor="neutral600">
                    {t('calendar.summary', '{working} working days', { working, rest: days.length - working })}
                  </Typography>
                )}
              </Flex>
            </Flex>
            {pastKnown && (
              <Notice variant="warning" title={t('calendar.pastKnownTitle', 'Note')}>
                {t('calendar.pastKnown', 'No State Council holiday notice for this month yet')}
              </Notice>
            )}
            {calendar.error && !calendar.data ? (
              <EmptyStateLayout content={chineseError(calendar.error, t('common.loadError', 'Could not load'))} />
            ) : (
              <MonthGrid
                period={period}
                days={days}
                onPick={(date) => {
                  setForm((prev) => ({ ...prev, date }));
                  setFormError(null);
                }}
              />
            )}
          </Panel>

          <Panel title={t('calendar.overrides.title', 'Holiday corrections')} hint={t('calendar.overrides.hint', '')}>
            <Flex gap={3} alignItems="flex-start" wrap="wrap">
              <Box width="20rem">
                <Field.Root name="override-date" required error={formError ?? undefined}>
                  <Field.Label>{t('calendar.overrides.col.date', 'Date')}</Field.Label>
                  <DatePicker
                    {...datePickerLabels}
                    value={isoToDate(form.date)}
                    onChange={(date) => {
                      setForm((prev) => ({ ...prev, date: dateToIso(date) }));
                      setFormError(null);
                    }}
                    onClear={() => setForm((prev) => ({ ...prev, date: null }))}
                  />
                  <Field.Error />
                </Field.Root>
              </Box>
              <Box width="16rem">
                <Field.Root name="override-kind" required>
                  <Field.Label>{t('calendar.overrides.col.kind', 'Kind')}</Field.Label>
                  <SingleSelect
                    placeholder={t('calendar.overrides.kindPlaceholder', 'Choose')}
                    value={form.kind}
                    onChange={(value) => setForm((prev) => ({ ...prev, kind: value === 'work' ? 'work' : 'rest' }))}
                  >
                    <SingleSelectOption value="rest">{formatMessage({ id: 'rest', defaultMessage: 'rest' })}</SingleSelectOption>
                    <SingleSelectOption value="work">{formatMessage({ id: 'work', defaultMessage: 'work' })}</SingleSelectOption>
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="18rem">
                <Field.Root name="override-name">
                  <Field.Label>{t('calendar.overrides.col.name', 'Name')}</Field.Label>
                  <TextInput
                    placeholder={t('calendar.overrides.namePlaceholder', '')}
                    value={form.name}
                    maxLength={60}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm((prev) => ({ ...prev, name: e.target.value }))}
                  />
                </Field.Root>
              </Box>
              <Box width="24rem">
                <Field.Root name="override-note">
                  <Field.Label>{t('calendar.overrides.col.note', 'Note')}</Field.Label>
                  <TextInput
                    placeholder={t('calendar.overrides.notePlaceholder', '')}
                    value={form.note}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setForm((prev) => ({ ...prev, note: e.target.value }))}
                  />
                </Field.Root>
              </Box>
              <Box paddingTop={6}>
                <Button startIcon={<Plus />} onClick={addOverride} loading={saving} disabled={!canUpdate} size="L">
                  {t('calendar.overrides.add', 'Add')}
                </Button>
              </Box>
            </Flex>

            {overrides.error && !overrides.data ? (
              <EmptyStateLayout
                content={chineseError(overrides.error, t('common.loadError', 'Could not load'), t('common.forbidden', 'Forbidden'))}
              />
            ) : overrideList.length === 0 ? (
              <EmptyStateLayout content={t('calendar.overrides.empty', 'No corrections yet')} />
            ) : (
              <>
                <Table colCount={5} rowCount={overrideList.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('calendar.overrides.col.date', 'Date')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('calendar.overrides.col.kind', 'Kind')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('calendar.overrides.col.name', 'Name')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('calendar.overrides.col.note', 'Note')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('calendar.overrides.col.actions', 'Actions')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {overrideList.map((override) => (
                      <Tr key={override.documentId}>
                        <Td>
                          <Typography textColor="neutral800">
                            {override.date}（{weekdayName(override.date)}）
                          </Typography>
                        </Td>
                        <Td>
                          <Badge size="S" variant={override.kind === 'rest' ? 'danger' : 'warning'}>
                            {formatMessage({ id: override.kind, defaultMessage: override.kind })}
                          </Badge>
                        </Td>
                        <Td>
                          <Typography textColor="neutral800">{override.name || '-'}</Typography>
                        </Td>
                        <Td style={{ whiteSpace: 'normal', maxWidth: '30rem' }}>
                          <Typography textColor="neutral800">{override.note || '-'}</Typography>
                        </Td>
                        <Td>
                          <Dialog.Root>
                            <Dialog.Trigger>
                              <IconButton
                                variant="ghost"
                                disabled={!canUpdate}
                                label={t('calendar.overrides.deleteLabel', 'Delete', { date: override.date })}
                              >
                                <Trash />
                              </IconButton>
                            </Dialog.Trigger>
                            <ConfirmDialog onConfirm={() => deleteOverride(override)}>
                              {t('calendar.overrides.deleteConfirm', 'Delete?', { date: override.date })}
                            </ConfirmDialog>
                          </Dialog.Root>
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                {(overrides.data?.pagination.total ?? 0) > overrideList.length && (
                  <Typography variant="pi" textColor="neutral600">
                    {t('calendar.overrides.more', 'Showing {shown} of {total}', {
                      shown: overrideList.length,
                      total: overrides.data?.pagination.total ?? 0,
                    })}
                  </Typography>
                )}
              </>
            )}
          </Panel>

          <Panel title={t('calendar.settings.title', 'Holiday notice data')} hint={t('calendar.settings.hint', '')}>
            {settings.data && (
              <Typography textColor="neutral700">
                {t('calendar.knownUntil', 'Known until {date}', { date: settings.data.knownUntil })}
              </Typography>
            )}
            <Flex gap={3} alignItems="flex-start" wrap="wrap">
              <Box width="20rem">
                <Field.Root name="known-until" error={settingsError ?? undefined}>
                  <Field.Label>{t('calendar.settings.knownUntil', 'Calendar known until')}</Field.Label>
                  <DatePicker
                    {...datePickerLabels}
                    value={isoToDate(knownUntilInput ?? settings.data?.knownUntil)}
                    onChange={(date) => setKnownUntilInput(dateToIso(date))}
                    onClear={() => setKnownUntilInput(null)}
                  />
                  <Field.Error />
                </Field.Root>
              </Box>
              <Flex gap={2} paddingTop={6}>
                <Button
                  size="L"
                  loading={savingSettings}
                  disabled={!knownUntilInput || !canUpdate}
                  onClick={() => knownUntilInput && saveKnownUntil(knownUntilInput)}
                >
                  {t('calendar.settings.save', 'Save')}
                </Button>
                <Button size="L" variant="tertiary" disabled={savingSettings || !canUpdate} onClick={() => saveKnownUntil(null)}>
                  {t('calendar.settings.reset', 'Reset')}
                </Button>
              </Flex>
            </Flex>
          </Panel>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default CalendarPage;
