'use strict';
/**
 * (a) Working-day arithmetic: WorkingCalendar.addWorkingDays (cumulative index + binary search) against
 * chinese-days' own findWorkday (a day-by-day walk with dayjs) on the same seeded random inputs.
 * Rounds alternate between the two so drift (CPU boost, GC) hits both alike; the ratio is the median of
 * the per-pair ratios.
 */
const path = require('path');
const { random, now, median } = require('./lib');

const DAY_MS = 86_400_000;

function inputs(count, seed) {
  const rand = random(seed);
  const from = Date.UTC(2010, 0, 1);
  const span = (Date.UTC(2026, 9, 31) - from) / DAY_MS; // stay inside the statutory data, where both agree
  return Array.from({ length: count }, () => ({
    date: new Date(from + Math.floor(rand() * span) * DAY_MS).toISOString().slice(0, 10),
    days: Math.floor(rand() * 41) - 10, // -10 … 30 working days
  }));
}

/** Runs fn over the inputs for at least `ms` milliseconds; returns operations per second. */
function measure(fn, list, ms) {
  let ops = 0;
  let sink = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let i = 0; i < list.length; i += 1) sink += fn(list[i]).length;
    ops += list.length;
    elapsed = now() - start;
  } while (elapsed < ms);
  if (sink === 42) console.log(''); // keep the results alive
  return (ops / elapsed) * 1000;
}

function run({ appDir, rounds = 5, roundMs = 400, count = 2000, seed = 20260911 } = {}) {
  const { WorkingCalendar } = require(path.join(appDir, 'dist/src/plugins/deadlines/server/src/calendar/working-calendar.js'));
  const chineseDays = require('chinese-days');
  const calendar = WorkingCalendar.create();
  const list = inputs(count, seed);

  const candidate = (input) => calendar.addWorkingDays(input.date, input.days).date;
  const baseline = (input) => chineseDays.findWorkday(input.days, input.date);

  // same answers first: a fast wrong answer is no result
  const mismatches = list.filter((input) => candidate(input) !== baseline(input));

  measure(candidate, list, roundMs); // warm-up: JIT both paths
  measure(baseline, list, roundMs);
  const pairs = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? [baseline, candidate] : [candidate, baseline];
    const result = new Map(order.map((fn) => [fn, measure(fn, list, roundMs)]));
    pairs.push({ candidate: result.get(candidate), baseline: result.get(baseline) });
  }
  const ratio = median(pairs.map((p) => p.candidate / p.baseline));
  return {
    name: 'working-day arithmetic',
    unit: 'ops/s',
    candidate: { label: 'WorkingCalendar.addWorkingDays', value: median(pairs.map((p) => p.candidate)) },
    baseline: { label: 'chinese-days findWorkday', value: median(pairs.map((p) => p.baseline)) },
    ratio,
    target: { op: '>=', value: 50 },
    ok: ratio >= 50 && mismatches.length === 0,
    valid: mismatches.length === 0, // a fast wrong answer fails the run
    details: { inputs: list.length, rounds, roundMs, seed, mismatches: mismatches.slice(0, 5), mismatchCount: mismatches.length, pairs },
  };
}

module.exports = { run };
