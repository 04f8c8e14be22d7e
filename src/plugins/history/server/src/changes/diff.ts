/**
 * What changed in one write of a record: which fields, from what to what. Pure (no Strapi): the middleware reads
 * the row before and after and hands both here with the content type's attributes.
 */

export type Row = Record<string, any>;

/** One changed field: relations as the related documentIds (a list for to-many), components without their ids. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type FieldKind = 'scalar' | 'decimal' | 'datetime' | 'boolean' | 'relation' | 'component' | 'json';

export interface TrackedField {
  name: string;
  kind: FieldKind;
  /** a to-many relation or a repeatable component: a list */
  many: boolean;
  /** the inverse side of a relation (`mappedBy`): its change is recorded on the owning record */
  inverse: boolean;
}

/** Bookkeeping every row has: never a change worth showing. */
const NOISE = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);

const TO_MANY = new Set(['oneToMany', 'manyToMany', 'morphToMany', 'manyWay']);

/**
 * The fields of a content type whose changes are recorded: every attribute except the bookkeeping ones, private
 * fields (internal keys, secrets), passwords and dynamic zones.
 */
export function trackedFields(attributes: Record<string, Row>): TrackedField[] {
  const fields: TrackedField[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (NOISE.has(name) || attribute.private || attribute.type === 'password' || attribute.type === 'dynamiczone') continue;
    const type: string = attribute.type;
    if (type === 'relation') {
      if (String(attribute.relation ?? '').startsWith('morph')) continue;
      fields.push({ name, kind: 'relation', many: TO_MANY.has(attribute.relation), inverse: Boolean(attribute.mappedBy) });
    } else if (type === 'media') {
      fields.push({ name, kind: 'relation', many: Boolean(attribute.multiple), inverse: false });
    } else if (type === 'component') {
      fields.push({ name, kind: 'component', many: Boolean(attribute.repeatable), inverse: false });
    } else if (type === 'decimal' || type === 'float') {
      fields.push({ name, kind: 'decimal', many: false, inverse: false });
    } else if (type === 'datetime' || type === 'timestamp') {
      fields.push({ name, kind: 'datetime', many: false, inverse: false });
    } else if (type === 'boolean') {
      fields.push({ name, kind: 'boolean', many: false, inverse: false });
    } else if (type === 'json' || type === 'blocks') {
      fields.push({ name, kind: 'json', many: false, inverse: false });
    } else {
      fields.push({ name, kind: 'scalar', many: false, inverse: false });
    }
  }
  return fields;
}

/** A component (or a list of them) without its database ids, keys in a stable order. */
function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Row = {};
    for (const key of Object.keys(value).sort()) {
      if (key === 'id' || key === '__component') continue;
      out[key] = stripIds((value as Row)[key]);
    }
    return out;
  }
  return value === undefined ? null : value;
}

/**
 * A field's value in one comparable form, whatever the database returned: decimals as numbers (PostgreSQL gives
 * strings), instants as ISO strings, booleans as booleans (SQLite may give 0/1), relations as documentIds.
 */
export function normalise(field: TrackedField, value: unknown): unknown {
  if (value === undefined || value === null) return field.many ? [] : null;
  switch (field.kind) {
    case 'relation': {
      const idOf = (item: unknown) => (item && typeof item === 'object' ? ((item as Row).documentId ?? null) : item);
      if (field.many) return (Array.isArray(value) ? value : [value]).map(idOf).filter((id) => id !== null).sort();
      return idOf(Array.isArray(value) ? value[0] : value) ?? null;
    }
    case 'component':
      return field.many && !Array.isArray(value) ? [stripIds(value)] : stripIds(value);
    case 'decimal': {
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : value;
    }
    case 'datetime': {
      const date = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(date.getTime()) ? value : date.toISOString();
    }
    case 'boolean':
      return value === 1 || value === '1' || value === true || value === 'true';
    case 'json': {
      // an empty list or object says nothing, like null (a derived field first written as [])
      const json = stripUndefined(value);
      return json && typeof json === 'object' && Object.keys(json).length === 0 ? null : json;
    }
    default:
      return value;
  }
}

const stripUndefined = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Whether a value says nothing: null, an empty list (a record created without it). */
const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

/** Deep equality of normalised values (JSON-shaped). */
export function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Row)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The changes between the row before and the row after a write: a create (`before` null) lists every field set,
 * from null; a delete (`after` null) every field that was set, to null; an update only the fields whose value
 * differs. Fields absent from a row (not read) count as unchanged on an update.
 */
export function diffRows(fields: TrackedField[], before: Row | null, after: Row | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (before && after && (!(field.name in before) || !(field.name in after))) continue;
    const from = before ? normalise(field, before[field.name]) : null;
    const to = after ? normalise(field, after[field.name]) : null;
    if (!before && isEmpty(to)) continue;
    if (!after && isEmpty(from)) continue;
    if (before && after && same(from, to)) continue;
    changes.push({ field: field.name, from, to });
  }
  return changes;
}

/** The searchable list of changed fields, `,name,stage,` (so `%,stage,%` finds one field exactly). */
export const fieldNames = (changes: FieldChange[]) => (changes.length ? `,${changes.map((change) => change.field).join(',')},` : '');

/** Fields a readable label is made from, in order of preference. */
const LABEL_FIELDS = ['name', 'title', 'number', 'code', 'period', 'username'];

/**
 * A readable name of a record for lists of changes: 「LS-2026-0001 某某项目」 for a record with a code and a name,
 * else its name, title, number… and, when it belongs to a project, the project's in 「」.
 */
export function labelOf(row: Row | null, project?: Row | null): string {
  if (!row) return '';
  const code = typeof row.code === 'string' && row.code ? row.code : '';
  const own = LABEL_FIELDS.map((field) => row[field]).find((value) => typeof value === 'string' && value.trim() !== '') ?? '';
  const base = code && own !== code ? `${code} ${own}` : String(own || (row.id !== undefined ? `#${row.id}` : ''));
  const projectName = project && typeof project.name === 'string' ? project.name : '';
  const label = projectName && projectName !== own ? `${base}「${projectName}」` : base;
  return label.length > 255 ? `${label.slice(0, 254)}…` : label;
}
