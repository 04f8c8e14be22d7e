import { DateTime } from 'luxon';
import type { ActionKind } from './actions';
import { ZONE } from './jobs';

/** What a notification says, in Chinese, from the facts of one delivery (pure: no Strapi, no clock). */
export interface NoticeFacts {
  kind: ActionKind;
  /** The rule's name, e.g. 「预评估意见：2 个工作日内出具」. */
  ruleName: string;
  /** The record the deadline belongs to. */
  targetTitle?: string | null;
  /** The bureau responsible for the deadline. */
  bureauName?: string | null;
  dueAt: Date;
  /** Working days between the due date and the delivery (escalations). */
  overdueWorkingDays?: number;
}

export interface NoticeText {
  title: string;
  message: string;
}

const TITLE_MAX = 255;

/** The rule's short label: its name up to the first colon (「预评估意见：2 个工作日内出具」→「预评估意见」). */
export const ruleLabel = (name: string) => name.split(/[：:]/)[0].trim() || name;

const date = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('yyyy-MM-dd');
const time = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');

/** 「区自然资源局 预评估意见 将于 2026-09-15 到期」,「… 已逾期」,「督办：… 已逾期 N 个工作日」 and a message naming the record. */
export function noticeText(facts: NoticeFacts): NoticeText {
  const subject = [facts.bureauName, ruleLabel(facts.ruleName)].filter(Boolean).join(' ');
  const days = facts.overdueWorkingDays ?? 0;
  const record = facts.targetTitle ? `「${facts.targetTitle}」` : '';
  const limit = `${record}${facts.ruleName}，办理期限 ${time(facts.dueAt)}（北京时间）`;
  switch (facts.kind) {
    case 'reminder':
      return { title: cut(`${subject} 将于 ${date(facts.dueAt)} 到期`), message: `${limit}，请按时办结。` };
    case 'overdue':
      return { title: cut(`${subject} 已逾期`), message: `${limit}，已超过期限尚未办结，请尽快办理。` };
    case 'escalation': {
      const late = days > 0 ? `已逾期 ${days} 个工作日` : '已逾期';
      const who = facts.bureauName ? `，责任单位：${facts.bureauName}` : '';
      return { title: cut(`督办：${subject} ${late}`), message: `${limit}，${late}仍未办结${who}，请督促办理。` };
    }
    default:
      throw new Error(`unknown delivery kind: ${String(facts.kind)}`);
  }
}

const cut = (title: string) => (title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title);
