import { DateTime } from 'luxon';
import type { Light } from './types';

/**
 * The monthly trend of project lights from their history (pure): at each month's end (Beijing time) how many
 * projects were red, yellow and green, and how many turned red or turned green (caught up) during the month.
 */
export interface Change {
  key: string;
  from: Light;
  to: Light;
  changedAt: string | Date;
}

export interface TrendPoint {
  month: string;
  red: number;
  yellow: number;
  green: number;
  turnedRed: number;
  turnedGreen: number;
}

const ZONE = 'Asia/Shanghai';

/** `changes` of project lights in any order; `createdAt` of every project in view (a project is green until its first change). */
export function trend(months: string[], changes: Change[], createdAt: Array<string | Date>): TrendPoint[] {
  const ordered = changes
    .map((change) => ({ ...change, at: new Date(change.changedAt).getTime() }))
    .sort((a, b) => a.at - b.at);
  const created = createdAt.map((value) => new Date(value).getTime()).sort((a, b) => a - b);
  const state = new Map<string, Light>();
  let cursor = 0;
  let existing = 0;
  const points: TrendPoint[] = [];
  for (const month of months) {
    const start = DateTime.fromISO(`${month}-01`, { zone: ZONE }).startOf('month').toMillis();
    const end = DateTime.fromISO(`${month}-01`, { zone: ZONE }).endOf('month').toMillis();
    let turnedRed = 0;
    let turnedGreen = 0;
    while (cursor < ordered.length && ordered[cursor].at <= end) {
      const change = ordered[cursor];
      state.set(change.key, change.to);
      if (change.at >= start) {
        if (change.to === 'red' && change.from !== 'red') turnedRed += 1;
        if (change.to === 'green' && change.from !== 'green') turnedGreen += 1;
      }
      cursor += 1;
    }
    while (existing < created.length && created[existing] <= end) existing += 1;
    let red = 0;
    let yellow = 0;
    for (const light of state.values()) {
      if (light === 'red') red += 1;
      else if (light === 'yellow') yellow += 1;
    }
    points.push({ month, red, yellow, green: Math.max(0, existing - red - yellow), turnedRed, turnedGreen });
  }
  return points;
}
