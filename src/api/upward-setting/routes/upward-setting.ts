import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::upward-setting.upward-setting');
