import type { Core } from '@strapi/strapi';
import { useDocumentMiddlewares } from '../document-middlewares';
import { seedDefaultRules } from './default-rules';

/** Ordered, idempotent set-up: middlewares, default rules, then the scheduler (which reconciles jobs with the database). */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  useDocumentMiddlewares(strapi);
  await seedDefaultRules(strapi);
  await strapi.plugin('deadlines').service('scheduler').start();
};
