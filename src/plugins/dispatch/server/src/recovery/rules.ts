/**
 * 回收站 rules, with no Strapi import: how long a deleted record is kept, when a project may be deleted, and how a
 * record becomes a snapshot and a snapshot a record again.
 */

/** At least this long, whatever the configuration says (SPEC §7: deleted records stay recoverable). */
export const MINIMUM_RETENTION_DAYS = 90;
export const DEFAULT_RETENTION_DAYS = 180;
const DAY_MS = 24 * 3600_000;

/** `RECYCLE_RETENTION_DAYS` as a number of days; a value below the minimum (or not a whole number) stops the start. */
export function retentionDays(raw: string | undefined | null): number {
  if (raw === undefined || raw === null || String(raw).trim() === '') return DEFAULT_RETENTION_DAYS;
  const days = Number(String(raw).trim());
  if (!Number.isInteger(days) || days < MINIMUM_RETENTION_DAYS) {
    throw new Error(
      `RECYCLE_RETENTION_DAYS=${JSON.stringify(raw)}：回收站保留天数须为不少于 ${MINIMUM_RETENTION_DAYS} 的整数 / ` +
        `must be a whole number of days, at least ${MINIMUM_RETENTION_DAYS}`
    );
  }
  return days;
}

/** When a snapshot taken at `deletedAt` may be purged. */
export const expiresAt = (deletedAt: Date, days: number): Date => new Date(deletedAt.getTime() + days * DAY_MS);

/** A snapshot may go once it has expired and is at least the minimum age, whatever its `expiresAt` says. */
export function purgeable(row: { deletedAt: string | Date; expiresAt: string | Date }, now: Date): boolean {
  const deleted = new Date(row.deletedAt).getTime();
  return new Date(row.expiresAt).getTime() <= now.getTime() && now.getTime() - deleted >= MINIMUM_RETENTION_DAYS * DAY_MS;
}

// ——— deleting a project ———

/** A problem is open until it is resolved (an escalated one still waits for the city). */
export const isOpenProblem = (state: string | null | undefined) => state !== 'resolved';
/** A task is open until it is done. */
export const isOpenTask = (state: string | null | undefined) => state !== 'done';
/** A pre-assessment is in progress while it is a draft or open (completed and returned ones are finished). */
export const isOpenPreAssessment = (state: string | null | undefined) => state === 'draft' || state === 'open';
/** A deadline is open while it is pending or overdue (met and cancelled ones are history). */
export const isOpenDeadline = (state: string | null | undefined) => state === 'pending' || state === 'overdue';

export interface ProjectFacts {
  stage: string | null;
  problems: Array<string | null>;
  tasks: Array<string | null>;
  preAssessments: Array<string | null>;
  deadlines: Array<string | null>;
}

export interface OpenItem {
  kind: 'problem' | 'task' | 'pre-assessment' | 'deadline';
  count: number;
  zh: string;
  en: string;
}

/**
 * What keeps a project from being deleted: its open problems, tasks, pre-assessments in progress and open deadlines.
 * A withdrawn project may always be deleted (its items stay, without the project).
 */
export function openItems(facts: ProjectFacts): OpenItem[] {
  if (facts.stage === 'withdrawn') return [];
  const counts: OpenItem[] = [
    { kind: 'problem', count: facts.problems.filter(isOpenProblem).length, zh: '个未办结的困难问题', en: 'open problem(s)' },
    { kind: 'task', count: facts.tasks.filter(isOpenTask).length, zh: '项未完成的责任事项', en: 'unfinished task(s)' },
    { kind: 'pre-assessment', count: facts.preAssessments.filter(isOpenPreAssessment).length, zh: '份进行中的预评估', en: 'pre-assessment(s) in progress' },
    { kind: 'deadline', count: facts.deadlines.filter(isOpenDeadline).length, zh: '个未到期的办理期限', en: 'open deadline(s)' },
  ];
  return counts.filter((item) => item.count > 0);
}

/** The refusal, naming what is open: 「项目仍有 3 个未办结的困难问题、1 项未完成的责任事项，请先将项目撤回（withdrawn）后再删除」. */
export function openItemsMessage(items: OpenItem[]): { zh: string; en: string } {
  return {
    zh: `项目仍有 ${items.map((item) => `${item.count} ${item.zh}`).join('、')}，请先将项目撤回（withdrawn）后再删除`,
    en: `the project still has ${items.map((item) => `${item.count} ${item.en}`).join(', ')}: withdraw it (stage withdrawn) before deleting it`,
  };
}

