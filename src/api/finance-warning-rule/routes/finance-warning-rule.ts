import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::finance-warning-rule.finance-warning-rule');
