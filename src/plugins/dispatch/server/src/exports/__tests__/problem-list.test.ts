import { buildProblemList, countLine, DRAFT_MARK } from '../problem-list';
import type { ListedProblem, ProblemListExport } from '../types';
import { cellUnder, numberedRows, open, texts, values } from './workbook';

const at = new Date('2026-11-26T04:20:00Z');
const smart = { name: '兰山智能装备产业园' };
const coldChain = { name: '沂河冷链物流中心' };

const problems: ListedProblem[] = [
  {
    project: coldChain,
    reportingBureau: { name: '区商务局' },
    category: 'land_supply',
    title: '用地指标不足',
    description: '项目二期需新增建设用地 80 亩。',
    suggestion: '申请市级统筹指标',
    level: 'district',
    leadBureau: { name: '区自然资源局' },
    // 01:30 on 3 November in Beijing, still 2 November in UTC
    assignedAt: '2026-11-02T17:30:00Z',
    proposalDueAt: '2026-11-06T15:59:59.999Z',
    state: 'assigned',
  },
  {
    project: smart,
    reportingBureau: { name: '义堂镇（示例）' },
    category: 'procedures',
    title: '施工许可办理滞后',
    isUrgent: true,
    level: 'district',
    leadBureau: { name: '区住建局' },
    resolution: '已核发施工许可证',
    resolvedAt: '2026-11-18T08:00:00Z',
    state: 'resolved',
  },
  { project: smart, category: 'land_supply', title: '土地征收未完成', isUrgent: true, level: 'district', proposal: '12 月底前完成征收', state: 'proposed' },
  { project: { name: '社区养老服务中心' }, category: 'other', title: '配套道路未接通', level: 'local', state: 'reported' },
  { project: coldChain, category: 'procedures', title: '环评批复需市级审批', level: 'city', state: 'escalated' },
];

const list = (extra: Partial<ProblemListExport> = {}): ProblemListExport => ({
  period: '2026-11',
  compiledAt: '2026-11-20T01:00:00Z',
  state: 'draft',
  problems,
  ...extra,
});

const HEADERS = ['序号', '项目名称', '申报单位', '问题类别', '问题描述', '意见建议', '问题层级', '牵头单位', '交办时间', '办理时限', '办理状态', '办理情况'];

describe('《重大项目落地亟待解决问题清单》', () => {
  it('is titled with its month, dated, and counts its problems and the 特别重大 among them', async () => {
    const sheet = (await open(await buildProblemList(list(), { scope: '全区', at }))).worksheets[0];
    expect(sheet.getCell('A1').value).toBe('重大项目落地亟待解决问题清单（2026年11月）');
    expect(sheet.getCell('L1').master.address).toBe('A1');
    expect(String(sheet.getCell('A2').value)).toBe('汇总时间：2026年11月20日　　导出时间：2026年11月26日　　范围：全区');
    expect(sheet.getCell('A3').value).toBe('共 5 个问题，其中特别重大 2 个（手续办理 2 个、土地供应 2 个、其他 1 个）');
  });

  it('marks a draft as 草稿 on the sheet and on every printed page', async () => {
    const sheet = (await open(await buildProblemList(list(), { scope: '全区', at }))).worksheets[0];
    expect(texts(sheet, 2).at(-1)).toBe(DRAFT_MARK);
    expect(DRAFT_MARK).toBe('草稿（未印发）');
    expect(sheet.headerFooter.oddHeader).toContain('草稿');
  });

  it('carries no draft mark once issued, and says when it was issued', async () => {
    const issued = list({ state: 'issued', issuedAt: '2026-11-21T02:00:00Z' });
    const sheet = (await open(await buildProblemList(issued, { scope: '全区', at }))).worksheets[0];
    expect(texts(sheet, 2)).toEqual(['汇总时间：2026年11月20日　　印发时间：2026年11月21日　　导出时间：2026年11月26日　　范围：全区', '已印发']);
    expect(sheet.headerFooter.oddHeader ?? '').not.toContain('草稿');
  });

  it('lists every problem under a frozen, filtered header, by category with the 特别重大 first', async () => {
    const sheet = (await open(await buildProblemList(list(), { scope: '全区', at }))).worksheets[0];
    expect(values(sheet, 4)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.autoFilter).toBe('A4:L9');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitlesRow: '4:4' });

    const rows = numberedRows(sheet);
    expect(rows.map((row) => row.getCell(1).value)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((row) => String(cellUnder(sheet, 4, '问题描述', row).value).split('\n')[0])).toEqual([
      '【特别重大】施工许可办理滞后',
      '环评批复需市级审批',
      '【特别重大】土地征收未完成',
      '用地指标不足',
      '配套道路未接通',
    ]);
    expect(rows.map((row) => cellUnder(sheet, 4, '问题类别', row).value)).toEqual(['手续办理', '手续办理', '土地供应', '土地供应', '其他']);
  });

  it('prints each problem with Chinese labels, dates in Beijing time and what has been done', async () => {
    const sheet = (await open(await buildProblemList(list(), { scope: '全区', at }))).worksheets[0];
    const [resolved, escalated, proposed, assigned, reported] = numberedRows(sheet);
    expect(values(sheet, assigned.number)).toEqual([
      4,
      '沂河冷链物流中心',
      '区商务局',
      '土地供应',
      '用地指标不足\n项目二期需新增建设用地 80 亩。',
      '申请市级统筹指标',
      '区级协调',
      '区自然资源局',
      new Date('2026-11-03T00:00:00Z'),
      new Date('2026-11-06T00:00:00Z'),
      '已交办',
    ]);
    expect(cellUnder(sheet, 4, '办理情况', resolved).value).toBe('已核发施工许可证（2026-11-18 办结）');
    expect(cellUnder(sheet, 4, '办理情况', proposed).value).toBe('办理意见：12 月底前完成征收');
    expect(cellUnder(sheet, 4, '问题层级', escalated).value).toBe('市级');
    expect(cellUnder(sheet, 4, '办理状态', escalated).value).toBe('已上报市级');
    expect(cellUnder(sheet, 4, '问题层级', reported).value).toBe('属地或部门自行解决');
  });

  it('says so when the month has no problem', async () => {
    const sheet = (await open(await buildProblemList(list({ problems: [] }), { scope: '全区', at }))).worksheets[0];
    expect(sheet.getCell('A3').value).toBe('共 0 个问题，其中特别重大 0 个');
    expect(numberedRows(sheet)).toHaveLength(0);
    expect(sheet.getCell('A5').value).toBe('（本期无亟待解决问题）');
  });

  it('counts by category in the order of the form', () => {
    expect(countLine([problems[3], problems[0]])).toBe('共 2 个问题，其中特别重大 0 个（土地供应 1 个、其他 1 个）');
  });
});
