import type { Core } from '@strapi/strapi';
import { WorkingCalendar } from '../plugins/deadlines/server/src/calendar/working-calendar';
import { DateTime } from 'luxon';
import { checkCharacter } from '../domain/credit-code';
import { stageAtLeast, type ProjectStage } from '../domain/stages';
import { ZONE } from '../domain/time';
import { LAND_EVALUATION, withDeferredGrading } from '../records/land-evaluations';

/** The statutory calendar (chinese-days' data read in Asia/Shanghai, whatever the server's TZ). */
const STATUTORY = WorkingCalendar.create();

/**
 * 演示数据 / demo data: a realistic, deterministic district on an empty database — investors, experts, about 36
 * projects over every category and stage, their pre-assessments, monthly progress reports, difficult problems and
 * problem lists, meetings with minutes and tasks, and the towns' pledges.
 *
 * Every record is written through `strapi.documents(...)`, so the record rules check and complete each write exactly
 * as they would for a person (codes, stage moves, generated opinions, stamps, completed investment). Randomness comes
 * from a PRNG seeded with a constant per record; dates are relative to today in Asia/Shanghai.
 */

// ---------------------------------------------------------------------------------------------------------------
// Data tables
// ---------------------------------------------------------------------------------------------------------------

const SEED = 20260415;
const DEMO = '（演示）';
/** 兰山区 administrative division code, the region part of its enterprises' credit codes. */
const REGION_CODE = '371302';

type Category = 'key_provincial_municipal' | 'optimized_provincial' | 'overall_development' | 'livelihood' | 'general';
type Assessment = 'open' | 'returned' | 'pass' | 'conditional' | 'fail' | 'none';
type Dimension = 'industrial_policy' | 'planning_layout' | 'environmental_protection' | 'energy_consumption' | 'investment_benefit';
type Verdict = 'approve' | 'conditional' | 'reject';
type ProblemStatus = 'reported' | 'assigned' | 'proposed' | 'resolving' | 'resolved' | 'escalated';
type TaskStatus = 'pending' | 'in_progress' | 'done';

interface EnterpriseSeed {
  key: string;
  name: string;
  legalRepresentative: string;
  address: string;
  /** 授信额度, 万元 */
  creditLine: number;
}

const ENTERPRISES: EnterpriseSeed[] = [
  { key: 'luxing', name: '临沂鲁兴新能源汽车部件有限公司', legalRepresentative: '孙立成', address: '临沂经济技术开发区沂河路 88 号', creditLine: 80000 },
  { key: 'yimeng', name: '山东沂蒙智能装备科技有限公司', legalRepresentative: '高建军', address: '临沂市兰山区白沙埠镇工业园北区', creditLine: 30000 },
  { key: 'kangyuan', name: '临沂康源生物医药股份有限公司', legalRepresentative: '何素梅', address: '临沂市兰山区义堂镇医药产业园 6 号', creditLine: 60000 },
  { key: 'lanhua', name: '山东兰华现代物流集团有限公司', legalRepresentative: '邵国庆', address: '临沂市兰山区义堂镇物流大道 18 号', creditLine: 45000 },
  { key: 'jinchen', name: '临沂金宸商业运营管理有限公司', legalRepresentative: '宋佳宁', address: '临沂市兰山区兰山街道通达路 129 号', creditLine: 20000 },
  { key: 'yihe', name: '山东沂河新材料科技有限公司', legalRepresentative: '葛振东', address: '临沂市兰山区白沙埠镇化工路 9 号', creditLine: 15000 },
  { key: 'zhihui', name: '临沂智汇电子信息产业有限公司', legalRepresentative: '陶文博', address: '临沂市兰山区白沙埠镇电子信息产业园', creditLine: 25000 },
  { key: 'chengfa', name: '兰山城发建设投资有限公司', legalRepresentative: '韦志刚', address: '临沂市兰山区兰山街道金雀山路 66 号', creditLine: 120000 },
];

const EXPERTS = [
  { name: '陆文涛', specialty: '产业经济与投资分析', title: '正高级经济师', organization: '临沂市工程咨询研究中心' },
  { name: '范雪梅', specialty: '城乡规划与土地利用', title: '教授', organization: '临沂大学资源环境学院' },
  { name: '魏国栋', specialty: '环境影响评价', title: '高级工程师', organization: '山东省环境规划研究院' },
  { name: '秦海燕', specialty: '节能评估与能源管理', title: '高级工程师', organization: '临沂市节能监察支队' },
  { name: '邱长明', specialty: '生物医药产业', title: '研究员', organization: '山东省医药工业研究所' },
  { name: '蒋一鸣', specialty: '项目融资与财务评价', title: '注册会计师', organization: '山东沂蒙会计师事务所' },
].map((expert) => ({ ...expert, name: `${expert.name}${DEMO}` }));

/** What each industry's projects build, and a rough energy intensity (吨标准煤 per 万元 invested) for opinions. */
const INDUSTRIES: Record<string, { scope: string; energy: number }> = {
  新能源汽车零部件: { scope: '建设标准化生产厂房、研发检测中心及配套设施，购置自动化冲压、焊装及电驱装配生产线', energy: 0.12 },
  智能装备: { scope: '建设智能化生产车间和研发中心，购置数控加工中心、柔性装配线及检测设备', energy: 0.08 },
  生物医药: { scope: '建设符合 GMP 标准的生产车间、质检中心和研发中试平台', energy: 0.1 },
  现代物流: { scope: '建设智能立体仓库、分拨中心和冷链仓储设施，配套信息化调度平台', energy: 0.05 },
  商贸综合体: { scope: '建设集购物中心、商务办公、酒店及地下停车于一体的城市商业综合体', energy: 0.04 },
  新材料: { scope: '建设新材料生产装置、仓储设施及研发实验室，配套环保处理设施', energy: 0.18 },
  电子信息: { scope: '建设洁净生产厂房、封装测试产线及研发中心', energy: 0.09 },
  商贸物流: { scope: '建设电商直播基地、集中仓储和供应链服务中心', energy: 0.04 },
  装备制造: { scope: '扩建铸造车间，新增中频电炉及造型生产线', energy: 0.35 },
  养老服务: { scope: '建设社区养老服务中心、日间照料中心及医养结合用房', energy: 0.02 },
  城市基础设施: { scope: '建设立体停车楼、智慧停车管理平台及充电设施', energy: 0.02 },
  医疗卫生: { scope: '改扩建门诊医技楼，购置医疗设备，完善公共卫生服务用房', energy: 0.02 },
  城市更新: { scope: '实施老旧小区雨污分流、管网改造、加装电梯及配套服务设施提升', energy: 0.01 },
  教育: { scope: '新建教学楼、综合楼及运动场，改造既有校舍', energy: 0.01 },
  保障性住房: { scope: '建设保障性租赁住房及配套商业、社区服务用房', energy: 0.02 },
};

const LEADERS = ['王振华（常务副区长）', '李思远（副区长）', '陈立群（副区长）', '刘海波（区委常委）'];
const COMMISSIONERS = ['张晓燕', '孙浩', '周敏', '吴磊', '郑琳', '冯凯', '徐婷', '马骏', '韩雪', '彭飞'];

interface ProjectSeed {
  key: string;
  /** Without the demo suffix, which is added when the record is written. */
  name: string;
  industry: string;
  category: Category;
  stage: ProjectStage;
  /** Code of the applicant (a sample town, the zone or the task force). */
  applicant: string;
  enterprise: string;
  /** 计划总投资, 万元 */
  investment: number;
  /** 用地面积, 亩 */
  land: number;
  /** Planned start has passed but the project has not started. */
  late?: boolean;
  /** Started on time but investment is well behind the time-elapsed schedule. */
  lagging?: boolean;
  /** Started well after its planned start date. */
  startedLate?: boolean;
  /** 重大或特殊项目: experts join the pre-assessment. */
  major?: boolean;
  /** Overrides the default pre-assessment of the stage (see `assessmentOf`). */
  assessment?: Assessment;
}

const P = (
  key: string,
  name: string,
  industry: string,
  category: Category,
  stage: ProjectStage,
  applicant: string,
  enterprise: string,
  investment: number,
  land: number,
  flags: Partial<ProjectSeed> = {}
): ProjectSeed => ({ key, name, industry, category, stage, applicant, enterprise, investment, land, ...flags });

const KEY = 'key_provincial_municipal';
const OPT = 'optimized_provincial';
const DEV = 'overall_development';
const LIV = 'livelihood';
const GEN = 'general';
const LS = 'sample-lanshan-street';
const BSB = 'sample-baishabu';
const YT = 'sample-yitang';
const DZ = 'sample-development-zone';
const SM = 'sample-smart-manufacturing';

