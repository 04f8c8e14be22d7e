import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::finance-warning-rule.finance-warning-rule');
