import type { Core } from '@strapi/strapi';

/** Two document-service middlewares: the office's settings (rules, calendar, extensions) and the tracked records. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin('deadlines');
  strapi.documents.use((ctx, next) => plugin().service('settings').handle(ctx, next));
  strapi.documents.use((ctx, next) => plugin().service('tracker').handle(ctx, next));
};