const PROJECTS: ProjectSeed[] = [
  // 已申报
  P('edrive', '年产10万套新能源汽车电驱系统项目', '新能源汽车零部件', OPT, 'declared', DZ, 'luxing', 68000, 120),
  P('warehouse-robot', '智能仓储机器人研发生产基地项目', '智能装备', GEN, 'declared', SM, 'yimeng', 22000, 45),
  P('elderly-care', '兰山街道社区养老服务中心建设项目', '养老服务', LIV, 'declared', LS, 'chengfa', 8500, 12),
  P('carbon-fiber', '高性能碳纤维复合材料项目', '新材料', GEN, 'declared', YT, 'yihe', 35000, 80),
  // 预评估中
  P('biopharma-park', '生物医药创新孵化园项目', '生物医药', KEY, 'pre_assessing', DZ, 'kangyuan', 150000, 260, { major: true }),
  P('cold-chain', '冷链物流集散中心项目', '现代物流', DEV, 'pre_assessing', YT, 'lanhua', 42000, 110),
  P('reducer', '工业机器人精密减速器生产线项目', '智能装备', OPT, 'pre_assessing', SM, 'yimeng', 30000, 60, { assessment: 'returned' }),
  P('display-module', '新型显示模组智能制造项目', '电子信息', GEN, 'pre_assessing', BSB, 'zhihui', 26000, 50),
  // 已评估
  P('battery-case', '动力电池壳体精密制造项目', '新能源汽车零部件', GEN, 'assessed', BSB, 'luxing', 18000, 40),
  P('smart-parking', '城区智慧停车设施建设项目', '城市基础设施', LIV, 'assessed', LS, 'chengfa', 12000, 25, { assessment: 'conditional' }),
  P('tcm-granule', '中药配方颗粒智能化生产项目', '生物医药', OPT, 'assessed', YT, 'kangyuan', 45000, 75, { late: true }),
  // 已入库
  P('commercial-complex', '兰山国际商贸综合体项目', '商贸综合体', DEV, 'in_library', LS, 'jinchen', 220000, 150, { late: true, major: true }),
  P('auto-aluminium', '汽车轻量化铝合金部件项目', '新能源汽车零部件', KEY, 'in_library', DZ, 'luxing', 96000, 180, { late: true, assessment: 'conditional' }),
  P('cnc-park', '数控机床智能制造产业园项目', '智能装备', OPT, 'in_library', SM, 'yimeng', 75000, 160),
  P('e-chemicals', '电子级化学品新材料项目', '新材料', GEN, 'in_library', BSB, 'yihe', 38000, 70, { assessment: 'conditional' }),
  P('community-clinic', '义堂镇卫生院改扩建项目', '医疗卫生', LIV, 'in_library', YT, 'chengfa', 9600, 18),
  // 已报送市库
  P('nev-park', '新能源汽车零部件产业园项目', '新能源汽车零部件', KEY, 'reported_to_city', DZ, 'luxing', 300000, 420, { late: true, major: true }),
  P('logistics-port', '兰山智慧物流港项目', '现代物流', DEV, 'reported_to_city', YT, 'lanhua', 128000, 300, { late: true }),
  P('biodegradable', '生物可降解材料项目', '新材料', OPT, 'reported_to_city', BSB, 'yihe', 56000, 95),
  P('old-community', '城区老旧小区配套设施提升项目', '城市更新', LIV, 'reported_to_city', LS, 'chengfa', 15000, 30),
  // 已开工
  P('medical-device', '高端医疗器械产业化项目', '生物医药', KEY, 'started', DZ, 'kangyuan', 85000, 140, { major: true }),
  P('grid-equipment', '智能电网装备制造项目', '智能装备', OPT, 'started', SM, 'yimeng', 48000, 90, { lagging: true }),
  P('livestream-base', '电商直播供应链基地项目', '商贸物流', DEV, 'started', LS, 'lanhua', 32000, 60),
  P('engineering-plastics', '特种工程塑料改性项目', '新材料', GEN, 'started', BSB, 'yihe', 24000, 55, { startedLate: true }),
  P('wire-harness', '新能源汽车高压线束生产项目', '新能源汽车零部件', GEN, 'started', DZ, 'luxing', 16000, 35, { assessment: 'none' }),
  P('school-expansion', '义堂镇中心小学改扩建项目', '教育', LIV, 'started', YT, 'chengfa', 11000, 40),
  P('chip-packaging', '半导体封装测试项目', '电子信息', KEY, 'started', BSB, 'zhihui', 180000, 210, { major: true, lagging: true }),
  P('mall-impression', '兰山印象城商业综合体项目', '商贸综合体', DEV, 'started', LS, 'jinchen', 160000, 120, { assessment: 'none' }),
  // 已完成
  P('precision-casting', '精密铸造智能化升级项目', '智能装备', GEN, 'completed', BSB, 'yimeng', 14000, 30),
  P('produce-cold-store', '农产品冷链仓储中心项目', '现代物流', GEN, 'completed', YT, 'lanhua', 9000, 28),
  P('rental-housing', '兰山街道保障性租赁住房项目', '保障性住房', LIV, 'completed', LS, 'chengfa', 42000, 55),
  // 已投产运营
  P('api-green', '原料药绿色生产基地项目', '生物医药', OPT, 'operating', DZ, 'kangyuan', 62000, 110),
  P('smart-cockpit', '汽车智能座舱电子项目', '新能源汽车零部件', KEY, 'operating', DZ, 'luxing', 88000, 130),
  P('graphene-film', '高端石墨烯导热膜项目', '新材料', GEN, 'operating', YT, 'yihe', 20000, 40),
  // 已退出
  P('foundry-expansion', '传统铸造扩能项目', '装备制造', GEN, 'withdrawn', BSB, 'yimeng', 12000, 50, { assessment: 'fail' }),
  P('cross-border-park', '跨境电商产业园项目', '商贸物流', DEV, 'withdrawn', LS, 'jinchen', 45000, 80),
];

/** Stages a project passes through after a passed pre-assessment ('assessed'), on its way to its final stage. */
const STAGE_PATH: Partial<Record<ProjectStage, ProjectStage[]>> = {
  in_library: ['in_library'],
  reported_to_city: ['in_library', 'reported_to_city'],
  started: ['in_library', 'started'],
  withdrawn: ['in_library', 'withdrawn'],
};

const OPINION_TEXT: Record<Dimension, Record<Verdict, string>> = {
  industrial_policy: {
    approve: '项目属于{industry}领域，符合国家《产业结构调整指导目录》鼓励类方向和我区新旧动能转换重点产业布局，同意。',
    conditional: '项目总体符合产业导向，但部分工序属于限制类工艺，须在可研报告中明确采用先进工艺装备，原则同意。',
    reject: '项目主要产能属于《产业结构调整指导目录》限制类，不符合我区新旧动能转换产业导向，不同意。',
  },
  planning_layout: {
    approve: '项目选址位于{applicant}规划范围内，用地性质符合国土空间规划和园区功能定位，同意。',
    conditional: '项目选址基本符合规划，部分地块涉及规划道路红线调整，须先完成控制性详细规划局部修改，原则同意。',
    reject: '项目选址不符合所在园区功能定位，不同意。',
  },
  environmental_protection: {
    approve: '项目须依法开展环境影响评价，主要污染物排放总量可在区域内平衡解决，同意。',
    conditional: '项目需新增挥发性有机物排放总量指标，须通过区域削减替代落实后方可开工，原则同意。',
    reject: '项目所在区域大气环境容量不足，主要污染物排放总量无法平衡，不同意。',
  },
  energy_consumption: {
    approve: '项目年综合能耗约 {energy} 吨标准煤，单位产值能耗低于全市平均水平，同意。',
    conditional: '项目年综合能耗约 {energy} 吨标准煤，须在节能审查中落实能耗等量替代，原则同意。',
    reject: '项目年综合能耗约 {energy} 吨标准煤，单位产品能耗高于行业准入值，不同意。',
  },
  investment_benefit: {
    approve: '项目投资强度约 {intensity} 万元/亩，预计达产后亩均税收符合我区入园标准，同意。',
    conditional: '项目投资强度约 {intensity} 万元/亩，略低于入园标准，须在投资协议中约定达产税收及违约条款，原则同意。',
    reject: '项目投资强度约 {intensity} 万元/亩，低于我区入园标准，不同意。',
  },
};

const CONCLUSION_NOTES: Record<'pass' | 'conditional' | 'fail', string> = {
  pass: '各责任部门意见均为同意，预评估通过，建议纳入项目管理库，加快推进前期手续。',
  conditional: '项目原则可行，请申报单位督促投资方落实各部门提出的条件，条件落实情况纳入入库审核。',
  fail: '项目不符合我区产业导向且能耗水平较高，预评估不通过，请申报单位做好与投资方的沟通解释工作。',
};
const RETURN_NOTE = '申报材料中投资方近三年财务报表和项目可行性研究报告不完整，请补充后重新申请预评估。';

/** Milestones every project plans; `at` is days from the planned start (`dur` = planned construction days). */
const MILESTONES: Array<{ title: string; gate: ProjectStage; at: (dur: number) => number }> = [
  { title: '完成项目备案（核准）', gate: 'assessed', at: () => -90 },
  { title: '取得建设用地规划许可证', gate: 'in_library', at: () => -60 },
  { title: '取得建设工程规划许可证', gate: 'in_library', at: () => -30 },
  { title: '取得施工许可证', gate: 'started', at: () => -7 },
  { title: '项目开工建设', gate: 'started', at: () => 0 },
  { title: '主体结构封顶', gate: 'started', at: (dur) => Math.round(dur * 0.45) },
  { title: '设备安装调试', gate: 'started', at: (dur) => Math.round(dur * 0.8) },
  { title: '竣工验收', gate: 'completed', at: (dur) => dur },
  { title: '投产运营', gate: 'operating', at: (dur) => dur + 60 },
];

/** 形象进度 by the share of the construction period elapsed. */
const PROGRESS_NOTES: Array<[upTo: number, text: string]> = [
  [0.15, '完成场地平整、临时设施搭建和桩基施工准备'],
  [0.35, '基础工程施工，桩基及承台完成约 {pct}%'],
  [0.6, '主体结构施工，形象进度约 {pct}%'],
  [0.8, '主体结构封顶，开展二次结构、屋面及外立面工程'],
  [0.95, '设备进场安装调试，室外配套工程同步推进'],
  [Infinity, '完成竣工验收准备，开展试生产（试运营）'],
];

interface ProblemTheme {
  category: 'procedures' | 'land_supply' | 'environmental_capacity' | 'financing' | 'policy' | 'construction' | 'other';
  lead: string;
  title: string;
  description: string;
  suggestion: string;
  proposal: string;
  resolution: string;
}

