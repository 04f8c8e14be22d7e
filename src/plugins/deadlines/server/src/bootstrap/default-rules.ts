import type { Core } from '@strapi/strapi';
import { RULE } from '../uids';

/**
 * The work plan's time limits (SPEC §4), seeded once by key; afterwards they are the office's to edit.
 * - 预评估意见: within 2 working days of the request (§2.3)
 * - 困难问题: the lead bureau proposes within 3 working days of assignment (§3.3)
 * - 责任事项: by the end of its deadline date (§3.4)
 * - 月度问题报送: before the 1st of the next month, calendar days, not shifted (§3.2)
 * - 调度会商: the organizer (the office) is reminded the working day before a meeting, until it is recorded as
 *   held or cancelled (§3.4: weekly and monthly meetings)
 * - 金融预警: the 区金融监管局 handles an open warning within 5 working days of its raising, recording the financial
 *   service offered (§4.3); told when it is raised (a reminder as early as the duration: 09:00 that working day, or at
 *   once when raised later), reminded the working day before, the office told 1 working day after; a warning cleared
 *   by the platform (indicators back to normal) cancels it
 * - 督办单: the bureau replies within the notice's own number of working days (5 unless the finding says otherwise).
 *   Durations here are fixed, so the notice's record rule works out the last day (`replyDueDate`, with this
 *   plugin's calendar) and the rule ends the deadline with that day; a returned notice gets a new last day, and the
 *   deadline (met while replied or accepted) opens again with it. Reminded the working day before, the office told
 *   1 working day after.
 */
export const DEFAULT_RULES = [
  {
    key: 'opinion-2-working-days',
    name: '预评估意见：2 个工作日内出具',
    contentType: 'api::opinion.opinion',
    startField: 'preAssessment.requestedAt',
    durationKind: 'working_days',
    duration: 2,
    dueField: 'dueAt',
    metWhen: { field: 'state', op: 'eq', value: 'submitted' },
    cancelWhen: { field: 'preAssessment.state', op: 'eq', value: 'returned' },
    bureauField: 'bureau',
    reminders: [{ workingDays: 1 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》二.3：区直各责任单位在 2 个工作日内完成预评估工作。',
  },
  {
    key: 'problem-proposal-3-working-days',
    name: '困难问题：牵头部门 3 个工作日内提出办理意见',
    contentType: 'api::problem.problem',
    startField: 'assignedAt',
    durationKind: 'working_days',
    duration: 3,
    dueField: 'proposalDueAt',
    metWhen: { any: [{ field: 'proposal', op: 'filled' }, { field: 'state', op: 'eq', value: 'resolved' }] },
    cancelWhen: { field: 'state', op: 'eq', value: 'escalated' },
    bureauField: 'leadBureau',
    reminders: [{ workingDays: 1 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》三.3：明确区直牵头部门，由其在 3 个工作日内提出解决问题的具体做法和意见建议。',
  },
  {
    key: 'task-by-deadline',
    name: '责任事项：完成时限当日办结',
    contentType: 'api::task.task',
    startField: 'createdAt',
    durationKind: 'end_of_date_field',
    dateField: 'deadline',
    dueField: 'dueAt',
    metWhen: { field: 'state', op: 'eq', value: 'done' },
    bureauField: 'responsibleBureau',
    reminders: [{ workingDays: 2 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》三.4：明确责任清单和完成时限。',
  },
  {
    key: 'monthly-problem-report',
    name: '月度问题报送：每月 1 日前',
    contentType: 'api::monthly-report.monthly-report',
    startField: 'createdAt',
    durationKind: 'before_next_month',
    periodField: 'period',
    dueField: 'dueAt',
    metWhen: { field: 'state', op: 'eq', value: 'submitted' },
    bureauField: 'bureau',
    reminders: [{ workingDays: 3 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》三.2：每月 1 日前报送困难问题，特别重大问题可以随时报送。',
  },
  {
    key: 'meeting-reminder',
    name: '调度会商：会前一个工作日提醒主办单位',
    contentType: 'api::meeting.meeting',
    startField: 'createdAt',
    durationKind: 'end_of_date_field',
    dateField: 'heldAt',
    metWhen: { field: 'state', op: 'eq', value: 'held' },
    cancelWhen: { field: 'state', op: 'eq', value: 'cancelled' },
    bureauField: 'organizer',
    reminders: [{ workingDays: 1 }],
    escalations: [],
    description: '《工作方案》三.4：每周召开例会、每月召开调度会；会前提醒办公室准备议题，会后登记召开情况。',
  },
  {
    key: 'finance-warning-5-working-days',
    name: '金融预警：5 个工作日内提供金融服务',
    contentType: 'api::finance-warning.finance-warning',
    startField: 'raisedAt',
    durationKind: 'working_days',
    duration: 5,
    dueField: 'dueAt',
    metWhen: { field: 'state', op: 'eq', value: 'handled' },
    cancelWhen: { field: 'state', op: 'eq', value: 'cleared' },
    bureauField: 'bureau',
    reminders: [{ workingDays: 5 }, { workingDays: 1 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》四.3：区金融监管局建立动态预警服务机制，根据预警情况提供相应金融服务。',
  },
  {
    key: 'supervision-notice-reply',
    name: '督办单：在回复时限内报送整改情况',
    contentType: 'api::supervision-notice.supervision-notice',
    startField: 'issuedAt',
    durationKind: 'end_of_date_field',
    dateField: 'replyDueDate',
    dueField: 'replyDueAt',
    metWhen: { field: 'state', op: 'in', value: ['replied', 'accepted'] },
    bureauField: 'bureau',
    reminders: [{ workingDays: 1 }],
    escalations: [{ workingDays: 1, to: 'office' }],
    description: '《工作方案》三.5：对督查发现的问题和逾期未办结事项下发督办单，责任单位限期报送整改情况（回复时限为督办单所定工作日数，默认 5 个工作日）。',
  },
];

/** Creates the rules that are missing, by key; never touches one the office has edited. */
export async function seedDefaultRules(strapi: Core.Strapi) {
  const existing = new Set((await strapi.db.query(RULE).findMany({ select: ['key'] })).map((row) => row.key));
  for (const rule of DEFAULT_RULES) {
    if (existing.has(rule.key) || !strapi.contentTypes[rule.contentType as keyof typeof strapi.contentTypes]) continue;
    await strapi.documents(RULE as any).create({ data: { ...rule, active: true, deliverOnNonWorkingDays: false } as any });
  }
}
