import { AsyncLocalStorage } from 'node:async_hooks';
import type { NamedActor } from './actor';

/**
 * Set while a deleted record is being brought back from the recycle bin (回收站). The record is written as it was
 * when deleted, with its own documentId: the record rules leave its stamps and derived fields alone and start no
 * fan-out (a pre-assessment's opinions come back from the bin themselves), while the deadline and light hooks run.
 * The restore runs outside the caller's request (nothing is re-scoped or re-stamped as theirs), so the person who
 * asked for it rides along here, for the change history.
 */
const restoring = new AsyncLocalStorage<{ requester: NamedActor | null }>();

export const isRestoring = (): boolean => restoring.getStore() !== undefined;

/** Who asked for the restore under way, if any. */
export const restoreRequester = (): NamedActor | null => restoring.getStore()?.requester ?? null;

export const asRestore = <T>(work: () => Promise<T>, requester: NamedActor | null = null): Promise<T> => restoring.run({ requester }, work);
