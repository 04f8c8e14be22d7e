/** A 专题会商 minute with markdown content and two tasks, for the document model's and the .docx's tests. */
import type { MinuteExport } from '../types';

export const minute: MinuteExport = {
  number: '兰重项会〔2026〕3号',
  title: '关于兰山智能装备产业园用地问题的专题会商纪要',
  issuedAt: '2026-11-20T16:30:00Z', // 21 November in Beijing
  content: [
    '2026年11月20日上午，区政府副区长王某某主持召开专题会商会议，',
    '研究兰山智能装备产业园用地问题。',
    '',
    '## 一、会议议定事项',
    '',
    '1. 区自然资源局牵头，**12月底前**完成用地指标调剂。',
    '2. 义堂镇负责征收补偿，区财政局配合。',
    '',
    '> 会议强调，各单位要按[责任清单](https://example.gov.cn)抓好落实。',
  ].join('\n'),
  meeting: {
    type: 'special_consultation',
    mode: 'onsite',
    heldAt: '2026-11-20T01:30:00Z',
    location: '区政府 3 号会议室',
    chair: '王某某',
    attendees: [{ name: '区自然资源局' }, { name: '区财政局' }, { name: '义堂镇（示例）' }],
  },
  tasks: [
    {
      title: '调剂用地指标',
      description: '向市自然资源和规划局申请统筹指标',
      responsibleBureau: { name: '区自然资源局' },
      coBureaus: [{ name: '区发改局' }, { name: '义堂镇（示例）' }],
      deadline: '2026-12-31',
      state: 'in_progress',
    },
    { title: '完成征收补偿', responsibleBureau: { name: '义堂镇（示例）' }, coBureaus: [], deadline: '2027-01-15', state: 'pending' },
  ],
};
