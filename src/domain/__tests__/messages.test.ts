import { chineseFor, hasChinese } from '../messages';

describe('Chinese for Strapi validation messages', () => {
  it.each([
    ['plannedInvestment must be greater than or equal to 0', '不能小于 0'],
    ['year must be greater than or equal to -5.5', '不能小于 -5.5'],
    ['year must be less than or equal to 2100', '不能大于 2100'],
    ['name must be at most 200 characters', '不能超过 200 个字符'],
    ['creditCode must be at least 18 characters', '不能少于 18 个字符'],
    ['This attribute must be unique', '已存在，不能重复'],
    ['period must match the following: "/^\\d{4}-(0[1-9]|1[0-2])$/"', '格式不正确'],
    ['kind must be one of the following values: office, department', '不是允许的取值'],
    ['name must be defined.', '为必填项'],
    ['name is a required field', '为必填项'],
    ['name cannot be null', '为必填项'],
    ['year must be a `number` type, but the final value was: `NaN`', '类型不正确（应为 number）'],
    ['email must be a valid email', '不是有效的电子邮箱'],
    ['heldAt must be a valid datetime', '不是有效的日期或时间'],
    ['Invalid key light', '不是可写入或可查询的字段'],
    ['1 relation(s) of type api::bureau.bureau associated with this entity do not exist', '关联的记录不存在'],
    ['Document with id "abc", locale "null" not found', '关联的记录不存在'],
  ])('translates %j', (english, chinese) => {
    expect(chineseFor(english)).toBe(chinese);
  });

  it('falls back to a generic 输入无效 for anything it does not know', () => {
    expect(chineseFor('something odd happened')).toBe('输入无效');
  });

  it('tells Chinese text from English', () => {
    expect(hasChinese('项目名称（name）：为必填项')).toBe(true);
    expect(hasChinese('name must be defined')).toBe(false);
    expect(hasChinese('')).toBe(false);
  });
});
