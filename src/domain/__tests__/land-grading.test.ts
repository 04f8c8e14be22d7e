import { DEFAULT_SETTINGS, gradeCohort, indicators, settingsFromFields, settingsIssues, settingsToFields, type GradingSettings } from '../land-grading';

/**
 * Fixture (default weights: 亩均税收 45, 亩均营业收入 35, 单位能耗产出 10, 劳动生产率 0, 研发投入强度 10):
 *
 *          land  tax  revenue energy  rd  | tax/mu rev/mu rev/energy rd%
 *   E1      10   100   1000    100    50  |  10     100      10       5
 *   E2      20   100   1000     50    20  |   5      50      20       2
 *   E3       5    25   1000    200     0  |   5     200       5       0
 *   E4      40    40    400      –     8  |   1      10       –       2
 *   E5 = E2 (a tie)
 *   best                                  |  10     200      20       5
 *
 * Scores (value ÷ best × 100 × weight):
 *   E1: 100×.45 + 50×.35 + 50×.10 + 100×.10 = 45 + 17.5 + 5 + 10  = 77.5
 *   E2: 50×.45  + 25×.35 + 100×.10 + 40×.10 = 22.5 + 8.75 + 10 + 4 = 45.25
 *   E3: 50×.45  + 100×.35 + 25×.10 + 0      = 22.5 + 35 + 2.5     = 60
 *   E4: 10×.45  + 5×.35  + 0 (no energy) + 40×.10 = 4.5 + 1.75 + 4 = 10.25
 * Ranks: E1 1, E3 2, E2 and E5 3 (tied), E4 5 (rank 4 skipped).
 * Share ahead (rank − 1) ÷ 5: E1 0 % → A (< 20), E3 20 % → B (< 60), E2/E5 40 % → B, E4 80 % → C (< 95).
 */
const FIXTURE = [
  { key: 'E1', figures: { landArea: 10, taxRevenue: 100, revenue: 1000, energyConsumption: 100, rdExpense: 50, employees: 100 } },
  { key: 'E2', figures: { landArea: 20, taxRevenue: 100, revenue: 1000, energyConsumption: 50, rdExpense: 20, employees: 50 } },
  { key: 'E3', figures: { landArea: 5, taxRevenue: 25, revenue: 1000, energyConsumption: 200, rdExpense: 0, employees: 10 } },
  { key: 'E4', figures: { landArea: 40, taxRevenue: 40, revenue: 400, energyConsumption: null, rdExpense: 8, employees: 20 } },
  { key: 'E5', figures: { landArea: 20, taxRevenue: 100, revenue: 1000, energyConsumption: 50, rdExpense: 20, employees: 50 } },
];

const summary = (settings: GradingSettings = DEFAULT_SETTINGS) =>
  Object.fromEntries(gradeCohort(FIXTURE, settings).map((g) => [g.key, [g.score, g.rank, g.grade]]));

