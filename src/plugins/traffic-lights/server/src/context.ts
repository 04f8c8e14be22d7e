import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

/** Set while the engine computes and stores lights: its own writes (light rows, project light fields) trigger nothing. */
export const computing = new AsyncLocalStorage<true>();

/**
 * Runs as the platform: outside any request (so per-bureau scoping does not apply to what the engine reads and
 * writes) and marked as the engine's own work.
 */
export function asEngine<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  return (strapi.requestContext.run as (store: unknown, cb: () => Promise<T>) => Promise<T>)(undefined, () => computing.run(true, work));
}