const THEMES: Record<string, ProblemTheme> = {
  'land-quota': {
    category: 'land_supply',
    lead: 'natural-resources',
    title: '新增建设用地指标不足',
    description: '项目一期需新增建设用地约 {land} 亩，区内年度新增建设用地计划指标已基本用完，土地征收报批无法启动，影响项目按期开工。',
    suggestion: '建议优先保障重大项目用地，争取市级统筹调剂用地指标。',
    proposal: '区自然资源局梳理存量批而未供土地，优先调剂用于本项目；不足部分由区里汇总后向市级申请统筹解决。',
    resolution: '已通过存量土地盘活和增减挂钩节余指标解决用地指标，土地征收报批材料已上报。',
  },
  'land-acquisition': {
    category: 'land_supply',
    lead: 'natural-resources',
    title: '部分地块征收补偿未完成',
    description: '项目红线内尚有约 {part} 亩地块涉及地上附着物补偿争议，清表工作无法完成，影响土地挂牌出让。',
    suggestion: '建议属地镇街加大工作力度，区自然资源局加快征收程序。',
    proposal: '由属地镇街牵头成立征收工作组，逐户做好补偿政策解释，区自然资源局同步办理征收审批手续。',
    resolution: '地上附着物补偿协议已全部签订，清表工作完成，土地已具备出让条件。',
  },
  'planning-permit': {
    category: 'procedures',
    lead: 'planning',
    title: '建设工程规划许可办理进度慢',
    description: '项目设计方案涉及建筑限高和容积率调整，规划方案审查多次修改，建设工程规划许可证尚未取得。',
    suggestion: '建议规划部门提前介入指导，实行方案联审。',
    proposal: '兰山规划分局安排专人对接设计单位，组织方案联审，并联办理建设工程规划许可。',
    resolution: '规划方案已通过联审，建设工程规划许可证已核发。',
  },
  'fire-review': {
    category: 'procedures',
    lead: 'development-reform',
    title: '消防设计审查与施工图审查衔接不畅',
    description: '项目商业部分消防设计审查意见与施工图审查意见不一致，设计单位反复修改，影响施工许可办理。',
    suggestion: '建议实行联合审查，一次性告知修改意见。',
    proposal: '由区发改局牵头协调相关审查机构开展联合审查，一次性出具审查意见。',
    resolution: '联合审查意见已出具，施工图审查合格，施工许可证已办结。',
  },
  'energy-review': {
    category: 'procedures',
    lead: 'development-reform',
    title: '节能审查批复办理时间长',
    description: '项目年综合能耗超过 5000 吨标准煤，须落实能耗替代来源后方可取得节能审查意见，替代指标来源尚未明确。',
    suggestion: '建议统筹全区腾退能耗指标，优先保障本项目。',
    proposal: '区发改局梳理关停企业腾退能耗，优先用于本项目等量替代，指导企业优化用能方案。',
    resolution: '能耗替代来源已落实，节能审查意见已取得。',
  },
  'emission-quota': {
    category: 'environmental_capacity',
    lead: 'ecology-environment',
    title: '主要污染物排放总量指标缺口',
    description: '项目新增挥发性有机物和氮氧化物排放，区域总量指标存在缺口，环评文件无法报批。',
    suggestion: '建议通过区域削减替代或排污权交易解决总量指标。',
    proposal: '兰山生态环境分局梳理区域内企业深度治理形成的削减量，优先用于本项目替代，不足部分通过排污权交易解决。',
    resolution: '已通过区域削减替代落实排放总量指标，环评文件已批复。',
  },
  'power-access': {
    category: 'construction',
    lead: 'industry-it',
    title: '施工及生产用电接入滞后',
    description: '项目所需 10 千伏双回路供电线路尚未接入，临时施工用电容量不足，影响施工进度和设备调试。',
    suggestion: '建议协调供电公司加快线路建设。',
    proposal: '区工信局协调供电公司开辟绿色通道，先行安装临时变压器，同步推进正式线路建设。',
    resolution: '供电线路已接入并送电，施工及生产用电问题已解决。',
  },
  'road-access': {
    category: 'construction',
    lead: 'planning',
    title: '周边配套道路未打通',
    description: '项目北侧规划道路尚未建设，大型设备及物流车辆进出困难，影响项目施工和后期运营。',
    suggestion: '建议将配套道路纳入年度城建计划，与项目同步建设。',
    proposal: '兰山规划分局明确道路规划线位，由属地镇街会同相关部门将道路纳入年度城建计划并先行建设临时便道。',
    resolution: '临时便道已修通，配套道路已纳入年度城建计划并开工建设。',
  },
  'pipeline-relocation': {
    category: 'construction',
    lead: 'planning',
    title: '地下管线迁改协调难',
    description: '项目施工范围内燃气、通信管线需迁改，涉及多家权属单位，迁改方案迟迟不能确定。',
    suggestion: '建议召开专题会议，明确各权属单位迁改时限。',
    proposal: '兰山规划分局牵头召集管线权属单位确定迁改方案，属地街道做好居民沟通工作，迁改费用按规定分担。',
    resolution: '管线迁改已全部完成，施工作业面已移交。',
  },
  'bank-loan': {
    category: 'financing',
    lead: 'financial-regulation',
    title: '固定资产贷款审批进度慢',
    description: '项目固定资产贷款约 {loan} 万元，合作银行授信审批流程长，部分设备采购资金不能按期到位，影响投资进度。',
    suggestion: '建议召开银企对接会，协调银行加快审批。',
    proposal: '区金融监管局组织银企对接，协调合作银行开辟审批绿色通道，并推荐纳入重点项目融资支持清单。',
    resolution: '银行授信已审批，首笔贷款已发放。',
  },
  'syndicated-loan': {
    category: 'financing',
    lead: 'financial-regulation',
    title: '银团贷款组建困难',
    description: '项目总投资大，需组建银团贷款约 {loan} 万元，牵头行风险审查尚未通过，二期设备采购资金存在缺口。',
    suggestion: '建议区里出面协调，争取政策性银行参与银团。',
    proposal: '区金融监管局协调政策性银行和本地法人银行参与银团，区财政局研究贴息支持政策。',
    resolution: '银团贷款已组建，授信协议已签订。',
  },
  'special-bond': {
    category: 'financing',
    lead: 'finance',
    title: '专项债券资金拨付滞后',
    description: '项目已获批专项债券资金 {loan} 万元，资金拨付进度与工程进度不匹配，施工单位垫资压力较大。',
    suggestion: '建议按工程进度及时拨付债券资金。',
    proposal: '区财政局按月核定工程量，简化拨付审核流程，确保债券资金按进度拨付到位。',
    resolution: '债券资金已按进度拨付，施工单位资金压力缓解。',
  },
  incentive: {
    category: 'policy',
    lead: 'commerce',
    title: '招商引资奖励政策兑现滞后',
    description: '项目投资协议约定的设备投资奖励尚未兑现，企业对后续追加投资存在顾虑。',
    suggestion: '建议按协议约定及时兑现奖励资金。',
    proposal: '区商务局会同区财政局核实设备投资额，按协议约定程序兑现奖励资金。',
    resolution: '设备投资奖励资金已拨付到企业。',
  },
  'rnd-subsidy': {
    category: 'policy',
    lead: 'science-technology',
    title: '研发费用补助申报需要指导',
    description: '企业研发中心建设投入较大，对研发费用加计扣除和省级研发补助政策不熟悉，申报材料准备不足。',
    suggestion: '建议科技部门上门开展政策辅导。',
    proposal: '区科技局安排专人上门辅导，协助企业规范研发费用归集并申报省级研发补助。',
    resolution: '企业已完成研发补助申报并获得省级研发费用补助。',
  },
  'parking-policy': {
    category: 'policy',
    lead: 'development-reform',
    title: '停车收费政策未明确',
    description: '项目建成后的停车收费标准和特许经营期限尚未明确，影响项目融资测算和社会资本参与。',
    suggestion: '建议尽快明确收费标准和特许经营政策。',
    proposal: '区发改局会同区财政局研究制定收费指导标准，明确特许经营期限，报区政府审定。',
    resolution: '停车收费指导标准和特许经营方案已经区政府审定。',
  },
  labour: {
    category: 'other',
    lead: 'industry-it',
    title: '技术工人招聘困难',
    description: '项目投产在即，需招聘一线技术工人约 {workers} 人，目前到岗不足一半，影响产能释放。',
    suggestion: '建议组织专场招聘会，开展校企合作定向培养。',
    proposal: '区工信局会同属地镇街组织专场招聘，对接职业院校开展订单式培养。',
    resolution: '通过专场招聘和校企合作，用工缺口已基本补齐。',
  },
  'talent-housing': {
    category: 'other',
    lead: 'science-technology',
    title: '引进人才住房保障需求迫切',
    description: '项目引进研发及管理人才约 {workers} 人，周边人才公寓房源不足，影响人才稳定。',
    suggestion: '建议统筹人才公寓和保障性租赁住房房源。',
    proposal: '区科技局会同属地镇街统筹人才公寓房源，不足部分协调保障性租赁住房解决。',
    resolution: '已协调人才公寓房源，引进人才住房需求已得到保障。',
  },
};

interface ProblemSeed {
  key: string;
  project: string;
  theme: keyof typeof THEMES;
  status: ProblemStatus;
  urgent?: boolean;
  /** 'local' problems are solved by the town itself; 'city' ones go up to 市发展改革委. */
  level?: 'local' | 'district' | 'city';
}

const Q = (key: string, project: string, theme: string, status: ProblemStatus, extra: Partial<ProblemSeed> = {}): ProblemSeed => ({
  key,
  project,
  theme,
  status,
  ...extra,
});

const PROBLEMS: ProblemSeed[] = [
  Q('complex-land', 'commercial-complex', 'land-acquisition', 'assigned', { urgent: true }),
  Q('complex-permit', 'commercial-complex', 'planning-permit', 'proposed'),
  Q('alu-emission', 'auto-aluminium', 'emission-quota', 'resolving'),
  Q('alu-power', 'auto-aluminium', 'power-access', 'reported'),
  Q('nev-land', 'nev-park', 'land-quota', 'escalated', { urgent: true, level: 'city' }),
  Q('nev-loan', 'nev-park', 'syndicated-loan', 'proposed'),
  Q('port-road', 'logistics-port', 'road-access', 'assigned'),
  Q('port-land', 'logistics-port', 'land-acquisition', 'resolving'),
  Q('cnc-incentive', 'cnc-park', 'incentive', 'resolved'),
  Q('echem-emission', 'e-chemicals', 'emission-quota', 'reported', { urgent: true }),
  Q('clinic-pipeline', 'community-clinic', 'pipeline-relocation', 'resolved', { level: 'local' }),
  Q('bio-energy', 'biodegradable', 'energy-review', 'resolved'),
  Q('oldcomm-pipeline', 'old-community', 'pipeline-relocation', 'resolving'),
  Q('device-rnd', 'medical-device', 'rnd-subsidy', 'resolved'),
  Q('grid-loan', 'grid-equipment', 'bank-loan', 'resolving', { urgent: true }),
  Q('grid-power', 'grid-equipment', 'power-access', 'assigned'),
  Q('live-labour', 'livestream-base', 'labour', 'reported'),
  Q('plastics-emission', 'engineering-plastics', 'emission-quota', 'resolved'),
  Q('harness-power', 'wire-harness', 'power-access', 'resolved', { level: 'local' }),
  Q('school-bond', 'school-expansion', 'special-bond', 'proposed'),
  Q('chip-loan', 'chip-packaging', 'syndicated-loan', 'assigned', { urgent: true }),
  Q('chip-talent', 'chip-packaging', 'talent-housing', 'reported'),
  Q('mall-fire', 'mall-impression', 'fire-review', 'resolved'),
  Q('tcm-land', 'tcm-granule', 'land-quota', 'reported'),
  Q('parking-policy', 'smart-parking', 'parking-policy', 'proposed'),
];

/** How long ago (days) a problem in each status was reported, so that its later steps fit before today. */
const PROBLEM_AGE: Record<ProblemStatus, [number, number]> = {
  reported: [1, 12],
  assigned: [8, 18],
  proposed: [18, 35],
  resolving: [30, 60],
  resolved: [45, 110],
  escalated: [25, 40],
};

interface TaskSeed {
  title: string;
  responsible: string;
  co?: string[];
  project?: string;
  problem?: string;
  /** Days from today (negative: already past). */
  deadline: number;
  status: TaskStatus;
  note?: string;
}

interface MeetingSeed {
  key: string;
  type: 'monthly_dispatch' | 'weekly' | 'special_consultation' | 'joint_pre_assessment';
  mode: 'onsite' | 'video';
  /** Days from today; positive for a meeting already scheduled. */
  day: number;
  /** A subject for special consultations; the other types are titled by date. */
  subject?: string;
  chair: string;
  attendees: string[];
  projects: string[];
  problems: string[];
  summary: string;
  minute?: { title: string; tasks: TaskSeed[] };
}

const DEPARTMENTS = ['commerce', 'development-reform', 'science-technology', 'industry-it', 'finance', 'natural-resources', 'planning', 'ecology-environment', 'financial-regulation'];
const TOWNS = [LS, BSB, YT, DZ, SM];

