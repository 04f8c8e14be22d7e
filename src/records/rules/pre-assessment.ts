import { enumLabel } from '../../domain/labels';
import { shanghaiDate } from '../../domain/time';
import { loadMatrix } from '../responsibility-matrix';
import type { RecordRule, Row, WriteContext } from '../rule';
import { reject } from '../../utils/validation';

const UID = 'api::pre-assessment.pre-assessment';
const OPINION = 'api::opinion.opinion';
const PROJECT = 'api::project.project';

/**
 * A pre-assessment request fans out to one opinion per (bureau, dimension) of the responsibility matrix, in
 * the same transaction; it concludes once every opinion is in, and the conclusion goes back to the applicant.
 */
export const preAssessmentRule: RecordRule = {
  uid: UID,
  populate: ['project'],
  async prepare(write) {
    const { strapi, action, data, current, issues } = write;
    const project = await write.related('project', action === 'create' ? ['enterprise'] : undefined);
    if (!project) issues.add('project', '必须选择项目', 'is required');
    const from = current?.state ?? null;
    const to = write.value('state') ?? 'open';

    if (action === 'create') {
      if (to !== 'open') issues.add('state', '新的预评估只能是「进行中」', 'a new pre-assessment must be open');
      if (project?.stage === 'withdrawn') issues.add('project', '项目已退出，不能申请预评估', 'the project has been withdrawn');
      if (project?.enterprise?.blacklisted) {
        const name = project.enterprise.name;
        issues.add('project', `项目投资方「${name}」已列入失信名单，信用修复前不得申请预评估`, `the project's investor "${name}" is on the dishonesty list: no pre-assessment until its credit is repaired`);
      }
      if (project) {
        const open = await strapi.db.query(UID).findOne({
          where: { project: { id: project.id }, state: 'open' },
          select: ['id'],
        });
        if (open) issues.add('project', '该项目已有进行中的预评估', 'the project already has an open pre-assessment');
      }
      const requestedAt = data.requestedAt ? new Date(data.requestedAt) : new Date();
      if (requestedAt.getTime() > Date.now() + 60_000) {
        issues.add('requestedAt', '不能晚于当前时间', 'cannot be in the future');
      }
      data.requestedAt = requestedAt.toISOString();
      if (project) data.title = `${project.name} 预评估（${shanghaiDate(requestedAt)}）`;
      const matrix = await loadMatrix(strapi);
      if (!matrix.assignments.length) {
        issues.add('opinions', '预评估责任分工尚未配置，无法分派部门意见', 'the responsibility matrix has no assignments');
      }
      if (!data.leadBureau && matrix.leadBureau) data.leadBureau = matrix.leadBureau.documentId;
      return;
    }

    if (from === to) return;
    if (from !== 'open' && !write.actor.isOffice) {
      issues.add('state', `「${enumLabel(from)}」的预评估须由协调办公室重新打开`, `only the office can reopen a ${from} pre-assessment`);
    }
    if (to === 'completed') {
      if (!write.value('conclusion')) issues.add('conclusion', '办结预评估须给出评估结论', 'is required to complete the pre-assessment');
      const pending = await strapi.db.query(OPINION).count({ where: { preAssessment: { id: current!.id }, state: 'pending' } });
      if (pending) issues.add('state', `尚有 ${pending} 份部门意见未提交`, `${pending} opinion(s) have not been submitted yet`);
      data.feedbackAt = new Date().toISOString();
    }
    if (to === 'returned' && !write.value('conclusionNote')) {
      issues.add('conclusionNote', '退回申报单位须说明原因', 'a reason is required to return the request');
    }
  },

  async afterWrite(write, result) {
    const { strapi, action, current } = write;
    const project = await write.related('project');
    if (action === 'create') {
      await createOpinions(write, result);
      if (project?.stage === 'declared') await setStage(write, project, 'pre_assessing');
      return;
    }
    if (current?.state !== 'completed' && result.state === 'completed') {
      const saved = await strapi.db.query(UID).findOne({ where: { id: result.id }, populate: ['experts'] });
      if (saved.isMajor && !saved.experts?.length) {
        throw reject(UID, 'experts', '重大或特殊项目须邀请专家参与后方可办结', 'a major or special project needs at least one expert');
      }
      if (project?.stage === 'pre_assessing' && ['pass', 'conditional'].includes(result.conclusion)) {
        await setStage(write, project, 'assessed');
      }
    }
  },

  async beforeDelete(strapi, current) {
    const opinions = await strapi.db.query(OPINION).findMany({ where: { preAssessment: { id: current.id } }, select: ['documentId'] });
    for (const opinion of opinions) await strapi.documents(OPINION).delete({ documentId: opinion.documentId });
  },
};

async function createOpinions({ strapi }: WriteContext, preAssessment: Row) {
  const matrix = await loadMatrix(strapi);
  for (const { bureau, dimension } of matrix.assignments) {
    await strapi.documents(OPINION).create({
      data: { preAssessment: preAssessment.documentId, bureau: bureau.documentId, dimension, state: 'pending' } as any,
    });
  }
}

const setStage = ({ strapi }: WriteContext, project: Row, stage: string) =>
  strapi.documents(PROJECT).update({ documentId: project.documentId, data: { stage } as any });
