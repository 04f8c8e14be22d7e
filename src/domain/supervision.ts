/**
 * 专项督查与督办单 (work plan §3.5): notice numbers, the notice's workflow and which findings of an inspection
 * raise a notice. Pure: no Strapi import.
 */

/** 督办〔2026〕3号: a number per year, from 1. */
export function formatNoticeNumber(year: number, sequence: number): string {
  return `督办〔${year}〕${sequence}号`;
}

export function parseNoticeNumber(number: string): { year: number; sequence: number } | null {
  const match = /^督办〔(\d{4})〕([1-9]\d*)号$/.exec(number ?? '');
  return match ? { year: Number(match[1]), sequence: Number(match[2]) } : null;
}

export type NoticeState = 'issued' | 'replied' | 'accepted' | 'returned';
export const NOTICE_STATES: NoticeState[] = ['issued', 'replied', 'accepted', 'returned'];
/** Working days a bureau has to reply unless the finding or notice says otherwise. */
export const DEFAULT_REPLY_WORKING_DAYS = 5;

export interface NoticeWrite {
  /** The stored state; null on create. */
  from: NoticeState | null;
  /** The state asked for (absent: the caller did not name one). */
  requested?: NoticeState | null;
  /** The reply text once the write is done, and whether this write changes it. */
  reply: string | null | undefined;
  replyChanged: boolean;
  reviewNote: string | null | undefined;
  reviewNoteChanged: boolean;
  isOffice: boolean;
}

export type NoticeIssue =
  | { code: 'reply_required'; field: 'reply' }
  | { code: 'review_office_only'; field: 'state' | 'reviewNote'; to?: NoticeState }
  | { code: 'return_note_required'; field: 'reviewNote' }
  | { code: 'accepted_final'; field: 'state' }
  | { code: 'not_replied'; field: 'state'; to: NoticeState }
  | { code: 'reply_closed'; field: 'reply' }
  | { code: 'bad_transition'; field: 'state'; to: NoticeState };

export interface NoticeDecision {
  /** The state after the write. */
  to: NoticeState;
  /** What happened, for the history: null when the state stays. */
  event: 'issued' | 'replied' | 'accepted' | 'returned' | null;
  issues: NoticeIssue[];
}

const blank = (text: string | null | undefined) => !text || !String(text).trim();

/**
 * Decides one write of a notice: a bureau replies (issued or returned → replied; the reply's text is required);
 * only the office accepts (final) or returns it (a note required; the bureau replies again). A reply given to an
 * open notice moves it to replied whatever state the caller named; an accepted notice changes no more.
 */
export function decideNoticeWrite(write: NoticeWrite): NoticeDecision {
  const issues: NoticeIssue[] = [];
  const { from, isOffice } = write;
  if (from === null) return { to: 'issued', event: 'issued', issues };
  const requested = write.requested && write.requested !== from ? write.requested : null;

  if (from === 'accepted') {
    if (requested) issues.push({ code: 'accepted_final', field: 'state' });
    else if (write.replyChanged) issues.push({ code: 'reply_closed', field: 'reply' });
    return { to: from, event: null, issues };
  }

  if (requested === 'accepted' || requested === 'returned') {
    if (!isOffice) {
      issues.push({ code: 'review_office_only', field: 'state', to: requested });
      return { to: from, event: null, issues };
    }
    if (from !== 'replied') {
      issues.push({ code: 'not_replied', field: 'state', to: requested });
      return { to: from, event: null, issues };
    }
    if (requested === 'returned' && blank(write.reviewNote)) issues.push({ code: 'return_note_required', field: 'reviewNote' });
    return { to: requested, event: requested, issues };
  }
  if (!isOffice && write.reviewNoteChanged) issues.push({ code: 'review_office_only', field: 'reviewNote' });

  if (requested === 'issued') {
    issues.push({ code: 'bad_transition', field: 'state', to: requested });
    return { to: from, event: null, issues };
  }

  const replying = requested === 'replied' || ((from === 'issued' || from === 'returned') && write.replyChanged);
  if (replying) {
    if (blank(write.reply)) {
      issues.push({ code: 'reply_required', field: 'reply' });
      return { to: from, event: null, issues };
    }
    if (from === 'replied' && !write.replyChanged) return { to: from, event: null, issues };
    return { to: 'replied', event: from === 'replied' ? null : 'replied', issues };
  }
  if (from === 'replied' && write.replyChanged && blank(write.reply)) issues.push({ code: 'reply_required', field: 'reply' });
  return { to: from, event: null, issues };
}

/** Chinese and English words of each issue, as the record rule reports them. */
export const NOTICE_MESSAGES: Record<NoticeIssue['code'], (issue: NoticeIssue) => [string, string]> = {
  reply_required: () => ['回复督办单须填写整改情况', 'is required to reply to the notice'],
  review_office_only: (issue) => [
    issue.field === 'reviewNote' ? '审核意见只能由协调办公室填写' : '督办单的审核（通过或退回）只能由协调办公室办理',
    issue.field === 'reviewNote' ? 'only the office writes the review note' : 'only the office accepts or returns a notice',
  ],
  return_note_required: () => ['退回督办单须填写审核意见（退回理由）', 'is required to return the notice'],
  accepted_final: () => ['督办单已审核通过，不能再变更状态', 'an accepted notice is final'],
  not_replied: (issue) => [`责任单位尚未回复，不能${issue.field === 'state' && (issue as any).to === 'accepted' ? '审核通过' : '退回'}`, 'only a replied notice is accepted or returned'],
  reply_closed: () => ['督办单已审核通过，不能再修改整改情况', 'the notice is accepted: its reply is closed'],
  bad_transition: () => ['督办单不能退回到“已下发”', 'a notice cannot be set back to issued'],
};

/** One entry of a notice's history. */
export interface NoticeHistoryEntry {
  at: string;
  by: string;
  from: NoticeState | null;
  to: NoticeState;
  note?: string | null;
}

/** A finding as the inspection holds it (relations as ids). */
export interface Finding {
  key?: string | null;
  bureauId: number | null;
  issue: string | null;
  raiseNotice?: boolean | null;
}

/**
 * Gives every finding a stable key, so that saving an inspection again does not raise a second notice: a finding
 * keeps the key it was sent with; one sent without (a client that does not echo keys) takes the key of the stored
 * finding with the same bureau and issue, if that key is not taken yet; otherwise a new key.
 */
export function assignFindingKeys<T extends Finding>(incoming: T[], stored: Finding[], newKey: () => string): Array<T & { key: string }> {
  const used = new Set(incoming.map((finding) => finding.key).filter((key): key is string => Boolean(key)));
  return incoming.map((finding) => {
    if (finding.key) return { ...finding, key: finding.key };
    const same = stored.find(
      (old) => old.key && !used.has(old.key) && old.bureauId === finding.bureauId && (old.issue ?? '').trim() === (finding.issue ?? '').trim()
    );
    const key = same?.key ?? newKey();
    used.add(key);
    return { ...finding, key };
  });
}

/** The key a finding's notice is stored under: one notice per finding of an inspection, whatever is saved again. */
export const findingNoticeKey = (inspectionDocumentId: string, findingKey: string) => `finding:${inspectionDocumentId}:${findingKey}`;
/** The key of a notice raised by a deadline's escalation (the delivery's own unique key). */
export const escalationNoticeKey = (deliveryKey: string) => `escalation:${deliveryKey}`;
