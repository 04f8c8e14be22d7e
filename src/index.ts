import type { Core } from '@strapi/strapi';
import { registerRecords } from './records';
import { seedBureaus } from './bootstrap/bureaus';
import { seedResponsibilityMatrix } from './bootstrap/responsibility-matrix';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerRecords(strapi);
  },

  /** Ordered, idempotent set-up steps: each may run on every start. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedBureaus(strapi);
    await seedResponsibilityMatrix(strapi);
  },
};
