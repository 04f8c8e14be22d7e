import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::supervision-notice.supervision-notice');
