import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::co-working-day.co-working-day');
