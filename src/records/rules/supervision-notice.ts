import { decideNoticeWrite, DEFAULT_REPLY_WORKING_DAYS, NOTICE_MESSAGES, type NoticeHistoryEntry, type NoticeState } from '../../domain/supervision';
import { NOTICE, nextNoticeNumber, replyDueDate } from '../supervision';
import type { RecordRule, WriteContext } from '../rule';

const who = ({ actor }: WriteContext) => (actor.via === 'system' ? 'system' : actor.isOffice ? 'office' : 'bureau');

/**
 * 督办单: numbered 督办〔年〕N号 when issued; the bureau replies with its rectification (text required), the office
 * alone accepts (final) or returns it with a note; a return gives the bureau a new reply deadline of the same number
 * of working days. `replyDueDate` is worked out here with the working calendar; the deadline rule 督办单 turns it
 * into the deadline (`replyDueAt`), its reminder and its escalation. Each change of state is kept in `history`.
 */
export const supervisionNoticeRule: RecordRule = {
  uid: NOTICE,
  populate: ['bureau'],
  async prepare(write) {
    const { strapi, action, data, current, issues, actor, value } = write;
    const now = new Date();
    const by = who(write);
    if (!(await write.related('bureau'))) issues.add('bureau', '必须选择接收督办单的责任单位', 'is required');
    const days = Number(value('replyWorkingDays') ?? DEFAULT_REPLY_WORKING_DAYS);

    if (action === 'create') {
      delete data.reply;
      delete data.reviewNote;
      if (actor.via !== 'system') {
        data.source = 'manual';
        delete data.sourceKey;
      }
      if (issues.list.length) return;
      data.number = await nextNoticeNumber(strapi);
      data.state = 'issued';
      data.issuedAt = now.toISOString();
      data.replyWorkingDays = days;
      data.replyDueDate = await replyDueDate(strapi, now, days);
      data.history = [{ at: now.toISOString(), by, from: null, to: 'issued' } satisfies NoticeHistoryEntry];
      return;
    }

    const from = current!.state as NoticeState;
    const decision = decideNoticeWrite({
      from,
      requested: (data.state ?? null) as NoticeState | null,
      reply: value('reply'),
      replyChanged: 'reply' in data && (data.reply ?? '') !== (current!.reply ?? ''),
      reviewNote: value('reviewNote'),
      reviewNoteChanged: 'reviewNote' in data && (data.reviewNote ?? '') !== (current!.reviewNote ?? ''),
      isOffice: actor.isOffice,
    });
    for (const issue of decision.issues) issues.add(issue.field, ...NOTICE_MESSAGES[issue.code](issue));
    if (decision.issues.length) return;
    data.state = decision.to;

    const history: NoticeHistoryEntry[] = [...((current!.history as NoticeHistoryEntry[]) ?? [])];
    if (decision.event === 'replied') data.repliedAt = now.toISOString();
    if (decision.event === 'accepted' || decision.event === 'returned') data.reviewedAt = now.toISOString();
    if (decision.event === 'returned') data.replyDueDate = await replyDueDate(strapi, now, days);
    else if ('replyWorkingDays' in data && Number(current!.replyWorkingDays) !== days && (from === 'issued' || from === 'returned')) {
      // the office gives more (or fewer) days: counted again from when the reply was last asked for
      const asked = [...history].reverse().find((entry) => entry.to === 'issued' || entry.to === 'returned');
      data.replyDueDate = await replyDueDate(strapi, new Date(asked?.at ?? current!.issuedAt), days);
    }
    if (decision.event) {
      const note = decision.event === 'returned' || decision.event === 'accepted' ? (value('reviewNote') ?? null) : null;
      history.push({ at: now.toISOString(), by, from, to: decision.to, ...(note ? { note } : {}) });
      data.history = history;
    }
  },
};
