import { chineseDate, chineseDateTime, columnLetter, excelDate, isoDate, lightLabel, periodLabel, toNumber, total } from '../shared';

describe('dates in exports are Beijing dates', () => {
  it('prints an instant as its day and time in Asia/Shanghai', () => {
    // 17:30 UTC on 2 November is 01:30 on 3 November in Beijing
    expect(chineseDateTime('2026-11-02T17:30:00Z')).toBe('2026年11月3日 01:30');
    expect(chineseDate(new Date('2026-11-02T17:30:00Z'))).toBe('2026年11月3日');
    expect(isoDate('2026-11-03T01:30:00+08:00')).toBe('2026-11-03');
  });

  it('prints a date field as that very day', () => {
    expect(chineseDate('2026-03-01')).toBe('2026年3月1日');
    expect(excelDate('2026-03-01')).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('prints nothing for a missing or broken date', () => {
    for (const value of [null, undefined, '', 'not a date']) {
      expect(chineseDate(value)).toBe('');
      expect(excelDate(value)).toBeNull();
    }
  });

  it('names a reporting period the Chinese way', () => {
    expect(periodLabel('2026-01')).toBe('2026年1月');
    expect(periodLabel('2026-11')).toBe('2026年11月');
  });
});

describe('numbers in exports', () => {
  it('reads decimals as SQLite and PostgreSQL return them', () => {
    expect(toNumber(12.5)).toBe(12.5);
    expect(toNumber('85000.25')).toBe(85000.25);
    expect(toNumber(null)).toBeNull();
    expect(toNumber('')).toBeNull();
    expect(toNumber('abc')).toBeNull();
  });

  it('sums without binary floating-point noise', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(total([0.1, '0.2', null])).toBe(0.3);
    expect(total([])).toBe(0);
  });

  it('names columns as Excel does', () => {
    expect([1, 16, 26, 27, 52, 53].map(columnLetter)).toEqual(['A', 'P', 'Z', 'AA', 'AZ', 'BA']);
  });

  it('labels lights in Chinese', () => {
    expect([lightLabel('red'), lightLabel('yellow'), lightLabel('green'), lightLabel(null)]).toEqual(['红灯', '黄灯', '绿灯', '']);
  });
});
