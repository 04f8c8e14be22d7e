import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::monthly-report.monthly-report');
