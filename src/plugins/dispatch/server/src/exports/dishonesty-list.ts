/**
 * 失信名单 (.xlsx): the enterprises on the dishonesty list (work plan §四.2), one row each, with the unrepaired
 * blacklisting records that keep them there — one line per record in the record columns — and the projects the
 * list turns red. Pure: the rows come scoped and loaded.
 */
import {
  addItemRows,
  enumLabel,
  isoDate,
  type ItemColumn,
  joinNames,
  nameOf,
  openListSheet,
  toBuffer,
} from './shared';
import type { ExportContext, ListedEnterprise } from './types';

export const DISHONESTY_LIST_TITLE = '兰山区重大项目投资主体失信名单';
export const DISHONESTY_LIST_NOTE = '依据：区发改局信用评价认定；信用修复后移出名单';

type Column = ItemColumn<ListedEnterprise>;

/** One line per record, in the order given. */
const perRecord = (enterprise: ListedEnterprise, line: (record: ListedEnterprise['records'][number]) => string) =>
  enterprise.records.map(line).join('\n');

const COLUMNS: Column[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '企业名称', width: 28, wrap: true, value: (enterprise) => enterprise.name },
  { header: '统一社会信用代码', width: 22, value: (enterprise) => enterprise.creditCode ?? '' },
  { header: '法定代表人', width: 11, value: (enterprise) => enterprise.legalRepresentative ?? '' },
  { header: '失信类型', width: 26, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => enumLabel(record.kind)) },
  { header: '失信行为', width: 36, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => record.description ?? '') },
  { header: '认定日期', width: 12, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => isoDate(record.decidedAt)) },
  { header: '认定机关', width: 12, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => record.decidedBy ?? '') },
  { header: '惩戒措施', width: 32, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => record.measures ?? '') },
  { header: '涉及项目', width: 24, wrap: true, value: (enterprise) => perRecord(enterprise, (record) => nameOf(record.project)) },
  { header: '投资项目（亮红灯）', width: 28, wrap: true, value: (enterprise) => joinNames(enterprise.projects).replace(/、/g, '\n') },
  // a caller who may not read the records still sees the enterprise listed
  { header: '状态', width: 14, wrap: true, value: (enterprise) => (enterprise.records.length ? `失信未修复（${enterprise.records.length} 条记录）` : '列入失信名单') },
];

/** 序号 and 企业名称 stay in view when scrolling sideways. */
const FROZEN_COLUMNS = 2;

/** The dishonesty list of `enterprises`, in the order given, titled with the export time and the scope. */
export async function buildDishonestyList(enterprises: ListedEnterprise[], context: ExportContext): Promise<Buffer> {
  const at = context.at ?? new Date();
  const { workbook, sheet } = openListSheet({
    title: DISHONESTY_LIST_TITLE,
    sheetName: '失信名单',
    columns: COLUMNS,
    at,
    info: [`范围：${context.scope}`, context.exportedBy ? `导出人：${context.exportedBy}` : null],
    note: `共 ${enterprises.length} 家企业；${DISHONESTY_LIST_NOTE}`,
    frozenColumns: FROZEN_COLUMNS,
  });
  addItemRows(sheet, COLUMNS, enterprises, '（目前没有列入失信名单的企业）');
  return toBuffer(workbook);
}
