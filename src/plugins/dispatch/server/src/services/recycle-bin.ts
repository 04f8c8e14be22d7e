import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPE_LABELS, fieldLabel } from '../../../../../domain/labels';
import { namedActor, type NamedActor } from '../../../../../utils/actor';
import { VIA_LABELS } from '../../../../../domain/history';
import { asRestore } from '../../../../../utils/restore';
import { reject } from '../../../../../utils/validation';
import {
  expiresAt,
  openItems,
  openItemsMessage,
  purgeable,
  recordName,
  restorePlan,
  retentionDays,
  snapshotPopulate,
  takeSnapshot,
  type Attributes,
  type Row,
} from '../recovery/rules';
import { DELETED_RECORD, PROJECT } from '../uids';

const PROBLEM = 'api::problem.problem';
const TASK = 'api::task.task';
const PRE_ASSESSMENT = 'api::pre-assessment.pre-assessment';
const OPINION = 'api::opinion.opinion';
const DEADLINE = 'plugin::deadlines.deadline';

/** The delete of a record in progress: the records its rules delete with it join its batch. */
const deleting = new AsyncLocalStorage<{ batch: string }>();
/** Set while this service writes the bin itself: the only writes the bin accepts. */
const keeping = new AsyncLocalStorage<true>();

/** The type's name for people (项目, 困难问题, …). */
const typeLabel = (strapi: Core.Strapi, uid: string) =>
  CONTENT_TYPE_LABELS[uid] ?? (strapi.contentTypes as Record<string, any>)[uid]?.info?.displayName ?? uid;

/**
 * 回收站: every workflow record (each `api::` collection type) deleted by any path is kept as a snapshot in the same
 * transaction, restorable by the office with its documentId, relations and deadlines for RECYCLE_RETENTION_DAYS.
 */
