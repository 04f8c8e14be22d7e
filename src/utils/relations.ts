import type { Core } from '@strapi/strapi';

/** A reference to one record as clients write it: by documentId (Strapi 5) or by numeric id. */
export type RecordRef = { documentId: string } | { id: number };

const asRef = (value: unknown): RecordRef | null => {
  if (typeof value === 'string' && value) return /^\d+$/.test(value) ? { id: Number(value) } : { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (value && typeof value === 'object') {
    const { documentId, id } = value as { documentId?: string; id?: number };
    if (documentId) return { documentId };
    if (id !== undefined && id !== null) return { id: Number(id) };
  }
  return null;
};

/**
 * Where a to-one relation points after a write, from any input shape the REST API or the admin panel
 * sends (`"docId"`, `5`, `{documentId}`, `{connect: [...]}`, `{set: [...]}`, `{disconnect: [...]}`, `null`):
 * `undefined` when the write leaves it alone, `null` when it clears it.
 */
export function toOneTarget(input: unknown): RecordRef | null | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  if (Array.isArray(input)) return input.length ? asRef(input[input.length - 1]) : null;
  if (typeof input === 'object') {
    const ops = input as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[] };
    if ('set' in ops) return ops.set?.length ? asRef(ops.set[ops.set.length - 1]) : null;
    if ('connect' in ops || 'disconnect' in ops) {
      if (ops.connect?.length) return asRef(ops.connect[ops.connect.length - 1]);
      return ops.disconnect?.length ? null : undefined;
    }
  }
  return asRef(input);
}

/** Loads the row a reference points at (never through the document service: no scoping, no hooks). */
export async function findRow(strapi: Core.Strapi, uid: string, ref: RecordRef | null, populate?: string[]) {
  if (!ref) return null;
  const where = 'documentId' in ref ? { documentId: ref.documentId } : { id: ref.id };
  return strapi.db.query(uid as any).findOne({ where, populate });
}
