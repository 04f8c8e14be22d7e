import type { Core } from '@strapi/strapi';
import bootstrap from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import register from './register';
import routes from './routes';
import services from './services';

/** 期限管理: the statutory working-day calendar, deadline rules, reminders, escalations and extensions. */
export default {
  register,
  bootstrap,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('deadlines').service('scheduler').stop();
  },
  contentTypes,
  services,
  controllers,
  routes,
};
