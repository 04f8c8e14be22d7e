import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::monthly-report.monthly-report');
