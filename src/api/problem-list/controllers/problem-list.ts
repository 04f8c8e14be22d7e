import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::problem-list.problem-list');
