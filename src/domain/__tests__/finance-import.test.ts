import { columnsOf, readIndicatorSheet, TEMPLATE_HEADERS } from '../finance-import';

const HEADERS = ['统一社会信用代码', '指标期（年-月）', '资产负债率（%）', '贷款余额', 'overdueLoans', '经营者变动', '群众上访事件（起）', '备注', '不认识的列'];

describe('reading a sheet of finance indicators', () => {
  it('knows the columns by Chinese label (with or without the unit) or API name, and ignores others', () => {
    expect(columnsOf(HEADERS)).toEqual(['creditCode', 'period', 'debtToAssetRatio', 'loanBalance', 'overdueLoans', 'managementChanged', 'petitions', 'note', null]);
  });

  it('reads numbers, yes/no, texts and periods written several ways; skips empty rows', () => {
    const { records, problems } = readIndicatorSheet(HEADERS, [
      { line: 2, cells: ['91371302MA0000001X', '2026-03', 72.5, '10,000', 0, '否', 1, '一季度', 'x'] },
      { line: 3, cells: [null, null, null, null, null, null, null, null, null] },
      { line: 4, cells: ['91371302MA0000001X', '2026年4月', '68%', 9000, null, '是', 0, null, null] },
      { line: 5, cells: ['91371302MA0000001X', new Date(Date.UTC(2026, 4, 1)), 60, 8000, 0, null, null, null, null] },
    ]);
    expect(problems).toEqual([]);
    expect(records.map((row) => [row.line, row.period])).toEqual([
      [2, '2026-03'],
      [4, '2026-04'],
      [5, '2026-05'],
    ]);
    expect(records[0].data).toEqual({ debtToAssetRatio: 72.5, loanBalance: 10000, overdueLoans: 0, managementChanged: false, petitions: 1, note: '一季度' });
    expect(records[1].data).toEqual({ debtToAssetRatio: 68, loanBalance: 9000, managementChanged: true, petitions: 0 });
  });

  it('names the row and column of every problem', () => {
    const { problems } = readIndicatorSheet(HEADERS, [
      { line: 2, cells: ['91371302MA0000001X', '2026-13', 'abc', -5, 0, '也许', 1.5, null, null] },
      { line: 3, cells: [null, '2026-03', 50, null, null, null, null, null, null] },
      { line: 4, cells: ['91371302MA0000001X', '2026-03', 50, null, null, null, null, null, null] },
      { line: 5, cells: ['91371302MA0000001X', '2026-03', 51, null, null, null, null, null, null] },
    ]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [2, '指标期（年-月）'],
      [2, '资产负债率（%）'],
      [2, '贷款余额'],
      [2, '经营者变动'],
      [2, '群众上访事件（起）'],
      [3, ''],
      [5, ''],
    ]);
    expect(problems.at(-1)!.zh).toContain('与第 4 行是同一企业同一期');
  });

  it('needs the period and the enterprise columns', () => {
    expect(readIndicatorSheet(['资产负债率'], []).problems.map((p) => p.zh)).toEqual(['缺少「指标期（年-月）」列', '缺少「统一社会信用代码」或「企业名称」列']);
  });
});

describe('the template', () => {
  it('names the enterprise, the month and every indicator, and each of its headers is read back as its field', () => {
    expect(TEMPLATE_HEADERS.slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '指标期（年-月）']);
    expect(TEMPLATE_HEADERS).toContain('资产负债率（%）');
    expect(TEMPLATE_HEADERS).toContain('经营者变动');
    expect(TEMPLATE_HEADERS).toContain('填报人');
    expect(TEMPLATE_HEADERS).not.toContain('导入文件');
    const columns = columnsOf(TEMPLATE_HEADERS);
    expect(columns.every(Boolean)).toBe(true);
    expect(new Set(columns).size).toBe(TEMPLATE_HEADERS.length);
    expect(columns.slice(0, 4)).toEqual(['creditCode', 'enterpriseName', 'period', 'outputValue']);
  });
});
