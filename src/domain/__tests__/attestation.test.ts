import { attester, initialState, STANDARD_ATTESTATION } from '../attestation';

describe('申报主体承诺 (attestation of a pre-assessment request)', () => {
  it('keeps a request without an attestation as a draft and submits one with it', () => {
    expect(initialState(undefined, undefined)).toBe('draft');
    expect(initialState(null, '')).toBe('draft');
    expect(initialState(undefined, '   ')).toBe('draft');
    expect(initialState(undefined, '王建国')).toBe('open');
  });

  it('keeps the state asked for, whatever the attestation', () => {
    expect(initialState('open', undefined)).toBe('open');
    expect(initialState('draft', '王建国')).toBe('draft');
  });

  it('takes the attester trimmed and nothing for blanks or non-text', () => {
    expect(attester(' 王建国 ')).toBe('王建国');
    expect(attester('')).toBeNull();
    expect(attester(42)).toBeNull();
    expect(attester(null)).toBeNull();
  });

  it('has the standard text of the platform', () => {
    expect(STANDARD_ATTESTATION).toContain('真实、准确、完整');
    expect(STANDARD_ATTESTATION).toContain('失信惩戒');
  });
});
