import { buildLedger, LEDGER_TITLE } from '../ledger';
import type { LedgerProject } from '../types';
import { cellUnder, numberedRows, open, rowStartingWith, texts, values } from './workbook';

/** 12:20 in Beijing. */
const at = new Date('2026-11-26T04:20:00Z');

const projects: LedgerProject[] = [
  {
    code: 'LS-2026-0001',
    name: '兰山智能装备产业园',
    category: 'key_provincial_municipal',
    applicantBureau: { name: '义堂镇（示例）' },
    enterprise: { name: '临沂示例装备制造有限公司' },
    plannedInvestment: 120000.5,
    annualPlannedInvestment: 30000,
    completedInvestment: 12500.25,
    landArea: 320.5,
    stage: 'started',
    plannedStartDate: '2026-03-15',
    actualStartDate: '2026-04-02',
    leader: '王某某',
    light: 'red',
    lightReasons: [{ message: '投资进度落后序时进度 32 个百分点' }, { message: '区自然资源局 意见逾期 4 个工作日' }],
  },
  {
    // decimals as PostgreSQL returns them
    code: 'LS-2026-0002',
    name: '沂河冷链物流中心',
    category: 'livelihood',
    applicantBureau: { name: '区商务局' },
    enterprise: null,
    plannedInvestment: '85000.25',
    annualPlannedInvestment: '20000.10',
    completedInvestment: '0',
    landArea: '150.25',
    stage: 'in_library',
    plannedStartDate: '2026-12-01',
    light: 'yellow',
    lightReasons: [{ message: '区发改局 责任事项1 个工作日内到期（2026-11-27）' }],
  },
  {
    code: null,
    name: '社区养老服务中心',
    category: 'general',
    plannedInvestment: 6000,
    annualPlannedInvestment: null,
    completedInvestment: null,
    landArea: null,
    stage: 'declared',
    light: 'green',
    lightReasons: null,
  },
];

const HEADERS = [
  '序号', '项目编号', '项目名称', '项目类别', '申报单位', '投资方', '计划总投资', '年度计划投资', '已完成投资', '用地面积',
  '项目阶段', '计划开工', '实际开工', '包保领导', '亮灯', '亮灯原因',
];

