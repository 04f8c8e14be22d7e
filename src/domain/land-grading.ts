/**
 * 亩产效益评价: the indicators of one evaluation, the weighted score of a year's cohort and its grades A–D, with the
 * working of every number kept so the admin panel and the API can show how a score came about. Pure: no Strapi.
 *
 * Normalisation: each indicator is scored as its value over the cohort's best value × 100 (ratio to the best),
 * so the best enterprise of the year scores 100 on it and the others in proportion — a firm paying half the best
 * tax per mu gets 50. Unlike min–max scaling it keeps proportions, needs no second enterprise (a cohort of one
 * scores 100 on every indicator it has) and never divides by zero: when the best value is 0 (nobody in the cohort
 * has the indicator) everybody scores 0 on it. An indicator that cannot be computed for an enterprise (no energy
 * figure or zero energy use, no employees, no revenue for the R&D ratio) scores 0: missing data is not rewarded.
 *
 * Grades: in `rank` mode by competition ranking (equal scores share the better rank, the next rank skips), the
 * position `percentile = rank / n × 100` shown, and the grade taken from the share of the cohort ranked strictly
 * ahead, `(rank − 1) / n × 100`: A when it is below the A cut-off, B below the B cut-off, C below the C cut-off,
 * otherwise D. With 20 enterprises this is exactly A = ranks 1–4, B = 5–12, C = 13–19, D = 20; in a smaller cohort
 * each band's share is rounded up rather than down, so the best enterprise of a cohort of one or four is an A, not
 * a D or a B. Tied enterprises share rank and grade. In `threshold` mode the score itself decides: at least the A
 * threshold → A, and so on.
 */

export const INDICATORS = ['taxPerMu', 'revenuePerMu', 'revenuePerEnergy', 'labourProductivity', 'rdRatio'] as const;
export type Indicator = (typeof INDICATORS)[number];
export type Grade = 'A' | 'B' | 'C' | 'D';
export type GradingMode = 'rank' | 'threshold';

export const INDICATOR_LABELS: Record<Indicator, { zh: string; unit: string; formula: string }> = {
  taxPerMu: { zh: '亩均税收', unit: '万元/亩', formula: '税收 ÷ 用地面积' },
  revenuePerMu: { zh: '亩均营业收入', unit: '万元/亩', formula: '营业收入 ÷ 用地面积' },
  revenuePerEnergy: { zh: '单位能耗产出', unit: '万元/吨标煤', formula: '营业收入 ÷ 综合能耗' },
  labourProductivity: { zh: '全员劳动生产率', unit: '万元/人', formula: '营业收入 ÷ 从业人数' },
  rdRatio: { zh: '研发经费投入强度', unit: '%', formula: '研发经费 ÷ 营业收入 × 100' },
};

/** The field of the settings single type holding each indicator's weight. */
export const WEIGHT_FIELDS: Record<Indicator, string> = {
  taxPerMu: 'weightTaxPerMu',
  revenuePerMu: 'weightRevenuePerMu',
  revenuePerEnergy: 'weightRevenuePerEnergy',
  labourProductivity: 'weightLabourProductivity',
  rdRatio: 'weightRdRatio',
};

export interface GradingSettings {
  /** Percentages summing to 100; an indicator weighted 0 does not count. */
  weights: Record<Indicator, number>;
  mode: GradingMode;
  /** Cumulative shares of the cohort (%): A the top `a`, B down to `b`, C down to `c`, D the rest. */
  cutoffs: { a: number; b: number; c: number };
  /** Lowest scores of A, B and C in threshold mode. */
  thresholds: { a: number; b: number; c: number };
}

/** The office's defaults: tax per mu 45 %, revenue per mu 35 %, green indicators 20 % (energy output 10, R&D 10). */
export const DEFAULT_SETTINGS: GradingSettings = {
  weights: { taxPerMu: 45, revenuePerMu: 35, revenuePerEnergy: 10, labourProductivity: 0, rdRatio: 10 },
  mode: 'rank',
  cutoffs: { a: 20, b: 60, c: 95 },
  thresholds: { a: 85, b: 70, c: 50 },
};

/** The settings as fields of the single type 亩产效益评价设置. */
export function settingsToFields(settings: GradingSettings): Record<string, number | string> {
  const fields: Record<string, number | string> = { gradingMode: settings.mode };
  for (const indicator of INDICATORS) fields[WEIGHT_FIELDS[indicator]] = settings.weights[indicator];
  fields.cutoffA = settings.cutoffs.a;
  fields.cutoffB = settings.cutoffs.b;
  fields.cutoffC = settings.cutoffs.c;
  fields.thresholdA = settings.thresholds.a;
  fields.thresholdB = settings.thresholds.b;
  fields.thresholdC = settings.thresholds.c;
  return fields;
}

