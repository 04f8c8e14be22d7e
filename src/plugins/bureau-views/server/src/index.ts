import type { Core } from '@strapi/strapi';
import { seedRoles } from './bootstrap/roles';
import { registerConditions } from './conditions';
import { guardContentManager } from './content-manager-routes';
import contentTypes from './content-types';
import { scopeMiddleware } from './document-middleware';
import { scopeSetsMiddleware } from './scope-sets-middleware';
import { scopeGenerationModel, scopeSetModel } from './services/scope-sets';
import scope from './services/scope';

/** 分单位视图: each bureau sees and changes only its own records, in the admin panel and the REST API. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // registered before the application's own middlewares: this one is the outermost
    strapi.documents.use(scopeMiddleware(strapi) as any);
    // the stored scopes: their tables, and the write middleware that moves their generation on
    strapi.get('models').add(scopeSetModel);
    strapi.get('models').add(scopeGenerationModel);
    strapi.documents.use(scopeSetsMiddleware(strapi) as any);
    guardContentManager(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('bureau-views').service('scope').sets.start();
    await registerConditions(strapi);
  },
  contentTypes,
  services: {
    scope,
    /** The four roles, seeded once; called by the application's bootstrap, after the admin made its own roles. */
    roles: ({ strapi }: { strapi: Core.Strapi }) => ({ seed: () => seedRoles(strapi) }),
  },
};
