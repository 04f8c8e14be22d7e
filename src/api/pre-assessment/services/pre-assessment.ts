import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::pre-assessment.pre-assessment');
