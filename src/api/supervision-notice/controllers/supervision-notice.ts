import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::supervision-notice.supervision-notice');
