import { SUBJECTS, UPWARD_SUBJECTS, type UpwardSubject, type UpwardTarget } from '../../domain/upward';
import { enumLabel } from '../../domain/labels';
import { reject } from '../../utils/validation';
import type { RecordRule } from '../rule';
import { deliverAfterCommit, describeCaller, loadSubject, newReport, UPWARD_REPORT } from '../upward';

/**
 * 上报记录: written by the platform when a record raises an event (src/records/upward.ts) and by the delivery; the
 * office may also report a record by hand (target, kind of record and its documentId: the payload is built from the
 * record as it stands) and send a failed report again.
 */
export const upwardReportRule: RecordRule = {
  uid: UPWARD_REPORT,
  async prepare(write) {
    const { strapi, action, data, current, issues, actor } = write;
    if (actor.via === 'system') return;
    if (!actor.isOffice) {
      issues.add('subjectType', '上报记录由系统生成，只有办公室可以手工上报或重新上报', 'only the office reports by hand or retries a report');
      return;
    }

    if (action === 'create') {
      const subject = data.subjectType as UpwardSubject;
      if (!UPWARD_SUBJECTS.includes(subject)) {
        issues.add('subjectType', `须为 ${UPWARD_SUBJECTS.map(enumLabel).join('、')} 之一`, `must be one of ${UPWARD_SUBJECTS.join(', ')}`);
        return;
      }
      const target = (data.target ?? SUBJECTS[subject].target) as UpwardTarget;
      if (target !== SUBJECTS[subject].target) {
        issues.add('target', `${enumLabel(subject)}只报送${enumLabel(SUBJECTS[subject].target)}`, `a ${subject} is reported to ${SUBJECTS[subject].target}`);
      }
      const documentId = typeof data.subjectDocumentId === 'string' ? data.subjectDocumentId.trim() : '';
      const row = documentId ? await loadSubject(strapi, subject, { documentId }) : null;
      if (!row) issues.add('subjectDocumentId', `找不到要上报的${enumLabel(subject)}`, `no ${subject} with this documentId`);
      if (data.state !== undefined && data.state !== 'pending') issues.add('state', '新的上报记录从「待办理」开始', 'a new report starts pending');
      if (issues.list.length || !row) return;
      Object.assign(data, newReport(subject, row, 'manual', describeCaller(strapi), target), { note: data.note ?? null });
      return;
    }

    for (const field of ['target', 'subjectType', 'subjectDocumentId']) {
      if (data[field] !== undefined && data[field] !== current?.[field]) issues.add(field, '上报记录报送后不能更改', 'cannot change once reported');
      delete data[field];
    }
    const to = data.state;
    if (to === undefined || to === current?.state) return;
    if (current?.state === 'failed' && to === 'pending') {
      // 重新上报: a fresh round of attempts, now
      Object.assign(data, { attempts: 0, nextAttemptAt: new Date().toISOString() });
      return;
    }
    issues.add('state', `投递状态由系统维护，只能把「${enumLabel('failed')}」的上报改为「${enumLabel('pending')}」重新上报`, 'only a failed report can be set back to pending (retry)');
  },

  async afterWrite({ strapi, actor }, result) {
    // reports raised by the triggers are handed to the delivery there; here: a report by hand, or a retry
    if (actor.via === 'system' || result.state !== 'pending') return;
    await deliverAfterCommit(strapi, result.id);
  },

  async beforeDelete(_strapi, current, actor) {
    if (!actor.isOffice) throw reject(UPWARD_REPORT, 'state', '只有办公室可以删除上报记录', 'only the office deletes a report');
    if (['delivered', 'delivering'].includes(current.state)) {
      throw reject(UPWARD_REPORT, 'state', '已送达或正在投递的上报记录不能删除', 'a delivered or delivering report cannot be deleted');
    }
  },
};
