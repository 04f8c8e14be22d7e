import { DEFAULT_THRESHOLDS, validateRuleRow } from '../rules';

describe('rule rows are checked field by field, in Chinese and English', () => {
  it('accepts the defaults and a category row with empty fields', () => {
    expect(validateRuleRow({ scope: 'default', values: { ...DEFAULT_THRESHOLDS } })).toEqual([]);
    expect(validateRuleRow({ scope: 'livelihood', values: { scheduleYellowPoints: 5, blacklistRed: null } as any })).toEqual([]);
  });

  it('requires every field of the default row', () => {
    const errors = validateRuleRow({ scope: 'default', values: { ...DEFAULT_THRESHOLDS, dueSoonWorkingDays: null } as any });
    expect(errors).toEqual([{ field: 'dueSoonWorkingDays', message: expect.stringMatching(/^临期提醒（工作日）不能为空 \/ dueSoonWorkingDays/) }]);
  });

  it('refuses values of the wrong kind or out of range, naming the field', () => {
    const errors = validateRuleRow({ scope: 'general', values: { overdueYellowMaxWorkingDays: -1, startSlipRedMonths: 1.5, urgentProblemRed: 'yes' } as any });
    expect(errors.map((error) => error.field)).toEqual(['overdueYellowMaxWorkingDays', 'startSlipRedMonths', 'urgentProblemRed']);
    expect(errors[0].message).toContain('逾期黄灯上限（工作日）必须是 0 到 60 之间的整数 / overdueYellowMaxWorkingDays');
  });

  it('refuses thresholds that cross once merged over the defaults, and unknown scopes', () => {
    expect(validateRuleRow({ scope: 'general', values: { scheduleRedPoints: 5 } }).map((error) => error.field)).toEqual(['scheduleRedPoints']);
    expect(validateRuleRow({ scope: 'general', values: { startSlipYellowMonths: 3 } }).map((error) => error.field)).toEqual(['startSlipRedMonths']);
    expect(validateRuleRow({ scope: 'everything', values: {} })[0].field).toBe('scope');
  });
});
