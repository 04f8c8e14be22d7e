import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::co-working-day.co-working-day');
