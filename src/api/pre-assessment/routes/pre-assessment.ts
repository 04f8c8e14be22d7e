import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::pre-assessment.pre-assessment');
