import { conditionProblem, fieldsOf, type Condition } from './conditions';

/** What a rule needs to know of the content types, without Strapi. */
export type SchemaOf = (uid: string) => { attributes: Record<string, { type: string; target?: string }> } | undefined;

export interface RuleInput {
  contentType?: string;
  startField?: string | null;
  startWhen?: unknown;
  durationKind?: string;
  duration?: number | null;
  dateField?: string | null;
  periodField?: string | null;
  dueField?: string | null;
  metWhen?: unknown;
  cancelWhen?: unknown;
  bureauField?: string | null;
  reminders?: unknown;
  escalations?: unknown;
}

export interface RuleProblem {
  field: keyof RuleInput;
  zh: string;
  en: string;
}

const DATE_TYPES = ['date', 'datetime'];

/** Checks a rule against the content type it names, so a typo is a 400 and not a silent no-op. */
export function ruleProblems(rule: RuleInput, schemaOf: SchemaOf): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: keyof RuleInput, zh: string, en: string) => problems.push({ field, zh, en });
  const schema = rule.contentType ? schemaOf(rule.contentType) : undefined;
  if (!schema) {
    add('contentType', `内容类型「${rule.contentType ?? ''}」不存在`, `unknown content type ${rule.contentType ?? ''}`);
    return problems;
  }

  /** The attribute a path names, one relation deep. */
  const attribute = (path: string) => {
    const [head, ...rest] = path.split('.');
    const own = head === 'createdAt' || head === 'updatedAt' ? { type: 'datetime' } : schema.attributes[head];
    if (!rest.length || !own) return own;
    if (own.type !== 'relation' || !own.target) return undefined;
    return schemaOf(own.target)?.attributes[rest.join('.')];
  };
  const checkField = (field: keyof RuleInput, path: string | null | undefined, types?: string[]) => {
    if (!path) return;
    const found = attribute(path);
    if (!found) add(field, `字段「${path}」不存在`, `${path} is not a field of ${rule.contentType}`);
    else if (types && !types.includes(found.type)) add(field, `字段「${path}」须为日期或时间`, `${path} must be a date or datetime field`);
  };

  checkField('startField', rule.startField || 'createdAt', DATE_TYPES);
  checkField('dueField', rule.dueField, ['datetime']);
  checkField('bureauField', rule.bureauField, ['relation']);
  switch (rule.durationKind) {
    case 'working_days':
    case 'calendar_days':
      if (rule.duration === null || rule.duration === undefined) add('duration', '须填写天数', 'is required for this kind of duration');
      break;
    case 'end_of_date_field':
      if (!rule.dateField) add('dateField', '须指定截止日期字段', 'is required for end_of_date_field');
      checkField('dateField', rule.dateField, DATE_TYPES);
      break;
    case 'before_next_month':
      checkField('periodField', rule.periodField || 'period');
      break;
    default:
      add('durationKind', '期限类型无效', 'must be working_days, calendar_days, end_of_date_field or before_next_month');
  }
  for (const field of ['startWhen', 'metWhen', 'cancelWhen'] as const) {
    const problem = conditionProblem(rule[field]);
    if (problem) add(field, `条件格式错误：${problem}`, `malformed condition: ${problem}`);
    else for (const path of fieldsOf(rule[field] as Condition)) checkField(field, path);
  }
  for (const field of ['reminders', 'escalations'] as const) {
    const list = rule[field];
    if (list === null || list === undefined) continue;
    const valid =
      Array.isArray(list) &&
      list.every(
        (item) =>
          item &&
          typeof item === 'object' &&
          ['workingDays', 'hours', 'minutes'].some((unit) => Number.isFinite((item as Record<string, unknown>)[unit])) &&
          ['workingDays', 'hours', 'minutes'].every((unit) => {
            const value = (item as Record<string, unknown>)[unit];
            return value === undefined || (Number.isFinite(value) && (value as number) >= 0);
          })
      );
    if (!valid) {
      add(field, '须为时间间隔列表，如 [{"workingDays": 1}] 或 [{"hours": 4}]', 'must be a list like [{"workingDays": 1}] or [{"hours": 4}]');
    }
  }
  return problems;
}
