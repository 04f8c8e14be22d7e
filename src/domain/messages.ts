/**
 * Chinese for the English validation messages Strapi itself produces (schema checks, unknown keys), so that
 * every rejected field is explained in both languages.
 */
const PATTERNS: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/must be greater than or equal to (-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/must be less than or equal to (-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/must be at most (\d+) characters/, (m) => `不能超过 ${m[1]} 个字符`],
  [/must be at least (\d+) characters/, (m) => `不能少于 ${m[1]} 个字符`],
  [/must be unique/i, () => '已存在，不能重复'],
  [/must match the following/, () => '格式不正确'],
  [/must be one of the following values/, () => '不是允许的取值'],
  [/(is a required field|must be defined|cannot be null|is required)/, () => '为必填项'],
  [/must be a `(\w+)` type/, (m) => `类型不正确（应为 ${m[1]}）`],
  [/must be a valid email/, () => '不是有效的电子邮箱'],
  [/must be a valid (date|datetime|time)/, () => '不是有效的日期或时间'],
  [/Invalid key/, () => '不是可写入或可查询的字段'],
  [/can only be changed by the office/, () => '只能由办公室修改'],
  [/sorting through a relation is not allowed/, () => '不能按关联记录的字段排序'],
  [/is kept by its lead bureau, the office and the leaders/, () => '仅限其牵头单位、办公室和区领导查看，不能按此字段查询或排序'],
  [/set is not allowed on this relation/, () => '此关联不能整体替换（set），请用 connect / disconnect'],
  [/already belongs to a bureau/, () => '已有所属单位，每人只能属于一个单位'],
  [/Invalid relation|relation\(s\) of type .* associated with this entity do not exist|not found/i, () => '关联的记录不存在'],
];

export function chineseFor(english: string): string {
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(english);
    if (match) return render(match);
  }
  return '输入无效';
}

export const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);
