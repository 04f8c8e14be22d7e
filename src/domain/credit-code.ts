/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and upper-case letters without I, O, Z, S, V); the 18th is a check character
 * computed from the first 17 with weights 3^(i) mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** 登记管理部门代码 (first character) and 机构类别代码 (second) allowed by the standard. */
const REGISTRAR_CATEGORIES: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '12345689',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

export type CreditCodeProblem = 'length' | 'characters' | 'registrar' | 'checksum';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Returns what is wrong with a code, or null when it is valid. Lower case is accepted. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = String(raw ?? '').trim().toUpperCase();
  if (code.length !== 18) return 'length';
  if (![...code].every((ch) => ALPHABET.includes(ch))) return 'characters';
  const categories = REGISTRAR_CATEGORIES[code[0]];
  if (!categories || !categories.includes(code[1])) return 'registrar';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters';
  return checkCharacter(code.slice(0, 17)) === code[17] ? null : 'checksum';
}

export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;

export const normaliseCreditCode = (code: string) => String(code ?? '').trim().toUpperCase();

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, [zh: string, en: string]> = {
  length: ['应为 18 位', 'must be 18 characters long'],
  characters: ['含有不允许的字符', 'contains characters the standard does not allow'],
  registrar: ['登记管理部门代码或机构类别代码无效', 'has an unknown registrar or organisation category'],
  checksum: ['校验码错误', 'has a wrong check character (GB 32100-2015)'],
};
