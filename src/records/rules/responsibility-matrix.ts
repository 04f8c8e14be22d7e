import { findRow, toOneTarget } from '../../utils/relations';
import { MATRIX_UID } from '../responsibility-matrix';
import type { RecordRule, Row } from '../rule';

const BUREAU = 'api::bureau.bureau';
const ASSIGNMENT = 'assessment.assignment';

/** The matrix names a lead bureau and never asks one bureau twice for the same dimension. */
export const responsibilityMatrixRule: RecordRule = {
  uid: MATRIX_UID,
  // an update that leaves the lead bureau alone keeps the stored one
  populate: ['leadBureau'],
  async prepare(write) {
    const { strapi, issues } = write;
    if (!(await write.related('leadBureau'))) issues.add('leadBureau', '必须指定牵头单位', 'is required');
    const assignments: Array<Record<string, any>> = write.data.assignments ?? [];
    const seen = new Set<string>();
    for (const [index, assignment] of assignments.entries()) {
      const path = ['assignments', String(index)];
      const ref = toOneTarget(assignment.bureau);
      // A bureau may be written by documentId or by numeric id, or left as it was on an existing entry (the admin
      // panel sends `{ connect: [], disconnect: [] }`): compare the bureaus themselves.
      let bureau: Row | null = null;
      if (ref) {
        bureau = await findRow(strapi, BUREAU, ref);
        if (!bureau) issues.add([...path, 'bureau'], '所选单位不存在', 'does not exist');
      } else if (ref === undefined && assignment.id) {
        const existing = await strapi.db.query(ASSIGNMENT as any).findOne({ where: { id: assignment.id }, populate: ['bureau'] });
        bureau = existing?.bureau ?? null;
      }
      if (!bureau) {
        if (!ref) issues.add([...path, 'bureau'], '必须选择单位', 'is required');
        continue;
      }
      const key = `${bureau.id}:${assignment.dimension}`;
      if (seen.has(key)) issues.add([...path, 'dimension'], '同一单位的同一评估维度重复', 'is listed twice for this bureau');
      seen.add(key);
    }
  },
};
