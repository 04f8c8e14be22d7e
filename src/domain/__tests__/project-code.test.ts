import { formatProjectCode, parseProjectCode, PROJECT_CODE_PREFIX } from '../project-code';

describe('project codes', () => {
  it('look like LS-<year>-NNNN with a zero-padded sequence', () => {
    expect(PROJECT_CODE_PREFIX).toBe('LS');
    expect(formatProjectCode(2026, 1)).toBe('LS-2026-0001');
    expect(formatProjectCode(2026, 42)).toBe('LS-2026-0042');
    expect(formatProjectCode(2027, 9999)).toBe('LS-2027-9999');
  });

  it('grow past four digits instead of wrapping', () => {
    expect(formatProjectCode(2026, 12345)).toBe('LS-2026-12345');
  });

  it('parse back to year and sequence', () => {
    expect(parseProjectCode('LS-2026-0001')).toEqual({ year: 2026, sequence: 1 });
    expect(parseProjectCode('LS-2030-12345')).toEqual({ year: 2030, sequence: 12345 });
    expect(parseProjectCode(formatProjectCode(2028, 77))).toEqual({ year: 2028, sequence: 77 });
  });

  it.each(['XX-2026-0001', 'LS-26-0001', 'LS-2026-001', 'ls-2026-0001', 'LS-2026-0001x', '', 'LS2026-0001'])(
    'do not parse %j',
    (code) => {
      expect(parseProjectCode(code)).toBeNull();
    }
  );

  it('tolerate a missing value', () => {
    expect(parseProjectCode(undefined as unknown as string)).toBeNull();
  });
});
