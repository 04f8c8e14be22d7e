import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  NumberInput,
  Table,
  Tbody,
  Td,
  TextButton,
  Th,
  Thead,
  Toggle,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { ArrowsCounterClockwise, Check } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useTheme } from 'styled-components';
import { Notice } from '../../../../../../admin/shared/Notice';
import { useRequest } from '../../../../../../admin/shared/useRequest';
import { PERMISSIONS } from '../../permissions';
import type { RuleRowValues, RulesMeta, Thresholds } from '../../types';
import { chineseError, rowFieldErrors } from '../../utils/errors';
import { getTrad } from '../../utils/trad';
import { useAllowedActions } from '../../../../../../admin/shared/useAllowedActions';

type FieldName = keyof Thresholds;
type Value = number | boolean | null;

interface RulesResponse {
  data: RuleRowValues[];
  meta: RulesMeta;
}

const copyRows = (rows: RuleRowValues[]): RuleRowValues[] => rows.map((row) => ({ scope: row.scope, values: { ...row.values } }));

/** One cell: a number input (empty = inherit, the inherited value as placeholder) or an on/off toggle. */
const RuleCell = ({
  id,
  label,
  value,
  inherited,
  isDefault,
  isBoolean,
  error,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  value: Value;
  inherited: Value;
  isDefault: boolean;
  isBoolean: boolean;
  error?: string;
  disabled: boolean;
  onChange: (value: Value) => void;
}) => {
  const { formatMessage } = useIntl();
  const onOff = (on: boolean) =>
    on ? formatMessage({ id: getTrad('rules.on'), defaultMessage: 'On' }) : formatMessage({ id: getTrad('rules.off'), defaultMessage: 'Off' });
  const shown = typeof inherited === 'boolean' ? onOff(inherited) : inherited;
  const inheritText =
    inherited === null ? '' : formatMessage({ id: getTrad('rules.inherit'), defaultMessage: 'Default: {value}' }, { value: shown });
  const inheritPlaceholder =
    inherited === null ? undefined : formatMessage({ id: getTrad('rules.inheritPlaceholder'), defaultMessage: '{value} (default)' }, { value: shown });
  return (
    <Field.Root id={id} name={id} error={error} width="12.5rem">
      <VisuallyHidden>
        <Field.Label>{label}</Field.Label>
      </VisuallyHidden>
      {isBoolean ? (
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Toggle
            onLabel={onOff(true)}
            offLabel={onOff(false)}
            checked={typeof value === 'boolean' ? value : null}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />
          {!isDefault &&
            (value === null ? (
              <Typography variant="pi" textColor="neutral500">
                {inheritText}
              </Typography>
            ) : (
              !disabled && (
                <TextButton onClick={() => onChange(null)}>
                  {formatMessage({ id: getTrad('rules.useDefault'), defaultMessage: 'Use the default' })}
                </TextButton>
              )
            ))}
        </Flex>
      ) : (
        <NumberInput
          size="S"
          step={1}
          value={typeof value === 'number' ? value : undefined}
          placeholder={isDefault ? undefined : inheritPlaceholder}
          disabled={disabled}
          onValueChange={(next) => onChange(next === undefined ? null : next)}
        />
      )}
      <Field.Error />
    </Field.Root>
  );
};

/**
 * 亮灯规则: the thresholds of the lights, one row of defaults and one row per project category whose empty cells
 * inherit the default. Save sends every row; a 400 names the field, shown under its cell.
 */
