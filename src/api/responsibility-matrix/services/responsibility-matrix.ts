import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::responsibility-matrix.responsibility-matrix');