// ——— snapshots ———

export type Row = Record<string, any>;
export interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  mappedBy?: string;
  inversedBy?: string;
}
export type Attributes = Record<string, Attribute>;
/** The attributes of a component (for nested components). */
export type ComponentAttributes = (uid: string) => Attributes;

/** Fields a snapshot leaves out: the row's identity and what the platform sets on any create. */
const SKIPPED = new Set(['id', 'documentId', 'publishedAt', 'locale', 'localizations']);
/** Admin users (createdBy/updatedBy) are not records of the platform: they are not restored. */
const kept = (name: string, attribute: Attribute) =>
  !SKIPPED.has(name) && attribute.type !== 'password' && !(attribute.type === 'relation' && String(attribute.target ?? '').startsWith('admin::'));

const isMany = (attribute: Attribute) => /ToMany$/.test(attribute.relation ?? '') || attribute.relation === 'manyWay' || attribute.relation === 'morphToMany';

/** The populate that reads a whole record: every relation (both sides) as documentIds, media as ids, components deep. */
export function snapshotPopulate(attributes: Attributes, componentAttributes: ComponentAttributes): Row {
  const populate: Row = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!kept(name, attribute)) continue;
    if (attribute.type === 'relation' && attribute.target) populate[name] = { select: ['id', 'documentId'] };
    else if (attribute.type === 'media') populate[name] = { select: ['id'] };
    else if (attribute.type === 'component' && attribute.component) {
      const nested = snapshotPopulate(componentAttributes(attribute.component), componentAttributes);
      populate[name] = Object.keys(nested).length ? { populate: nested } : true;
    }
  }
  return populate;
}

/** A component as stored: its fields without its row id; relations and media as references. */
function componentValue(value: Row | null, attributes: Attributes, componentAttributes: ComponentAttributes): Row | null {
  if (!value) return null;
  const out: Row = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!kept(name, attribute) || !(name in value)) continue;
    out[name] = fieldValue(value[name], attribute, componentAttributes);
  }
  return out;
}

function fieldValue(value: any, attribute: Attribute, componentAttributes: ComponentAttributes): any {
  if (attribute.type === 'relation') {
    if (Array.isArray(value)) return value.map((row) => row.documentId);
    return value?.documentId ?? null;
  }
  if (attribute.type === 'media') {
    if (Array.isArray(value)) return value.map((file) => file.id);
    return value?.id ?? null;
  }
  if (attribute.type === 'component' && attribute.component) {
    const nested = componentAttributes(attribute.component);
    if (Array.isArray(value)) return value.map((item) => componentValue(item, nested, componentAttributes));
    return componentValue(value, nested, componentAttributes);
  }
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** Every field of a record as it was: scalars, relations of both sides as documentIds, media as ids, components. */
export function takeSnapshot(row: Row, attributes: Attributes, componentAttributes: ComponentAttributes): Row {
  const snapshot: Row = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!kept(name, attribute) || !(name in row)) continue;
    snapshot[name] = fieldValue(row[name], attribute, componentAttributes);
  }
  return snapshot;
}

export interface RelationToRestore {
  field: string;
  target: string;
  many: boolean;
  /** The other side's field when this one is the inverse side (a project's problems → problem.project). */
  mappedBy?: string;
  documentIds: string[];
}

/** A snapshot split into what is written as is (scalars, components, media) and the relations to reconnect. */
export function restorePlan(snapshot: Row, attributes: Attributes): { data: Row; relations: RelationToRestore[] } {
  const data: Row = {};
  const relations: RelationToRestore[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!kept(name, attribute) || !(name in snapshot)) continue;
    const value = snapshot[name];
    if (attribute.type === 'relation') {
      const documentIds = (Array.isArray(value) ? value : [value]).filter((id): id is string => typeof id === 'string' && id.length > 0);
      if (documentIds.length && attribute.target) {
        relations.push({ field: name, target: attribute.target, many: isMany(attribute), mappedBy: attribute.mappedBy, documentIds });
      }
      continue;
    }
    data[name] = value;
  }
  return { data, relations };
}

/** A record's name for people: its title, name or code, else its documentId. */
export function recordName(row: Row): string {
  return String(row.title ?? row.name ?? row.code ?? row.documentId ?? '').slice(0, 200);
}
