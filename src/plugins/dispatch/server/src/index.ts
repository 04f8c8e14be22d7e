import type { Core } from '@strapi/strapi';
import { grantRoles } from './bootstrap/roles';
import { bulletinMiddleware } from './bulletins';
import contentTypes from './content-types';
import controllers from './controllers';
import { registerPermissionActions } from './permissions';
import { recycleMiddleware } from './recovery/middleware';
import { retentionDays } from './recovery/rules';
import routes from './routes';
import services from './services';

/** 回收站: expired snapshots are removed each night, once across all instances (the deadline scheduler's daily jobs). */
const PURGE_CRON = '0 20 3 * * *';

/** 调度与通报: per-unit and district figures, the public pledge ranking, bulletins frozen when issued, and the 回收站. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // a retention below 90 days stops the start here, with the reason
    retentionDays(process.env.RECYCLE_RETENTION_DAYS);
    strapi.documents.use(bulletinMiddleware(strapi) as any);
    // before the records' rules: the snapshot is taken before their cascades, and rolls back with a refused delete
    strapi.documents.use(recycleMiddleware(strapi) as any);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissionActions(strapi);
    await strapi
      .plugin('deadlines')
      .service('scheduler')
      .daily('recycle-bin-purge', PURGE_CRON, () => strapi.plugin('dispatch').service('recycle-bin').purge());
  },

  contentTypes,
  controllers,
  routes,
  services: {
    ...services,
    /** The plugin's permissions for the seeded roles; called by the application's bootstrap after it seeds them. */
    roles: ({ strapi }: { strapi: Core.Strapi }) => ({ grant: () => grantRoles(strapi) }),
  },
};