const MEETINGS: MeetingSeed[] = [
  {
    key: 'dispatch-last',
    type: 'monthly_dispatch',
    mode: 'onsite',
    day: -52,
    chair: LEADERS[0],
    attendees: ['office', ...DEPARTMENTS, ...TOWNS],
    projects: ['commercial-complex', 'auto-aluminium', 'cnc-park', 'logistics-port'],
    problems: ['complex-land', 'alu-emission', 'cnc-incentive', 'port-land'],
    summary: '听取各镇街（经开区）重大项目推进情况汇报，对未按期开工项目逐一分析原因，研究解决用地、环境容量等困难问题。',
    minute: {
      title: '重大项目落地月调度会议纪要',
      tasks: [
        { title: '加快兰山国际商贸综合体项目土地征收', responsible: 'natural-resources', co: ['planning', LS], project: 'commercial-complex', problem: 'complex-land', deadline: -6, status: 'pending' },
        { title: '落实汽车轻量化铝合金部件项目排放总量替代', responsible: 'ecology-environment', co: ['development-reform', DZ], project: 'auto-aluminium', problem: 'alu-emission', deadline: 12, status: 'in_progress' },
        { title: '兑现数控机床智能制造产业园项目设备投资奖励', responsible: 'commerce', co: ['finance'], project: 'cnc-park', problem: 'cnc-incentive', deadline: -25, status: 'done', note: '经核实设备投资额，奖励资金已于本月拨付企业。' },
      ],
    },
  },
  {
    key: 'complex-consultation',
    type: 'special_consultation',
    mode: 'onsite',
    day: -40,
    subject: '兰山国际商贸综合体项目落地',
    chair: LEADERS[1],
    attendees: ['office', 'commerce', 'development-reform', 'natural-resources', 'planning', 'finance', LS],
    projects: ['commercial-complex'],
    problems: ['complex-land', 'complex-permit'],
    summary: '专题研究兰山国际商贸综合体项目用地征收、规划许可等问题，明确落地路线图、时间表和责任链。',
    minute: {
      title: '关于兰山国际商贸综合体项目落地的专题会商纪要',
      tasks: [
        { title: '完成项目规划设计方案联审', responsible: 'planning', co: ['natural-resources'], project: 'commercial-complex', deadline: -26, status: 'done', note: '规划设计方案已通过联审，审查意见已反馈设计单位。' },
        { title: '完成项目红线内地上附着物补偿和清表', responsible: LS, co: ['natural-resources', 'finance'], project: 'commercial-complex', problem: 'complex-land', deadline: -3, status: 'pending' },
        { title: '并联办理施工许可，具备开工条件', responsible: 'development-reform', co: ['planning', LS], project: 'commercial-complex', problem: 'complex-permit', deadline: 35, status: 'pending' },
      ],
    },
  },
  {
    key: 'dispatch-this',
    type: 'monthly_dispatch',
    mode: 'video',
    day: -20,
    chair: LEADERS[0],
    attendees: ['office', ...DEPARTMENTS, ...TOWNS],
    projects: ['nev-park', 'grid-equipment', 'chip-packaging', 'logistics-port'],
    problems: ['nev-land', 'grid-loan', 'chip-loan', 'port-road'],
    summary: '通报上月项目开工率、投资完成率和问题办结率，对亮黄灯、红灯项目逐一调度，部署下阶段重点工作。',
    minute: {
      title: '重大项目落地月调度会议纪要',
      tasks: [
        { title: '协调半导体封装测试项目银团贷款', responsible: 'financial-regulation', co: ['finance', BSB], project: 'chip-packaging', problem: 'chip-loan', deadline: -2, status: 'pending' },
        { title: '督促智能电网装备制造项目加快设备采购和投资进度', responsible: SM, co: ['industry-it'], project: 'grid-equipment', deadline: 20, status: 'in_progress' },
        { title: '汇总新能源汽车零部件产业园项目用地指标问题报送市发展改革委', responsible: 'development-reform', co: ['natural-resources'], project: 'nev-park', problem: 'nev-land', deadline: -12, status: 'done', note: '问题材料已汇总并正式报送市发展改革委。' },
      ],
    },
  },
  {
    key: 'nev-consultation',
    type: 'special_consultation',
    mode: 'video',
    day: -15,
    subject: '新能源汽车零部件产业园项目落地',
    chair: LEADERS[2],
    attendees: ['office', 'commerce', 'development-reform', 'industry-it', 'natural-resources', 'ecology-environment', 'financial-regulation', DZ],
    projects: ['nev-park'],
    problems: ['nev-land', 'nev-loan'],
    summary: '跨部门、跨层级会商新能源汽车零部件产业园项目用地、能耗和融资问题，研究落地工作方案。',
    minute: {
      title: '关于新能源汽车零部件产业园项目落地的专题会商纪要',
      tasks: [
        { title: '编制项目落地路线图和时间表', responsible: DZ, co: ['development-reform', 'commerce'], project: 'nev-park', deadline: -8, status: 'done', note: '落地路线图和时间表已编制完成并印发各责任单位。' },
        { title: '完成项目节能审查', responsible: 'development-reform', co: ['industry-it'], project: 'nev-park', deadline: 15, status: 'pending' },
        { title: '争取市级统筹新增建设用地指标', responsible: 'natural-resources', co: ['development-reform', DZ], project: 'nev-park', problem: 'nev-land', deadline: 30, status: 'in_progress' },
        { title: '协调政策性银行参与项目银团贷款', responsible: 'financial-regulation', co: ['finance'], project: 'nev-park', problem: 'nev-loan', deadline: 25, status: 'pending' },
      ],
    },
  },
  {
    key: 'weekly-1',
    type: 'weekly',
    mode: 'onsite',
    day: -11,
    chair: '赵文杰（区发改局局长）',
    attendees: ['office', 'commerce', 'development-reform', 'natural-resources', 'planning', 'ecology-environment'],
    projects: ['tcm-granule', 'auto-aluminium', 'e-chemicals'],
    problems: ['tcm-land', 'alu-power', 'echem-emission'],
    summary: '成员单位分管负责人集中研究本周新报送的困难问题，明确牵头部门。',
  },
  {
    key: 'joint-assessment',
    type: 'joint_pre_assessment',
    mode: 'onsite',
    day: -1,
    chair: '钱国华（区商务局局长）',
    attendees: ['commerce', 'development-reform', 'science-technology', 'industry-it', 'finance', 'natural-resources', 'planning', 'ecology-environment'],
    projects: ['biopharma-park', 'cold-chain', 'display-module'],
    problems: [],
    summary: '预评估联席会议集中研究生物医药创新孵化园等在评项目，邀请专家对重大项目进行论证。',
    minute: {
      title: '项目预评估联席会议纪要',
      tasks: [
        { title: '补充生物医药创新孵化园项目环境影响分析材料', responsible: DZ, co: ['ecology-environment'], project: 'biopharma-park', deadline: 4, status: 'in_progress' },
        { title: '组织专家论证孵化园项目投资强度及效益', responsible: 'commerce', co: ['finance', 'natural-resources'], project: 'biopharma-park', deadline: 8, status: 'pending' },
      ],
    },
  },
  {
    key: 'weekly-2',
    type: 'weekly',
    mode: 'video',
    day: -4,
    chair: '赵文杰（区发改局局长）',
    attendees: ['office', 'development-reform', 'industry-it', 'financial-regulation', 'finance'],
    projects: ['chip-packaging', 'grid-equipment', 'school-expansion'],
    problems: ['chip-loan', 'grid-power', 'school-bond'],
    summary: '调度融资和要素保障类问题办理进展，督促牵头部门按时限提出办理意见。',
  },
  {
    key: 'weekly-next',
    type: 'weekly',
    mode: 'onsite',
    day: 3,
    chair: '赵文杰（区发改局局长）',
    attendees: ['office', 'commerce', 'development-reform', 'natural-resources', 'planning'],
    projects: ['commercial-complex', 'logistics-port'],
    problems: ['complex-land', 'port-road', 'live-labour'],
    summary: '（已安排）研究未按期开工项目的要素保障问题。',
  },
];

/** Tasks that come straight from a problem's handling rather than from a meeting. */
const PROBLEM_TASKS: TaskSeed[] = [
  { title: '对接合作银行落实流动资金贷款', responsible: 'financial-regulation', co: [SM], problem: 'grid-loan', deadline: 7, status: 'in_progress' },
  { title: '完成老旧小区燃气管线迁改', responsible: 'planning', co: [LS], problem: 'oldcomm-pipeline', deadline: -4, status: 'pending' },
  { title: '完成智慧物流港项目剩余地块征收', responsible: YT, co: ['natural-resources'], problem: 'port-land', deadline: 12, status: 'in_progress' },
  { title: '组织消防设计和施工图联合审查', responsible: 'development-reform', co: ['planning'], problem: 'mall-fire', deadline: -30, status: 'done', note: '联合审查意见已一次性出具，施工许可证已核发。' },
  { title: '落实特种工程塑料改性项目排放总量替代', responsible: 'ecology-environment', co: [BSB], problem: 'plastics-emission', deadline: -45, status: 'done', note: '削减替代方案已落实，环评已批复。' },
  { title: '明确停车收费指导标准', responsible: 'development-reform', co: ['finance'], problem: 'parking-policy', deadline: 10, status: 'pending' },
];

interface PledgeSeed {
  bureau: string;
  pledgedBy: string;
  targets: string;
  measures: string;
  /** [title, days from today, target value, outcome] */
  nodes: Array<[string, number, string, 'on_time' | 'late' | 'pending']>;
}

