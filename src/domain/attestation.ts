/**
 * 申报主体承诺 (work plan 二.3: 申报主体对材料真实性负责): a pre-assessment request is submitted only with the
 * applicant unit's attestation that its materials are true and complete. Without one the request stays a 草稿.
 */

/** The platform's standard attestation; the exact text agreed is stored with each request. */
export const STANDARD_ATTESTATION =
  '本单位承诺所提交的项目申报材料真实、准确、完整，如有虚假，愿承担相应责任并接受失信惩戒。';

export const ATTESTATION_REQUIRED = {
  zh: '提交预评估申请须由申报单位承诺材料真实完整（填写承诺人）',
  en: 'submitting a pre-assessment request needs the applicant unit\'s attestation that the materials are true and complete (attestedBy)',
};

/** The fields of an attestation, read-only once the request is submitted. */
export const ATTESTATION_FIELDS = ['attestedBy', 'attestationStatement', 'attestedAt', 'attestingBureau'] as const;

/** The name of the person who attests, trimmed; null when none is given. */
export function attester(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return name ? name : null;
}

/**
 * The state a new request is stored in: the one asked for, or, when none is asked for, `open` (submitted) with an
 * attestation and `draft` without one.
 */
export function initialState(asked: string | null | undefined, attestedBy: unknown): string {
  if (asked) return asked;
  return attester(attestedBy) ? 'open' : 'draft';
}
