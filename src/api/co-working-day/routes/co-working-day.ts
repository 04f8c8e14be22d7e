import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::co-working-day.co-working-day');
