import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::land-evaluation-setting.land-evaluation-setting');
