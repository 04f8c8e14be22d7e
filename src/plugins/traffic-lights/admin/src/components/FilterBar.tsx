import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { enumLabel } from '../../../../../domain/labels';
import type { DashboardFilters } from '../hooks/useDashboardQuery';
import type { BureauRef, Light } from '../types';
import { getTrad } from '../utils/trad';
import { LIGHT_DEFAULTS } from './LightBadge';

const LIGHTS: Light[] = ['red', 'yellow', 'green'];

const Select = ({
  name,
  label,
  placeholder,
  value,
  options,
  onChange,
  clearLabel,
}: {
  name: string;
  label: string;
  placeholder: string;
  value: string | null;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | null) => void;
  clearLabel: string;
}) => (
  <Box width="20rem">
    <Field.Root name={name} id={`lights-filter-${name}`}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        size="S"
        placeholder={placeholder}
        value={value ?? null}
        onChange={(next) => onChange(String(next))}
        onClear={value ? () => onChange(null) : undefined}
        clearLabel={clearLabel}
        data-testid={`lights-filter-${name}`}
      >
        {options.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  </Box>
);

/** 亮灯 / 申报单位 / 项目类别 / 项目阶段 selects; an empty select means "all". */
export const FilterBar = ({
  filters,
  units,
  categories,
  stages,
  onChange,
  onClear,
  hasFilters,
}: {
  filters: DashboardFilters;
  units: BureauRef[];
  categories: readonly string[];
  stages: readonly string[];
  onChange: (key: keyof DashboardFilters, value: string | null) => void;
  onClear: () => void;
  hasFilters: boolean;
}) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTrad(id), defaultMessage });
  const all = t('filters.all', 'All');
  const clearLabel = t('filters.clearOne', 'Clear');
  // a unit chosen through the URL but not (or no longer) among the options still shows by its documentId
  const unitOptions = units.map((unit) => ({ value: unit.documentId, label: unit.name }));
  if (filters.unit && !unitOptions.some((option) => option.value === filters.unit)) {
    unitOptions.push({ value: filters.unit, label: filters.unit });
  }
  return (
    <Flex gap={4} wrap="wrap" alignItems="flex-end">
      <Select
        name="light"
        label={t('filters.light', 'Light')}
        placeholder={all}
        value={filters.light}
        options={LIGHTS.map((light) => ({ value: light, label: t(`light.${light}`, LIGHT_DEFAULTS[light]) }))}
        onChange={(value) => onChange('light', value)}
        clearLabel={clearLabel}
      />
      <Select
        name="unit"
        label={t('filters.unit', 'Applicant unit')}
        placeholder={all}
        value={filters.unit}
        options={unitOptions}
        onChange={(value) => onChange('unit', value)}
        clearLabel={clearLabel}
      />
      <Select
        name="category"
        label={t('filters.category', 'Category')}
        placeholder={all}
        value={filters.category}
        options={categories.map((value) => ({ value, label: enumLabel(value) || value }))}
        onChange={(value) => onChange('category', value)}
        clearLabel={clearLabel}
      />
      <Select
        name="stage"
        label={t('filters.stage', 'Stage')}
        placeholder={all}
        value={filters.stage}
        options={stages.map((value) => ({ value, label: enumLabel(value) || value }))}
        onChange={(value) => onChange('stage', value)}
        clearLabel={clearLabel}
      />
      {hasFilters && (
        <Button variant="tertiary" size="S" startIcon={<Cross />} onClick={onClear}>
          {t('filters.clear', 'Clear filters')}
        </Button>
      )}
    </Flex>
  );
};
