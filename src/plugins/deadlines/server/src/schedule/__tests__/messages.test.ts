import { endOfDay } from '../../calendar/working-calendar';
import { noticeText, ruleLabel } from '../messages';

/** The notifications' wording, as the bureaus and the office read it. */
const facts = {
  ruleName: '预评估意见：2 个工作日内出具',
  targetTitle: '年产 10 万吨新材料项目',
  bureauName: '区自然资源局',
  dueAt: endOfDay('2026-09-15'),
};

describe('noticeText', () => {
  it('a reminder names the bureau, the rule and the due date', () => {
    const text = noticeText({ ...facts, kind: 'reminder' });
    expect(text.title).toBe('区自然资源局 预评估意见 将于 2026-09-15 到期');
    expect(text.message).toBe('「年产 10 万吨新材料项目」预评估意见：2 个工作日内出具，办理期限 2026-09-15 23:59（北京时间），请按时办结。');
  });

  it('an overdue notice says so', () => {
    const text = noticeText({ ...facts, kind: 'overdue' });
    expect(text.title).toBe('区自然资源局 预评估意见 已逾期');
    expect(text.message).toContain('已超过期限尚未办结');
  });

  it('an escalation counts the working days overdue and names the responsible bureau', () => {
    const text = noticeText({ ...facts, kind: 'escalation', overdueWorkingDays: 2 });
    expect(text.title).toBe('督办：区自然资源局 预评估意见 已逾期 2 个工作日');
    expect(text.message).toContain('责任单位：区自然资源局');
    expect(noticeText({ ...facts, kind: 'escalation', overdueWorkingDays: 0 }).title).toBe('督办：区自然资源局 预评估意见 已逾期');
  });

  it('without a bureau or record the title still reads', () => {
    expect(noticeText({ ...facts, bureauName: null, targetTitle: null, kind: 'reminder' }).title).toBe('预评估意见 将于 2026-09-15 到期');
  });

  it('the label is the rule name up to its colon, or the whole name', () => {
    expect(ruleLabel('月度问题报送：每月 1 日前')).toBe('月度问题报送');
    expect(ruleLabel('Monthly: report')).toBe('Monthly');
    expect(ruleLabel('责任事项')).toBe('责任事项');
  });
});
