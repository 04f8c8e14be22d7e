import type { Core } from '@strapi/strapi';
import type { Actor } from '../utils/actor';
import type { Issues } from '../utils/validation';

export type Row = Record<string, any>;

/** What a record rule sees of one create or update. */
export interface WriteContext {
  strapi: Core.Strapi;
  uid: string;
  action: 'create' | 'update';
  /** The incoming data; rules may normalise it (stamps, generated codes). */
  data: Row;
  /** The stored row before an update (with the rule's `populate`), null on create. */
  current: Row | null;
  actor: Actor;
  issues: Issues;
  /** A scalar field's value once the write is done. */
  value(field: string): any;
  /** The row a to-one relation points at once the write is done (null when empty). */
  related(field: string, populate?: string[]): Promise<Row | null>;
  /**
   * Stores a combination that must be unique (project + month, …) in its key field, which has a unique index,
   * and reports a clash with another record as a named 400 before the database would refuse it.
   */
  claimKey(keyField: string, key: string, clash: { field: string; zh: string; en: string }): Promise<void>;
}

/** The behaviour one record type keeps on every write path (REST, admin panel, document service). */
export interface RecordRule {
  uid: string;
  /** Relations of the current row that `prepare` needs. */
  populate?: string[];
  /** Checks and normalises a write before it happens; issues added here reject it with a 400. */
  prepare?(write: WriteContext): Promise<void> | void;
  /** Runs after the write, in the same transaction. */
  afterWrite?(write: WriteContext, result: Row): Promise<void>;
  /** Runs before a delete, in the same transaction as the delete; may throw to refuse it. */
  beforeDelete?(strapi: Core.Strapi, current: Row, actor: Actor): Promise<void>;
  /** Runs after a delete, in the same transaction. */
  afterDelete?(strapi: Core.Strapi, deleted: Row): Promise<void>;
  /** Runs after a deleted record is restored from the recycle bin (which skips prepare/afterWrite), in its transaction. */
  afterRestore?(strapi: Core.Strapi, restored: Row): Promise<void>;
}
