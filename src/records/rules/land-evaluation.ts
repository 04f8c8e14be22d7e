import { evaluationKey } from '../../domain/land-import';
import { regradeYears, LAND_EVALUATION } from '../land-evaluations';
import type { RecordRule } from '../rule';

/**
 * 亩产效益评价: an enterprise, a positive land area, one evaluation per enterprise (+ project) and year; every write
 * grades its whole year again (a changed year grades the year it left too).
 */
export const landEvaluationRule: RecordRule = {
  uid: LAND_EVALUATION,
  populate: ['enterprise', 'project'],
  async prepare(write) {
    const { issues } = write;
    const enterprise = await write.related('enterprise');
    if (!enterprise) issues.add('enterprise', '必须选择企业', 'is required');
    const project = await write.related('project', ['enterprise']);
    if (project?.enterprise && enterprise && project.enterprise.id !== enterprise.id) {
      issues.add('project', `该项目的投资方不是「${enterprise.name}」`, `is not a project of ${enterprise.name}`);
    }
    const land = write.value('landArea');
    if (land !== undefined && land !== null && land !== '' && !(Number(land) > 0)) {
      issues.add('landArea', '用地面积须大于 0（亩均指标以它为分母）', 'must be greater than 0 (the per-mu figures divide by it)');
    }
    const year = Number(write.value('year'));
    if (!enterprise || !Number.isInteger(year)) return; // the schema's own check names a missing year
    await write.claimKey('evaluationKey', evaluationKey(enterprise.documentId, project?.documentId, year), {
      field: 'year',
      zh: `「${enterprise.name}」${project ? `项目「${project.name}」` : ''}${year} 年度的亩产效益评价已存在`,
      en: `an evaluation of this enterprise${project ? ' and project' : ''} for ${year} already exists`,
    });
  },
  async afterWrite(write, result) {
    await regradeYears(write.strapi, [Number(result.year ?? write.value('year')), write.current ? Number(write.current.year) : null]);
  },
  async afterDelete(strapi, deleted) {
    await regradeYears(strapi, [Number(deleted.year)]);
  },
  async afterRestore(strapi, restored) {
    await regradeYears(strapi, [Number(restored.year)]);
  },
};
