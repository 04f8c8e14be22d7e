/**
 * Query rewriting for per-bureau scoping: filters built from relation paths, and the same scope carried into
 * every populate and every filter through a relation, at any depth. Pure: the caller passes the schemas
 * (`models`) and the scope of each type (`filterFor`); no Strapi import.
 */

export interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  mappedBy?: string;
  inversedBy?: string;
  component?: string;
  components?: string[];
}
export interface Model {
  attributes: Record<string, Attribute>;
}
export type Models = (uid: string) => Model | undefined;
export type Filter = Record<string, unknown>;
/** The scope filter of a type for the current viewer, or null when its records are not restricted. */
export type FilterFor = (uid: string) => Filter | null;

/** Matches no row: `id` is never null. The answer when the viewer's bureau cannot be established. */
export const MATCH_NOTHING: Filter = Object.freeze({ id: { $null: true } }) as Filter;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const POPULATABLE = new Set(['relation', 'component', 'media', 'dynamiczone']);

/** A relation to one or many records of a content type (not polymorphic): the only kind that carries scope. */
export function relationTarget(attribute: Attribute | undefined): string | undefined {
  if (attribute?.type !== 'relation' || !attribute.target || attribute.relation?.startsWith('morph')) return undefined;
  return attribute.target;
}

export const isToMany = (attribute: Attribute) => /Many$/.test(attribute.relation ?? '');

/** `preAssessment.project.applicantBureau` → `{ preAssessment: { project: { applicantBureau: { id: { $in: ids } } } } }`. */
export function pathFilter(path: string, ids: readonly number[]): Filter {
  return path
    .split('.')
    .reduceRight<Filter>((inner, relation) => ({ [relation]: inner }), { id: { $in: [...ids] } });
}

/**
 * The same scope as a test of each row instead of a set to start from: `{ id: { $in: S } }` becomes
 * `{ id: { $not: { $notIn: S } } }`, i.e. `NOT (id NOT IN S)`. Both select exactly the same rows (also under
 * SQL's three-valued logic: where one is unknown, so is the other), but a database cannot use the second to
 * drive the query from S. For populated relations on SQLite, whose rows are already bounded by their parents'
 * ids: handed `id IN S` there, SQLite starts from every row of S and probes the parents' link rows for each
 * (scope × page lookups) instead of checking the page's few rows against S. Other filters pass unchanged.
 */
export function rowTest(filter: Filter | null): Filter | null {
  const id = filter?.id;
  if (!isPlainObject(id) || Object.keys(filter!).length !== 1 || Object.keys(id).length !== 1 || !('$in' in id)) return filter;
  return { id: { $not: { $notIn: id.$in } } };
}

export const andFilters = (a: unknown, b: Filter | null): unknown => {
  if (!b) return a;
  if (a === undefined || a === null || (isPlainObject(a) && !Object.keys(a).length)) return b;
  return { $and: [a, b] };
};

/**
 * Carries the scope into filters that go through relations: `{ opinions: { content: … } }` on pre-assessments
 * becomes `{ opinions: { $and: [{ content: … }, <opinion scope>] } }`, so a filter can only test rows the viewer
 * could read — the total of a list never depends on another bureau's rows.
 */
export function scopeFilters(filters: unknown, uid: string, models: Models, filterFor: FilterFor): unknown {
  if (Array.isArray(filters)) return filters.map((item) => scopeFilters(item, uid, models, filterFor));
  if (!isPlainObject(filters)) return filters;
  const model = models(uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (key.startsWith('$')) {
      out[key] = ['$and', '$or', '$not'].includes(key) ? scopeFilters(value, uid, models, filterFor) : value;
      continue;
    }
    const attribute = model?.attributes[key];
    const target = relationTarget(attribute);
    if (target) {
      const inner = isPlainObject(value) ? scopeFilters(value, target, models, filterFor) : { id: value };
      out[key] = andFilters(inner, filterFor(target));
    } else if (attribute?.type === 'component' && attribute.component) {
      out[key] = scopeFilters(value, attribute.component, models, filterFor);
    } else {
      out[key] = value;
    }
  }
  return out;
}

type PopulateObject = Record<string, unknown>;

/** Every populatable attribute of a model, as `populate: '*'` means at one level. */
function everything(model: Model | undefined): PopulateObject {
  const out: PopulateObject = {};
  for (const [name, attribute] of Object.entries(model?.attributes ?? {})) if (POPULATABLE.has(attribute.type)) out[name] = true;
  return out;
}

/** `a.b.c` → `{ a: { populate: { b: { populate: { c: true } } } } }`, merged into `into`. */
function addDotted(into: PopulateObject, dotted: string) {
  const [head, ...rest] = dotted.split('.').map((part) => part.trim());
  if (!head) return;
  if (head === '*') {
    into['*'] = true;
    return;
  }
  if (!rest.length) {
    if (!(head in into)) into[head] = true;
    return;
  }
  const current = into[head];
  const node: PopulateObject = isPlainObject(current) ? { ...current } : {};
  const nested: PopulateObject = isPlainObject(node.populate) ? { ...(node.populate as PopulateObject) } : {};
  addDotted(nested, rest.join('.'));
  node.populate = nested;
  into[head] = node;
}

