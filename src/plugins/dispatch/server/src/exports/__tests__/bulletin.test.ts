import { buildBulletin } from '../bulletin';
import type { BulletinExport, BulletinFigures } from '../types';
import { cellUnder, open, rowStartingWith, texts, values } from './workbook';

const at = new Date('2026-11-26T04:20:00Z');

const figures = (extra: Partial<BulletinFigures>): BulletinFigures => ({
  startRate: null,
  started: 0,
  plannedToStart: 0,
  investmentRate: null,
  investedThisYear: 0,
  annualPlan: 0,
  resolutionRate: null,
  resolved: 0,
  reported: 0,
  escalated: 0,
  pledgeRate: null,
  lights: { red: 0, yellow: 0, green: 0 },
  ...extra,
});

const bulletin: BulletinExport = {
  title: '兰山区重大项目推进实绩通报（2026年第10期）',
  periodLabel: '2026年10月',
  periodStart: '2026-10-01',
  periodEnd: '2026-10-31',
  issuedAt: '2026-11-04T16:30:00Z', // 5 November in Beijing
  units: [
    {
      rank: 1,
      bureauName: '区商务局',
      bureauKind: 'department',
      ...figures({ startRate: 0.8, started: 4, plannedToStart: 5, investmentRate: 1.2, investedThisYear: 36000.5, annualPlan: 30000.42, resolutionRate: 0.75, resolved: 3, reported: 4, escalated: 1, pledgeRate: 0.9, lights: { red: 1, yellow: 2, green: 5 }, supervision: { received: 3, repliedOnTime: 2, open: 1 }, coWorking: { daysPlanned: 4, daysPresent: 3, rate: 0.75, flaggedWeeks: 1 } }),
    },
    {
      rank: 2,
      bureauName: '义堂镇（示例）',
      bureauKind: 'town',
      ...figures({ investmentRate: 0, annualPlan: 8000, pledgeRate: 0.5, lights: { red: 0, yellow: 0, green: 3 } }),
    },
    { rank: null, bureauName: '区科技局', bureauKind: 'department', ...figures({}) },
  ],
  district: figures({ startRate: 0.8, started: 4, plannedToStart: 5, investmentRate: 0.9, investedThisYear: 34200.38, annualPlan: 38000.42, resolutionRate: 0.75, resolved: 3, reported: 4, escalated: 1, pledgeRate: 0.7, lights: { red: 1, yellow: 2, green: 8 }, supervision: { received: 4, repliedOnTime: 2, open: 2 }, coWorking: { daysPlanned: 8, daysPresent: 5, rate: 0.625, flaggedWeeks: 3 } }),
  definitions: [
    { name: '开工率', definition: '截至统计期末已开工项目数 ÷ 计划于统计期末前开工的项目数。' },
    { name: '投资完成率', definition: '本年累计完成投资 ÷ 年度计划投资。' },
    { name: '问题办结率', definition: '已办结问题数 ÷ 报送问题数（不含上报市级的问题）。' },
  ],
};