const PLEDGES: PledgeSeed[] = [
  {
    bureau: DZ,
    pledgedBy: '韩立军（经开区党工委书记）',
    targets: '全年新开工重大项目 4 个，完成重大项目投资 30 亿元，新能源汽车零部件产业园项目年内开工。',
    measures: '实行“一个项目、一个领导、一套班子、一个专员、一跟到底”，每周调度在建项目，要素问题当周上报。',
    nodes: [
      ['完成一季度项目集中签约', -240, '签约项目 3 个', 'on_time'],
      ['高端医疗器械产业化项目开工', -150, '开工', 'on_time'],
      ['汽车轻量化铝合金部件项目取得规划许可', -90, '取得建设工程规划许可证', 'late'],
      ['新能源汽车零部件产业园项目完成土地报批', -30, '土地报批材料上报', 'pending'],
      ['新能源汽车零部件产业园项目开工', 35, '开工', 'pending'],
    ],
  },
  {
    bureau: BSB,
    pledgedBy: '林晓东（白沙埠镇党委书记）',
    targets: '全年重大项目开工率达到 80% 以上，半导体封装测试项目完成年度投资 8 亿元。',
    measures: '镇主要负责同志包保重点项目，建立问题清单、责任清单，问题办结率纳入镇机关考核。',
    nodes: [
      ['半导体封装测试项目主体开工', -200, '开工', 'on_time'],
      ['特种工程塑料改性项目开工', -120, '开工', 'late'],
      ['生物可降解材料项目报送市库', -45, '报送市项目管理库', 'on_time'],
      ['半导体封装测试项目厂房封顶', 20, '主体结构封顶', 'pending'],
    ],
  },
  {
    bureau: YT,
    pledgedBy: '许文静（义堂镇镇长）',
    targets: '兰山智慧物流港项目完成征收清表并开工，义堂镇中心小学改扩建项目秋季前主体完工。',
    measures: '成立征收工作专班，实行周调度、月通报，重大问题随时报送区领导小组办公室。',
    nodes: [
      ['中心小学改扩建项目开工', -180, '开工', 'on_time'],
      ['中药配方颗粒项目完成预评估', -100, '预评估通过', 'on_time'],
      ['智慧物流港项目完成征收清表', -40, '清表 300 亩', 'pending'],
      ['智慧物流港项目开工', 40, '开工', 'pending'],
    ],
  },
  {
    bureau: LS,
    pledgedBy: '曹志远（兰山街道党工委书记）',
    targets: '兰山国际商贸综合体项目年内具备开工条件，保障性租赁住房项目交付使用。',
    measures: '街道班子成员分包地块，逐户做好征收补偿工作，配合部门并联办理审批手续。',
    nodes: [
      ['保障性租赁住房项目竣工验收', -210, '竣工验收', 'late'],
      ['电商直播供应链基地项目开工', -130, '开工', 'on_time'],
      ['商贸综合体项目规划方案联审', -60, '通过联审', 'on_time'],
      ['商贸综合体项目完成清表', -10, '完成清表', 'on_time'],
      ['商贸综合体项目办理施工许可', 50, '取得施工许可证', 'pending'],
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Machinery: PRNG, calendar, writes
// ---------------------------------------------------------------------------------------------------------------

const UID = {
  enterprise: 'api::enterprise.enterprise',
  expert: 'api::expert.expert',
  project: 'api::project.project',
  progressReport: 'api::progress-report.progress-report',
  preAssessment: 'api::pre-assessment.pre-assessment',
  opinion: 'api::opinion.opinion',
  problem: 'api::problem.problem',
  problemList: 'api::problem-list.problem-list',
  meeting: 'api::meeting.meeting',
  minute: 'api::minute.minute',
  task: 'api::task.task',
  pledge: 'api::pledge.pledge',
  bureau: 'api::bureau.bureau',
} as const;

type Doc = Record<string, any> & { documentId: string };

/** mulberry32: a small deterministic PRNG. */
interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** One independent stream per record, so adding a record or a month of reports never shifts the others. */
function rngFor(key: string): Rng {
  let hash = SEED;
  for (const ch of key) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return createRng(hash);
}

/** Dates relative to today in Asia/Shanghai. */
class Calendar {
  readonly now = DateTime.now().setZone(ZONE);
  readonly today = this.now.startOf('day');

  /** The ISO date `days` from today. */
  date(days: number): string {
    return this.today.plus({ days }).toISODate()!;
  }

  /** An instant `days` from today at the given Shanghai time, never later than a minute ago. */
  past(days: number, hour = 10, minute = 0): DateTime {
    const at = this.today.plus({ days }).set({ hour, minute });
    return at < this.now ? at : this.now.minus({ minutes: 1 });
  }

  /** An instant `days` from today at the given Shanghai time (may be in the future). */
  at(days: number, hour = 10, minute = 0): DateTime {
    return this.today.plus({ days }).set({ hour, minute });
  }

  daysFromToday(date: DateTime): number {
    return Math.round(date.startOf('day').diff(this.today, 'days').days);
  }

  /** The working day (PRC calendar, 调休 included) nearest `days` from today, looking back (-1) or ahead (+1). */
  workday(days: number, direction: 1 | -1 = -1): number {
    let day = days;
    while (!STATUTORY.isWorkingDay(this.date(day))) day += direction;
    return day;
  }

  /** An instant during office hours `workdays` working days after `from` (0: the same day), after `from`, before now. */
  officeTime(from: DateTime, workdays: number, rng: Rng): DateTime {
    let day = from.startOf('day');
    for (let counted = 0; counted < workdays; ) {
      day = day.plus({ days: 1 });
      if (STATUTORY.isWorkingDay(day.toISODate()!)) counted += 1;
    }
    let at = day.set({ hour: rng.int(9, 17), minute: rng.int(0, 59) });
    if (at <= from) at = from.plus({ minutes: rng.int(30, 150) });
    return DateTime.min(at, this.now.minus({ minutes: 1 }));
  }
}

/** The data without its undefined keys (fields a builder leaves alone). */
const defined = (data: Record<string, any>): any =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
const iso = (instant: DateTime) => instant.toUTC().toISO()!;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));

/** Everything the builders share: the app, the calendar, what has been created so far, and counts. */
class DemoContext {
  readonly calendar = new Calendar();
  readonly bureaus = new Map<string, Doc>();
  readonly enterprises = new Map<string, Doc>();
  readonly experts: Doc[] = [];
  readonly projects = new Map<string, { seed: ProjectSeed; doc: Doc; schedule: Schedule }>();
  readonly problems = new Map<string, { seed: ProblemSeed; doc: Doc; reportedAt: DateTime }>();
  readonly counts: Record<string, number> = {};

  constructor(readonly strapi: Core.Strapi) {}

  async create(uid: string, data: Record<string, any>): Promise<Doc> {
    this.counts[uid] = (this.counts[uid] ?? 0) + 1;
    return (await this.strapi.documents(uid as any).create({ data: defined(data) })) as unknown as Doc;
  }

  async update(uid: string, documentId: string, data: Record<string, any>): Promise<Doc> {
    return (await this.strapi.documents(uid as any).update({ documentId, data: defined(data) })) as unknown as Doc;
  }

  bureau(code: string): string {
    const bureau = this.bureaus.get(code);
    if (!bureau) throw new Error(`演示数据：缺少单位 ${code} / demo data: bureau ${code} is missing (run the bureau seed first)`);
    return bureau.documentId;
  }

  project(key: string) {
    const project = this.projects.get(key);
    if (!project) throw new Error(`demo data: unknown project ${key}`);
    return project;
  }

  problem(key: string) {
    const problem = this.problems.get(key);
    if (!problem) throw new Error(`demo data: unknown problem ${key}`);
    return problem;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------------------------

async function loadBureaus(ctx: DemoContext) {
  const rows = await ctx.strapi.db.query(UID.bureau).findMany({ select: ['documentId', 'code', 'name'] });
  for (const row of rows) ctx.bureaus.set(row.code, row as Doc);
}

/** A valid 统一社会信用代码: 9 (工商) 1 (企业), the district's region code, an organisation code, the check character. */
function creditCode(key: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const rng = rngFor(`credit:${key}`);
  let organisation = 'MA';
  while (organisation.length < 9) organisation += rng.pick([...alphabet]);
  const first17 = `91${REGION_CODE}${organisation}`;
  return first17 + checkCharacter(first17);
}

async function seedEnterprises(ctx: DemoContext) {
  for (const seed of ENTERPRISES) {
    const doc = await ctx.create(UID.enterprise, {
      name: `${seed.name}${DEMO}`,
      creditCode: creditCode(seed.key),
      legalRepresentative: seed.legalRepresentative,
      address: seed.address,
      creditLine: seed.creditLine,
      isDemo: true,
    });
    ctx.enterprises.set(seed.key, doc);
  }
}

async function seedExperts(ctx: DemoContext) {
  for (const expert of EXPERTS) ctx.experts.push(await ctx.create(UID.expert, { ...expert, active: true }));
}

// --- projects -------------------------------------------------------------------------------------------------

interface Schedule {
  requestedAt?: DateTime;
  plannedStart: DateTime;
  plannedCompletion: DateTime;
  actualStart?: DateTime;
  actualCompletion?: DateTime;
  /** Planned construction period in days. */
  duration: number;
}

function assessmentOf(seed: ProjectSeed): Assessment {
  if (seed.assessment) return seed.assessment;
  if (seed.stage === 'pre_assessing') return 'open';
  if (['assessed', 'in_library', 'reported_to_city', 'started', 'withdrawn'].includes(seed.stage)) return 'pass';
  return 'none'; // declared, and completed or operating projects that predate the platform
}

/** When a project was (or will be) requested, started and completed, by its stage; days are relative to today. */
function planSchedule(seed: ProjectSeed, calendar: Calendar, rng: Rng): Schedule {
  const months = Math.min(30, Math.max(8, Math.round(9 + seed.investment / 15000)));
  const duration = Math.round(months * 30.4);
  let request: number | undefined;
  let start: number;
  let actualStart: number | undefined;
  let actualCompletion: number | undefined;

  switch (seed.stage) {
    case 'declared':
      start = rng.int(120, 300);
      break;
    case 'pre_assessing':
      request = -rng.int(1, 6);
      start = rng.int(90, 240);
      break;
    case 'assessed':
      request = -rng.int(20, 45);
      start = seed.late ? -rng.int(15, 40) : rng.int(45, 180);
      break;
    case 'in_library':
      request = -rng.int(60, 120);
      start = seed.late ? -rng.int(30, 90) : rng.int(30, 150);
      break;
    case 'reported_to_city':
      request = -rng.int(100, 180);
      start = seed.late ? -rng.int(30, 100) : rng.int(20, 120);
      break;
    case 'started':
      actualStart = -rng.int(40, 330);
      start = actualStart - (seed.startedLate ? rng.int(60, 100) : rng.int(0, 20));
      request = start - rng.int(90, 150);
      break;
    case 'completed':
    case 'operating':
      actualCompletion = seed.stage === 'completed' ? -rng.int(40, 120) : -rng.int(150, 400);
      actualStart = actualCompletion - duration - rng.int(0, 30);
      start = actualStart - rng.int(0, 15);
      break;
    default: // withdrawn
      request = seed.assessment === 'fail' ? -rng.int(40, 70) : -rng.int(150, 200);
      start = rng.int(60, 180);
  }
  if (request !== undefined) request = Math.min(request, start - 30);

  const day = (days: number | undefined) => (days === undefined ? undefined : calendar.today.plus({ days }));
  return {
    requestedAt: request === undefined ? undefined : calendar.past(calendar.workday(request), 9, rng.int(0, 59)),
    plannedStart: day(start)!,
    plannedCompletion: day(start + duration)!,
    actualStart: day(actualStart),
    actualCompletion: day(actualCompletion),
    duration,
  };
}

/** The project's planned milestones, with actual dates for those its final stage says have happened. */
function buildMilestones(seed: ProjectSeed, schedule: Schedule, calendar: Calendar, rng: Rng, finalStage: ProjectStage) {
  const slip = schedule.actualStart ? schedule.actualStart.diff(schedule.plannedStart, 'days').days : 0;
  return MILESTONES.map(({ title, gate, at }) => {
    const offset = at(schedule.duration);
    const planned = schedule.plannedStart.plus({ days: offset });
    let actual: DateTime | undefined;
    if (stageAtLeast(finalStage, gate)) {
      if (title === '项目开工建设') actual = schedule.actualStart;
      else if (gate === 'completed') actual = schedule.actualCompletion;
      else if (gate === 'operating') actual = schedule.actualCompletion!.plus({ days: rng.int(30, 60) });
      else if (offset < 0) actual = planned.plus({ days: rng.int(-10, 10) });
      else actual = planned.plus({ days: slip + rng.int(-5, 15) });
      if (actual && offset < 0 && schedule.actualStart && actual > schedule.actualStart) actual = schedule.actualStart;
      if (actual && offset > 0 && schedule.actualCompletion && actual > schedule.actualCompletion && gate === 'started') {
        actual = schedule.actualCompletion;
      }
      if (actual && actual > calendar.today) actual = gate === 'started' || gate === 'in_library' || gate === 'assessed' ? undefined : calendar.today;
    }
    const name = gate === 'operating' && seed.category === 'livelihood' ? '交付使用' : title;
    return { title: name, plannedDate: planned.toISODate(), actualDate: actual ? actual.toISODate() : null };
  });
}

function projectFields(ctx: DemoContext, seed: ProjectSeed, schedule: Schedule, rng: Rng) {
  const enterprise = ENTERPRISES.find((item) => item.key === seed.enterprise)!;
  const applicant = ctx.bureaus.get(seed.applicant)!;
  const leader = rng.pick(LEADERS);
  // 年度计划投资: none once built or withdrawn; the larger share of the total for projects under construction
  const annualShare = ['completed', 'operating', 'withdrawn'].includes(seed.stage) ? null : seed.stage === 'started' ? rng.int(50, 70) : rng.int(30, 60);
  const annual = annualShare === null ? null : Math.round((seed.investment * annualShare) / 100);
  return {
    name: `${seed.name}${DEMO}`,
    summary: `${enterprise.name}${DEMO}投资建设，规划用地约 ${seed.land} 亩，总投资 ${seed.investment} 万元，${INDUSTRIES[seed.industry].scope}。`,
    category: seed.category,
    industry: seed.industry,
    applicantBureau: applicant.documentId,
    enterprise: ctx.enterprises.get(seed.enterprise)!.documentId,
    plannedInvestment: seed.investment,
    annualPlannedInvestment: annual,
    landArea: seed.land,
    plannedStartDate: schedule.plannedStart.toISODate(),
    plannedCompletionDate: schedule.plannedCompletion.toISODate(),
    leader,
    commissioner: rng.pick(COMMISSIONERS),
    team: `${leader.replace(/（.*）/, '')}任组长，${applicant.name}、区商务局、区自然资源局、兰山规划分局等单位抽调人员组成工作专班`,
    isDemo: true,
  };
}

/** The fields a project gets when it reaches its final stage. */
function finalFields(seed: ProjectSeed, schedule: Schedule, calendar: Calendar, rng: Rng) {
  return {
    stage: seed.stage,
    actualStartDate: schedule.actualStart?.toISODate() ?? null,
    actualCompletionDate: schedule.actualCompletion?.toISODate() ?? null,
    milestones: buildMilestones(seed, schedule, calendar, rng, seed.stage),
  };
}

async function seedProjects(ctx: DemoContext) {
  for (const seed of PROJECTS) {
    const rng = rngFor(`project:${seed.key}`);
    const schedule = planSchedule(seed, ctx.calendar, rng);
    const fields = projectFields(ctx, seed, schedule, rng);
    const assessment = assessmentOf(seed);
    const final = finalFields(seed, schedule, ctx.calendar, rng);

    let doc: Doc;
    if (assessment === 'none') {
      // No pre-assessment on the platform: the project is entered at its stage directly.
      doc = await ctx.create(UID.project, { ...fields, ...final });
    } else {
      // Declared first, so that the pre-assessment moves it on as it would in real life.
      doc = await ctx.create(UID.project, { ...fields, stage: 'declared', milestones: buildMilestones(seed, schedule, ctx.calendar, rng, 'declared') });
      await assess(ctx, seed, doc, schedule, assessment, rng);
      const path = seed.stage === 'withdrawn' && assessment === 'fail' ? ['withdrawn'] : STAGE_PATH[seed.stage] ?? [];
      for (const stage of path) {
        doc = await ctx.update(UID.project, doc.documentId, stage === seed.stage ? final : { stage });
      }
      if (!path.length) doc = await ctx.update(UID.project, doc.documentId, { milestones: final.milestones });
    }
    ctx.projects.set(seed.key, { seed, doc, schedule });
    await reportProgress(ctx, seed, doc, schedule, rng);
  }
}

// --- pre-assessments and opinions -----------------------------------------------------------------------------

async function assess(ctx: DemoContext, seed: ProjectSeed, project: Doc, schedule: Schedule, kind: Assessment, rng: Rng) {
  const { calendar } = ctx;
  const requestedAt = schedule.requestedAt!;
  const experts = seed.major ? pickExperts(ctx, rng) : [];

  if (kind === 'returned') {
    // A first request sent back for incomplete materials, then a new one that is still open.
    const first = calendar.past(calendar.workday(calendar.daysFromToday(requestedAt) - rng.int(18, 25)), 9, rng.int(0, 59));
    const returned = await requestAssessment(ctx, project, first, experts);
    await ctx.update(UID.preAssessment, returned.documentId, {
      state: 'returned',
      conclusionNote: RETURN_NOTE,
      feedbackAt: iso(calendar.officeTime(first, 1, rng)),
    });
  }

  const preAssessment = await requestAssessment(ctx, project, requestedAt, experts);
  const opinions = await ctx.strapi.documents(UID.opinion as any).findMany({
    filters: { preAssessment: { documentId: preAssessment.documentId } } as any,
    sort: 'id:asc',
  });
  const facts = opinionFacts(ctx, seed);

  if (kind === 'open' || kind === 'returned') {
    // Some bureaus have answered, the others are still within (or past) their two working days.
    for (const [index, opinion] of opinions.entries()) {
      if (index % 3 === 2 || rng.next() < 0.35) continue;
      const verdict: Verdict = rng.next() < 0.2 ? 'conditional' : 'approve';
      await submitOpinion(ctx, opinion, verdict, facts, calendar.officeTime(requestedAt, rng.int(0, 1), rng));
    }
    return;
  }

  const verdicts = plannedVerdicts(opinions, kind, rng);
  for (const [index, opinion] of opinions.entries()) {
    await submitOpinion(ctx, opinion, verdicts[index], facts, calendar.officeTime(requestedAt, rng.int(0, 2), rng));
  }
  const conclusion = kind === 'fail' ? 'fail' : kind === 'conditional' ? 'conditional' : 'pass';
  await ctx.update(UID.preAssessment, preAssessment.documentId, {
    state: 'completed',
    conclusion,
    conclusionNote: CONCLUSION_NOTES[conclusion],
  });
  // The rule stamps feedbackAt with the moment of completion; this back-filled record gives the historical one.
  await ctx.update(UID.preAssessment, preAssessment.documentId, { feedbackAt: iso(calendar.officeTime(requestedAt, 3, rng)) });
}

function pickExperts(ctx: DemoContext, rng: Rng): string[] {
  const chosen = new Set<string>();
  const wanted = rng.int(2, 3);
  while (chosen.size < wanted) chosen.add(rng.pick(ctx.experts).documentId);
  return [...chosen];
}

/** Who attests a demo request for its applicant unit (申报主体承诺): picked by the project's name, not the seed's randomness. */
const ATTESTERS = ['王建国', '李红梅', '张志强', '刘晓燕', '陈立新', '赵海涛'];
const attesterOf = (project: Doc) => ATTESTERS[[...String(project.name)].reduce((sum, char) => sum + char.charCodeAt(0), 0) % ATTESTERS.length];

function requestAssessment(ctx: DemoContext, project: Doc, requestedAt: DateTime, experts: string[]) {
  return ctx.create(UID.preAssessment, {
    project: project.documentId,
    attestedBy: attesterOf(project),
    requestedAt: iso(requestedAt),
    isMajor: experts.length > 0,
    experts,
  });
}

/** Which verdict each opinion of a concluded pre-assessment gives. */
function plannedVerdicts(opinions: Doc[], kind: Assessment, rng: Rng): Verdict[] {
  return opinions.map((opinion) => {
    if (kind === 'fail') {
      return ['industrial_policy', 'energy_consumption'].includes(opinion.dimension) ? 'reject' : rng.next() < 0.5 ? 'conditional' : 'approve';
    }
    if (kind === 'conditional') {
      return ['environmental_protection', 'investment_benefit'].includes(opinion.dimension) && rng.next() < 0.7 ? 'conditional' : 'approve';
    }
    return 'approve';
  });
}

function opinionFacts(ctx: DemoContext, seed: ProjectSeed) {
  return {
    industry: seed.industry,
    applicant: ctx.bureaus.get(seed.applicant)!.name,
    energy: Math.round(seed.investment * INDUSTRIES[seed.industry].energy),
    intensity: Math.round(seed.investment / seed.land),
  };
}

function submitOpinion(ctx: DemoContext, opinion: Doc, verdict: Verdict, facts: Record<string, string | number>, at: DateTime) {
  return ctx.update(UID.opinion, opinion.documentId, {
    state: 'submitted',
    verdict,
    content: fill(OPINION_TEXT[opinion.dimension as Dimension][verdict], facts),
    submittedAt: iso(at),
  });
}

// --- progress reports -----------------------------------------------------------------------------------------

/** Monthly reports from the start month to the completion month or last month, adding up to a plausible total. */
async function reportProgress(ctx: DemoContext, seed: ProjectSeed, project: Doc, schedule: Schedule, rng: Rng) {
  if (!schedule.actualStart) return;
  const { today } = ctx.calendar;
  const lastMonth = today.startOf('month').minus({ months: 1 });
  const end = schedule.actualCompletion ? DateTime.min(schedule.actualCompletion.startOf('month'), lastMonth) : lastMonth;
  const periods: DateTime[] = [];
  for (let month = schedule.actualStart.startOf('month'); month <= end; month = month.plus({ months: 1 })) periods.push(month);
  if (!periods.length) return;

  const elapsed = (month: DateTime) =>
    Math.min(1, month.endOf('month').diff(schedule.actualStart!, 'days').days / schedule.duration);
  const target = schedule.actualCompletion
    ? seed.investment * (rng.int(95, 100) / 100)
    : seed.investment * Math.min(0.95, elapsed(periods[periods.length - 1])) * (seed.lagging ? rng.int(35, 55) / 100 : rng.int(85, 108) / 100);
  const weights = periods.map(() => 0.7 + rng.next() * 0.6);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);

  for (const [index, month] of periods.entries()) {
    const amount = Math.round((target * weights[index]) / totalWeight);
    const share = elapsed(month);
    const note = PROGRESS_NOTES.find(([upTo]) => share <= upTo)![1];
    await ctx.create(UID.progressReport, {
      project: project.documentId,
      period: month.toFormat('yyyy-LL'),
      investmentThisPeriod: amount,
      description: `${fill(note, { pct: Math.round(share * 100) })}，本月完成投资 ${amount} 万元。`,
    });
  }
}

// --- problems -------------------------------------------------------------------------------------------------

/** Reports each problem and walks it through its statuses, each step stamped on the day it happened. */
async function seedProblems(ctx: DemoContext) {
  const { calendar } = ctx;
  for (const seed of PROBLEMS) {
    const rng = rngFor(`problem:${seed.key}`);
    const { seed: projectSeed, doc: project } = ctx.project(seed.project);
    const theme = THEMES[seed.theme];
    const facts = {
      land: Math.round(projectSeed.land * 0.6),
      part: Math.max(3, Math.round(projectSeed.land * 0.15)),
      loan: Math.round(projectSeed.investment * 0.4),
      workers: rng.int(6, 30) * 10,
    };
    const [minAge, maxAge] = PROBLEM_AGE[seed.status];
    const reportedAt = calendar.past(calendar.workday(-rng.int(minAge, maxAge)), rng.int(8, 17), rng.int(0, 59));
    const level = seed.level ?? 'district';
    const lead = level === 'local' ? projectSeed.applicant : theme.lead;

    let doc = await ctx.create(UID.problem, {
      project: project.documentId,
      reportingBureau: ctx.bureau(projectSeed.applicant),
      category: theme.category,
      title: `${projectSeed.name}${theme.title}`,
      description: fill(theme.description, facts),
      suggestion: theme.suggestion,
      period: reportedAt.toFormat('yyyy-LL'),
      isUrgent: Boolean(seed.urgent),
      level,
      state: 'reported',
    });

    const step = async (data: Record<string, any>) => {
      doc = await ctx.update(UID.problem, doc.documentId, data);
    };
    const later = (from: DateTime, minWorkdays: number, maxWorkdays: number) =>
      calendar.officeTime(from, rng.int(minWorkdays, maxWorkdays), rng);

    if (seed.status === 'reported') {
      // stays with the office, waiting to be assigned
    } else if (level === 'local') {
      await step({ state: 'resolved', leadBureau: ctx.bureau(lead), resolution: theme.resolution, resolvedAt: iso(later(reportedAt, 4, 15)) });
    } else {
      const assignedAt = later(reportedAt, 1, 2);
      await step({ state: 'assigned', leadBureau: ctx.bureau(lead), assignedAt: iso(assignedAt) });
      if (seed.status === 'escalated') {
        await step({ state: 'escalated' });
      } else if (seed.status !== 'assigned') {
        const proposedAt = later(assignedAt, 1, 3);
        await step({ state: 'proposed', proposal: theme.proposal, proposedAt: iso(proposedAt) });
        if (seed.status === 'resolving' || seed.status === 'resolved') await step({ state: 'resolving' });
        if (seed.status === 'resolved') {
          await step({ state: 'resolved', resolution: theme.resolution, resolvedAt: iso(later(proposedAt, 6, 20)) });
        }
      }
    }
    ctx.problems.set(seed.key, { seed, doc, reportedAt });
  }
}

/** Last month's list, issued; this month's, still a draft. */
async function seedProblemLists(ctx: DemoContext) {
  const { calendar } = ctx;
  const thisMonth = calendar.today.startOf('month');
  const lastPeriod = thisMonth.minus({ months: 1 }).toFormat('yyyy-LL');
  const thisPeriod = thisMonth.toFormat('yyyy-LL');
  const all = [...ctx.problems.values()];
  const compiled = all.filter((problem) => problem.doc.period <= lastPeriod).map((problem) => problem.doc.documentId);
  const current = all.filter((problem) => problem.doc.period === thisPeriod).map((problem) => problem.doc.documentId);

  // compiled on the first working day after the 1st, issued the next working day
  const compiledAt = calendar.past(calendar.workday(calendar.daysFromToday(thisMonth) + 1, 1), 15);
  const rng = rngFor('problem-lists');
  const issued = await ctx.create(UID.problemList, {
    title: `${lastPeriod} 重大项目落地亟待解决问题清单${DEMO}`,
    period: lastPeriod,
    problems: compiled,
    compiledAt: iso(compiledAt),
    state: 'draft',
    note: '经汇总整理，已明确区直牵头部门，请于 3 个工作日内提出解决问题的具体做法和意见建议。',
  });
  await ctx.update(UID.problemList, issued.documentId, { state: 'issued', issuedAt: iso(calendar.officeTime(compiledAt, 1, rng)) });

  await ctx.create(UID.problemList, {
    title: `${thisPeriod} 重大项目落地亟待解决问题清单${DEMO}`,
    period: thisPeriod,
    problems: current,
    compiledAt: iso(calendar.past(calendar.workday(0), 9, 30)),
    state: 'draft',
    note: '本月问题汇总中，待办公室审核后印发。',
  });
}

// --- meetings, minutes and tasks ------------------------------------------------------------------------------

function meetingTitle(seed: MeetingSeed, heldAt: DateTime): string {
  const date = heldAt.toFormat('M月d日');
  const title = {
    monthly_dispatch: `${heldAt.month}月份重大项目落地月调度会`,
    weekly: `并联审批协调小组周例会（${date}）`,
    special_consultation: `${seed.subject}专题会商`,
    joint_pre_assessment: `项目预评估联席会议（${date}）`,
  }[seed.type];
  return `${title}${DEMO}`;
}

async function seedMeetings(ctx: DemoContext) {
  const { calendar } = ctx;
  const minuteNumbers = new Map<number, number>();
  for (const seed of [...MEETINGS].sort((a, b) => a.day - b.day)) {
    const rng = rngFor(`meeting:${seed.key}`);
    const heldAt = calendar.at(calendar.workday(seed.day, seed.day > 0 ? 1 : -1), seed.type === 'weekly' ? 9 : 15, 0);
    const meeting = await ctx.create(UID.meeting, {
      type: seed.type,
      mode: seed.mode,
      title: meetingTitle(seed, heldAt),
      heldAt: iso(heldAt),
      // a meeting already held is recorded as such (the organizer's reminder then has nothing left to remind of)
      state: heldAt <= calendar.now ? 'held' : 'scheduled',
      location: seed.mode === 'video' ? '视频会议（区指挥中心主会场）' : rng.pick(['区政务服务中心三楼会议室', '区行政中心第一会议室', '区发改局五楼会议室']),
      chair: seed.chair,
      attendees: seed.attendees.map((code) => ctx.bureau(code)),
      projects: seed.projects.map((key) => ctx.project(key).doc.documentId),
      problems: seed.problems.map((key) => ctx.problem(key).doc.documentId),
      summary: seed.summary,
    });
    if (!seed.minute || heldAt > calendar.now) continue;

    const issuedAt = calendar.officeTime(heldAt, 1, rng);
    const number = (minuteNumbers.get(issuedAt.year) ?? 0) + 1;
    minuteNumbers.set(issuedAt.year, number);
    const minute = await ctx.create(UID.minute, {
      meeting: meeting.documentId,
      title: `${seed.minute.title}${DEMO}`,
      number: `兰山项目会商〔${issuedAt.year}〕${number}号（演示）`,
      content: minuteContent(ctx, seed, heldAt),
      issuedAt: iso(issuedAt),
    });
    for (const task of seed.minute.tasks) await createTask(ctx, task, { minute: minute.documentId, since: issuedAt });
  }
}

function minuteContent(ctx: DemoContext, seed: MeetingSeed, heldAt: DateTime): string {
  const attendees = seed.attendees.map((code) => ctx.bureaus.get(code)!.name).join('、');
  const items = seed.minute!.tasks.map((task, index) => {
    const co = task.co?.length ? `，配合单位：${task.co.map((code) => ctx.bureaus.get(code)!.name).join('、')}` : '';
    const deadline = ctx.calendar.today.plus({ days: ctx.calendar.workday(task.deadline, 1) }).toFormat('yyyy年M月d日');
    return `${index + 1}. ${task.title}。责任单位：${ctx.bureaus.get(task.responsible)!.name}${co}；完成时限：${deadline}前。`;
  });
  return [
    `${heldAt.toFormat('yyyy年M月d日')}，${seed.chair}主持召开${meetingTitle(seed, heldAt).replace(DEMO, '')}。${attendees}参加会议。`,
    '',
    seed.summary,
    '',
    '## 会议议定事项',
    '',
    ...items,
  ].join('\n');
}

async function createTask(ctx: DemoContext, seed: TaskSeed, origin: { minute?: string; since: DateTime }) {
  const { calendar } = ctx;
  const problem = seed.problem ? ctx.problem(seed.problem) : undefined;
  const projectKey = seed.project ?? problem?.seed.project;
  const rng = rngFor(`task:${seed.title}`);
  const data: Record<string, any> = {
    minute: origin.minute,
    project: projectKey ? ctx.project(projectKey).doc.documentId : undefined,
    problem: problem?.doc.documentId,
    title: seed.title,
    description: problem ? `落实「${problem.doc.title}」的办理意见。` : undefined,
    responsibleBureau: ctx.bureau(seed.responsible),
    coBureaus: (seed.co ?? []).map((code) => ctx.bureau(code)),
    deadline: calendar.date(calendar.workday(seed.deadline, 1)),
    state: seed.status,
  };
  if (seed.status === 'done') {
    const byDeadline = calendar.at(calendar.workday(seed.deadline - rng.int(0, 4)), 16, 30);
    data.completedAt = iso(DateTime.max(origin.since.plus({ hours: 3 }), DateTime.min(byDeadline, calendar.now.minus({ minutes: 5 }))));
    data.completionNote = seed.note;
  }
  return ctx.create(UID.task, data);
}

async function seedProblemTasks(ctx: DemoContext) {
  for (const seed of PROBLEM_TASKS) {
    const problem = ctx.problem(seed.problem!);
    const since = problem.doc.proposedAt ? DateTime.fromISO(problem.doc.proposedAt, { zone: ZONE }) : problem.reportedAt;
    await createTask(ctx, seed, { since });
  }
}

// --- pledges --------------------------------------------------------------------------------------------------

async function seedPledges(ctx: DemoContext) {
  const { calendar } = ctx;
  for (const seed of PLEDGES) {
    const rng = rngFor(`pledge:${seed.bureau}`);
    const projects = [...ctx.projects.values()]
      .filter(({ seed: project }) => project.applicant === seed.bureau && !['declared', 'withdrawn'].includes(project.stage))
      .map(({ doc }) => doc.documentId);
    const nodes = seed.nodes.map(([title, days, targetValue, outcome]) => {
      let achieved: number | null = null;
      if (outcome === 'on_time') achieved = Math.min(days - rng.int(0, 8), 0);
      if (outcome === 'late') achieved = Math.min(days + rng.int(6, 25), 0);
      return {
        title,
        targetDate: calendar.date(days),
        targetValue,
        achievedDate: achieved === null ? null : calendar.date(achieved),
        achievedValue: achieved === null ? null : targetValue,
      };
    });
    await ctx.create(UID.pledge, {
      bureau: ctx.bureau(seed.bureau),
      pledgedBy: seed.pledgedBy,
      year: calendar.today.year,
      projects,
      targets: seed.targets,
      measures: seed.measures,
      nodes,
    });
  }
}

// --- credit records (信用记录) ----------------------------------------------------------------------------------

const CREDIT_RECORD = 'api::credit-record.credit-record';

interface CreditSeed {
  enterprise: string;
  project?: string;
  kind: 'false_information' | 'contract_breach' | 'illegal_land_use' | 'tax_arrears' | 'other';
  description: string;
  /** days from today */
  decided: number;
  blacklist: boolean;
  measures: string;
  repair?: { days: number; reason: string };
}

/**
 * One investor on the dishonesty list (its projects red, no new pre-assessment) and one whose blacklisting has been
 * repaired. Written last, so the rest of the demo (pre-assessments of these investors' projects) is seeded first.
 */
const CREDIT_RECORDS: CreditSeed[] = [
  {
    enterprise: 'jinchen',
    project: 'cross-border-park',
    kind: 'false_information',
    description: '申报跨境电商产业园项目时提供虚假的意向入驻企业协议和投资主体财务报表，骗取重大项目资格及相关用地优惠政策。',
    decided: -45,
    blacklist: true,
    measures: '取消该项目重大项目资格并退出项目库；追回已享受的优惠政策；列入信用管理失信名单，实施联合惩戒，三年内不受理其重大项目申报。',
  },
  {
    enterprise: 'zhihui',
    kind: 'tax_arrears',
    description: '欠缴城镇土地使用税及滞纳金，经催缴逾期未缴。',
    decided: -220,
    blacklist: true,
    measures: '列入信用管理失信名单，暂停享受区级招商引资优惠政策。',
    repair: { days: -150, reason: '已全额补缴税款及滞纳金，提交信用修复申请和信用承诺书，经区发改局审核同意修复。' },
  },
];

async function seedCreditRecords(ctx: DemoContext) {
  for (const seed of CREDIT_RECORDS) {
    const enterprise = ctx.enterprises.get(seed.enterprise);
    if (!enterprise) throw new Error(`demo data: unknown enterprise ${seed.enterprise}`);
    await ctx.create(CREDIT_RECORD, {
      enterprise: enterprise.documentId,
      project: seed.project ? ctx.project(seed.project).doc.documentId : undefined,
      kind: seed.kind,
      description: seed.description,
      decidedAt: ctx.calendar.date(ctx.calendar.workday(seed.decided)),
      decidedBy: '区发改局',
      blacklist: seed.blacklist,
      measures: seed.measures,
      repairedAt: seed.repair ? ctx.calendar.date(ctx.calendar.workday(seed.repair.days)) : undefined,
      repairReason: seed.repair?.reason,
    });
  }
}

// --- 金融风险预警 ----------------------------------------------------------------------------------------------

/**
 * Three months of indicators for two watched enterprises (credit line ≥ 5 亿元): 鲁兴 steady, 康源's debt-to-asset
 * ratio climbing past 70 % in the latest month — the one (yellow) warning of the demo, open for 区金融监管局.
 */
const FINANCE_SEEDS: Array<{ enterprise: string; months: Array<Record<string, number | string | boolean>> }> = [
  {
    enterprise: 'luxing',
    months: [
      { outputValue: 18600, profitAndTax: 1320, electricityConsumption: 412, debtToAssetRatio: 58.2, totalAssetTurnover: 0.21, currentAssetTurnover: 0.48, receivablesTurnover: 1.9, equityRatio: 139.2, interestCoverage: 3.6, netAssets: 96500, loanBalance: 52000, offBalanceFinancing: 6000, lenderCount: 5, repaymentsDueSoon: 8000, externalGuarantees: 4000 },
      { outputValue: 19250, profitAndTax: 1385, electricityConsumption: 426, debtToAssetRatio: 57.9, totalAssetTurnover: 0.22, currentAssetTurnover: 0.5, receivablesTurnover: 2.0, equityRatio: 137.5, interestCoverage: 3.8, netAssets: 97800, loanBalance: 51500, offBalanceFinancing: 5800, lenderCount: 5, repaymentsDueSoon: 6500, externalGuarantees: 4000 },
      { outputValue: 20100, profitAndTax: 1460, electricityConsumption: 441, debtToAssetRatio: 57.4, totalAssetTurnover: 0.23, currentAssetTurnover: 0.52, receivablesTurnover: 2.1, equityRatio: 134.7, interestCoverage: 4.0, netAssets: 99300, loanBalance: 50800, offBalanceFinancing: 5500, lenderCount: 5, repaymentsDueSoon: 7200, externalGuarantees: 3500 },
    ],
  },
  {
    enterprise: 'kangyuan',
    months: [
      { outputValue: 9800, profitAndTax: 610, electricityConsumption: 188, debtToAssetRatio: 66.1, totalAssetTurnover: 0.15, currentAssetTurnover: 0.36, receivablesTurnover: 1.2, equityRatio: 195.0, interestCoverage: 1.8, netAssets: 41200, loanBalance: 38600, offBalanceFinancing: 9000, lenderCount: 7, repaymentsDueSoon: 12000, externalGuarantees: 15000 },
      { outputValue: 9350, profitAndTax: 540, electricityConsumption: 179, debtToAssetRatio: 68.7, totalAssetTurnover: 0.14, currentAssetTurnover: 0.34, receivablesTurnover: 1.1, equityRatio: 219.5, interestCoverage: 1.5, netAssets: 40100, loanBalance: 39800, offBalanceFinancing: 9500, lenderCount: 7, repaymentsDueSoon: 15000, externalGuarantees: 15000 },
      { outputValue: 8900, profitAndTax: 470, electricityConsumption: 171, debtToAssetRatio: 73.6, totalAssetTurnover: 0.13, currentAssetTurnover: 0.31, receivablesTurnover: 0.9, equityRatio: 278.8, interestCoverage: 1.2, netAssets: 38700, loanBalance: 41200, offBalanceFinancing: 10200, lenderCount: 8, repaymentsDueSoon: 18000, externalGuarantees: 16000, guarantors: '临沂某医药流通企业互保 1.2 亿元', note: '应收账款回款放缓，新增短期借款补充流动资金' },
    ],
  },
];

async function seedFinanceIndicators(ctx: DemoContext) {
  const period = (monthsAgo: number) => ctx.calendar.today.minus({ months: monthsAgo }).toFormat('yyyy-MM');
  for (const seed of FINANCE_SEEDS) {
    const enterprise = ctx.enterprises.get(seed.enterprise);
    if (!enterprise) continue;
    for (const [index, month] of seed.months.entries()) {
      await ctx.create('api::finance-indicator.finance-indicator', {
        enterprise: enterprise.documentId,
        period: period(seed.months.length - index),
        ...month,
        overdueLoans: 0,
        loansWithdrawn: 0,
        privateFinancing: 0,
        source: 'enterprise_report',
        reportedBy: '企业财务部（演示）',
      });
    }
  }
}

// --- 专项督查与督办单 ------------------------------------------------------------------------------------------

/**
 * One inspection of the land and start-up of two projects, done a week ago, with two findings that raised notices:
 * 区自然资源局's replied (awaiting the office's review), 兰山街道's still open.
 */
async function seedInspections(ctx: DemoContext) {
  const inspection = await ctx.create('api::inspection.inspection', {
    title: '重点项目要素保障专项督查（演示）',
    theme: '用地保障与开工准备',
    scopeKind: 'projects',
    projects: [ctx.project('commercial-complex').doc.documentId, ctx.project('cnc-park').doc.documentId],
    bureaus: [ctx.bureau('natural-resources'), ctx.bureau(LS)],
    inspectedAt: ctx.calendar.date(ctx.calendar.workday(-7)),
    inspectors: '区重大项目协调办公室 王某、区委督查室 李某',
    state: 'done',
    findings: [
      {
        bureau: ctx.bureau('natural-resources'),
        project: ctx.project('cnc-park').doc.documentId,
        issue: '数控机床智能制造产业园项目二期用地规划条件出具超过承诺时限，企业多次催办。',
        requirement: '5 个工作日内出具规划条件，并报送超时原因及整改措施。',
        replyWorkingDays: 5,
        raiseNotice: true,
      },
      {
        bureau: ctx.bureau(LS),
        project: ctx.project('commercial-complex').doc.documentId,
        issue: '商业综合体项目红线内地上附着物补偿和清表进度滞后，影响计划开工。',
        requirement: '明确清表完成时间节点，每周报送进展。',
        replyWorkingDays: 3,
        raiseNotice: true,
      },
    ],
  });
  const notice = await ctx.strapi.db
    .query('api::supervision-notice.supervision-notice')
    .findOne({ where: { inspection: { id: inspection.id }, bureau: { documentId: ctx.bureau('natural-resources') } } });
  if (notice) {
    await ctx.update('api::supervision-notice.supervision-notice', notice.documentId, {
      reply: '已于督查后第 3 个工作日出具二期用地规划条件；超时原因为规划调整论证，已建立规划条件出具台账，每周调度。',
    });
  }
}

// --- 首席代表与集中办公 -----------------------------------------------------------------------------------------

/** Demo chief representatives of the departments (only where none is entered). */
const CHIEF_REPRESENTATIVES: Record<string, string> = {
  commerce: '孙立新（演示）',
  'development-reform': '王振华（演示）',
  'science-technology': '刘晓燕（演示）',
  'industry-it': '赵国栋（演示）',
  finance: '钱文博（演示）',
  'natural-resources': '周海峰（演示）',
  planning: '吴晓东（演示）',
  'ecology-environment': '郑丽娟（演示）',
  'financial-regulation': '陈志强（演示）',
};

/**
 * The last two weeks' co-working days (Tuesday and Thursday, when working days), every chief representative present
 * but: two weeks ago 区财政局 absent both days (flagged) and 区科技局 excused once; last week 兰山生态环境分局 excused
 * both days (flagged: excused is not present) and 区财政局 absent once.
 */
async function seedCoWorkingDays(ctx: DemoContext) {
  for (const [code, name] of Object.entries(CHIEF_REPRESENTATIVES)) {
    const row = await ctx.strapi.db.query('api::bureau.bureau').findOne({ where: { code }, select: ['documentId', 'chiefRepresentative'] });
    if (row && !row.chiefRepresentative) await ctx.update('api::bureau.bureau', row.documentId, { chiefRepresentative: name });
  }
  const exceptions: Array<Record<string, 'absent' | 'excused'>> = [
    // two weeks ago: Tuesday, Thursday
    { finance: 'absent', 'science-technology': 'excused' },
    { finance: 'absent' },
    // last week
    { 'ecology-environment': 'excused', finance: 'absent' },
    { 'ecology-environment': 'excused' },
  ];
  const monday = ctx.calendar.today.startOf('week');
  for (const [index, exception] of exceptions.entries()) {
    const weeksAgo = index < 2 ? 2 : 1;
    const date = monday.minus({ weeks: weeksAgo }).plus({ days: index % 2 === 0 ? 1 : 3 }).toISODate()!;
    if (!STATUTORY.isWorkingDay(date)) continue;
    const attendance = Object.keys(CHIEF_REPRESENTATIVES).map((code) => ({
        bureau: ctx.bureau(code),
        status: exception[code] ?? 'present',
        note: exception[code] === 'excused' ? '参加市级专题会议（演示）' : undefined,
      }));
    await ctx.create('api::co-working-day.co-working-day', { date, note: '首席代表集中办公（演示）', attendance });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 亩产效益评价: last year's evaluations of the demo enterprises, as a third party would report them
// ---------------------------------------------------------------------------------------------------------------

/** enterprise key → land (亩), tax, revenue (万元), energy (吨标准煤), R&D (万元), employees; 城发 holds no industrial land. */
const LAND_EVALUATIONS: Array<[string, number, number, number, number, number, number]> = [
  ['luxing', 260, 5200, 98000, 21000, 3900, 1450],
  ['yimeng', 85, 1150, 26000, 2600, 1300, 420],
  ['kangyuan', 140, 4300, 52000, 6800, 3600, 760],
  ['lanhua', 320, 1900, 64000, 5400, 120, 980],
  ['jinchen', 45, 820, 9800, 900, 0, 260],
  ['yihe', 120, 960, 31000, 14500, 900, 380],
  ['zhihui', 60, 1350, 28500, 1900, 1700, 510],
];

async function seedLandEvaluations(ctx: DemoContext) {
  const year = ctx.calendar.today.year - 1;
  // graded once for the year at the end, not once per evaluation
  await withDeferredGrading(ctx.strapi, async () => {
    for (const [key, landArea, taxRevenue, revenue, energyConsumption, rdExpense, employees] of LAND_EVALUATIONS) {
      const enterprise = ctx.enterprises.get(key);
      if (!enterprise) continue;
      await ctx.create(LAND_EVALUATION, {
        enterprise: enterprise.documentId,
        year,
        landArea,
        taxRevenue,
        revenue,
        energyConsumption,
        rdExpense,
        employees,
        evaluator: `山东沂蒙资产评估有限公司${DEMO}`,
        isDemo: true,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------

/**
 * Loads the demo data on an empty database, in one transaction (all or nothing). Does nothing when any project
 * exists already. Needs the bureaus and the responsibility matrix (seeded by the bootstrap).
 */
export async function seedDemoData(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query(UID.project).count()) > 0) {
    strapi.log.info('已有项目数据，跳过演示数据 / projects exist already, demo data skipped');
    return;
  }

  const ctx = new DemoContext(strapi);
  await strapi.db.transaction(async () => {
    await loadBureaus(ctx);
    await seedEnterprises(ctx);
    await seedExperts(ctx);
    await seedProjects(ctx);
    await seedProblems(ctx);
    await seedProblemLists(ctx);
    await seedMeetings(ctx);
    await seedProblemTasks(ctx);
    await seedPledges(ctx);
    await seedCreditRecords(ctx);
    await seedFinanceIndicators(ctx);
    await seedLandEvaluations(ctx);
    await seedInspections(ctx);
    await seedCoWorkingDays(ctx);
  });

  const opinions = await strapi.db.query(UID.opinion).count();
  const n = (uid: string) => ctx.counts[uid] ?? 0;
  strapi.log.info(
    `演示数据已载入：企业 ${n(UID.enterprise)} 家、专家 ${n(UID.expert)} 名、项目 ${n(UID.project)} 个、预评估 ${n(UID.preAssessment)} 次（意见 ${opinions} 份）、` +
      `进展月报 ${n(UID.progressReport)} 份、困难问题 ${n(UID.problem)} 个、问题清单 ${n(UID.problemList)} 份、会议 ${n(UID.meeting)} 次、纪要 ${n(UID.minute)} 份、` +
      `责任事项 ${n(UID.task)} 项、亮诺 ${n(UID.pledge)} 份 / demo data loaded: ${n(UID.enterprise)} enterprises, ${n(UID.expert)} experts, ` +
      `${n(UID.project)} projects, ${n(UID.preAssessment)} pre-assessments (${opinions} opinions), ${n(UID.progressReport)} progress reports, ` +
      `${n(UID.problem)} problems, ${n(UID.problemList)} problem lists, ${n(UID.meeting)} meetings, ${n(UID.minute)} minutes, ` +
      `${n(UID.task)} tasks, ${n(UID.pledge)} pledges`
  );
}