const recycleBin = ({ strapi }: { strapi: Core.Strapi }) => {
  const attributesOf = (uid: string): Attributes => (strapi.getModel(uid as any)?.attributes ?? {}) as Attributes;
  const db = (uid: string) => strapi.db.query(uid as any);

  /** Who is behind a call, by kind and name: 「后台用户 张三（…）」, 「接口用户 …」, 「API 令牌「…」」 or 系统任务. */
  const actorName = (actor: NamedActor = namedActor(strapi)) =>
    (actor.via === 'admin' || actor.via === 'user' ? `${VIA_LABELS[actor.via]} ${actor.name}` : actor.name).slice(0, 200);

  return {
    /** Workflow records: the application's collection types (reference data and records alike). */
    isWorkflowType(uid: string): boolean {
      return uid.startsWith('api::') && (strapi.contentTypes as Record<string, any>)[uid]?.kind === 'collectionType';
    },

    /** Whether the bin is being written by this service (any other write to it is refused). */
    keeping: () => keeping.getStore() === true,

    /** The retention in days, from RECYCLE_RETENTION_DAYS (checked at start). */
    retentionDays: () => retentionDays(process.env.RECYCLE_RETENTION_DAYS),

    /**
     * Document-service middleware step for a delete: refuses a project with open items, snapshots the record and
     * runs the delete (and whatever its rules delete with it) in one transaction.
     */
    async keepOnDelete(uid: string, documentId: string, next: () => Promise<any>) {
      return strapi.db.transaction(async () => {
        const row = await db(uid).findOne({ where: { documentId }, populate: snapshotPopulate(attributesOf(uid), (component) => attributesOf(component)) });
        if (!row) return next();
        if (uid === PROJECT) await this.refuseOpenProject(row);
        const outer = deleting.getStore();
        const batch = outer?.batch ?? randomUUID();
        const deletedAt = new Date();
        await keeping.run(true, () =>
          strapi.documents(DELETED_RECORD as any).create({
            data: {
              targetUid: uid,
              targetDocumentId: documentId,
              label: `${typeLabel(strapi, uid)}「${recordName(row)}」`.slice(0, 300),
              snapshot: takeSnapshot(row, attributesOf(uid), (component) => attributesOf(component)),
              batch,
              cascade: Boolean(outer),
              deletedAt: deletedAt.toISOString(),
              deletedBy: actorName(),
              expiresAt: expiresAt(deletedAt, this.retentionDays()).toISOString(),
            } as any,
          })
        );
        return outer ? next() : deleting.run({ batch }, next);
      });
    },

    /** A project is deleted only when nothing of it is open, or once it has been withdrawn. */
    async refuseOpenProject(project: Row) {
      if (project.stage === 'withdrawn') return;
      const where = { project: { id: project.id } };
      const problems: Row[] = await db(PROBLEM).findMany({ where, select: ['documentId', 'state'] });
      const tasks: Row[] = await db(TASK).findMany({ where, select: ['documentId', 'state'] });
      const preAssessments: Row[] = await db(PRE_ASSESSMENT).findMany({ where, select: ['id', 'documentId', 'state'] });
      const opinions: Row[] = preAssessments.length
        ? await db(OPINION).findMany({ where: { preAssessment: { id: { $in: preAssessments.map((row) => row.id) } } }, select: ['documentId'] })
        : [];
      const targets = [project, ...problems, ...tasks, ...preAssessments, ...opinions].map((row) => row.documentId);
      const deadlines: Row[] = (strapi.contentTypes as Record<string, any>)[DEADLINE]
        ? await db(DEADLINE).findMany({ where: { targetDocumentId: { $in: targets } }, select: ['state'] })
        : [];
      const open = openItems({
        stage: project.stage ?? null,
        problems: problems.map((row) => row.state),
        tasks: tasks.map((row) => row.state),
        preAssessments: preAssessments.map((row) => row.state),
        deadlines: deadlines.map((row) => row.state),
      });
      if (!open.length) return;
      const { zh, en } = openItemsMessage(open);
      throw reject(PROJECT, 'stage', zh, en);
    },

    /** GET deleted-records?uid=&q=: the bin, newest first; `q` searches the label and the documentId. */
    async list(query: Row) {
      const uid = typeof query.uid === 'string' && query.uid ? query.uid : null;
      const q = typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 100) : null;
      const restored = query.restored === 'true' ? true : query.restored === 'false' ? false : null;
      const page = Math.max(1, Number.parseInt(String(query.page ?? '1'), 10) || 1);
      const pageSize = Math.min(100, Math.max(1, Number.parseInt(String(query.pageSize ?? '25'), 10) || 25));
      const where: Row = { $and: [] };
      if (uid) where.$and.push({ targetUid: uid });
      if (q) where.$and.push({ $or: [{ label: { $containsi: q } }, { targetDocumentId: { $eq: q } }] });
      if (restored !== null) where.$and.push(restored ? { restoredAt: { $notNull: true } } : { restoredAt: { $null: true } });
      const [rows, total] = await Promise.all([
        db(DELETED_RECORD).findMany({
          where,
          select: ['documentId', 'targetUid', 'targetDocumentId', 'label', 'batch', 'cascade', 'deletedAt', 'deletedBy', 'expiresAt', 'restoredAt', 'restoredBy'],
          orderBy: [{ deletedAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        db(DELETED_RECORD).count({ where }),
      ]);
      return {
        data: rows.map((row: Row) => ({ ...row, type: typeLabel(strapi, row.targetUid) })),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    /**
     * POST deleted-records/:id/restore: brings the record back with its documentId through the document service
     * (the deadline and light hooks run), with what was deleted together with it (a pre-assessment's opinions), and
     * reconnects the relations whose records still exist; the others are reported.
     */
    async restore(documentId: string) {
      const entry: Row | null = await db(DELETED_RECORD).findOne({ where: { documentId } });
      if (!entry) throw new errors.NotFoundError('回收站中没有该记录 / no such deleted record');
      if (entry.restoredAt) {
        throw reject(DELETED_RECORD, 'restoredAt', `该记录已于 ${new Date(entry.restoredAt).toISOString()} 由${entry.restoredBy ?? '他人'}恢复`, 'this record has already been restored');
      }
      if (entry.cascade) {
        // deleted with its parent (a pre-assessment's opinion): it comes back with it, not on its own
        const head: Row | null = await db(DELETED_RECORD).findOne({ where: { batch: entry.batch, cascade: false }, select: ['label', 'restoredAt'] });
        if (head && !head.restoredAt) {
          throw reject(
            DELETED_RECORD,
            'cascade',
            `该记录随${head.label ?? '上级记录'}一并删除，请恢复${head.label ?? '上级记录'}，它会随之恢复`,
            'this record was deleted with its parent record: restore the parent and it comes back with it'
          );
        }
      }
      const together: Row[] = entry.cascade
        ? []
        : await db(DELETED_RECORD).findMany({
            where: { batch: entry.batch, cascade: true, restoredAt: { $null: true }, id: { $ne: entry.id } },
            orderBy: { id: 'asc' },
          });
      const entries = [entry, ...together];
      const requester = namedActor(strapi);
      const restoredBy = actorName(requester);

      let outcome: { restored: Row[]; missing: string[] } | undefined;
      await strapi.db.transaction(() =>
        // written as the platform: the record is put back as it was, not re-scoped or re-stamped as the caller's
        strapi.requestContext.run(undefined as any, () =>
          asRestore(async () => {
            const pending = new Set(entries.map((row) => `${row.targetUid}:${row.targetDocumentId}`));
            for (const row of entries) {
              if (await db(row.targetUid).findOne({ where: { documentId: row.targetDocumentId }, select: ['id'] })) {
                throw reject(
                  DELETED_RECORD,
                  'targetDocumentId',
                  `${row.label ?? row.targetDocumentId} 已存在（文档编号 ${row.targetDocumentId}），不能再次恢复`,
                  `a record with documentId ${row.targetDocumentId} already exists`
                );
              }
            }
            const missing: string[] = [];
            const restored: Row[] = [];
            for (const row of entries) {
              missing.push(...(await this.recreate(row, pending)));
              pending.delete(`${row.targetUid}:${row.targetDocumentId}`);
              restored.push({ targetUid: row.targetUid, targetDocumentId: row.targetDocumentId, label: row.label });
            }
            const now = new Date().toISOString();
            for (const row of entries) {
              await keeping.run(true, () =>
                strapi.documents(DELETED_RECORD as any).update({ documentId: row.documentId, data: { restoredAt: now, restoredBy } as any })
              );
            }
            outcome = { restored, missing };
          }, requester)
        )
      );
      return { data: outcome };
    },

    /** Creates one record from its snapshot; returns the relations it could not reconnect, in Chinese. */
    async recreate(entry: Row, pending: Set<string>): Promise<string[]> {
      const uid: string = entry.targetUid;
      if (!this.isWorkflowType(uid)) throw new errors.ApplicationError(`记录类型 ${uid} 已不存在 / the record type no longer exists`);
      const attributes = attributesOf(uid);
      const { data, relations } = restorePlan(entry.snapshot ?? {}, attributes);
      const missing: string[] = [];
      for (const relation of relations) {
        const found: string[] = [];
        for (const target of relation.documentIds) {
          // restored later in this batch: it connects itself back from its side
          if (pending.has(`${relation.target}:${target}`)) continue;
          const row = await db(relation.target).findOne({
            where: { documentId: target },
            select: ['id'],
            ...(relation.mappedBy ? { populate: { [relation.mappedBy]: { select: ['id'] } } } : {}),
          });
          const other = relation.mappedBy ? row?.[relation.mappedBy] : undefined;
          const taken = relation.mappedBy && other && !Array.isArray(other);
          if (row && !taken) {
            found.push(target);
            continue;
          }
          const why = row ? '已关联到其他记录' : '已不存在';
          missing.push(`${fieldLabel(uid, relation.field)}（${relation.field}）：${typeLabel(strapi, relation.target)} ${target} ${why}，未恢复该关联`);
        }
        if (found.length) data[relation.field] = { connect: found.map((target) => ({ documentId: target })) };
      }
      await strapi.documents(uid as any).create({ data: { ...data, documentId: entry.targetDocumentId } as any });
      return missing;
    },

    /** The daily job: snapshots past their retention (and at least 90 days old) are removed. */
    async purge(now: Date = new Date()): Promise<number> {
      const rows: Row[] = await db(DELETED_RECORD).findMany({ where: { expiresAt: { $lte: now.toISOString() } }, select: ['documentId', 'deletedAt', 'expiresAt'] });
      let removed = 0;
      for (const row of rows.filter((candidate) => purgeable(candidate as { deletedAt: string; expiresAt: string }, now))) {
        await keeping.run(true, () => strapi.documents(DELETED_RECORD as any).delete({ documentId: row.documentId }));
        removed += 1;
      }
      if (removed) strapi.log.info(`[dispatch] 回收站清理 ${removed} 条过期记录 / purged ${removed} expired deleted record(s)`);
      return removed;
    },
  };
};

export type RecycleBinService = ReturnType<typeof recycleBin>;
export default recycleBin;
