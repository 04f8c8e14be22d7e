import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::upward-setting.upward-setting');
