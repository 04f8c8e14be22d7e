import type { Core } from '@strapi/strapi';

/**
 * Two document-service middlewares: the office's settings (rules, calendar, extensions) and the tracked records.
 * They are added in bootstrap, after the application's own record rules (added in its register), so they run
 * inside them and see the data those rules normalise — e.g. the `assignedAt` a problem is stamped with when
 * it is assigned, which starts the lead bureau's 3 working days.
 */
export function useDocumentMiddlewares(strapi: Core.Strapi) {
  const plugin = () => strapi.plugin('deadlines');
  strapi.documents.use((ctx, next) => plugin().service('settings').handle(ctx, next));
  strapi.documents.use((ctx, next) => plugin().service('tracker').handle(ctx, next));
}
