import type { Core } from '@strapi/strapi';
import { grantRoles } from './bootstrap/roles';
import contentTypes from './content-types';
import controllers from './controllers';
import { appendOnlyMiddleware, historyMiddleware } from './document-middleware';
import { registerPermissionActions } from './permissions';
import routes from './routes';
import changes from './services/changes';

/** 变更记录: who changed which workflow record, when, how and through which door — append-only, searchable, exportable. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(appendOnlyMiddleware(strapi) as any);
    // inside the bureau-views scope (a write out of scope never gets here), around the records' own rules
    strapi.documents.use(historyMiddleware(strapi) as any);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissionActions(strapi);
  },

  contentTypes,
  controllers,
  routes,
  services: {
    changes,
    /** The history's permissions for the seeded roles; called by the application's bootstrap after it seeds them. */
    roles: ({ strapi }: { strapi: Core.Strapi }) => ({ grant: () => grantRoles(strapi) }),
  },
};
