import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::responsibility-matrix.responsibility-matrix');
