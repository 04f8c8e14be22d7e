import type { Core } from '@strapi/strapi';
import { MATRIX_UID } from '../records/responsibility-matrix';
import { bureauByCode } from './bureaus';

/**
 * The work plan's division of the pre-assessment (§2.2): 商务局 leads; industrial policy, planning, environment,
 * energy and investment intensity are judged by the bureaus responsible for them.
 */
export const DEFAULT_MATRIX = {
  lead: 'commerce',
  assignments: [
    ['commerce', 'industrial_policy'],
    ['development-reform', 'industrial_policy'],
    ['science-technology', 'industrial_policy'],
    ['industry-it', 'industrial_policy'],
    ['natural-resources', 'planning_layout'],
    ['planning', 'planning_layout'],
    ['ecology-environment', 'environmental_protection'],
    ['development-reform', 'energy_consumption'],
    ['industry-it', 'energy_consumption'],
    ['commerce', 'investment_benefit'],
    ['finance', 'investment_benefit'],
    ['natural-resources', 'investment_benefit'],
  ] as Array<[string, string]>,
};

/** Creates the matrix once; after that it is the office's to edit. */
export async function seedResponsibilityMatrix(strapi: Core.Strapi) {
  if (await strapi.db.query(MATRIX_UID as any).findOne({ select: ['id'] })) return;
  const lead = await bureauByCode(strapi, DEFAULT_MATRIX.lead);
  const assignments = [];
  for (const [code, dimension] of DEFAULT_MATRIX.assignments) {
    const bureau = await bureauByCode(strapi, code);
    if (bureau) assignments.push({ bureau: bureau.documentId, dimension });
  }
  await strapi.documents(MATRIX_UID as any).create({
    data: { leadBureau: lead?.documentId, assignments } as any,
  });
}
