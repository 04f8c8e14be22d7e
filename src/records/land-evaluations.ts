import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { gradeCohort, settingsFromFields, type GradingSettings } from '../domain/land-grading';
import type { Row } from './rule';

export const LAND_EVALUATION = 'api::land-evaluation.land-evaluation';
export const LAND_SETTING = 'api::land-evaluation-setting.land-evaluation-setting';

/** Figures the grading reads from a stored evaluation. */
const FIGURES = ['id', 'year', 'landArea', 'taxRevenue', 'revenue', 'energyConsumption', 'rdExpense', 'employees'];

/** The office's 亩产效益评价设置 (the defaults until they are saved). */
export async function loadGradingSettings(strapi: Core.Strapi): Promise<GradingSettings> {
  return settingsFromFields(await strapi.db.query(LAND_SETTING as any).findOne({}));
}

/** Years whose grading waits for the end of a bulk write (an import grades each year once, not once per row). */
const deferred = new AsyncLocalStorage<Set<number>>();

/** Runs `work` (inside the caller's transaction) and grades the years it touched once, at its end. */
export async function withDeferredGrading<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  const years = new Set<number>();
  const result = await deferred.run(years, work);
  // in increasing order, the order every grader takes the years' locks in: no two wait on each other in a cycle
  for (const year of [...years].sort((x, y) => x - y)) await regradeYear(strapi, year);
  return result;
}

/** Grades the given years now, or at the end of the bulk write under way. */
export async function regradeYears(strapi: Core.Strapi, years: Array<number | null | undefined>) {
  const unique = [...new Set(years.filter((year): year is number => Number.isInteger(year)))].sort((x, y) => x - y);
  const pending = deferred.getStore();
  for (const year of unique) {
    if (pending) pending.add(year);
    else await regradeYear(strapi, year);
  }
}

/**
 * Grades one year's cohort and stores each evaluation's indicators, score, rank, grade and working. Derived
 * fields, not a change of the records: written directly, without content events or record rules (which would
 * grade the year again for every row).
 */
export async function regradeYear(strapi: Core.Strapi, year: number, settings?: GradingSettings) {
  await strapi.db.transaction(async ({ trx }) => {
    await lockYear(strapi, trx, year);
    await grade(strapi, year, settings);
  });
}

/** Advisory lock classes of this module (PostgreSQL `pg_advisory_xact_lock(class, key)`): 'LAND'. */
const LOCK_CLASS = 0x4c414e44;

/**
 * Two writes of the same year grade it one after the other (PostgreSQL: a transaction-scoped advisory lock on the
 * year), so the later one reads the cohort with the earlier one's rows committed; SQLite serialises writers itself.
 */
async function lockYear(strapi: Core.Strapi, trx: any, year: number) {
  if (strapi.db.dialect.client !== 'postgres') return;
  await trx.raw('select pg_advisory_xact_lock(?, ?)', [LOCK_CLASS, year]);
}

async function grade(strapi: Core.Strapi, year: number, settings?: GradingSettings) {
  const query = strapi.db.query(LAND_EVALUATION as any);
  const rows: Row[] = await query.findMany({ where: { year }, select: FIGURES, orderBy: { id: 'asc' } });
  const gradable = rows.filter((row) => Number(row.landArea) > 0);
  const graded = gradeCohort(
    gradable.map((row) => ({ key: String(row.id), figures: row as any })),
    settings ?? (await loadGradingSettings(strapi))
  );
  // one after the other: inside a transaction the updates queue on the same connection anyway
  for (const result of graded) {
    await query.update({
      where: { id: Number(result.key) },
      data: { ...result.indicators, score: result.score, rank: result.rank, grade: result.grade, scoring: result.scoring },
    });
  }
}

/** Grades every year again (the settings changed). */
export async function regradeAll(strapi: Core.Strapi) {
  const settings = await loadGradingSettings(strapi);
  const rows: Row[] = await strapi.db.query(LAND_EVALUATION as any).findMany({ select: ['year'] });
  const years = [...new Set(rows.map((row) => Number(row.year)).filter(Number.isInteger))].sort((x, y) => x - y);
  for (const year of years) await regradeYear(strapi, year, settings);
}
