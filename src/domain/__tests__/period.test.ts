import { isPeriod } from '../period';
import { shanghaiDate, shanghaiPeriod, shanghaiYear } from '../time';

describe('reporting periods and Shanghai dates', () => {
  it.each(['2026-01', '2026-09', '2026-12', '1999-10'])('accepts the period %s', (value) => {
    expect(isPeriod(value)).toBe(true);
  });

  it.each(['2026-13', '2026-1', '2026-00', '26-01', '2026/01', '2026-01-01', '', null, 202601])('refuses %j', (value) => {
    expect(isPeriod(value)).toBe(false);
  });

  it('dates an instant in Asia/Shanghai, whatever the server zone', () => {
    // 2026-12-31T16:30Z is already 2027-01-01 00:30 in Shanghai
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(shanghaiDate(instant)).toBe('2027-01-01');
    expect(shanghaiYear(instant)).toBe(2027);
    expect(shanghaiPeriod(instant)).toBe('2027-01');
    const before = new Date('2026-12-31T15:59:59Z');
    expect(shanghaiDate(before)).toBe('2026-12-31');
    expect(shanghaiPeriod(before)).toBe('2026-12');
  });
});
