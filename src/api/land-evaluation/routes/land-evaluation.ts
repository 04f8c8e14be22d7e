import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::land-evaluation.land-evaluation');
