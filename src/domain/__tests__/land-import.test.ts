import { evaluationKey, IMPORT_HEADERS, parseImport, type ImportLookup } from '../land-import';

const LOOKUP: ImportLookup = {
  enterprises: [
    { documentId: 'ent-a', name: '临沂甲公司', creditCode: '91371302000000001X' },
    { documentId: 'ent-b', name: '临沂乙公司', creditCode: '913713020000000020' },
    { documentId: 'ent-c', name: '临沂丙公司', creditCode: '913713020000000039' },
  ],
  projects: [
    { documentId: 'prj-1', code: 'LS-2025-0001', name: '甲公司扩建项目', enterprise: 'ent-a' },
    { documentId: 'prj-2', code: 'LS-2025-0002', name: '乙公司新建项目', enterprise: 'ent-b' },
  ],
  existingKeys: new Set([evaluationKey('ent-b', null, 2024)]),
};

// 企业名称, 统一社会信用代码, 项目编号, 年度, 用地面积(亩), 税收(万元), 营业收入(万元), 综合能耗(吨标煤), 研发经费(万元), 从业人数, 评价机构
const row = (overrides: Partial<Record<string, unknown>> = {}) => {
  const base: Record<string, unknown> = {
    企业名称: '临沂甲公司',
    统一社会信用代码: null,
    项目编号: null,
    年度: 2025,
    '用地面积(亩)': 50,
    '税收(万元)': 300,
    '营业收入(万元)': 8000,
    '综合能耗(吨标煤)': 1200,
    '研发经费(万元)': 160,
    从业人数: 120,
    评价机构: '山东某评估公司',
  };
  const merged = { ...base, ...overrides };
  return IMPORT_HEADERS.map((header) => merged[header] ?? null);
};

describe('亩产效益评价 import parsing', () => {
  it('reads every column of a good file, enterprise by name or by credit code, project by its code', () => {
    const { records, issues } = parseImport(
      [
        IMPORT_HEADERS,
        row(),
        row({ 企业名称: null, 统一社会信用代码: '913713020000000020', 项目编号: 'LS-2025-0002', '税收(万元)': '1,250.5', 从业人数: null }),
        [], // blank rows are skipped
      ],
      2025,
      LOOKUP
    );
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { row: 2, enterprise: 'ent-a', project: null, year: 2025, landArea: 50, taxRevenue: 300, revenue: 8000, energyConsumption: 1200, rdExpense: 160, employees: 120, evaluator: '山东某评估公司' },
      { row: 3, enterprise: 'ent-b', project: 'prj-2', year: 2025, landArea: 50, taxRevenue: 1250.5, revenue: 8000, energyConsumption: 1200, rdExpense: 160, employees: null, evaluator: '山东某评估公司' },
    ]);
  });

  it('accepts full-width brackets in the header and formula or rich-text cells', () => {
    const header = IMPORT_HEADERS.map((text) => text.replace('(', '（').replace(')', '）'));
    const cells = row({ '用地面积(亩)': { formula: 'A1*2', result: 40 }, 企业名称: { richText: [{ text: '临沂' }, { text: '甲公司' }] } });
    const { records, issues } = parseImport([header, cells], 2025, LOOKUP);
    expect(issues).toEqual([]);
    expect(records[0]).toMatchObject({ enterprise: 'ent-a', landArea: 40 });
  });

  it('reports every bad row with its Excel row number, field and reason, and returns no record at all', () => {
    const { records, issues } = parseImport(
      [
        IMPORT_HEADERS,
        row(), // 2: fine
        row({ 企业名称: '不存在的公司' }), // 3
        row({ '用地面积(亩)': 0, 项目编号: 'LS-2025-0001' }), // 4
        row({ 企业名称: '临沂乙公司', '税收(万元)': 'abc', 从业人数: 3.5 }), // 5
        row({ 年度: 2024 }), // 6: not the imported year
        row(), // 7: duplicates row 2
        row({ 企业名称: '临沂甲公司', 统一社会信用代码: '913713020000000020' }), // 8: code and name disagree
        row({ 项目编号: 'LS-2025-0002' }), // 9: another enterprise's project
        row({ 企业名称: '临沂乙公司', 项目编号: 'LS-2025-0002', '营业收入(万元)': -5 }), // 10
        row({ 企业名称: '临沂丙公司', '营业收入(万元)': null }), // 11
      ],
      2025,
      LOOKUP
    );
    expect(records).toEqual([]);
    expect(issues.map((issue) => [issue.row, issue.field])).toEqual([
      [3, 'enterprise'],
      [4, 'landArea'],
      [5, 'taxRevenue'],
      [5, 'employees'],
      [6, 'year'],
      [7, 'enterprise'],
      [8, 'enterprise'],
      [9, 'project'],
      [10, 'revenue'],
      [11, 'revenue'],
    ]);
    expect(issues.find((issue) => issue.row === 7)!.message).toContain('与第 2 行重复');
    expect(issues.find((issue) => issue.row === 4)!.message).toBe('用地面积(亩)须大于 0');
    expect(issues.find((issue) => issue.row === 4)!.messageEn).toBe('用地面积(亩) must be greater than 0');
    expect(issues.find((issue) => issue.row === 5 && issue.field === 'taxRevenue')!.message).toContain('「abc」不是数字');
  });

  it('refuses a row whose evaluation is stored already', () => {
    const { issues } = parseImport([IMPORT_HEADERS, row({ 企业名称: '临沂乙公司', 年度: 2024 })], 2024, { ...LOOKUP });
    expect(issues).toEqual([expect.objectContaining({ row: 2, field: 'year', message: expect.stringContaining('2024 年度的评价已存在') })]);
  });

  it('takes the year from the rows when none is given, and needs it then', () => {
    const { records } = parseImport([IMPORT_HEADERS, row({ 年度: '2023年' })], null, LOOKUP);
    expect(records[0].year).toBe(2023);
    const { issues } = parseImport([IMPORT_HEADERS, row({ 年度: null })], null, LOOKUP);
    expect(issues).toEqual([expect.objectContaining({ row: 2, field: 'year' })]);
  });

  it('refuses a file without the needed columns, or without data', () => {
    const noFigures = parseImport([['企业名称', '年度'], ['临沂甲公司', 2025]], 2025, LOOKUP);
    expect(noFigures.issues.map((issue) => [issue.row, issue.field])).toEqual([
      [1, 'landArea'],
      [1, 'taxRevenue'],
      [1, 'revenue'],
    ]);
    expect(parseImport([[], IMPORT_HEADERS], 2025, LOOKUP).issues).toEqual([expect.objectContaining({ row: 3, field: 'file' })]);
    expect(parseImport([], 2025, LOOKUP).issues).toEqual([expect.objectContaining({ row: 1, field: 'file' })]);
  });
});
