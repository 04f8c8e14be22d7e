import type { Core } from '@strapi/strapi';
import { seedDefaultRules } from './default-rules';

/** Ordered, idempotent set-up: default rules, then the scheduler (which reconciles jobs with the database). */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await seedDefaultRules(strapi);
  await strapi.plugin('deadlines').service('scheduler').start();
};