const num = (value: unknown, fallback: number) => {
  if (value === null || value === undefined || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
};

/** The settings from the single type's row (absent fields take the defaults). */
export function settingsFromFields(row: Record<string, unknown> | null | undefined): GradingSettings {
  const d = DEFAULT_SETTINGS;
  if (!row) return d;
  const weights = {} as Record<Indicator, number>;
  for (const indicator of INDICATORS) weights[indicator] = num(row[WEIGHT_FIELDS[indicator]], d.weights[indicator]);
  return {
    weights,
    mode: row.gradingMode === 'threshold' ? 'threshold' : 'rank',
    cutoffs: { a: num(row.cutoffA, d.cutoffs.a), b: num(row.cutoffB, d.cutoffs.b), c: num(row.cutoffC, d.cutoffs.c) },
    thresholds: { a: num(row.thresholdA, d.thresholds.a), b: num(row.thresholdB, d.thresholds.b), c: num(row.thresholdC, d.thresholds.c) },
  };
}

export interface SettingsIssue {
  field: string;
  zh: string;
  en: string;
}

/** What is wrong with a set of settings, per field: weights ≥ 0 summing to 100, cut-offs and thresholds in order. */
export function settingsIssues(settings: GradingSettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  let sum = 0;
  for (const indicator of INDICATORS) {
    const weight = settings.weights[indicator];
    if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
      issues.push({ field: WEIGHT_FIELDS[indicator], zh: '权重须在 0 到 100 之间', en: 'must be between 0 and 100' });
    }
    sum += Number.isFinite(weight) ? weight : 0;
  }
  if (Math.abs(sum - 100) > 1e-9) {
    issues.push({ field: 'weights', zh: `各指标权重之和须为 100，现为 ${round2(sum)}`, en: `the weights must add up to 100, not ${round2(sum)}` });
  }
  const ordered = (fields: [string, string, string], values: { a: number; b: number; c: number }, increasing: boolean, what: string, whatEn: string) => {
    const [a, b, c] = [values.a, values.b, values.c];
    for (const [field, value] of [[fields[0], a], [fields[1], b], [fields[2], c]] as Array<[string, number]>) {
      if (!Number.isFinite(value) || value < 0 || value > 100) issues.push({ field, zh: `${what}须在 0 到 100 之间`, en: `must be between 0 and 100` });
    }
    if (increasing) {
      if (b <= a) issues.push({ field: fields[1], zh: `B 级${what}须大于 A 级（${a}）`, en: `must be greater than the A ${whatEn} (${a})` });
      if (c <= b) issues.push({ field: fields[2], zh: `C 级${what}须大于 B 级（${b}）`, en: `must be greater than the B ${whatEn} (${b})` });
    } else {
      if (b >= a) issues.push({ field: fields[1], zh: `B 级${what}须低于 A 级（${a}）`, en: `must be lower than the A ${whatEn} (${a})` });
      if (c >= b) issues.push({ field: fields[2], zh: `C 级${what}须低于 B 级（${b}）`, en: `must be lower than the B ${whatEn} (${b})` });
    }
  };
  ordered(['cutoffA', 'cutoffB', 'cutoffC'], settings.cutoffs, true, '累计比例', 'cut-off');
  ordered(['thresholdA', 'thresholdB', 'thresholdC'], settings.thresholds, false, '分数线', 'threshold');
  return issues;
}

/** The raw figures of one evaluation (money in 万元, land in 亩, energy in 吨标准煤). */
export interface EvaluationFigures {
  landArea: number | string | null | undefined;
  taxRevenue: number | string | null | undefined;
  revenue: number | string | null | undefined;
  energyConsumption?: number | string | null;
  rdExpense?: number | string | null;
  employees?: number | string | null;
}

export type IndicatorValues = Record<Indicator, number | null>;

/** Rounds half away from zero to `digits` decimals, without binary noise (1.005 → 1.01). */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.sign(value) * (Math.round(Math.abs(value) * factor + 1e-9) / factor);
}
export const round2 = (value: number) => round(value, 2);

