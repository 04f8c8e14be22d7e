import { FIELD_LABELS } from '../../../../server/src/lights/rules';
import { chinesePart, fieldErrorsOf } from '../messages';

/** What the rules page shows of a refused save: each message under its row and field, in Chinese. */
describe('the rules page’s reading of a 400', () => {
  it('keeps the Chinese half of "中文 / English" messages, several joined by ；', () => {
    expect(chinesePart('开工延误红灯（月）必须是 1 到 24 之间的整数 / startSlipRedMonths must be an integer from 1 to 24')).toBe(
      '开工延误红灯（月）必须是 1 到 24 之间的整数'
    );
    expect(chinesePart('甲 / a；乙 / b')).toBe('甲；乙');
    expect(chinesePart('Forbidden')).toBe('');
  });

  it('puts each detail under its row and field, the scope under the row', () => {
    const { zh } = FIELD_LABELS.startSlipRedMonths;
    const errors = fieldErrorsOf({
      status: 400,
      message: 'whatever',
      details: {
        errors: [
          { path: ['data', 0, 'values', 'startSlipRedMonths'], message: `${zh}必须是 1 到 24 之间的整数 / startSlipRedMonths …` },
          { path: ['data', 0, 'values', 'startSlipRedMonths'], message: '开工延误红灯月数不能小于黄灯月数 / …' },
          { path: ['data', 3, 'scope'], message: '适用范围重复：livelihood / scope livelihood given twice' },
          { path: ['data'], message: '规则须为数组 / data must be an array of rule rows' },
        ],
      },
    });
    expect(errors).toEqual({
      '0.startSlipRedMonths': `${zh}必须是 1 到 24 之间的整数；开工延误红灯月数不能小于黄灯月数`,
      '3.scope': '适用范围重复：livelihood',
    });
  });

  it('answers nothing for an error without details', () => {
    expect(fieldErrorsOf(undefined)).toEqual({});
    expect(fieldErrorsOf({ status: 403, message: 'Forbidden' })).toEqual({});
  });
});
