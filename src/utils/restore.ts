import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Set while a deleted record is being brought back from the recycle bin (回收站). The record is written as it was
 * when deleted, with its own documentId: the record rules leave its stamps and derived fields alone and start no
 * fan-out (a pre-assessment's opinions come back from the bin themselves), while the deadline and light hooks run.
 */
const restoring = new AsyncLocalStorage<true>();

export const isRestoring = (): boolean => restoring.getStore() === true;

export const asRestore = <T>(work: () => Promise<T>): Promise<T> => restoring.run(true, work);
