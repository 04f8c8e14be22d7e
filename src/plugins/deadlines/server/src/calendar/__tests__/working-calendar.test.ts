import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import path from 'path';
import {
  CALENDAR_RANGE,
  endOfDay,
  shanghaiDate,
  STATUTORY_DATA_UNTIL,
  WorkingCalendar,
} from '../working-calendar';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const DATA: { holidays: Record<string, string>; workdays: Record<string, string> } = require('chinese-days/dist/chinese-days.json');

/**
 * chinese-days' own answers, asked in a child process running in Asia/Shanghai: its functions read local time and
 * go wrong west of UTC (it calls Saturday 2024-01-06 a working day under America/Los_Angeles), while this suite
 * must pass whatever the server's TZ is.
 */
function chineseDays<T>(expression: string, input: unknown): T {
  const script = `const cd = require('chinese-days'); const input = ${JSON.stringify(input)}; process.stdout.write(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: 'Asia/Shanghai' } }).toString());
}
const isWorkdayAll = (list: string[]) => chineseDays<boolean[]>('input.map((d) => cd.isWorkday(d))', list);

const cal = WorkingCalendar.create();
const add = (date: string, n: number, c = cal) => c.addWorkingDays(date, n).date;

/** Test-side UTC date helpers (independent of the module's implementation). */
const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const plusDays = (d: string, k: number) => iso(ms(d) + k * DAY);
const dow = (d: string) => new Date(ms(d)).getUTCDay();
function* days(from: string, to: string) {
  for (let t = ms(from); t <= ms(to); t += DAY) yield iso(t);
}
/** Deterministic PRNG so the property loop is reproducible. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST_YEAR = Number(STATUTORY_DATA_UNTIL.slice(0, 4));
const NEXT_YEAR = LAST_YEAR + 1;
/** First Monday–Friday on or after d: what the fallback rule predicts. */
const firstMonFri = (d: string) => {
  while (dow(d) === 0 || dow(d) === 6) d = plusDays(d, 1);
  return d;
};

describe('statutory data', () => {
  it('knownUntil is Dec 31 of the last year with holidays in chinese-days', () => {
    const last = Object.keys(DATA.holidays).sort().pop()!;
    expect(STATUTORY_DATA_UNTIL).toBe(`${last.slice(0, 4)}-12-31`);
    expect(cal.knownUntil).toBe(STATUTORY_DATA_UNTIL);
    expect(LAST_YEAR).toBeGreaterThanOrEqual(2026);
  });

  it('the JSON lists the 2026 Spring Festival, Labour Day and National Day as the tests below assume', () => {
    for (const d of days('2026-02-15', '2026-02-23')) expect(DATA.holidays[d]).toMatch(/,春节,/);
    for (const d of ['2026-02-14', '2026-02-28']) expect(DATA.workdays[d]).toMatch(/,春节,/);
    for (const d of days('2026-05-01', '2026-05-05')) expect(DATA.holidays[d]).toMatch(/,劳动节,/);
    expect(DATA.workdays['2026-05-09']).toMatch(/,劳动节,/);
    for (const d of days('2026-10-01', '2026-10-07')) expect(DATA.holidays[d]).toMatch(/,国庆节,/);
    for (const d of ['2026-09-20', '2026-10-10']) expect(DATA.workdays[d]).toMatch(/,国庆节,/);
    expect(dow('2026-09-20')).toBe(0);
    expect(dow('2026-10-10')).toBe(6);
  });

  it('isWorkingDay matches chinese-days isWorkday for every day of 2024–2026', () => {
    const list = [...days('2024-01-01', '2026-12-31')];
    const expected = isWorkdayAll(list);
    const mismatches = list.filter((d, i) => cal.isWorkingDay(d) !== expected[i]);
    expect(mismatches).toEqual([]);
  });

  it('isWorkingDay matches chinese-days isWorkday for every known day since 2004 too', () => {
    const list = [...days(CALENDAR_RANGE.from, STATUTORY_DATA_UNTIL)];
    const expected = isWorkdayAll(list);
    const mismatches = list.filter((d, i) => cal.isWorkingDay(d) !== expected[i]);
    expect(mismatches).toEqual([]);
  });
});

describe('addWorkingDays', () => {
  it('an opinion requested on Friday 2026-09-11 with 2 working days is due Tuesday 2026-09-15 23:59:59 +08:00', () => {
    expect(cal.addWorkingDays('2026-09-11', 2)).toEqual({ date: '2026-09-15', fallback: false });
    const due = cal.dueInstant(new Date('2026-09-11T10:30:00+08:00'), 2);
    expect(due.dueDate).toBe('2026-09-15');
    expect(due.dueAt.toISOString()).toBe('2026-09-15T15:59:59.999Z');
    expect(due.fallback).toBe(false);
  });

  it('the start day never counts, even when it is a working day', () => {
    expect(add('2026-09-14', 1)).toBe('2026-09-15');
  });

  it('2026 Spring Festival: make-up Saturdays 02-14 and 02-28 work, 02-15..23 rest', () => {
    expect(add('2026-02-13', 1)).toBe('2026-02-14');
    expect(add('2026-02-13', 2)).toBe('2026-02-24');
    expect(add('2026-02-14', 1)).toBe('2026-02-24');
    expect(add('2026-02-27', 1)).toBe('2026-02-28');
    expect(add('2026-02-28', 1)).toBe('2026-03-02');
    for (const d of days('2026-02-15', '2026-02-23')) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(cal.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, name: '春节', source: 'statutory' });
    expect(cal.dayInfo('2026-02-18')).toEqual({ date: '2026-02-18', working: false, name: '春节', source: 'statutory' });
  });

  it('Labour Day 2026: 05-01..05 rest, make-up Saturday 05-09 works', () => {
    expect(add('2026-04-30', 1)).toBe('2026-05-06');
    expect(add('2026-05-08', 1)).toBe('2026-05-09');
    expect(add('2026-05-09', 1)).toBe('2026-05-11');
    expect(cal.dayInfo('2026-05-09')).toMatchObject({ working: true, name: '劳动节', source: 'statutory' });
  });

  it('National Day 2026: make-up Sunday 09-20 and Saturday 10-10 work, 10-01..07 rest', () => {
    expect(add('2026-09-18', 1)).toBe('2026-09-20');
    expect(add('2026-09-24', 1)).toBe('2026-09-28'); // Mid-autumn 09-25..27
    expect(add('2026-09-30', 1)).toBe('2026-10-08');
    expect(add('2026-09-30', 3)).toBe('2026-10-10');
    expect(add('2026-10-10', 1)).toBe('2026-10-12');
    expect(cal.dayInfo('2026-10-10')).toMatchObject({ working: true, name: '国庆节', source: 'statutory' });
  });

  it('a start on a holiday counts from the first working day after it', () => {
    expect(add('2026-10-01', 1)).toBe('2026-10-08');
    expect(add('2026-10-01', 0)).toBe('2026-10-08');
    expect(add('2026-10-03', 2)).toBe('2026-10-09');
  });

  it('a start on a weekend counts from the next working day', () => {
    expect(add('2026-09-12', 1)).toBe('2026-09-14');
    expect(add('2026-09-13', 0)).toBe('2026-09-14');
    expect(cal.dayInfo('2026-09-12')).toEqual({ date: '2026-09-12', working: false, source: 'weekend' });
    expect(cal.dayInfo('2026-09-14')).toEqual({ date: '2026-09-14', working: true, source: 'weekday' });
  });

  it('a start on the make-up working Sunday 2026-09-20 does not count itself', () => {
    expect(add('2026-09-20', 1)).toBe('2026-09-21');
    expect(add('2026-09-20', 0)).toBe('2026-09-20');
  });

  it('n = 0 gives the date itself when it is a working day', () => {
    expect(add('2026-09-11', 0)).toBe('2026-09-11');
  });

  it('year boundary: 2025-12-31 + 1 skips New Year 2026-01-01..03 and lands on make-up Sunday 2026-01-04', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toEqual({ date: '2026-01-04', fallback: false });
    expect(cal.workingDaysBetween('2025-12-31', '2026-01-04')).toBe(1);
  });

  it('negative n goes backwards symmetrically', () => {
    expect(add('2026-02-24', -1)).toBe('2026-02-14');
    expect(add('2026-10-08', -1)).toBe('2026-09-30');
    expect(add('2026-10-08', -3)).toBe('2026-09-28');
    expect(add('2026-01-04', -1)).toBe('2025-12-31');
    expect(add('2026-10-04', -1)).toBe('2026-09-30'); // start on a holiday
    expect(cal.previousWorkingDay('2026-09-21')).toBe('2026-09-20');
    expect(cal.nextWorkingDay('2026-09-19')).toBe('2026-09-20');
  });

  it('agrees with chinese-days findWorkday (day-by-day walk) on random known dates, n in -30..30', () => {
    const rnd = mulberry32(7);
    const span = (ms(STATUTORY_DATA_UNTIL) - ms('2004-03-01')) / DAY - 90;
    const pairs = Array.from({ length: 1500 }, () => [plusDays('2004-03-01', Math.floor(rnd() * span)), Math.floor(rnd() * 61) - 30] as const);
    const expected = chineseDays<string[]>('input.map(([d, n]) => cd.findWorkday(n, d))', pairs);
    pairs.forEach(([d, n], i) => expect([d, n, add(d, n)]).toEqual([d, n, expected[i]]));
  });

  it('property: workingDaysBetween(d, addWorkingDays(d, n)) === n and the result is a working day', () => {
    const rnd = mulberry32(42);
    const span = (ms('2099-12-31') - ms('2004-03-01')) / DAY; // margin so e - n stays inside the index
    for (let i = 0; i < 10_000; i++) {
      const d = plusDays('2004-03-01', Math.floor(rnd() * span));
      const n = Math.floor(rnd() * 31);
      const e = add(d, n);
      expect(cal.isWorkingDay(e)).toBe(true);
      if (n > 0) {
        expect(cal.workingDaysBetween(d, e)).toBe(n);
        expect(cal.workingDaysBetween(d, plusDays(e, -1))).toBe(n - 1); // e is the first day reaching n
        expect(add(e, -n)).toBe(cal.isWorkingDay(d) ? d : cal.previousWorkingDay(d));
      } else {
        expect(e).toBe(cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d));
      }
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to], antisymmetrically', () => {
    expect(cal.workingDaysBetween('2026-09-11', '2026-09-11')).toBe(0);
    expect(cal.workingDaysBetween('2026-09-11', '2026-09-15')).toBe(2);
    expect(cal.workingDaysBetween('2026-09-15', '2026-09-11')).toBe(-2);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(cal.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(
      isWorkdayAll([...days('2026-01-02', '2026-12-31')]).filter(Boolean).length,
    );
  });
});

describe('fallback after the known data', () => {
  const lastKnown = STATUTORY_DATA_UNTIL;
  const jan1 = `${NEXT_YEAR}-01-01`;

  it(`days after ${STATUTORY_DATA_UNTIL} are Monday–Friday and results touching them report fallback`, () => {
    const expected = firstMonFri(jan1);
    expect(cal.addWorkingDays(lastKnown, 1)).toEqual({ date: expected, fallback: true });
    expect(cal.dayInfo(jan1)).toEqual({ date: jan1, working: dow(jan1) !== 0 && dow(jan1) !== 6, source: 'fallback' });
    for (const d of days(jan1, `${NEXT_YEAR}-12-31`)) expect(cal.isWorkingDay(d)).toBe(dow(d) >= 1 && dow(d) <= 5);
    // a backwards count from the unknown year also relied on the assumption
    expect(cal.addWorkingDays(expected, -1).fallback).toBe(true);
    // entirely inside the known data: no fallback
    expect(cal.addWorkingDays(`${LAST_YEAR}-06-01`, 5).fallback).toBe(false);
  });

  it(`an override in ${NEXT_YEAR} (declare ${jan1} rest) changes the result but does not make the year known`, () => {
    const c = WorkingCalendar.create({ overrides: [{ date: jan1, kind: 'rest', name: '元旦' }] });
    expect(c.knownUntil).toBe(STATUTORY_DATA_UNTIL);
    expect(c.dayInfo(jan1)).toEqual({ date: jan1, working: false, name: '元旦', source: 'override' });
    expect(c.addWorkingDays(lastKnown, 1)).toEqual({ date: firstMonFri(plusDays(jan1, 1)), fallback: true });
  });

  it('the caller can declare a year known once the office entered its State Council notice', () => {
    const c = WorkingCalendar.create({ knownUntil: `${NEXT_YEAR}-12-31`, overrides: [{ date: jan1, kind: 'rest', name: '元旦' }] });
    expect(c.knownUntil).toBe(`${NEXT_YEAR}-12-31`);
    expect(c.addWorkingDays(lastKnown, 1)).toEqual({ date: firstMonFri(plusDays(jan1, 1)), fallback: false });
    const monday = firstMonFri(`${NEXT_YEAR}-03-02`);
    expect(c.dayInfo(monday).source).toBe('weekday');
  });

  it('a declared knownUntil never lowers the package data limit', () => {
    expect(WorkingCalendar.create({ knownUntil: '2020-12-31' }).knownUntil).toBe(STATUTORY_DATA_UNTIL);
  });

  it('concretely for chinese-days 1.5.7 (data to 2026): 2026-12-31 + 1 → Friday 2027-01-01, or Monday 2027-01-04 with a rest override', () => {
    if (STATUTORY_DATA_UNTIL !== '2026-12-31') return; // package updated: the generic cases above still apply
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', fallback: true });
    const c = WorkingCalendar.create({ overrides: [{ date: '2027-01-01', kind: 'rest' }] });
    expect(c.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', fallback: true });
    expect(c.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', working: false, source: 'override' });
  });
});

describe('overrides', () => {
  it('turning a weekday into rest pushes the deadline', () => {
    const c = WorkingCalendar.create({ overrides: [{ date: '2026-09-14', kind: 'rest', name: '临时休息' }] });
    expect(add('2026-09-11', 2, c)).toBe('2026-09-16');
    expect(c.dayInfo('2026-09-14')).toEqual({ date: '2026-09-14', working: false, name: '临时休息', source: 'override' });
    expect(add('2026-09-11', 2)).toBe('2026-09-15'); // the default calendar is untouched
  });

  it('turning a Saturday into work pulls the deadline in', () => {
    const c = WorkingCalendar.create({ overrides: [{ date: '2026-09-12', kind: 'work', name: '补班' }] });
    expect(add('2026-09-11', 1, c)).toBe('2026-09-12');
    expect(add('2026-09-11', 2, c)).toBe('2026-09-14');
    expect(c.workingDaysBetween('2026-09-11', '2026-09-14')).toBe(2);
    expect(c.dayInfo('2026-09-12')).toEqual({ date: '2026-09-12', working: true, name: '补班', source: 'override' });
  });

  it('overrides win over statutory data', () => {
    const c = WorkingCalendar.create({ overrides: [{ date: '2026-10-08', kind: 'rest' }, { date: '2026-02-14', kind: 'rest' }] });
    expect(add('2026-09-30', 1, c)).toBe('2026-10-09');
    expect(add('2026-02-13', 1, c)).toBe('2026-02-24');
  });

  it('rejects malformed, duplicate or out-of-range overrides', () => {
    expect(() => WorkingCalendar.create({ overrides: [{ date: '2026-9-14', kind: 'rest' }] })).toThrow(/override date/);
    expect(() => WorkingCalendar.create({ overrides: [{ date: '2026-09-14', kind: 'holiday' as 'rest' }] })).toThrow(/kind/);
    expect(() => WorkingCalendar.create({ overrides: [{ date: '2026-09-14', kind: 'rest' }, { date: '2026-09-14', kind: 'work' }] })).toThrow(/twice/);
    expect(() => WorkingCalendar.create({ overrides: [{ date: '2101-01-01', kind: 'rest' }] })).toThrow(/outside/);
    expect(() => WorkingCalendar.create({ knownUntil: 'next year' })).toThrow(/knownUntil/);
  });

  it('the calendar is immutable: later edits to the overrides array do not leak in', () => {
    const overrides = [{ date: '2026-09-14', kind: 'rest' as const }];
    const c = WorkingCalendar.create({ overrides });
    overrides[0].kind = 'work' as 'rest';
    overrides.push({ date: '2026-09-15', kind: 'rest' });
    expect(add('2026-09-11', 2, c)).toBe('2026-09-16');
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as unknown as { knownUntil: string }).knownUntil = '2099-12-31';
    }).toThrow();
  });
});

describe('validation', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-9-11', '20260911', '2026-09-11T00:00:00Z', '', 'abc'])(
    'throws a clear error for malformed date %p',
    (bad) => {
      expect(() => cal.isWorkingDay(bad)).toThrow(/Invalid date/);
    },
  );

  it('throws for non-string dates and non-integer n', () => {
    expect(() => cal.isWorkingDay(undefined as unknown as string)).toThrow(/Invalid date/);
    expect(() => cal.addWorkingDays('2026-09-11', 1.5)).toThrow(/integer/);
    expect(() => cal.addWorkingDays('2026-09-11', NaN)).toThrow(/integer/);
  });

  it('throws for dates or results outside the index range', () => {
    expect(() => cal.isWorkingDay('2003-12-31')).toThrow(/outside the calendar range/);
    expect(() => cal.dayInfo('2101-01-01')).toThrow(/outside the calendar range/);
    expect(() => cal.addWorkingDays('2100-12-28', 10)).toThrow(/outside the calendar range/);
    expect(() => cal.addWorkingDays('2004-01-05', -10)).toThrow(/outside the calendar range/);
    expect(cal.isWorkingDay(CALENDAR_RANGE.from)).toBe(false); // 2004-01-01 New Year
    expect(cal.dayInfo(CALENDAR_RANGE.to)).toEqual({ date: '2100-12-31', working: true, source: 'fallback' }); // a Friday
  });
});

describe('time zone handling', () => {
  it('shanghaiDate and endOfDay work on the +08:00 calendar', () => {
    expect(shanghaiDate(new Date('2026-09-10T16:00:00Z'))).toBe('2026-09-11');
    expect(shanghaiDate(new Date('2026-09-10T15:59:59.999Z'))).toBe('2026-09-10');
    expect(endOfDay('2026-09-15').toISOString()).toBe('2026-09-15T15:59:59.999Z');
    expect(() => shanghaiDate(new Date('nope'))).toThrow(/Invalid instant/);
    expect(() => endOfDay('2026-09-31')).toThrow(/Invalid date/);
  });

  it('a request at 00:30 Beijing time on Saturday counts from the Beijing date, not the UTC one', () => {
    // 2026-09-12T00:30+08:00 is still Friday 2026-09-11 in UTC
    expect(cal.dueInstant(new Date('2026-09-12T00:30:00+08:00'), 1).dueDate).toBe('2026-09-14');
    expect(cal.dueInstant(new Date('2026-09-11T23:30:00+08:00'), 1).dueDate).toBe('2026-09-14');
    expect(cal.dueInstant(new Date('2026-09-11T08:00:00+08:00'), 0).dueDate).toBe('2026-09-11');
  });

  describe('under process.env.TZ = America/Los_Angeles', () => {
    const saved = process.env.TZ;
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('dueInstant gives the same result as in Shanghai', () => {
      const instants = ['2026-09-11T01:00:00+08:00', '2026-09-11T10:30:00+08:00', '2026-09-30T23:59:00+08:00', '2025-12-31T08:00:00+08:00'];
      const reference = instants.map((s) => cal.dueInstant(new Date(s), 2));
      process.env.TZ = 'America/Los_Angeles';
      // prove the switch took effect: 01:00 Beijing on 09-11 is still 09-10 in Los Angeles local time
      expect(new Date('2026-09-11T01:00:00+08:00').getDate()).toBe(10);
      const underLA = instants.map((s) => cal.dueInstant(new Date(s), 2));
      expect(underLA).toEqual(reference);
      expect(underLA[0]).toEqual({ dueDate: '2026-09-15', dueAt: new Date('2026-09-15T15:59:59.999Z'), fallback: false });
      // a calendar built while TZ is Los Angeles has the same index
      const laCal = WorkingCalendar.create();
      for (const d of days('2026-01-01', '2026-12-31')) expect(laCal.isWorkingDay(d)).toBe(cal.isWorkingDay(d));
    });
  });

  it('the module uses no local-time Date getters or local-time Date construction', () => {
    const src = readFileSync(path.join(__dirname, '..', 'working-calendar.ts'), 'utf8');
    expect(src).not.toMatch(/\.get(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|TimezoneOffset)\(/);
    expect(src).not.toMatch(/\.set(FullYear|Month|Date|Hours|Minutes|Seconds|Milliseconds)\(/);
    expect(src).not.toMatch(/new Date\(\s*\d+\s*,/); // new Date(y, m, d) is local time
    expect(src).not.toMatch(/toLocale|toDateString|toTimeString/);
  });
});
