/** Project codes look like `LS-2026-0001`: district prefix, year, a sequence per year (4 digits or more). */
export const PROJECT_CODE_PREFIX = 'LS';

export function formatProjectCode(year: number, sequence: number): string {
  return `${PROJECT_CODE_PREFIX}-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseProjectCode(code: string): { year: number; sequence: number } | null {
  const match = /^([A-Z]{2})-(\d{4})-(\d{4,})$/.exec(code ?? '');
  if (!match || match[1] !== PROJECT_CODE_PREFIX) return null;
  return { year: Number(match[2]), sequence: Number(match[3]) };
}
