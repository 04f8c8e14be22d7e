import { attester, ATTESTATION_REQUIRED, initialState, STANDARD_ATTESTATION } from '../../domain/attestation';
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
 * A request is submitted only with the applicant unit's attestation (申报主体承诺); without one it stays a draft,
 * with no opinions, until it moves to open.
 */
export const preAssessmentRule: RecordRule = {
  uid: UID,
  populate: ['project', 'leadBureau', 'attestingBureau'],
  async prepare(write) {
    const { action, data, current, issues } = write;
    const project = await write.related('project', ['enterprise', 'applicantBureau']);
    if (!project) issues.add('project', '必须选择项目', 'is required');
    if ('attestedBy' in data) data.attestedBy = attester(data.attestedBy);
    // The platform stamps these on submission; no write path sets them.
    for (const field of ['attestationStatement', 'attestedAt', 'attestingBureau']) delete data[field];

    if (action === 'create') {
      const to = initialState(data.state, data.attestedBy);
      data.state = to;
      if (!['draft', 'open'].includes(to)) issues.add('state', '新的预评估只能是「草稿」或「进行中」', 'a new pre-assessment must be a draft or open');
      await checkProject(write, project);
      if (project) data.title = `${project.name} 预评估（${enumLabel('draft')}）`;
      if (to === 'open') await submit(write, project);
      else data.requestedAt = null;
      return;
    }

    const from = current?.state ?? null;
    const to = write.value('state');
    if (current?.attestedAt && 'attestedBy' in data && data.attestedBy !== current.attestedBy) {
      issues.add('attestedBy', '承诺提交后不能更改', 'cannot be changed once the request is submitted');
    }
    if (from === to) return;
    if (to === 'draft') {
      issues.add('state', '已提交的预评估不能改回草稿', 'a submitted pre-assessment cannot go back to draft');
      return;
    }
    if (from === 'draft') {
      if (to !== 'open') {
        issues.add('state', '草稿须先提交（「进行中」）', 'a draft must be submitted (open) first');
        return;
      }
      await checkProject(write, project);
      await submit(write, project);
      return;
    }
    if (from !== 'open' && !write.actor.isOffice) {
      issues.add('state', `「${enumLabel(from)}」的预评估须由协调办公室重新打开`, `only the office can reopen a ${from} pre-assessment`);
    }
    if (to === 'completed') {
      if (!write.value('conclusion')) issues.add('conclusion', '办结预评估须给出评估结论', 'is required to complete the pre-assessment');
      const pending = await write.strapi.db.query(OPINION).count({ where: { preAssessment: { id: current!.id }, state: 'pending' } });
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
    if (result.state === 'open' && (action === 'create' || current?.state === 'draft')) {
      await createOpinions(write, result);
      if (project?.stage === 'declared') await setStage(write, project, 'pre_assessing');
      return;
    }
    if (action === 'create') return;
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

/** What a request's project must be, as a draft and when submitted. */
async function checkProject({ strapi, issues, current }: WriteContext, project: Row | null) {
  if (!project) return;
  if (project.stage === 'withdrawn') issues.add('project', '项目已退出，不能申请预评估', 'the project has been withdrawn');
  if (project.enterprise?.blacklisted) {
    const name = project.enterprise.name;
    issues.add('project', `项目投资方「${name}」已列入失信名单，信用修复前不得申请预评估`, `the project's investor "${name}" is on the dishonesty list: no pre-assessment until its credit is repaired`);
  }
  const open = await strapi.db.query(UID).findOne({
    where: { project: { id: project.id }, state: 'open', ...(current ? { id: { $ne: current.id } } : {}) },
    select: ['id'],
  });
  if (open) issues.add('project', '该项目已有进行中的预评估', 'the project already has an open pre-assessment');
}

/**
 * Submission (create as open, or draft → open): the applicant's attestation is required and stamped with the
 * standard text, the instant and the applicant bureau; requestedAt is the submission instant (or a back-filled one
 * given with it); the lead bureau comes from the responsibility matrix.
 */
async function submit(write: WriteContext, project: Row | null) {
  const { strapi, data, issues } = write;
  const attestedBy = attester(write.value('attestedBy'));
  if (!attestedBy) issues.add('attestedBy', ATTESTATION_REQUIRED.zh, ATTESTATION_REQUIRED.en);
  const now = new Date();
  data.attestedBy = attestedBy;
  data.attestationStatement = STANDARD_ATTESTATION;
  data.attestedAt = now.toISOString();
  if (project?.applicantBureau) data.attestingBureau = project.applicantBureau.documentId;

  const requestedAt = data.requestedAt ? new Date(data.requestedAt) : now;
  if (requestedAt.getTime() > Date.now() + 60_000) {
    issues.add('requestedAt', '不能晚于当前时间', 'cannot be in the future');
  }
  data.requestedAt = requestedAt.toISOString();
  if (project) data.title = `${project.name} 预评估（${shanghaiDate(requestedAt)}）`;
  const matrix = await loadMatrix(strapi);
  if (!matrix.assignments.length) {
    issues.add('opinions', '预评估责任分工尚未配置，无法分派部门意见', 'the responsibility matrix has no assignments');
  }
  if (!write.value('leadBureau') && matrix.leadBureau) data.leadBureau = matrix.leadBureau.documentId;
}

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
