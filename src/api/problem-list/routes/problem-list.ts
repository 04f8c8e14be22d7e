import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::problem-list.problem-list');