describe('亩产效益评价 grading', () => {
  it('computes per-mu tax, per-mu revenue, output per unit of energy, labour productivity and R&D ratio', () => {
    expect(indicators(FIXTURE[0].figures)).toEqual({ taxPerMu: 10, revenuePerMu: 100, revenuePerEnergy: 10, labourProductivity: 10, rdRatio: 5 });
    // no energy figure: output per unit of energy cannot be computed
    expect(indicators(FIXTURE[3].figures).revenuePerEnergy).toBeNull();
    // 1 ÷ 3 is kept to 4 decimals
    expect(indicators({ landArea: 3, taxRevenue: 1, revenue: 0 }).taxPerMu).toBe(0.3333);
    // no revenue: the R&D ratio has no denominator
    expect(indicators({ landArea: 3, taxRevenue: 1, revenue: 0, rdExpense: 5 }).rdRatio).toBeNull();
  });

  it('refuses a zero or missing land area', () => {
    expect(() => indicators({ landArea: 0, taxRevenue: 1, revenue: 1 })).toThrow(/landArea/);
    expect(() => indicators({ landArea: null, taxRevenue: 1, revenue: 1 })).toThrow(/landArea/);
    expect(() => gradeCohort([{ key: 'x', figures: { landArea: '0', taxRevenue: 1, revenue: 1 } }], DEFAULT_SETTINGS)).toThrow();
  });

  it('scores, ranks and grades the hand-worked cohort by rank, ties sharing rank and grade', () => {
    expect(summary()).toEqual({
      E1: [77.5, 1, 'A'],
      E3: [60, 2, 'B'],
      E2: [45.25, 3, 'B'],
      E5: [45.25, 3, 'B'],
      E4: [10.25, 5, 'C'],
    });
  });

  it('shows how each score was computed', () => {
    const e1 = gradeCohort(FIXTURE, DEFAULT_SETTINGS).find((g) => g.key === 'E1')!;
    const revenuePerMu = e1.scoring.indicators.find((part) => part.indicator === 'revenuePerMu')!;
    expect(revenuePerMu).toMatchObject({ label: '亩均营业收入', value: 100, best: 200, normalised: 50, weight: 35, contribution: 17.5 });
    // labour productivity weighs 0 by default: it does not count and is not listed
    expect(e1.scoring.indicators.map((part) => part.indicator)).toEqual(['taxPerMu', 'revenuePerMu', 'revenuePerEnergy', 'rdRatio']);
    expect(e1.scoring.grading).toMatchObject({ mode: 'rank', percentile: 20, aheadShare: 0 });
    const e4 = gradeCohort(FIXTURE, DEFAULT_SETTINGS).find((g) => g.key === 'E4')!;
    const energy = e4.scoring.indicators.find((part) => part.indicator === 'revenuePerEnergy')!;
    expect(energy).toMatchObject({ value: null, normalised: 0, contribution: 0 });
    expect(energy.note).toContain('0 分');
    expect(e4.scoring.grading).toMatchObject({ percentile: 100, aheadShare: 80 });
  });

  it('grades by fixed score thresholds when the office chooses them', () => {
    // thresholds 85 / 70 / 50: 77.5 → B, 60 → C, 45.25 and 10.25 → D
    expect(summary({ ...DEFAULT_SETTINGS, mode: 'threshold' })).toEqual({
      E1: [77.5, 1, 'B'],
      E3: [60, 2, 'C'],
      E2: [45.25, 3, 'D'],
      E5: [45.25, 3, 'D'],
      E4: [10.25, 5, 'D'],
    });
  });

  it('follows the weights: labour productivity counts once weighted, an unweighted indicator drops out', () => {
    // tax 50, labour productivity 50; labour productivity (万元/人): E1 10, E2 20, E3 100, E4 20 → best 100
    // E1: 100×.5 + 10×.5 = 55; E2: 50×.5 + 20×.5 = 35; E3: 50×.5 + 100×.5 = 75; E4: 10×.5 + 20×.5 = 15
    const settings: GradingSettings = {
      ...DEFAULT_SETTINGS,
      weights: { taxPerMu: 50, revenuePerMu: 0, revenuePerEnergy: 0, labourProductivity: 50, rdRatio: 0 },
    };
    expect(summary(settings)).toEqual({ E3: [75, 1, 'A'], E1: [55, 2, 'B'], E2: [35, 3, 'B'], E5: [35, 3, 'B'], E4: [15, 5, 'C'] });
  });

  it('grades a single enterprise against itself: 100 on every indicator it has, rank 1, A', () => {
    const [only] = gradeCohort([FIXTURE[0]], DEFAULT_SETTINGS);
    expect([only.score, only.rank, only.grade]).toEqual([100, 1, 'A']);
    // without an energy figure it misses that indicator's 10 points
    const [alone] = gradeCohort([FIXTURE[3]], DEFAULT_SETTINGS);
    expect([alone.score, alone.rank, alone.grade]).toEqual([90, 1, 'A']);
  });

  it('gives everybody 0 on an indicator nobody in the cohort has', () => {
    // R&D: E3 alone spends 0 → best 0; tax 45 + revenue 35 + energy 10 = 90
    const [g] = gradeCohort([FIXTURE[2]], DEFAULT_SETTINGS);
    expect(g.score).toBe(90);
    expect(g.scoring.indicators.find((part) => part.indicator === 'rdRatio')).toMatchObject({ best: 0, normalised: 0 });
  });

  it('gives all-tied enterprises the same rank and the top grade', () => {
    const graded = gradeCohort([FIXTURE[1], FIXTURE[4]], DEFAULT_SETTINGS);
    expect(graded.map((g) => [g.score, g.rank, g.grade])).toEqual([
      [100, 1, 'A'],
      [100, 1, 'A'],
    ]);
  });

  it('splits a cohort of 20 into exactly 4 A, 8 B, 7 C and 1 D', () => {
    // tax only: enterprise i pays i 万元 on 1 亩 → score i ÷ 20 × 100 = 5i, rank 21 − i
    const settings: GradingSettings = { ...DEFAULT_SETTINGS, weights: { taxPerMu: 100, revenuePerMu: 0, revenuePerEnergy: 0, labourProductivity: 0, rdRatio: 0 } };
    const cohort = Array.from({ length: 20 }, (_, i) => ({ key: String(i + 1), figures: { landArea: 1, taxRevenue: i + 1, revenue: 1 } }));
    const graded = gradeCohort(cohort, settings);
    expect(graded[19]).toMatchObject({ score: 100, rank: 1, grade: 'A' });
    expect(graded[0]).toMatchObject({ score: 5, rank: 20, grade: 'D' });
    const counts = graded.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g.grade]: (acc[g.grade] ?? 0) + 1 }), {});
    expect(counts).toEqual({ A: 4, B: 8, C: 7, D: 1 });
    // rank 4 (score 85) is the last A, rank 5 (score 80) the first B
    expect(graded.find((g) => g.rank === 4)!.grade).toBe('A');
    expect(graded.find((g) => g.rank === 5)!.grade).toBe('B');
  });

  it('rounds the score to 2 decimals', () => {
    // tax/mu 1 and 3 → the first scores 1/3 × 100 × .45 + 100 × .35 + … ; revenue per mu equal
    const graded = gradeCohort(
      [
        { key: 'a', figures: { landArea: 1, taxRevenue: 1, revenue: 10 } },
        { key: 'b', figures: { landArea: 1, taxRevenue: 3, revenue: 10 } },
      ],
      DEFAULT_SETTINGS
    );
    // a: 33.333…×.45 + 100×.35 = 15 + 35 = 50 (exactly, 33.33…×.45 = 15); b: 45 + 35 = 80
    expect(graded.map((g) => g.score)).toEqual([50, 80]);
    const odd = gradeCohort(
      [
        { key: 'a', figures: { landArea: 3, taxRevenue: 1, revenue: 10 } },
        { key: 'b', figures: { landArea: 1, taxRevenue: 1, revenue: 10 } },
      ],
      { ...DEFAULT_SETTINGS, weights: { taxPerMu: 100, revenuePerMu: 0, revenuePerEnergy: 0, labourProductivity: 0, rdRatio: 0 } }
    );
    // a: 0.3333 ÷ 1 × 100 = 33.33
    expect(odd[0].score).toBe(33.33);
  });
});