/** Any populate form (`*`, `true`, `'a,b.c'`, `['a', 'b.c']`, objects) as an object keyed by attribute. */
export function populateObject(populate: unknown, model: Model | undefined): PopulateObject | null {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return null;
  if (populate === true || populate === 'true' || populate === '*') return everything(model);
  const entries: PopulateObject = {};
  if (typeof populate === 'string') populate.split(',').forEach((part) => addDotted(entries, part));
  else if (Array.isArray(populate)) populate.forEach((part) => typeof part === 'string' && part.split(',').forEach((p) => addDotted(entries, p)));
  else if (isPlainObject(populate)) Object.assign(entries, populate);
  else return null;
  if (entries['*']) {
    delete entries['*'];
    return { ...everything(model), ...entries };
  }
  return entries;
}

/**
 * Adds the scope of each populated type as a filter at its level, at any depth: a populated relation never
 * brings a record the viewer could not read on its own, and `[count]` counts only those.
 */
export function scopePopulate(populate: unknown, uid: string, models: Models, filterFor: FilterFor): unknown {
  const model = models(uid);
  const entries = populateObject(populate, model);
  if (!entries) return populate;
  const out: PopulateObject = {};
  for (const [key, value] of Object.entries(entries)) {
    const attribute = model?.attributes[key];
    const target = relationTarget(attribute);
    if (target) {
      const node: PopulateObject = isPlainObject(value) ? { ...value } : value === true || value === 'true' || value === '*' ? {} : { populate: value };
      if (value === '*') node.populate = '*';
      if (node.populate !== undefined) node.populate = scopePopulate(node.populate, target, models, filterFor);
      const scoped = scopeFilters(node.filters, target, models, filterFor);
      const filtered = andFilters(scoped, filterFor(target));
      if (filtered !== undefined) node.filters = filtered;
      out[key] = node;
    } else if (attribute?.type === 'component' && attribute.component && isPlainObject(value)) {
      const node = { ...value };
      if (node.populate !== undefined) node.populate = scopePopulate(node.populate, attribute.component, models, filterFor);
      out[key] = node;
    } else if (attribute?.type === 'dynamiczone' && isPlainObject(value) && isPlainObject(value.on)) {
      const on: PopulateObject = {};
      for (const [component, fragment] of Object.entries(value.on)) {
        on[component] =
          isPlainObject(fragment) && fragment.populate !== undefined
            ? { ...fragment, populate: scopePopulate(fragment.populate, component, models, filterFor) }
            : fragment;
      }
      out[key] = { ...value, on };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The keys a sort names, in any form: `'a:asc,b'`, `['a']`, `{ a: 'asc' }`; a nested object `{ project: { name } }` as `project.`. */
export function sortKeys(sort: unknown): string[] {
  const keys: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') value.split(',').forEach((part) => keys.push(part.split(':')[0].trim()));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isPlainObject(value)) for (const [key, inner] of Object.entries(value)) keys.push(isPlainObject(inner) ? `${key}.` : key);
  };
  collect(sort);
  return keys;
}

/** The first sort key that goes through a relation (`project.name`, `{ project: { name: 'asc' } }`), if any. */
export function sortThroughRelation(sort: unknown, uid: string, models: Models): string | null {
  const model = models(uid);
  for (const key of sortKeys(sort)) {
    const head = key.split('.')[0];
    const attribute = model?.attributes[head];
    if (key.includes('.') && (relationTarget(attribute) || attribute?.type === 'component' || attribute?.type === 'dynamiczone')) return head;
  }
  return null;
}

/** A reference to a related record as the APIs accept it: an id, a documentId, or an object with either. */
export interface Ref {
  id?: number;
  documentId?: string;
}

export interface RelationWrite {
  field: string;
  target: string;
  /** The parent side of a one-to-many / the inverse side: attaching a record there changes that record. */
  inverse: boolean;
  connect: Ref[];
  disconnect: Ref[];
  set: Ref[] | null;
}

function toRef(value: unknown): Ref | null {
  if (typeof value === 'number') return { id: value };
  if (typeof value === 'string') return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (isPlainObject(value)) {
    if (typeof value.documentId === 'string') return { documentId: value.documentId };
    if (value.id !== undefined) return toRef(value.id);
  }
  return null;
}

const toRefs = (value: unknown): Ref[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map(toRef).filter((ref): ref is Ref => !!ref);

/** The relations a write sets, in each shorthand and longhand form of the REST API and the content manager. */
export function relationWrites(data: unknown, uid: string, models: Models): RelationWrite[] {
  if (!isPlainObject(data)) return [];
  const model = models(uid);
  const writes: RelationWrite[] = [];
  for (const [field, value] of Object.entries(data)) {
    const attribute = model?.attributes[field];
    const target = relationTarget(attribute);
    if (!target || value === undefined) continue;
    const inverse = !!attribute!.mappedBy;
    if (isPlainObject(value) && ('connect' in value || 'disconnect' in value || 'set' in value)) {
      writes.push({ field, target, inverse, connect: toRefs(value.connect), disconnect: toRefs(value.disconnect), set: 'set' in value ? toRefs(value.set) : null });
    } else {
      // a plain value replaces the relation: `project: 'doc-id'`, `coBureaus: [1, 2]`, `project: null`
      writes.push({ field, target, inverse, connect: [], disconnect: [], set: toRefs(value) });
    }
  }
  return writes;
}