const positive = (value: unknown): number | null => {
  const n = value === null || value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
};
const amount = (value: unknown): number | null => {
  const n = value === null || value === undefined || value === '' ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

/**
 * The derived indicators of one evaluation, rounded to 4 decimals; null when one cannot be computed (a missing
 * figure or a zero denominator). Throws on a land area that is not positive: per-mu figures need one.
 */
export function indicators(figures: EvaluationFigures): IndicatorValues {
  const land = positive(figures.landArea);
  if (land === null) throw new RangeError('landArea must be greater than 0');
  const tax = amount(figures.taxRevenue);
  const revenue = amount(figures.revenue);
  const energy = positive(figures.energyConsumption);
  const employees = positive(figures.employees);
  const rd = amount(figures.rdExpense);
  const ratio = (top: number | null, bottom: number | null, factor = 1) => (top === null || bottom === null ? null : round((top / bottom) * factor, 4));
  return {
    taxPerMu: ratio(tax, land),
    revenuePerMu: ratio(revenue, land),
    revenuePerEnergy: ratio(revenue, energy),
    labourProductivity: ratio(revenue, employees),
    rdRatio: ratio(rd, positive(revenue), 100),
  };
}

/** How one indicator counted in a score. */
export interface IndicatorScoring {
  indicator: Indicator;
  label: string;
  unit: string;
  value: number | null;
  /** The cohort's best value of this indicator (the 100 of the scale). */
  best: number | null;
  /** value / best × 100, rounded to 2 decimals (0 when the value is missing or nobody has the indicator). */
  normalised: number;
  weight: number;
  /** normalised × weight / 100, rounded to 2 decimals (the score adds the unrounded contributions). */
  contribution: number;
  note?: string;
}

export interface Scoring {
  method: string;
  indicators: IndicatorScoring[];
  score: number;
  cohortSize: number;
  rank: number;
  grade: Grade;
  /** How the grade was decided. */
  grading:
    | { mode: 'rank'; percentile: number; aheadShare: number; cutoffs: { a: number; b: number; c: number }; rule: string }
    | { mode: 'threshold'; thresholds: { a: number; b: number; c: number }; rule: string };
}

export interface Graded {
  key: string;
  indicators: IndicatorValues;
  score: number;
  rank: number;
  grade: Grade;
  scoring: Scoring;
}

const GRADES: Grade[] = ['A', 'B', 'C', 'D'];

/**
 * Grades one year's cohort: each entry's indicators normalised against the cohort's best, the weighted score
 * (2 decimals), competition rank and grade. Entries come back in the order given.
 */
export function gradeCohort(entries: Array<{ key: string; figures: EvaluationFigures }>, settings: GradingSettings): Graded[] {
  const values = entries.map((entry) => indicators(entry.figures));
  const best = {} as Record<Indicator, number | null>;
  for (const indicator of INDICATORS) {
    const present = values.map((v) => v[indicator]).filter((v): v is number => v !== null);
    best[indicator] = present.length ? Math.max(...present) : null;
  }

  const scored = values.map((value) => {
    let raw = 0;
    const parts: IndicatorScoring[] = [];
    for (const indicator of INDICATORS) {
      const weight = settings.weights[indicator];
      if (!(weight > 0)) continue;
      const v = value[indicator];
      const top = best[indicator];
      const share = v !== null && top !== null && top > 0 ? (v / top) * 100 : 0;
      raw += (share * weight) / 100;
      const note = v === null ? '数据缺失或分母为 0，按 0 分计' : top === 0 ? '本年度各企业均为 0，按 0 分计' : undefined;
      parts.push({
        indicator,
        label: INDICATOR_LABELS[indicator].zh,
        unit: INDICATOR_LABELS[indicator].unit,
        value: v,
        best: top,
        normalised: round2(share),
        weight,
        contribution: round2((share * weight) / 100),
        ...(note ? { note } : {}),
      });
    }
    return { score: round2(raw), parts };
  });

  const n = entries.length;
  return entries.map((entry, index) => {
    const { score, parts } = scored[index];
    const rank = 1 + scored.filter((other) => other.score > score).length;
    let grade: Grade;
    let grading: Scoring['grading'];
    if (settings.mode === 'threshold') {
      const t = settings.thresholds;
      grade = score >= t.a ? 'A' : score >= t.b ? 'B' : score >= t.c ? 'C' : 'D';
      grading = { mode: 'threshold', thresholds: { ...t }, rule: `得分 ≥ ${t.a} 为 A，≥ ${t.b} 为 B，≥ ${t.c} 为 C，其余为 D` };
    } else {
      const c = settings.cutoffs;
      const ahead = ((rank - 1) / n) * 100;
      grade = ahead < c.a ? 'A' : ahead < c.b ? 'B' : ahead < c.c ? 'C' : 'D';
      grading = {
        mode: 'rank',
        percentile: round2((rank / n) * 100),
        aheadShare: round2(ahead),
        cutoffs: { ...c },
        rule: `排名在前的企业占比（(名次 − 1) ÷ ${n}）低于 ${c.a}% 为 A，低于 ${c.b}% 为 B，低于 ${c.c}% 为 C，其余为 D；得分相同者名次、等级相同`,
      };
    }
    return {
      key: entry.key,
      indicators: values[index],
      score,
      rank,
      grade,
      scoring: {
        method: '各指标值 ÷ 本年度最高值 × 100 为指标得分，乘以权重后相加（保留两位小数）',
        indicators: parts,
        score,
        cohortSize: n,
        rank,
        grade,
        grading,
      },
    };
  });
}

export const isGrade = (value: unknown): value is Grade => GRADES.includes(value as Grade);
