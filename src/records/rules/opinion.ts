import { enumLabel } from '../../domain/labels';
import type { RecordRule } from '../rule';

const UID = 'api::opinion.opinion';
const filled = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/** One opinion per pre-assessment, bureau and dimension; submitting one needs a verdict and its reasons. */
export const opinionRule: RecordRule = {
  uid: UID,
  populate: ['preAssessment', 'bureau'],
  async prepare(write) {
    const { data, current, issues, actor } = write;
    const preAssessment = await write.related('preAssessment', ['project']);
    const bureau = await write.related('bureau');
    if (!preAssessment) issues.add('preAssessment', '必须关联预评估', 'is required');
    if (!bureau) issues.add('bureau', '必须指定责任单位', 'is required');
    const dimension = write.value('dimension');
    if (preAssessment && bureau && dimension) {
      await write.claimKey('assignmentKey', `${preAssessment.documentId}:${bureau.documentId}:${dimension}`, {
        field: 'dimension',
        zh: '该单位在此预评估中已有该维度的意见',
        en: 'this bureau already has an opinion on this dimension',
      });
      data.title = [preAssessment.project?.name, bureau.name, enumLabel(dimension)].filter(Boolean).join('·');
    }
    if (preAssessment && preAssessment.state !== 'open' && !actor.isOffice) {
      issues.add('preAssessment', '预评估已办结或退回，意见不能再修改', 'the pre-assessment is closed');
    }

    const from = current?.state ?? 'pending';
    const to = write.value('state') ?? 'pending';
    if (to === 'submitted') {
      if (!write.value('verdict')) issues.add('verdict', '提交意见须选择意见结论', 'is required to submit the opinion');
      if (!filled(write.value('content'))) issues.add('content', '提交意见须填写意见内容', 'is required to submit the opinion');
      if (from !== 'submitted' && !data.submittedAt) data.submittedAt = new Date().toISOString();
    }
    if (from === 'submitted' && to === 'pending') {
      if (!actor.isOffice) issues.add('state', '已提交的意见须由协调办公室退回', 'only the office can send a submitted opinion back');
      else data.submittedAt = null;
    }
  },
};
