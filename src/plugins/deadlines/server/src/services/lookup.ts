import type { Core } from '@strapi/strapi';
import { findRow, toOneTarget } from '../../../../../utils/relations';

type Row = Record<string, any>;

/**
 * Reads a record's fields as they will be once a write is done — the incoming data over the stored row —
 * including one relation deep (`preAssessment.requestedAt`). Relations are loaded up front so rule
 * evaluation stays synchronous.
 */
export async function createLookup(
  strapi: Core.Strapi,
  uid: string,
  data: Row,
  current: Row | null,
  paths: string[],
  now: Date
) {
  const attributes = (strapi.getModel(uid as any)?.attributes ?? {}) as Record<string, any>;
  const related = new Map<string, Row | null>();

  for (const head of new Set(paths.filter((path) => path.includes('.')).map((path) => path.split('.')[0]))) {
    related.set(head, await relatedRow(head));
  }

  async function relatedRow(field: string): Promise<Row | null> {
    const attribute = attributes[field];
    if (attribute?.type !== 'relation') return null;
    const ref = field in data ? toOneTarget(data[field]) : undefined;
    if (ref === undefined) {
      const existing = current?.[field];
      return existing?.id ? findRow(strapi, attribute.target, { id: existing.id }) : null;
    }
    return findRow(strapi, attribute.target, ref);
  }

  function get(path: string): unknown {
    const [head, ...rest] = path.split('.');
    if (rest.length) return related.get(head)?.[rest.join('.')] ?? null;
    if (head === 'createdAt' && !current) return now;
    if (head in data) {
      const value = data[head];
      if (attributes[head]?.type === 'relation') return toOneTarget(value) ?? null;
      return value;
    }
    return current?.[head] ?? null;
  }

  /** The id of the row a to-one relation points at after the write (for the responsible bureau). */
  async function relationId(field: string | null | undefined): Promise<number | null> {
    if (!field) return null;
    if (!related.has(field)) related.set(field, await relatedRow(field));
    return related.get(field)?.id ?? null;
  }

  return { get, relationId };
}

/** The relations a set of field paths needs on the stored row. */
export const relationHeads = (strapi: Core.Strapi, uid: string, paths: string[]) => {
  const attributes = (strapi.getModel(uid as any)?.attributes ?? {}) as Record<string, any>;
  return [...new Set(paths.map((path) => path.split('.')[0]))].filter((head) => attributes[head]?.type === 'relation');
};