describe('兰山区重大项目台账', () => {
  it('has the merged title, who exported it and for which unit, and the units of money and land', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '义堂镇（示例）', exportedBy: '张三', at }))).worksheets[0];
    expect(sheet.name).toBe('项目台账');
    expect(sheet.getCell('A1').value).toBe(LEDGER_TITLE);
    expect(sheet.getCell('P1').master.address).toBe('A1');
    expect(texts(sheet, 2)).toEqual(['导出时间：2026年11月26日 12:20　　范围：义堂镇（示例）　　导出人：张三', '金额单位：万元；面积单位：亩']);
  });

  it('lists one row per project under a frozen header, with labels in Chinese', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '全区', at }))).worksheets[0];
    expect(values(sheet, 3)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 3 });

    const rows = numberedRows(sheet);
    expect(rows.map((row) => row.getCell(1).value)).toEqual([1, 2, 3]);
    const [first, second, third] = rows;
    expect(values(sheet, first.number).slice(1, 6)).toEqual(['LS-2026-0001', '兰山智能装备产业园', '省市重点项目', '义堂镇（示例）', '临沂示例装备制造有限公司']);
    expect(cellUnder(sheet, 3, '项目阶段', first).value).toBe('已开工');
    expect(cellUnder(sheet, 3, '项目阶段', third).value).toBe('已申报');
    expect(cellUnder(sheet, 3, '投资方', second).value).toBeNull();
  });

  it('writes money, land and dates as numbers and dates, not text', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '全区', at }))).worksheets[0];
    const [first, second, third] = numberedRows(sheet);
    expect(cellUnder(sheet, 3, '计划总投资', second).value).toBe(85000.25);
    expect(cellUnder(sheet, 3, '计划总投资', second).numFmt).toBe('#,##0.00');
    expect(cellUnder(sheet, 3, '年度计划投资', third).value).toBeNull();
    expect(cellUnder(sheet, 3, '计划开工', first).value).toEqual(new Date('2026-03-15T00:00:00Z'));
    expect(cellUnder(sheet, 3, '实际开工', second).value).toBeNull();
  });

  it('shows each light as its colour and label, and its reasons one per line', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '全区', at }))).worksheets[0];
    const [first, second, third] = numberedRows(sheet);
    const light = cellUnder(sheet, 3, '亮灯', first);
    expect(light.value).toBe('红灯');
    expect(light.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE53935' } });
    expect(cellUnder(sheet, 3, '亮灯', second).value).toBe('黄灯');
    expect(cellUnder(sheet, 3, '亮灯', third).value).toBe('绿灯');
    const reasons = cellUnder(sheet, 3, '亮灯原因', first);
    expect(reasons.value).toBe('投资进度落后序时进度 32 个百分点\n区自然资源局 意见逾期 4 个工作日');
    expect(reasons.alignment.wrapText).toBe(true);
  });

  it('sums money and land in a 合计 row that reads back as numbers', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '全区', at }))).worksheets[0];
    const totals = rowStartingWith(sheet, '合计');
    expect(totals.getCell(1).value).toBe('合计（3 个项目）');
    expect(totals.number).toBe(7);
    // worked out by hand from the rows above
    const expected: Record<string, number> = {
      计划总投资: 120000.5 + 85000.25 + 6000, // 211 000.75
      年度计划投资: 30000 + 20000.1, // 50 000.10
      已完成投资: 12500.25,
      用地面积: 320.5 + 150.25, // 470.75
    };
    for (const [header, sum] of Object.entries(expected)) {
      const cell = cellUnder(sheet, 3, header, totals);
      expect(cell.value).toMatchObject({ formula: expect.stringMatching(/^SUBTOTAL\(109,[G-J]4:[G-J]6\)$/) });
      expect(cell.result).toBeCloseTo(sum, 10);
      expect(cell.numFmt).toBe('#,##0.00');
    }
    expect(cellUnder(sheet, 3, '项目阶段', totals).value).toBeNull();
  });

  it('prints landscape on A3, one page wide, with the header repeated and filters on it', async () => {
    const sheet = (await open(await buildLedger(projects, { scope: '全区', at }))).worksheets[0];
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.autoFilter).toBe('A3:P6');
  });

  it('adds the next item due and its bureau when the rows carry them', async () => {
    const withNextDue: LedgerProject[] = [
      { ...projects[0], nextDue: { title: '规划布局意见', dueAt: '2026-11-27T15:59:59.999Z', bureau: { name: '区自然资源局' } } },
      { ...projects[1], nextDue: null },
    ];
    const sheet = (await open(await buildLedger(withNextDue, { scope: '全区', at }))).worksheets[0];
    expect(values(sheet, 3)).toEqual([...HEADERS, '下一到期事项', '责任单位']);
    const [first, second] = numberedRows(sheet);
    expect(cellUnder(sheet, 3, '下一到期事项', first).value).toBe('规划布局意见（2026-11-27 到期）');
    expect(cellUnder(sheet, 3, '责任单位', first).value).toBe('区自然资源局');
    expect(cellUnder(sheet, 3, '下一到期事项', second).value).toBeNull();
  });

  it('says so when the view holds no project, with totals of zero', async () => {
    const sheet = (await open(await buildLedger([], { scope: '区科技局', at }))).worksheets[0];
    expect(numberedRows(sheet)).toHaveLength(0);
    expect(sheet.getCell('A4').value).toBe('（无符合条件的项目）');
    const totals = rowStartingWith(sheet, '合计');
    expect(cellUnder(sheet, 3, '计划总投资', totals).value).toBe(0);
  });
});
