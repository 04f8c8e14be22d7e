/**
 * Chinese names of every record, field and enum value: the one place the admin panel (field labels and
 * enum options), error messages and exports read them from. English names are the API names themselves.
 */

export const ENUM_LABELS: Record<string, string> = {
  // bureau.kind
  office: '协调办公室',
  department: '区直部门',
  town: '镇街',
  zone: '经开区',
  taskforce: '产业专班',
  city: '市级',
  // project.category
  key_provincial_municipal: '省市重点项目',
  optimized_provincial: '省新旧动能转换优选项目',
  overall_development: '全区全市发展大局项目',
  livelihood: '重要民生项目',
  general: '一般项目',
  // project.stage
  declared: '已申报',
  pre_assessing: '预评估中',
  assessed: '已评估',
  in_library: '已入库',
  reported_to_city: '已报送市库',
  started: '已开工',
  completed: '已完成',
  operating: '已投产运营',
  withdrawn: '已退出',
  // lights
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  // pre-assessment
  open: '进行中',
  returned: '已退回',
  pass: '通过',
  conditional: '有条件通过',
  fail: '不通过',
  // opinion
  industrial_policy: '产业导向',
  planning_layout: '规划布局',
  environmental_protection: '环境保护',
  energy_consumption: '能源消耗',
  investment_benefit: '投资强度及效益',
  approve: '同意',
  reject: '不同意',
  pending: '待办理',
  submitted: '已提交',
  // problem
  procedures: '手续办理',
  land_supply: '土地供应',
  environmental_capacity: '环境容量',
  financing: '资金筹措',
  policy: '政策落实',
  construction: '施工建设',
  other: '其他',
  local: '属地或部门自行解决',
  district: '区级协调',
  reported: '已报送',
  assigned: '已交办',
  proposed: '已提出办理意见',
  resolving: '办理中',
  resolved: '已办结',
  escalated: '已上报市级',
  // problem-list
  draft: '草稿',
  issued: '已印发',
  // meeting
  monthly_dispatch: '月调度会',
  weekly: '周例会',
  special_consultation: '专题会商',
  joint_pre_assessment: '预评估联席会议',
  onsite: '现场',
  video: '视频',
  // task
  in_progress: '推进中',
  done: '已完成',
};

/** Labels of fields every record has. */
export const COMMON_FIELD_LABELS: Record<string, string> = {
  id: '编号',
  documentId: '文档编号',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  publishedAt: '发布时间',
  createdBy: '创建人',
  updatedBy: '更新人',
  locale: '语言',
};

export const CONTENT_TYPE_LABELS: Record<string, string> = {
  'api::bureau.bureau': '单位',
  'api::enterprise.enterprise': '企业',
  'api::project.project': '项目',
  'api::progress-report.progress-report': '项目进展月报',
  'api::pre-assessment.pre-assessment': '预评估',
  'api::opinion.opinion': '预评估意见',
  'api::expert.expert': '专家',
  'api::problem.problem': '困难问题',
  'api::problem-list.problem-list': '亟待解决问题清单',
  'api::meeting.meeting': '调度会商',
  'api::minute.minute': '会商纪要',
  'api::task.task': '责任事项',
  'api::pledge.pledge': '亮诺践诺',
  'api::responsibility-matrix.responsibility-matrix': '预评估责任分工',
};

