import type { Core } from '@strapi/strapi';
import { grantRoles } from './bootstrap/roles';
import { bulletinMiddleware } from './bulletins';
import controllers from './controllers';
import { registerPermissionActions } from './permissions';
import routes from './routes';
import services from './services';

/** 调度与通报: per-unit and district figures, the public pledge ranking, and bulletins frozen when issued. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(bulletinMiddleware(strapi) as any);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissionActions(strapi);
  },

  controllers,
  routes,
  services: {
    ...services,
    /** The plugin's permissions for the seeded roles; called by the application's bootstrap after it seeds them. */
    roles: ({ strapi }: { strapi: Core.Strapi }) => ({ grant: () => grantRoles(strapi) }),
  },
};
