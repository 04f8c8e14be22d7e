import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::land-evaluation-setting.land-evaluation-setting');
