import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::supervision-notice.supervision-notice');