describe('亩产效益评价设置', () => {
  it('accepts the defaults and round-trips them through the single type fields', () => {
    expect(settingsIssues(DEFAULT_SETTINGS)).toEqual([]);
    expect(settingsFromFields(settingsToFields(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
    expect(settingsToFields(DEFAULT_SETTINGS)).toMatchObject({ weightTaxPerMu: 45, weightRevenuePerMu: 35, weightRevenuePerEnergy: 10, weightRdRatio: 10, cutoffA: 20, cutoffB: 60, cutoffC: 95 });
  });

  it('names the field of every bad setting', () => {
    const fields = (settings: GradingSettings) => settingsIssues(settings).map((issue) => issue.field);
    expect(fields({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, taxPerMu: 40 } })).toEqual(['weights']);
    expect(fields({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, taxPerMu: 65, rdRatio: -10 } })).toEqual(['weightRdRatio']);
    expect(fields({ ...DEFAULT_SETTINGS, cutoffs: { a: 20, b: 20, c: 95 } })).toEqual(['cutoffB']);
    expect(fields({ ...DEFAULT_SETTINGS, cutoffs: { a: 20, b: 60, c: 120 } })).toEqual(['cutoffC']);
    expect(fields({ ...DEFAULT_SETTINGS, thresholds: { a: 70, b: 80, c: 50 } })).toEqual(['thresholdB']);
    expect(settingsIssues({ ...DEFAULT_SETTINGS, weights: { ...DEFAULT_SETTINGS.weights, taxPerMu: 40 } })[0].zh).toContain('95');
  });
});
