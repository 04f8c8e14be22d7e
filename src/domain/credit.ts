/**
 * 信用记录与失信名单 (work plan §四.2): 区发改局 records an investor's dishonest conduct; a record that blacklists
 * (e.g. false information used to obtain major-project status or incentives) puts the enterprise on the dishonesty
 * list until the record is repaired (信用修复: a date and a reason). Pure: no Strapi.
 */

export const CREDIT_KINDS = ['false_information', 'contract_breach', 'illegal_land_use', 'tax_arrears', 'other'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

export type CreditState = 'effective' | 'repaired';

/** What decides a record's effect: whether it blacklists, and whether it has been repaired. */
export interface CreditFacts {
  blacklist?: boolean | null;
  repairedAt?: string | null;
}

const filled = (value: unknown) => typeof value === 'string' ? value.trim().length > 0 : value !== null && value !== undefined;

/** A record is repaired once it has a repair date; until then it is in effect. */
export const creditState = (record: CreditFacts): CreditState => (filled(record.repairedAt) ? 'repaired' : 'effective');

/** Whether a record keeps its enterprise on the dishonesty list: it blacklists and is not repaired. */
export const keepsBlacklisted = (record: CreditFacts) => Boolean(record.blacklist) && creditState(record) === 'effective';

/** An enterprise is on the dishonesty list iff any of its records blacklists and is not repaired. */
export const isBlacklisted = (records: readonly CreditFacts[]) => records.some(keepsBlacklisted);

/** The fields of a record as they will be after a write (dates `YYYY-MM-DD`). */
export interface CreditRecordFacts extends CreditFacts {
  decidedAt?: string | null;
  repairReason?: string | null;
  enterpriseId?: number | null;
}

export type CreditIssue =
  | { field: 'decidedAt'; code: 'future' }
  | { field: 'repairedAt'; code: 'repair_needs_date' }
  | { field: 'repairReason'; code: 'repair_needs_reason' }
  | { field: 'repairedAt'; code: 'repair_before_decision' }
  | { field: 'repairedAt'; code: 'repair_in_future' }
  | { field: 'repairedAt'; code: 'unrepair_by_office_only' }
  | { field: 'blacklist'; code: 'unlist_by_repair_only' }
  | { field: 'enterprise'; code: 'enterprise_fixed' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The calendar day of a date value, or null when it is not a date (Strapi's own check answers that). */
const day = (value: unknown): string | null => (typeof value === 'string' && DATE.test(value.slice(0, 10)) ? value.slice(0, 10) : null);

/**
 * Checks a credit record's write: `before` is the stored record (null on create), `after` the record once written,
 * `today` the Shanghai date. A repair needs both its date and its reason, not before the decision nor in the future.
 * Only the office may undo a repair, take a record off the list other than by repairing it, or move a record to
 * another enterprise: otherwise a blacklisting could be lifted with no repair on file.
 */
export function checkCreditRecord(before: CreditRecordFacts | null, after: CreditRecordFacts, today: string, byOffice: boolean): CreditIssue[] {
  const issues: CreditIssue[] = [];
  const decided = day(after.decidedAt);
  const repaired = day(after.repairedAt);
  if (decided && decided > today) issues.push({ field: 'decidedAt', code: 'future' });

  const hasDate = filled(after.repairedAt);
  const hasReason = filled(after.repairReason);
  if (hasReason && !hasDate) issues.push({ field: 'repairedAt', code: 'repair_needs_date' });
  if (hasDate && !hasReason) issues.push({ field: 'repairReason', code: 'repair_needs_reason' });
  if (repaired && decided && repaired < decided) issues.push({ field: 'repairedAt', code: 'repair_before_decision' });
  if (repaired && repaired > today) issues.push({ field: 'repairedAt', code: 'repair_in_future' });

  if (before && !byOffice) {
    if (creditState(before) === 'repaired' && !hasDate) issues.push({ field: 'repairedAt', code: 'unrepair_by_office_only' });
    if (before.blacklist && !after.blacklist && creditState(before) === 'effective') issues.push({ field: 'blacklist', code: 'unlist_by_repair_only' });
    if (before.enterpriseId && after.enterpriseId !== before.enterpriseId) issues.push({ field: 'enterprise', code: 'enterprise_fixed' });
  }
  return issues;
}

/** Chinese and English of each issue. */
export const CREDIT_MESSAGES: Readonly<Record<CreditIssue['code'], readonly [string, string]>> = {
  future: ['认定日期不能晚于今天', 'cannot be in the future'],
  repair_needs_date: ['信用修复须填写修复日期', 'a repair needs its date'],
  repair_needs_reason: ['信用修复须填写修复理由', 'a repair needs its reason'],
  repair_before_decision: ['信用修复日期不能早于认定日期', 'cannot be before decidedAt'],
  repair_in_future: ['信用修复日期不能晚于今天', 'cannot be in the future'],
  unrepair_by_office_only: ['已信用修复的记录只能由协调办公室撤销修复', 'only the office can undo a repair'],
  unlist_by_repair_only: ['移出失信名单须办理信用修复（填写修复日期和理由），或由协调办公室更正', 'a blacklisting is lifted by a repair (date and reason), or corrected by the office'],
  enterprise_fixed: ['信用记录的企业只能由协调办公室更正', 'only the office can move a record to another enterprise'],
};

/** The effective blacklisting records of an enterprise, in the order of their decision (then as given). */
export function listingRecords<T extends CreditFacts & { decidedAt?: string | null }>(records: readonly T[]): T[] {
  return records
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => keepsBlacklisted(record))
    .sort((a, b) => String(a.record.decidedAt ?? '').localeCompare(String(b.record.decidedAt ?? '')) || a.index - b.index)
    .map(({ record }) => record);
}
