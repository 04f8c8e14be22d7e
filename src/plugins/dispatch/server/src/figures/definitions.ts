import type { Rate } from './types';

/**
 * What each figure means, in the words shown next to it (API answers, bulletins, exports). Chinese first; the
 * English follows for integrators. One source: the computations in compute.ts and ranking.ts follow this text.
 */
export interface Definition {
  name: string;
  nameEn: string;
  formula: string;
  definition: string;
  definitionEn: string;
}

export const DEFINITIONS = {
  startRate: {
    name: '开工率',
    nameEn: 'start rate',
    formula: '开工率 = 已开工项目数 ÷ 计划开工项目数',
    definition:
      '计划开工日期在统计期内（起始日至截止日，含两端）的项目为计划开工项目，其中实际开工日期不晚于截止日的为已开工项目（提前开工也计入）。' +
      '按申报主体统计；已退出项目不计；计划开工项目数为 0 时显示“—”。',
    definitionEn:
      'Projects whose planned start date falls within the period are planned to start; those with an actual start date on or before the ' +
      'cut-off have started (early starts included). Per applicant unit; withdrawn projects excluded; "—" when none was planned.',
  },
  investmentRate: {
    name: '投资完成率',
    nameEn: 'investment completion rate',
    formula: '投资完成率 = 年内累计完成投资 ÷ 年度计划投资',
    definition:
      '截止日所在年度、报告期自 1 月至截止月的项目进展月报“本期完成投资”之和，除以这些项目的“年度计划投资”之和（万元）。' +
      '只计年度计划投资大于 0 且未退出的项目，年度计划投资取项目填报值（视为截止日所在年度的计划）；统计期起始日不影响此项。' +
      '可超过 100%；年度计划投资合计为 0 时显示“—”。',
    definitionEn:
      'The sum of "investment this period" of the progress reports of the cut-off year, periods January to the cut-off month, over the sum of ' +
      'the annual planned investment of the projects counted (10k CNY): projects not withdrawn with an annual plan above 0. The period start ' +
      'does not matter here. May exceed 100 %; "—" when the annual plan totals 0.',
  },
  problemResolution: {
    name: '问题办结率',
    nameEn: 'problem resolution rate',
    formula: '问题办结率 = 已办结问题数 ÷（报送问题数 − 已上报市级问题数）',
    definition:
      '报送月份（period）在统计期内（起始日所在月至截止日所在月）的困难问题为报送问题；其中状态为已办结且办结时间不晚于截止日 24 时的为已办结问题；' +
      '状态为已上报市级的问题单列为“已上报市级”，不计入分母。镇街/经开区/专班按报送单位统计，区直部门按牵头部门统计。分母为 0 时显示“—”。',
    definitionEn:
      'Problems whose reporting month (period) lies within the period (months of its first and last day) were reported; those resolved with ' +
      'resolvedAt by the end of the cut-off day are resolved; problems escalated to the city are counted apart and left out of the denominator. ' +
      'Towns, the zone and task forces count the problems they reported, departments those they lead. "—" when the denominator is 0.',
  },
  pledgeFulfilment: {
    name: '践诺率',
    nameEn: 'pledge fulfilment rate',
    formula: '践诺率 = 按期实现节点数 ÷ 到期节点数',
    definition:
      '承诺节点中目标日期在统计期内的为到期节点；截至截止日，实现日期不晚于目标日期的为按期实现，晚于目标日期的为逾期实现，尚未实现的为未实现。' +
      '逾期实现和未实现都计入分母、不计入分子。按承诺单位统计；到期节点数为 0 时显示“—”。',
    definitionEn:
      'Pledge nodes whose target date falls within the period are due; as of the cut-off a node is met (achieved by its target date), late ' +
      '(achieved after it) or missed (not achieved). Late and missed nodes count in the denominator only. Per pledging unit; "—" when none is due.',
  },
  lights: {
    name: '亮灯情况',
    nameEn: 'light counts',
    formula: '红灯、黄灯、绿灯项目数',
    definition:
      '截止日 24 时每个项目的灯色：亮灯变化记录中截止时刻前最后一次变化后的灯色，此前没有变化的为绿灯。按申报主体统计；截止时刻后才录入平台的项目和已退出项目不计。',
    definitionEn:
      "Each project's light at the end of the cut-off day: the colour of its last recorded change before then, green when it had none. Per " +
      'applicant unit; projects entered after the cut-off and withdrawn projects are left out.',
  },
  supervision: {
    name: '督办单办理',
    nameEn: 'supervision notices',
    formula: '督办单按期回复率 = 按期回复数 ÷ 收到督办单数',
    definition:
      '下发时间在统计期内（起始日 0 时至截止日 24 时）的督办单为收到督办单，按接收督办单的责任单位统计；各督办单的状态取截止时刻前最后一次办理记录。' +
      '截至截止时刻已回复或已审核通过的为已回复，其中最近一次回复不晚于当时有效的回复时限（退回后为重新计算的时限）的为按期回复；' +
      '审核通过的为已办结，其余为未办结；待回复（已下发或被退回）且回复时限已过的为逾期未回复。收到督办单数为 0 时显示“—”；不计入综合排名。',
    definitionEn:
      'Notices issued within the period (from the start of its first day to the end of the cut-off day) were received, per recipient unit; ' +
      "each notice's state is its last recorded change before the cut-off. Replied: replied or accepted by then; on time: its latest reply " +
      'was made by the reply deadline in force (after a return, the new one). Accepted notices are closed, the others open; those awaiting a ' +
      'reply (issued or returned) past their deadline are overdue. "—" when none was received; not part of the ranking score.',
  },
  coWorking: {
    name: '首席代表集中办公',
    nameEn: 'chief representatives at the dispatch centre',
    formula: '集中办公达标率 = 达标周数 ÷ 应参加周数',
    definition:
      '参加集中办公的成员单位（启用且勾选“参加集中办公”的区直部门）每周（周一至周日）须到调度中心集中办公不少于 1 天。' +
      '统计期内安排在工作日的集中办公日为应参加天数（节假日、休息日不计，调休上班日计入），到岗的为实到天数；' +
      '有应参加天数的周为应参加周，该周至少到岗 1 天的为达标周，一天也未到岗的为未达标周（请假不计为到岗，单独列示）；' +
      '只安排在节假日或未安排集中办公日的周不计。应参加周数为 0 时显示“—”；不参加集中办公的单位不统计；不计入综合排名。',
    definitionEn:
      'Each attending member bureau (active departments taking part) is expected at the dispatch centre at least one day a week ' +
      '(Monday to Sunday). Planned days on working days within the period are the days expected (holidays and rest days are ' +
      'left out, make-up working days count), days present are those attended. A week with a planned working day expects ' +
      'attendance; it is attended when the bureau was present at least one day, flagged otherwise (excused days do not count ' +
      'as present and are shown apart). Rate = attended weeks ÷ expected weeks; "—" when none; not part of the ranking score.',
  },
  ranking: {
    name: '综合排名',
    nameEn: 'ranking',
    formula: '综合得分 = 各项可计算比率的算术平均',
    definition:
      '镇街/经开区/专班与区直部门分别排名。综合得分为开工率、投资完成率（超过 100% 按 100% 计）、问题办结率、践诺率中可计算各项的算术平均' +
      '（区直部门为问题办结率和践诺率），显示“—”的比率不参与平均；没有任何可计算比率的单位不参与排名。得分高者在前；得分（保留四位小数）相同的名次并列，' +
      '其后名次顺延（如 1、1、3）。',
    definitionEn:
      'Towns, the zone and task forces are ranked apart from departments. The score is the mean of the rates that can be computed (start, ' +
      'investment capped at 100 %, problem resolution, pledge fulfilment; departments: the last two); units with none are not ranked. Higher ' +
      'scores first; equal scores (four decimals) share a rank and the next rank skips (1, 1, 3).',
  },
  pledgeRanking: {
    name: '践诺排名',
    nameEn: 'pledge ranking',
    formula: '践诺率 = 按期实现节点数 ÷ 到期节点数',
    definition:
      '该年度全部承诺的节点，截至今天（所查年度已过去时为 12 月 31 日）的践诺率，践诺率高者在前；践诺率相同名次并列，其后名次顺延；没有到期节点的单位不参与排名。',
    definitionEn:
      "All nodes of the year's pledges, fulfilment as of today (31 December for a past year), highest first; equal rates share a rank and " +
      'the next rank skips; units with no node due are not ranked.',
  },
} satisfies Record<string, Definition>;

export type FigureKey = keyof typeof DEFINITIONS;

/** A rate for people: "66.67%", or "—" when it cannot be computed (never 0 % for nothing to count). */
export function formatRate(rate: Rate): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 10000) / 100).toFixed(2)}%`;
}
