import type { Core } from '@strapi/strapi';
import type { Row } from './rule';

export const MATRIX_UID = 'api::responsibility-matrix.responsibility-matrix';

export interface Matrix {
  leadBureau: Row | null;
  assignments: Array<{ bureau: Row; dimension: string }>;
}

/** The office's current 预评估责任分工: who leads, and which bureau answers for which dimension. */
export async function loadMatrix(strapi: Core.Strapi): Promise<Matrix> {
  const row = await strapi.db.query(MATRIX_UID as any).findOne({
    populate: { leadBureau: true, assignments: { populate: { bureau: true } } },
  });
  const assignments = (row?.assignments ?? []).filter((item: Row) => item.bureau && item.dimension);
  return { leadBureau: row?.leadBureau ?? null, assignments };
}
