import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::upward-report.upward-report');
