import type { Core } from '@strapi/strapi';
import { registerRecords } from './records';
import { configureAdminLayouts } from './bootstrap/admin-layouts';
import { seedBureaus } from './bootstrap/bureaus';
import { seedDemoData } from './bootstrap/demo-data';
import { ensureDevAccounts, isDevelopment } from './bootstrap/dev-accounts';
import { seedResponsibilityMatrix } from './bootstrap/responsibility-matrix';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerRecords(strapi);
  },

  /** Ordered, idempotent set-up steps: each may run on every start. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedBureaus(strapi);
    await seedResponsibilityMatrix(strapi);
    await configureAdminLayouts(strapi);
    if (isDevelopment() && process.env.DEMO_DATA !== 'false') await seedDemoData(strapi);
    await ensureDevAccounts(strapi);
  },
};