export const FIELD_LABELS: Record<string, Record<string, string>> = {
  'api::bureau.bureau': {
    name: '单位名称',
    code: '单位代码',
    kind: '单位类型',
    chiefRepresentative: '首席代表',
    phone: '联系电话',
    active: '启用',
    isSample: '示例数据',
  },
  'api::enterprise.enterprise': {
    name: '企业名称',
    creditCode: '统一社会信用代码',
    legalRepresentative: '法定代表人',
    contactPhone: '联系电话',
    address: '地址',
    creditLine: '授信额度（万元）',
    blacklisted: '列入失信名单',
    projects: '投资项目',
    isDemo: '演示数据',
  },
  'api::project.project': {
    name: '项目名称',
    code: '项目编号',
    summary: '项目概况',
    category: '项目类别',
    industry: '所属产业',
    applicantBureau: '申报主体',
    enterprise: '投资方',
    plannedInvestment: '计划总投资（万元）',
    annualPlannedInvestment: '年度计划投资（万元）',
    completedInvestment: '累计完成投资（万元）',
    landArea: '用地面积（亩）',
    stage: '推进阶段',
    plannedStartDate: '计划开工日期',
    actualStartDate: '实际开工日期',
    plannedCompletionDate: '计划竣工日期',
    actualCompletionDate: '实际竣工日期',
    leader: '包保领导',
    commissioner: '项目专员',
    team: '工作专班',
    milestones: '里程碑节点',
    light: '亮灯',
    lightReasons: '亮灯原因',
    lightChangedAt: '亮灯变更时间',
    progressReports: '进展月报',
    preAssessments: '预评估',
    problems: '困难问题',
    tasks: '责任事项',
    isDemo: '演示数据',
  },
  'api::progress-report.progress-report': {
    project: '项目',
    period: '报告期（年-月）',
    investmentThisPeriod: '本期完成投资（万元）',
    description: '形象进度',
    images: '现场照片',
  },
  'api::pre-assessment.pre-assessment': {
    title: '名称',
    project: '项目',
    leadBureau: '牵头单位',
    requestedAt: '申请时间',
    materials: '评估资料',
    isMajor: '重大或特殊项目',
    experts: '邀请专家',
    state: '评估状态',
    conclusion: '评估结论',
    conclusionNote: '结论说明',
    feedbackAt: '反馈时间',
    opinions: '部门意见',
  },
  'api::opinion.opinion': {
    title: '名称',
    preAssessment: '预评估',
    bureau: '责任单位',
    dimension: '评估维度',
    verdict: '意见结论',
    content: '意见内容',
    state: '办理状态',
    submittedAt: '提交时间',
    dueAt: '办理时限',
  },
  'api::expert.expert': {
    name: '姓名',
    specialty: '专业领域',
    title: '职称',
    organization: '工作单位',
    phone: '联系电话',
    email: '电子邮箱',
    active: '在库',
    preAssessments: '参与的预评估',
  },
  'api::problem.problem': {
    project: '项目',
    reportingBureau: '报送单位',
    category: '问题类别',
    title: '问题标题',
    description: '问题描述',
    suggestion: '意见建议',
    period: '报送月份',
    isUrgent: '特别重大问题',
    level: '协调层级',
    leadBureau: '牵头部门',
    assignedAt: '交办时间',
    proposal: '解决问题的具体做法和意见建议',
    proposalDueAt: '意见办理时限',
    proposedAt: '意见提出时间',
    resolution: '办结情况',
    resolvedAt: '办结时间',
    state: '办理状态',
    tasks: '责任事项',
  },
  'api::problem-list.problem-list': {
    title: '清单名称',
    period: '清单月份',
    problems: '问题',
    compiledAt: '汇总时间',
    state: '状态',
    issuedAt: '印发时间',
    note: '备注',
  },
  'api::meeting.meeting': {
    type: '会议类型',
    mode: '会议方式',
    title: '会议名称',
    heldAt: '召开时间',
    location: '地点',
    chair: '主持人',
    attendees: '参会单位',
    projects: '议题项目',
    problems: '议题问题',
    summary: '会议情况',
    minutes: '会商纪要',
  },
  'api::minute.minute': {
    meeting: '会议',
    title: '纪要标题',
    number: '文号',
    content: '纪要内容',
    issuedAt: '印发时间',
    tasks: '责任清单',
  },
  'api::task.task': {
    minute: '会商纪要',
    project: '项目',
    problem: '困难问题',
    title: '事项名称',
    description: '事项内容',
    responsibleBureau: '责任单位',
    coBureaus: '配合单位',
    deadline: '完成时限',
    dueAt: '到期时间',
    state: '完成状态',
    completedAt: '完成时间',
    completionNote: '完成情况',
  },
  'api::pledge.pledge': {
    bureau: '承诺单位',
    pledgedBy: '承诺人（负责人）',
    year: '年度',
    projects: '承诺项目',
    targets: '推进目标',
    measures: '工作措施',
    nodes: '节点进度',
    fulfilmentRate: '践诺率',
  },
  'api::responsibility-matrix.responsibility-matrix': {
    leadBureau: '牵头单位',
    assignments: '部门与评估维度',
    opinionWorkingDays: '意见办理时限（工作日）',
  },
  'project.milestone': { title: '节点名称', plannedDate: '计划日期', actualDate: '实际日期' },
  'pledge.node': {
    title: '节点名称',
    targetDate: '目标日期',
    targetValue: '目标值',
    achievedDate: '实现日期',
    achievedValue: '实现值',
  },
  'assessment.assignment': { bureau: '单位', dimension: '评估维度' },
};

/** The Chinese label of a field of a content type or component, falling back to the field name. */
export function fieldLabel(uid: string | undefined, field: string): string {
  return (uid && FIELD_LABELS[uid]?.[field]) || COMMON_FIELD_LABELS[field] || field;
}

export const enumLabel = (value: string | null | undefined) => (value ? ENUM_LABELS[value] ?? value : '');

/**
 * The same labels as admin-panel message ids: the content manager asks for
 * `content-manager.content-types.<uid>.<field>` (field labels, list and edit views) and for the raw enum
 * value (enum options).
 */
export function adminMessages(): Record<string, string> {
  // users-permissions' content type is shown under its display name, which is also its message id
  const messages: Record<string, string> = { ...ENUM_LABELS, User: '用户' };
  for (const [uid, fields] of Object.entries(FIELD_LABELS)) {
    for (const [field, label] of Object.entries({ ...COMMON_FIELD_LABELS, ...fields })) {
      messages[`content-manager.content-types.${uid}.${field}`] = label;
    }
  }
  return messages;
}
