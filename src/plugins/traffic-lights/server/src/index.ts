import type { Core } from '@strapi/strapi';
import { grantRoles } from './bootstrap/roles';
import contentTypes from './content-types';
import controllers from './controllers';
import { lightsMiddleware } from './document-middleware';
import { registerPermissionActions } from './permissions';
import routes from './routes';
import dashboard from './services/dashboard';
import engine from './services/engine';
import rules from './services/rules';
import tracker from './services/tracker';

/** Daily pass: early morning of each working day, Beijing time, once across all instances (the deadline scheduler). */
const DAILY_CRON = '0 30 5 * * *';

/** 亮灯管理: explainable red/yellow/green lights for projects, open items and units, with history and a dashboard. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // after bureau-views (outermost), before the records' rules and the deadline tracker (added later)
    strapi.documents.use(lightsMiddleware(strapi) as any);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissionActions(strapi);
    await strapi.plugin('traffic-lights').service('rules').seed();
    const scheduler = strapi.plugin('deadlines').service('scheduler');
    await scheduler.daily('traffic-lights-daily', DAILY_CRON, () => strapi.plugin('traffic-lights').service('engine').daily());
    // projects that predate the plugin (or a restored database) get their lights in the background
    if (await strapi.plugin('traffic-lights').service('engine').needsBackfill()) void strapi.plugin('traffic-lights').service('tracker').all('backfill');
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('traffic-lights').service('tracker').close();
  },

  contentTypes,
  controllers,
  routes,
  services: {
    engine,
    rules,
    tracker,
    dashboard,
    /** The lights' permissions for the seeded roles; called by the application's bootstrap after it seeds them. */
    roles: ({ strapi }: { strapi: Core.Strapi }) => ({ grant: () => grantRoles(strapi) }),
  },
};
