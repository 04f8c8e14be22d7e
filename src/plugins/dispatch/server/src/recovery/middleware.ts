import type { Core } from '@strapi/strapi';
import { currentActor } from '../../../../../utils/actor';
import { getService } from '../services';
import { DELETED_RECORD } from '../uids';
import { refusal } from '../../../../../utils/refusal';

const WRITES = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/**
 * 回收站, as a document-service middleware on every path (REST, admin panel, internal code): only the office deletes
 * a workflow record, and each delete leaves a snapshot in the same transaction. The bin itself is written by its
 * service alone.
 */
export function recycleMiddleware(strapi: Core.Strapi) {
  const bin = () => getService(strapi, 'recycle-bin');

  return async (ctx: any, next: () => Promise<any>) => {
    if (ctx.uid === DELETED_RECORD) {
      if (WRITES.has(ctx.action) && !bin().keeping()) throw refusal('回收站记录不能修改 / deleted records cannot be written');
      return next();
    }
    if (ctx.action !== 'delete' || !bin().isWorkflowType(ctx.uid)) return next();
    const documentId: unknown = ctx.params?.documentId;
    if (typeof documentId !== 'string' || !documentId) return next();
    if (!currentActor(strapi).isOffice) {
      throw refusal('只有协调办公室可以删除业务记录 / only the coordination office deletes workflow records');
    }
    return bin().keepOnDelete(ctx.uid, documentId, next);
  };
}
