import { formatProjectCode } from '../../domain/project-code';
import { checkStageChange, stageAtLeast, STAGE_REQUIRES } from '../../domain/stages';
import { enumLabel, fieldLabel } from '../../domain/labels';
import { shanghaiYear } from '../../domain/time';
import { nextSequenceValue } from '../sequences';
import type { RecordRule, WriteContext } from '../rule';

const UID = 'api::project.project';

/** A project gets its code, moves through its stages in order, and keeps its dates and money consistent. */
export const projectRule: RecordRule = {
  uid: UID,
  async prepare(write) {
    const { action, data, current, issues } = write;
    if (action === 'create' && !data.code) data.code = await generateCode(write);

    const from = current?.stage ?? 'declared';
    const to = write.value('stage') ?? 'declared';
    if (action === 'update') {
      const change = checkStageChange(from, to, write.actor.isOffice);
      if (!change.ok) {
        issues.add(
          'stage',
          `不能从「${enumLabel(from)}」${change.reason === 'backwards' ? '退回' : '变更为'}「${enumLabel(to)}」，须由协调办公室办理`,
          `only the coordination office can move a project from ${from} back to ${to}`
        );
      }
    }
    for (const { from: stage, field } of STAGE_REQUIRES) {
      if (stageAtLeast(to, stage) && !write.value(field)) {
        issues.add(field, `项目「${enumLabel(to)}」时须填写${fieldLabel(UID, field)}`, `is required once the project is ${to}`);
      }
    }

    notBefore(write, 'plannedCompletionDate', 'plannedStartDate');
    notBefore(write, 'actualCompletionDate', 'actualStartDate');
    if (write.value('actualCompletionDate') && !write.value('actualStartDate')) {
      issues.add('actualStartDate', '已填写实际竣工日期时须填写实际开工日期', 'is required when the actual completion date is set');
    }

    const annual = write.value('annualPlannedInvestment');
    const total = write.value('plannedInvestment');
    if (annual != null && total != null && Number(annual) > Number(total)) {
      issues.add('annualPlannedInvestment', '不能大于计划总投资', 'cannot exceed the planned total investment');
    }
  },
};

function notBefore(write: WriteContext, later: string, earlier: string) {
  const end = write.value(later);
  const start = write.value(earlier);
  if (end && start && String(end) < String(start)) {
    write.issues.add(later, `不能早于${fieldLabel(UID, earlier)}`, `cannot be before ${earlier}`);
  }
}

/** `LS-<year>-<sequence>`, unique even under concurrent creates (see sequences.ts). */
async function generateCode({ strapi }: WriteContext): Promise<string> {
  const year = shanghaiYear();
  const sequence = await nextSequenceValue(strapi, `project-code-${year}`, async (value) =>
    Boolean(await strapi.db.query(UID).findOne({ where: { code: formatProjectCode(year, value) }, select: ['id'] }))
  );
  return formatProjectCode(year, sequence);
}
