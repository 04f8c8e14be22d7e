import type { Core } from '@strapi/strapi';
import { recordRulesMiddleware } from './middleware';
import { creditRecordRule } from './rules/credit-record';
import { enterpriseRule } from './rules/enterprise';
import { meetingRule } from './rules/meeting';
import { minuteRule } from './rules/minute';
import { monthlyReportRule } from './rules/monthly-report';
import { opinionRule } from './rules/opinion';
import { pledgeRule } from './rules/pledge';
import { preAssessmentRule } from './rules/pre-assessment';
import { problemRule } from './rules/problem';
import { problemListRule } from './rules/problem-list';
import { progressReportRule } from './rules/progress-report';
import { projectRule } from './rules/project';
import { responsibilityMatrixRule } from './rules/responsibility-matrix';
import { taskRule } from './rules/task';
import { sequenceModel } from './sequences';
import { financeIndicatorRule } from './rules/finance-indicator';
import { financeWarningRule } from './rules/finance-warning';
import { financeWarningRuleRule } from './rules/finance-warning-rule';
import { landEvaluationRule } from './rules/land-evaluation';
import { landEvaluationSettingRule } from './rules/land-evaluation-setting';
// 向上报送
import { upwardReportRule } from './rules/upward-report';
import { hideSettingSecrets, upwardSettingRule } from './rules/upward-setting';
import { upwardTriggersMiddleware } from './upward';
import { inspectionRule } from './rules/inspection';
import { supervisionNoticeRule } from './rules/supervision-notice';
// 首席代表与集中办公
import { coWorkingDayRule } from './rules/co-working-day';

/** The rules each record keeps, whoever writes it. */
export const RECORD_RULES = [
  enterpriseRule,
  projectRule,
  progressReportRule,
  preAssessmentRule,
  opinionRule,
  problemRule,
  problemListRule,
  meetingRule,
  minuteRule,
  taskRule,
  pledgeRule,
  responsibilityMatrixRule,
  monthlyReportRule,
  creditRecordRule,
  // 金融风险预警
  financeIndicatorRule,
  financeWarningRuleRule,
  financeWarningRule,
  // 亩产效益评价
  landEvaluationRule,
  landEvaluationSettingRule,
  // 向上报送
  upwardReportRule,
  upwardSettingRule,
  // 专项督查与督办单
  inspectionRule,
  supervisionNoticeRule,
  // 首席代表与集中办公
  coWorkingDayRule,
];

export function registerRecords(strapi: Core.Strapi) {
  strapi.get('models').add(sequenceModel);
  strapi.documents.use(recordRulesMiddleware(strapi, RECORD_RULES));
  // 向上报送: inside the record rules, so a report joins the write's transaction; secrets never leave the setting
  strapi.documents.use(upwardTriggersMiddleware(strapi));
  strapi.documents.use(hideSettingSecrets());
}
