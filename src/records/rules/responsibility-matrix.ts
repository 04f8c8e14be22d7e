import { toOneTarget } from '../relations';
import { MATRIX_UID } from '../responsibility-matrix';
import type { RecordRule } from '../rule';

/** The matrix names a lead bureau and never asks one bureau twice for the same dimension. */
export const responsibilityMatrixRule: RecordRule = {
  uid: MATRIX_UID,
  async prepare(write) {
    if (!(await write.related('leadBureau'))) write.issues.add('leadBureau', '必须指定牵头单位', 'is required');
    const assignments: Array<Record<string, any>> = write.data.assignments ?? [];
    const seen = new Set<string>();
    assignments.forEach((assignment, index) => {
      const ref = toOneTarget(assignment.bureau);
      if (!ref) {
        write.issues.add(['assignments', String(index), 'bureau'], '必须选择单位', 'is required');
        return;
      }
      const key = `${JSON.stringify(ref)}:${assignment.dimension}`;
      if (seen.has(key)) write.issues.add(['assignments', String(index), 'dimension'], '同一单位的同一评估维度重复', 'is listed twice for this bureau');
      seen.add(key);
    });
  },
};
