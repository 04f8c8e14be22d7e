import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::responsibility-matrix.responsibility-matrix');