const RulesPage = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useAllowedActions(PERMISSIONS.settingsUpdate);
  const canUpdate = Boolean(allowedActions.canUpdate);
  const theme = useTheme();
  // the scope column stays in view while the thresholds scroll sideways on narrower screens; a sticky cell stops at
  // the scroll container's padding, so it is pulled over the table's side padding (spaces[6]) to hide what scrolls
  // under it, and padded by as much to keep its text off the edge
  const sticky: React.CSSProperties = {
    position: 'sticky',
    left: `-${theme.spaces[6]}`,
    paddingLeft: theme.spaces[6],
    zIndex: 1,
    background: theme.colors.neutral0,
    borderRight: `1px solid ${theme.colors.neutral150}`,
  };

  const { data, error, isLoading } = useRequest('rules', async (signal) => {
    const { data } = await get<RulesResponse>('/traffic-lights/rules', { signal });
    return data;
  });

  const [rows, setRows] = React.useState<RuleRowValues[]>([]);
  const [saved, setSaved] = React.useState<RuleRowValues[]>([]);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = React.useState(false);
  // number inputs keep their own text: a new version re-mounts them after a reset or a save
  const [version, setVersion] = React.useState(0);

  React.useEffect(() => {
    if (!data) return;
    setRows(copyRows(data.data));
    setSaved(copyRows(data.data));
  }, [data]);

  const title = t('rules.title', 'Light rules');
  if (isLoading && !data) return <Page.Loading />;

  const meta = data?.meta;
  const fields = (meta ? Object.keys(meta.fields) : []) as FieldName[];
  const defaults = rows.find((row) => row.scope === 'default');
  const isBoolean = (field: FieldName) => typeof defaults?.values[field] === 'boolean' || typeof saved.find((row) => row.scope === 'default')?.values[field] === 'boolean';
  const dirty = JSON.stringify(rows) !== JSON.stringify(saved);
  const fieldLabel = (field: FieldName) => meta?.fields[field]?.zh ?? field;
  const scopeLabel = (scope: string) => meta?.scopes[scope] ?? scope;

  const change = (index: number, field: FieldName, value: Value) => {
    setRows((previous) =>
      previous.map((row, i) => (i === index ? { ...row, values: { ...row.values, [field]: value } } : row))
    );
    setErrors((previous) => {
      const { [`${index}.${field}`]: _removed, ...rest } = previous;
      return rest;
    });
  };

  const reset = () => {
    setRows(copyRows(saved));
    setErrors({});
    setVersion((v) => v + 1);
  };

  const save = async () => {
    setIsSaving(true);
    try {
      const { data: response } = await put<RulesResponse>('/traffic-lights/rules', { data: rows });
      const next = copyRows(response.data ?? rows);
      setRows(next);
      setSaved(copyRows(next));
      setErrors({});
      setVersion((v) => v + 1);
      toggleNotification({ type: 'success', message: t('rules.saved', 'Rules saved; the lights are recomputed') });
    } catch (err) {
      setErrors(rowFieldErrors(err));
      toggleNotification({
        type: 'danger',
        message: chineseError(err, t('common.saveError', 'Could not save'), t('common.forbidden', 'Forbidden')),
      });
    } finally {
      setIsSaving(false);
    }
  };

  const firstError = Object.entries(errors)[0];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('rules.subtitle', 'Thresholds of the lights')}
        primaryAction={
          canUpdate && data ? (
            <Flex gap={2}>
              <Button variant="tertiary" startIcon={<ArrowsCounterClockwise />} onClick={reset} disabled={!dirty || isSaving}>
                {t('rules.reset', 'Undo changes')}
              </Button>
              <Button startIcon={<Check />} onClick={save} loading={isSaving} disabled={!dirty}>
                {t('rules.save', 'Save')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        {error || !data ? (
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <EmptyStateLayout content={chineseError(error, t('common.loadError', 'Could not load'), t('common.forbidden', 'Forbidden'))} />
          </Box>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Notice>{t('rules.help', 'Empty cells of a category row inherit the default row.')}</Notice>
            {!canUpdate && <Notice variant="warning">{t('rules.readOnly', 'Read only')}</Notice>}
            {firstError && (
              <Notice variant="warning" title={t('rules.invalid', 'Not saved')}>
                {Object.entries(errors).map(([key, message]) => {
                  const [index] = key.split('.');
                  const row = rows[Number(index)];
                  return (
                    <div key={key}>
                      {row ? `${scopeLabel(row.scope)}：` : ''}
                      {/* the server's message names the field itself */}
                      {message}
                    </div>
                  );
                })}
              </Notice>
            )}
            <Table colCount={fields.length + 1} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th style={sticky}>
                    <Typography variant="sigma" textColor="neutral600">
                      {t('rules.col.scope', 'Scope')}
                    </Typography>
                  </Th>
                  {fields.map((field) => (
                    <Th key={field} style={{ whiteSpace: 'normal', verticalAlign: 'bottom' }}>
                      <Typography variant="sigma" textColor="neutral600" title={meta?.fields[field]?.en}>
                        {fieldLabel(field)}
                      </Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row, index) => {
                  const isDefault = row.scope === 'default';
                  return (
                    <Tr key={`${row.scope}-${version}`} data-testid="lights-rule-row" data-scope={row.scope}>
                      <Td style={{ ...sticky, verticalAlign: 'top' }}>
                        <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2}>
                          <Typography fontWeight="bold" textColor="neutral800">
                            {scopeLabel(row.scope)}
                          </Typography>
                          {isDefault && (
                            <Badge size="S" variant="primary">
                              {t('rules.defaultBadge', 'Applies to all')}
                            </Badge>
                          )}
                          {errors[`${index}.scope`] && (
                            <Typography variant="pi" textColor="danger600">
                              {errors[`${index}.scope`]}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      {fields.map((field) => (
                        <Td key={field} style={{ verticalAlign: 'top' }}>
                          <RuleCell
                            id={`rule-${row.scope}-${field}`}
                            label={`${scopeLabel(row.scope)} ${fieldLabel(field)}`}
                            value={row.values[field] ?? null}
                            inherited={isDefault ? null : (defaults?.values[field] ?? null)}
                            isDefault={isDefault}
                            isBoolean={isBoolean(field)}
                            error={errors[`${index}.${field}`]}
                            disabled={!canUpdate || isSaving}
                            onChange={(value) => change(index, field, value)}
                          />
                        </Td>
                      ))}
                    </Tr>
                  );
                })}
              </Tbody>
            </Table>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default RulesPage;
