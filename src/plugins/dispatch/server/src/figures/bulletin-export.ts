import type { BulletinExport, BulletinFigures } from '../exports';
import type { FiguresResult } from './compute';
import type { Definition } from './definitions';
import type { Figures } from './types';

/** What a bulletin holds in `figures`: the result of the figures as of its cut-off, with the definitions. */
export type BulletinSnapshot = FiguresResult & { computedAt?: string; definitions: Record<string, Definition> };

/** One unit's or the district's figures as the bulletin sheet prints them (absent figures as 0 of 0, rate "—"). */
function printed(figures: Figures): BulletinFigures {
  return {
    startRate: figures.startRate?.rate ?? null,
    started: figures.startRate?.started ?? 0,
    plannedToStart: figures.startRate?.planned ?? 0,
    investmentRate: figures.investmentRate?.rate ?? null,
    investedThisYear: figures.investmentRate?.completed ?? 0,
    annualPlan: figures.investmentRate?.annualPlan ?? 0,
    resolutionRate: figures.problemResolution.rate,
    resolved: figures.problemResolution.resolved,
    reported: figures.problemResolution.reported,
    escalated: figures.problemResolution.escalated,
    pledgeRate: figures.pledgeFulfilment.rate,
    lights: { red: figures.lights?.red ?? 0, yellow: figures.lights?.yellow ?? 0, green: figures.lights?.green ?? 0 },
    supervision: figures.supervision
      ? { received: figures.supervision.received, repliedOnTime: figures.supervision.repliedOnTime, open: figures.supervision.open }
      : null,
    coWorking: figures.coWorking
      ? { daysPlanned: figures.coWorking.daysPlanned, daysPresent: figures.coWorking.daysPresent, rate: figures.coWorking.rate, flaggedWeeks: figures.coWorking.flaggedWeeks }
      : null,
  };
}

/**
 * A bulletin's frozen figures in the shape of the bulletin sheet: units in the order the figures rank them
 * (applicant units, then departments; by rank), the district line and each definition with its formula.
 */
export function bulletinExport(
  bulletin: { title?: string | null; periodLabel: string; periodStart: string; periodEnd: string; issuedAt?: string | null },
  snapshot: BulletinSnapshot
): BulletinExport {
  return {
    title: bulletin.title || `${bulletin.periodLabel}重大项目实绩通报`,
    periodLabel: bulletin.periodLabel,
    periodStart: bulletin.periodStart,
    periodEnd: bulletin.periodEnd,
    issuedAt: bulletin.issuedAt ?? null,
    units: snapshot.units.map((unit) => ({ ...printed(unit), rank: unit.rank, bureauName: unit.bureau.name, bureauKind: unit.bureau.kind })),
    district: printed(snapshot.district),
    definitions: Object.values(snapshot.definitions).map((definition) => ({ name: definition.name, definition: `${definition.formula}。${definition.definition}` })),
  };
}
