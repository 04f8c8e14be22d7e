import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::progress-report.progress-report');
