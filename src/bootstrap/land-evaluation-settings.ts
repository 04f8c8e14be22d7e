import type { Core } from '@strapi/strapi';
import { DEFAULT_SETTINGS, settingsToFields } from '../domain/land-grading';
import { LAND_SETTING } from '../records/land-evaluations';

/** Seeds the default 亩产效益评价设置 once; after that they are the office's to edit. */
export async function seedLandEvaluationSettings(strapi: Core.Strapi) {
  if (await strapi.db.query(LAND_SETTING as any).findOne({ select: ['id'] })) return;
  await strapi.documents(LAND_SETTING as any).create({ data: settingsToFields(DEFAULT_SETTINGS) as any });
}
