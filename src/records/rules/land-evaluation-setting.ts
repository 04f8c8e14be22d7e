import { settingsFromFields, settingsIssues } from '../../domain/land-grading';
import { LAND_SETTING, regradeAll } from '../land-evaluations';
import type { RecordRule } from '../rule';

/** 亩产效益评价设置: weights ≥ 0 adding up to 100, cut-offs rising, thresholds falling; a change grades every year again. */
export const landEvaluationSettingRule: RecordRule = {
  uid: LAND_SETTING,
  prepare(write) {
    const settings = settingsFromFields({ ...(write.current ?? {}), ...write.data });
    for (const issue of settingsIssues(settings)) write.issues.add(issue.field, issue.zh, issue.en);
  },
  async afterWrite(write) {
    await regradeAll(write.strapi);
  },
  async afterDelete(strapi) {
    await regradeAll(strapi);
  },
};
