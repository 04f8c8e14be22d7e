import { formatRate } from '../definitions';
import { describeParamProblem, parseFiguresQuery, parseRankingQuery } from '../params';

describe('figures query parameters', () => {
  it('reads a period and an optional unit', () => {
    expect(parseFiguresQuery({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ query: { period: { from: '2026-01-01', to: '2026-06-30' }, unit: null }, problems: [] });
    expect(parseFiguresQuery({ from: '2026-06-30', to: '2026-06-30', unit: 'abc123' }).query).toEqual({ period: { from: '2026-06-30', to: '2026-06-30' }, unit: 'abc123' });
  });

  it.each([
    [{ to: '2026-06-30' }, 'from'],
    [{ from: '2026-01-01' }, 'to'],
    [{ from: '2026-02-30', to: '2026-06-30' }, 'from'],
    [{ from: '2026-01-01', to: '20260630' }, 'to'],
    [{ from: '2026-07-01', to: '2026-06-30' }, 'to'],
    [{ from: ['2026-01-01', '2026-02-01'], to: '2026-06-30' }, 'from'],
    [{ from: '2026-01-01', to: '2026-06-30', unit: 'a b' }, 'unit'],
    [{ from: '2026-01-01', to: '2026-06-30', bureau: 'x' }, 'bureau'],
  ])('rejects %j naming %s', (query, parameter) => {
    const { query: parsed, problems } = parseFiguresQuery(query as Record<string, unknown>);
    expect(parsed).toBeNull();
    expect(problems.map((problem) => problem.parameter)).toEqual([parameter]);
  });

  it('names a parameter in Chinese and English', () => {
    const [problem] = parseFiguresQuery({ from: '2026-01-01' }).problems;
    expect(describeParamProblem(problem)).toBe('截止日（to）：必须填写（YYYY-MM-DD） / to: is required (YYYY-MM-DD)');
  });

  it('reads the ranking year, defaulting to the current one', () => {
    expect(parseRankingQuery({}, 2026)).toEqual({ year: 2026, problems: [] });
    expect(parseRankingQuery({ year: '2025' }, 2026)).toEqual({ year: 2025, problems: [] });
    for (const year of ['1999', '26', 'abc', '2026.5']) expect(parseRankingQuery({ year }, 2026).problems.map((problem) => problem.parameter)).toEqual(['year']);
  });
});

describe('rates for people', () => {
  it('shows a percentage with two decimals, and "—" when the rate cannot be computed', () => {
    expect(formatRate(0.6667)).toBe('66.67%');
    expect(formatRate(1.5)).toBe('150.00%');
    expect(formatRate(0)).toBe('0.00%');
    expect(formatRate(null)).toBe('—');
  });
});
