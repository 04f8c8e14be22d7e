import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::upward-setting.upward-setting');
