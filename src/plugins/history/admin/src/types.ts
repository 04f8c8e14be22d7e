import type { RecordedChange } from '../../../../domain/history';

/** One change as /history/changes and /history/records/… return it. */
export interface Change {
  documentId: string;
  targetUid: string;
  targetDocumentId: string;
  targetLabel: string | null;
  action: 'create' | 'update' | 'delete' | 'restore';
  at: string;
  actorVia: string;
  actorName: string | null;
  path: string;
  changes: RecordedChange[] | null;
}

export interface ChangePage {
  data: Change[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}
