import type { Core } from '@strapi/strapi';
import { isPeriod } from '../../domain/period';
import type { RecordRule, Row } from '../rule';

const UID = 'api::progress-report.progress-report';
const PROJECT = 'api::project.project';

/** One report per project and month; the project's completed investment is the sum of its reports. */
export const progressReportRule: RecordRule = {
  uid: UID,
  populate: ['project'],
  async prepare(write) {
    const { issues } = write;
    const project = await write.related('project');
    if (!project) {
      issues.add('project', '必须选择项目', 'is required');
      return;
    }
    const period = write.value('period');
    if (!isPeriod(period)) return; // the schema's own check names the field
    await write.claimKey('projectPeriodKey', `${project.documentId}:${period}`, {
      field: 'period',
      zh: `该项目 ${period} 的进展月报已存在`,
      en: `a report for this project and ${period} already exists`,
    });
  },
  async afterWrite(write) {
    const before = write.current?.project;
    const after = await write.related('project');
    await recomputeInvestment(write.strapi, after);
    if (before && before.id !== after?.id) await recomputeInvestment(write.strapi, before);
  },
  async afterDelete(strapi, deleted) {
    await recomputeInvestment(strapi, deleted.project);
  },
  async afterRestore(strapi, restored) {
    const saved = await strapi.db.query(UID).findOne({ where: { id: restored.id }, populate: { project: { select: ['id', 'documentId'] } } });
    await recomputeInvestment(strapi, saved?.project ?? null);
  },
};

export async function recomputeInvestment(strapi: Core.Strapi, project: Row | null) {
  if (!project) return;
  const reports = await strapi.db
    .query(UID)
    .findMany({ where: { project: { id: project.id } }, select: ['investmentThisPeriod'] });
  const total = reports.reduce((sum, report) => sum + Number(report.investmentThisPeriod ?? 0), 0);
  await strapi.documents(PROJECT).update({
    documentId: project.documentId,
    data: { completedInvestment: Math.round(total * 10000) / 10000 } as any,
  });
}
