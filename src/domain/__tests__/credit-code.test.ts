import {
  checkCharacter,
  CREDIT_CODE_MESSAGES,
  creditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
} from '../credit-code';

/** An independent implementation of GB 32100-2015 §5 (weights 3^i mod 31), to check the module against. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function referenceCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Builds a valid code from its first 17 characters. */
const withCheck = (first17: string) => first17 + checkCharacter(first17);

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the known valid code 91350100M000100Y43, whose check character is 3', () => {
    expect(checkCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it.each(['914403001922038216', '91330100799655058B', '9144030071526726XG'])(
    'accepts the published code of a real company %s',
    (code) => {
      expect(creditCodeProblem(code)).toBeNull();
    }
  );

  it.each([
    '91371302MA3C12345',
    '12371300004306826',
    '52371302MJD123456',
    '91110000600037341',
    '31371302000000000',
    'Y1371302ABCDEFGHJ',
  ])('computes the same check character as the standard for %s', (first17) => {
    expect(checkCharacter(first17)).toBe(referenceCheck(first17));
    expect(creditCodeProblem(withCheck(first17))).toBeNull();
  });

  it('gives check character 0 (not 31) when the weighted sum is a multiple of 31', () => {
    expect(referenceCheck('91371302000000006')).toBe('0');
    expect(checkCharacter('91371302000000006')).toBe('0');
    expect(creditCodeProblem('913713020000000060')).toBeNull();
  });

  it('refuses every wrong check character for an otherwise valid code', () => {
    const first17 = '91350100M000100Y4';
    for (const ch of ALPHABET) {
      expect(creditCodeProblem(first17 + ch)).toBe(ch === '3' ? null : 'checksum');
    }
  });

  it('refuses a code whose body was mistyped (two characters swapped)', () => {
    expect(creditCodeProblem('91351000M000100Y43')).toBe('checksum');
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100Y43 0', 'length'],
  ])('refuses %j as the wrong length', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
    expect(isValidCreditCode(code)).toBe(false);
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s anywhere in the code', (letter) => {
    expect(creditCodeProblem(`91350100M000100${letter}43`)).toBe('characters');
    expect(creditCodeProblem(`91350100${letter}000100Y43`)).toBe('characters');
  });

  it('refuses punctuation and non-ASCII characters', () => {
    expect(creditCodeProblem('91350100M000100-43')).toBe('characters');
    expect(creditCodeProblem('91350100M000100中43')).toBe('characters');
  });

  it('refuses an unknown registrar or organisation category', () => {
    expect(creditCodeProblem(withCheck('B1350100M000100Y4'))).toBe('registrar');
    expect(creditCodeProblem(withCheck('95350100M000100Y4'))).toBe('registrar');
  });

  it('refuses an administrative division code that is not six digits', () => {
    expect(creditCodeProblem(withCheck('9135A100M000100Y4'))).toBe('characters');
  });

  it('accepts lower case and surrounding spaces, and normalises them to upper case', () => {
    expect(creditCodeProblem('91350100m000100y43')).toBeNull();
    expect(creditCodeProblem('  91350100M000100Y43 ')).toBeNull();
    expect(normaliseCreditCode(' 9144030071526726xg ')).toBe('9144030071526726XG');
  });

  it('treats a missing value as the wrong length rather than crashing', () => {
    expect(creditCodeProblem(undefined as unknown as string)).toBe('length');
    expect(creditCodeProblem(null as unknown as string)).toBe('length');
  });

  it('explains every problem in Chinese and English', () => {
    for (const [zh, en] of Object.values(CREDIT_CODE_MESSAGES)) {
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[ -~]+$/);
    }
    expect(Object.keys(CREDIT_CODE_MESSAGES).sort()).toEqual(['characters', 'checksum', 'length', 'registrar']);
  });
});
