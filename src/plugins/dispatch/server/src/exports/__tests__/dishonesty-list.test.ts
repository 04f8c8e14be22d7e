import { buildDishonestyList, DISHONESTY_LIST_TITLE } from '../dishonesty-list';
import type { ListedEnterprise } from '../types';
import { cellUnder, numberedRows, open, texts, values } from './workbook';

/** 12:20 in Beijing. */
const at = new Date('2026-11-26T04:20:00Z');

const enterprises: ListedEnterprise[] = [
  {
    name: '临沂示例置业有限公司',
    creditCode: '91371302MA00000001',
    legalRepresentative: '赵某',
    projects: [{ name: '商业综合体项目' }, { name: '物流园项目' }],
    records: [
      {
        kind: 'false_information',
        description: '申报重大项目时提供虚假投资协议',
        decidedAt: '2026-05-10',
        decidedBy: '区发改局',
        measures: '取消重大项目资格，追回已享受的优惠政策',
        project: { name: '商业综合体项目' },
      },
      { kind: 'tax_arrears', description: '欠缴城镇土地使用税', decidedAt: '2026-08-01', decidedBy: '区税务局', measures: null, project: null },
    ],
  },
  { name: '山东示例新材料科技有限公司', creditCode: '91371302MA00000002', records: [{ kind: 'contract_breach', decidedAt: '2026-07-01' }], projects: [] },
];

const HEADERS = ['序号', '企业名称', '统一社会信用代码', '法定代表人', '失信类型', '失信行为', '认定日期', '认定机关', '惩戒措施', '涉及项目', '投资项目（亮红灯）', '状态'];

describe('失信名单', () => {
  it('has the merged title, who exported it, how many enterprises it lists, and the Chinese headers', async () => {
    const sheet = (await open(await buildDishonestyList(enterprises, { scope: '全区', exportedBy: '张三', at }))).worksheets[0];
    expect(sheet.name).toBe('失信名单');
    expect(sheet.getCell('A1').value).toBe(DISHONESTY_LIST_TITLE);
    expect(sheet.getCell('L1').master.address).toBe('A1');
    const info = texts(sheet, 2);
    expect(info[0]).toBe('导出时间：2026年11月26日 12:20　　范围：全区　　导出人：张三');
    expect(String(info[1])).toContain('共 2 家企业');
    expect(values(sheet, 3)).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 });
  });

  it('lists one row per enterprise, its records one per line in Chinese, and its projects', async () => {
    const sheet = (await open(await buildDishonestyList(enterprises, { scope: '全区', at }))).worksheets[0];
    const [first, second] = numberedRows(sheet);
    expect(numberedRows(sheet)).toHaveLength(2);
    expect(values(sheet, first.number).slice(0, 4)).toEqual([1, '临沂示例置业有限公司', '91371302MA00000001', '赵某']);
    expect(cellUnder(sheet, 3, '失信类型', first).value).toBe('利用虚假信息和资料骗取重大项目资格或优惠政策\n欠缴税款');
    expect(cellUnder(sheet, 3, '认定日期', first).value).toBe('2026-05-10\n2026-08-01');
    expect(cellUnder(sheet, 3, '认定机关', first).value).toBe('区发改局\n区税务局');
    expect(cellUnder(sheet, 3, '惩戒措施', first).value).toBe('取消重大项目资格，追回已享受的优惠政策\n');
    expect(cellUnder(sheet, 3, '涉及项目', first).value).toBe('商业综合体项目\n');
    expect(cellUnder(sheet, 3, '投资项目（亮红灯）', first).value).toBe('商业综合体项目\n物流园项目');
    expect(cellUnder(sheet, 3, '状态', first).value).toBe('失信未修复（2 条记录）');
    expect(cellUnder(sheet, 3, '失信类型', second).value).toBe('违反投资协议约定');
    expect(cellUnder(sheet, 3, '法定代表人', second).value).toBeNull();
    expect(cellUnder(sheet, 3, '投资项目（亮红灯）', second).value).toBeNull();
  });

  it('says so when nobody is on the list', async () => {
    const sheet = (await open(await buildDishonestyList([], { scope: '全区', at }))).worksheets[0];
    expect(numberedRows(sheet)).toEqual([]);
    expect(sheet.getCell('A4').value).toBe('（目前没有列入失信名单的企业）');
    expect(String(texts(sheet, 2)[1])).toContain('共 0 家企业');
  });
});