describe('实绩通报', () => {
  it('has the bulletin title, its period and issue date, and the unit of money', async () => {
    const sheet = (await open(await buildBulletin(bulletin, { scope: '全区', at }))).getWorksheet('实绩通报')!;
    expect(sheet.getCell('A1').value).toBe('兰山区重大项目推进实绩通报（2026年第10期）');
    expect(texts(sheet, 2)).toEqual(['2026年10月（统计期间：2026年10月1日至2026年10月31日）　　印发时间：2026年11月5日', '金额单位：万元']);
  });

  it('groups the figures under a two-level header, frozen with the unit names', async () => {
    const sheet = (await open(await buildBulletin(bulletin, { scope: '全区', at }))).getWorksheet('实绩通报')!;
    expect(values(sheet, 4)).toEqual(['排名', '单位', '单位类型', '开工率', '已开工', '应开工', '完成率', '本年完成', '年度计划', '办结率', '已办结', '报送问题', '上报市级', '践诺率', '红灯', '黄灯', '绿灯', '收到', '按期回复', '未办结', '应到天数', '实到天数', '达标率', '未达标周']);
    expect(sheet.getCell('D3').value).toBe('开工情况');
    expect(sheet.getCell('F3').master.address).toBe('D3');
    expect(sheet.getCell('G3').value).toBe('投资完成情况（万元）');
    expect(sheet.getCell('O3').value).toBe('亮灯情况（个）');
    expect(sheet.getCell('Q3').master.address).toBe('O3');
    expect(sheet.getCell('R3').value).toBe('督办单（件）');
    expect(sheet.getCell('T3').master.address).toBe('R3');
    expect(sheet.getCell('U3').value).toBe('首席代表集中办公');
    expect(sheet.getCell('X3').master.address).toBe('U3');
    // an ungrouped header spans both rows
    expect(sheet.getCell('A4').master.address).toBe('A3');
    expect(sheet.getCell('N4').master.address).toBe('N3');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 2 });
    expect(sheet.pageSetup.printTitlesRow).toBe('3:4');
  });

  it('prints one row per unit in rank order, rates as percentages and 「—」 where a rate has no base', async () => {
    const sheet = (await open(await buildBulletin(bulletin, { scope: '全区', at }))).getWorksheet('实绩通报')!;
    const district = rowStartingWith(sheet, '全区');
    expect(district.number).toBe(8); // three units after the two header rows
    const [commerce, town, science] = [5, 6, 7].map((number) => sheet.getRow(number));
    expect(values(sheet, 5)).toEqual([1, '区商务局', '区直部门', 0.8, 4, 5, 1.2, 36000.5, 30000.42, 0.75, 3, 4, 1, 0.9, 1, 2, 5, 3, 2, 1, 4, 3, 0.75, 1]);
    expect(cellUnder(sheet, 4, '开工率', commerce).numFmt).toBe('0.0%');
    expect(cellUnder(sheet, 4, '本年完成', commerce).numFmt).toBe('#,##0.00');
    expect(cellUnder(sheet, 4, '达标率', commerce).numFmt).toBe('0.0%');

    expect(values(sheet, 6).slice(0, 3)).toEqual([2, '义堂镇（示例）', '镇街']);
    expect(cellUnder(sheet, 4, '开工率', town).value).toBe('—');
    expect(cellUnder(sheet, 4, '办结率', town).value).toBe('—');
    // a real zero stays a zero
    expect(cellUnder(sheet, 4, '完成率', town).value).toBe(0);

    expect(science.getCell(1).value).toBe('—');
    for (const header of ['开工率', '完成率', '办结率', '践诺率']) expect(cellUnder(sheet, 4, header, science).value).toBe('—');
    // a bulletin frozen before notices were counted shows 「—」 for them, never 0
    for (const header of ['收到', '按期回复', '未办结']) expect(cellUnder(sheet, 4, header, town).value).toBe('—');
    // a town does not attend 集中办公: 「—」, never 0
    for (const header of ['应到天数', '实到天数', '达标率', '未达标周']) expect(cellUnder(sheet, 4, header, town).value).toBe('—');
  });

  it('ends with the district row as numbers and a note on 「—」', async () => {
    const sheet = (await open(await buildBulletin(bulletin, { scope: '全区', at }))).getWorksheet('实绩通报')!;
    const district = rowStartingWith(sheet, '全区');
    expect(district.getCell('C').master.address).toBe(`A${district.number}`);
    expect(values(sheet, district.number).slice(3)).toEqual([0.8, 4, 5, 0.9, 34200.38, 38000.42, 0.75, 3, 4, 1, 0.7, 1, 2, 8, 4, 2, 2, 8, 5, 0.625, 3]);
    expect(district.getCell(4).font.bold).toBe(true);
    expect(String(sheet.getRow(district.number + 1).getCell(1).value)).toMatch(/^注：「—」表示/);
  });

  it('explains every figure on a second sheet, 指标说明', async () => {
    const workbook = await open(await buildBulletin(bulletin, { scope: '全区', at }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['实绩通报', '指标说明']);
    const sheet = workbook.getWorksheet('指标说明')!;
    expect(sheet.getCell('A1').value).toBe('指标说明');
    expect(values(sheet, 2)).toEqual(['序号', '指标', '说明']);
    expect(sheet.rowCount).toBe(2 + 3);
    expect(values(sheet, 4)).toEqual([2, '投资完成率', '本年累计完成投资 ÷ 年度计划投资。']);
  });
});
