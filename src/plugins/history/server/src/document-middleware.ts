import type { Core } from '@strapi/strapi';
import { namedActor } from '../../../../utils/actor';
import { isRestoring, restoreRequester } from '../../../../utils/restore';
import { diffRows, fieldNames, labelOf, trackedFields, type Row, type TrackedField } from './changes/diff';
import { CHANGE } from './uids';
import { refusal } from '../../../../utils/refusal';

type Ctx = { uid: string; action: string; params?: Row };
type Next = () => Promise<any>;

const WRITES = new Set(['create', 'update', 'delete']);
const PROJECT = 'api::project.project';

/** The record types with a history: every collection type of the application (src/api). */
export function trackedUids(strapi: Core.Strapi): Set<string> {
  return new Set(
    Object.entries(strapi.contentTypes as unknown as Record<string, Row>)
      .filter(([uid, model]) => uid.startsWith('api::') && model.kind === 'collectionType')
      .map(([uid]) => uid)
  );
}

/** Whoever asks, the history is append-only: nobody changes or deletes a row, and no request adds one. */
export function appendOnlyMiddleware(strapi: Core.Strapi) {
  return async (ctx: Ctx, next: Next) => {
    if (ctx.uid !== CHANGE) return next();
    const refused =
      ['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'].includes(ctx.action) ||
      (ctx.action === 'create' && strapi.requestContext.get() !== undefined);
    if (refused) throw refusal('变更记录只能由平台追加，不能新增、修改或删除 / The change history is append-only: it cannot be created, changed or deleted');
    return next();
  };
}

/**
 * Records every create, update and delete of a workflow record: who, when, through which door, and each field's
 * old and new value — in the same transaction as the write, so a write that rolls back leaves no history, and an
 * update that changes nothing leaves none either. Reads the row before and after; writes one row.
 */
export function historyMiddleware(strapi: Core.Strapi) {
  let tracked: Set<string> | undefined;
  const fieldsOf = new Map<string, TrackedField[]>();
  const fields = (uid: string) => {
    if (!fieldsOf.has(uid)) fieldsOf.set(uid, trackedFields(strapi.getModel(uid as any).attributes as Record<string, Row>));
    return fieldsOf.get(uid)!;
  };

  /** The populate reading a row's relations (documentIds only; a project's name for labels) and components. */
  function populateOf(uid: string, names: (field: TrackedField) => boolean): Row {
    const attributes = strapi.getModel(uid as any).attributes as Record<string, Row>;
    const populate: Row = {};
    for (const field of fields(uid)) {
      if (!names(field)) continue;
      if (field.kind === 'component') populate[field.name] = true;
      else if (field.kind === 'relation') {
        populate[field.name] = { select: attributes[field.name].target === PROJECT ? ['documentId', 'name'] : ['documentId'] };
      }
    }
    return populate;
  }

  const read = (uid: string, where: Row, populate: Row) => strapi.db.query(uid as any).findOne({ where, populate }) as Promise<Row | null>;

  return async (ctx: Ctx, next: Next) => {
    if (!WRITES.has(ctx.action)) return next();
    tracked ??= trackedUids(strapi);
    if (!tracked.has(ctx.uid)) return next();

    return strapi.db.transaction(async () => {
      const uid = ctx.uid;
      const sent = new Set(Object.keys(ctx.params?.data ?? {}));
      // the inverse side of a relation only when the write names it (its change is the owning records' otherwise)
      const relevant = (field: TrackedField) => !field.inverse || sent.has(field.name);
      const before = ctx.action === 'create' ? null : await read(uid, { documentId: ctx.params?.documentId }, populateOf(uid, ctx.action === 'delete' ? (field) => !field.inverse : relevant));
      if (ctx.action !== 'create' && !before) return next();

      const result = await next();
      let after: Row | null = null;
      if (ctx.action !== 'delete') {
        const id = result?.id;
        if (id === undefined || id === null) return result;
        // what the write may have touched: the fields it names (the record rules add theirs to the same data)
        const touched = new Set(Object.keys(ctx.params?.data ?? {}));
        after = await read(uid, { id }, populateOf(uid, ctx.action === 'create' ? relevant : (field) => touched.has(field.name) && relevant(field)));
        if (!after) return result;
        // relations and components not re-read kept their values
        if (before) for (const field of fields(uid)) if (!(field.name in after) && field.name in before) after[field.name] = before[field.name];
      }

      const changes = diffRows(fields(uid), before, after);
      if (ctx.action === 'update' && !changes.length) return result;
      const row = (after ?? before)!;
      // a record brought back from the recycle bin: a restore, by whoever asked for it (the write itself runs as the platform)
      const restore = ctx.action === 'create' && isRestoring();
      const actor = (restore && restoreRequester()) || namedActor(strapi);
      await strapi.db.query(CHANGE as any).create({
        data: {
          targetUid: uid,
          targetDocumentId: row.documentId,
          targetLabel: labelOf(row, uid === PROJECT ? null : row.project),
          action: restore ? 'restore' : ctx.action,
          at: new Date(),
          actorVia: actor.via,
          actorId: actor.id ?? null,
          actorName: actor.name.slice(0, 255),
          path: actor.path,
          fieldNames: fieldNames(changes),
          changes,
        },
      });
      return result;
    });
  };
}
