import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::finance-warning.finance-warning');
