import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::monthly-report.monthly-report');
