import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::pre-assessment.pre-assessment');
