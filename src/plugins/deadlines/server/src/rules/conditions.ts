/**
 * Conditions a deadline rule tests on a record, stored as JSON so the office can write them in the admin panel:
 * `{ "field": "state", "op": "eq", "value": "submitted" }`, `{ "field": "proposal", "op": "filled" }`,
 * `{ "all": [...] }`, `{ "any": [...] }`. A field may go one relation deep: `preAssessment.state`.
 */
export type Condition =
  | { field: string; op: 'eq' | 'ne' | 'in' | 'nin' | 'filled' | 'empty'; value?: unknown }
  | { all: Condition[] }
  | { any: Condition[] };

export type Lookup = (path: string) => unknown;

const isFilled = (value: unknown) =>
  value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '') && !(Array.isArray(value) && !value.length);

export function test(condition: Condition | null | undefined, get: Lookup): boolean {
  if (!condition) return false;
  if ('all' in condition) return condition.all.every((part) => test(part, get));
  if ('any' in condition) return condition.any.some((part) => test(part, get));
  const value = get(condition.field);
  switch (condition.op) {
    case 'eq':
      return value === condition.value;
    case 'ne':
      return value !== condition.value;
    case 'in':
      return Array.isArray(condition.value) && condition.value.includes(value);
    case 'nin':
      return Array.isArray(condition.value) && !condition.value.includes(value);
    case 'filled':
      return isFilled(value);
    case 'empty':
      return !isFilled(value);
    default:
      throw new Error(`unknown condition operator: ${String((condition as { op: unknown }).op)}`);
  }
}

/** Every field path a condition reads (to know which relations to load). */
export function fieldsOf(condition: Condition | null | undefined): string[] {
  if (!condition) return [];
  if ('all' in condition) return condition.all.flatMap(fieldsOf);
  if ('any' in condition) return condition.any.flatMap(fieldsOf);
  return [condition.field];
}

/** Explains why a condition is malformed, or null. */
export function conditionProblem(condition: unknown): string | null {
  if (condition === null || condition === undefined) return null;
  if (typeof condition !== 'object' || Array.isArray(condition)) return 'must be an object';
  const c = condition as Record<string, unknown>;
  if ('all' in c || 'any' in c) {
    const parts = (c.all ?? c.any) as unknown;
    if (!Array.isArray(parts)) return '"all"/"any" must be a list of conditions';
    for (const part of parts) {
      const problem = conditionProblem(part);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof c.field !== 'string' || !c.field) return '"field" is required';
  if (!['eq', 'ne', 'in', 'nin', 'filled', 'empty'].includes(c.op as string)) return '"op" must be eq, ne, in, nin, filled or empty';
  if (['in', 'nin'].includes(c.op as string) && !Array.isArray(c.value)) return '"value" must be a list for in/nin';
  return null;
}
