/**
 * 兰山区重大项目台账 (.xlsx): one row per project in the caller's view, in the order given, with its light and the
 * reasons behind it, and a 合计 row. Pure: the rows come scoped and loaded.
 */
import {
  addDataRow,
  addItemRows,
  columnLetter,
  emphasize,
  enumLabel,
  excelDate,
  FORMAT,
  isoDate,
  type ItemColumn,
  lightLabel,
  nameOf,
  openListSheet,
  paintLight,
  toBuffer,
  toNumber,
  total,
} from './shared';
import type { ExportContext, LedgerProject } from './types';

export const LEDGER_TITLE = '兰山区重大项目台账';
export const LEDGER_UNITS = '金额单位：万元；面积单位：亩';

type Column = ItemColumn<LedgerProject> & { summed?: keyof LedgerProject };

const money = (header: string, field: 'plannedInvestment' | 'annualPlannedInvestment' | 'completedInvestment' | 'landArea'): Column => ({
  header,
  width: 14,
  numFmt: FORMAT.money,
  value: (project) => toNumber(project[field]),
  summed: field,
});

const BASE_COLUMNS: Column[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '项目编号', width: 14, value: (project) => project.code ?? '' },
  { header: '项目名称', width: 28, wrap: true, value: (project) => project.name },
  { header: '项目类别', width: 16, wrap: true, value: (project) => enumLabel(project.category) },
  { header: '申报单位', width: 14, wrap: true, value: (project) => nameOf(project.applicantBureau) },
  { header: '投资方', width: 22, wrap: true, value: (project) => nameOf(project.enterprise) },
  money('计划总投资', 'plannedInvestment'),
  money('年度计划投资', 'annualPlannedInvestment'),
  money('已完成投资', 'completedInvestment'),
  money('用地面积', 'landArea'),
  { header: '项目阶段', width: 11, value: (project) => enumLabel(project.stage) },
  { header: '计划开工', width: 12, numFmt: FORMAT.date, align: 'center', value: (project) => excelDate(project.plannedStartDate) },
  { header: '实际开工', width: 12, numFmt: FORMAT.date, align: 'center', value: (project) => excelDate(project.actualStartDate) },
  { header: '包保领导', width: 10, value: (project) => project.leader ?? '' },
  { header: '亮灯', width: 8, value: (project) => lightLabel(project.light) },
  {
    header: '亮灯原因',
    width: 40,
    wrap: true,
    value: (project) => (project.lightReasons ?? []).map((reason) => reason.message).join('\n'),
  },
];

const NEXT_DUE_COLUMNS: Column[] = [
  {
    header: '下一到期事项',
    width: 28,
    wrap: true,
    value: ({ nextDue }) => (nextDue ? (nextDue.dueAt ? `${nextDue.title}（${isoDate(nextDue.dueAt)} 到期）` : nextDue.title) : ''),
  },
  { header: '责任单位', width: 14, wrap: true, value: ({ nextDue }) => nameOf(nextDue?.bureau) },
];

/** Columns to the left of the first summed column, merged into the 合计 label. */
const LABEL_SPAN = BASE_COLUMNS.findIndex((column) => column.summed);
const LIGHT_COLUMN = BASE_COLUMNS.findIndex((column) => column.header === '亮灯') + 1;
/** 序号, 项目编号, 项目名称 stay in view when scrolling sideways. */
const FROZEN_COLUMNS = 3;

/**
 * The ledger of `projects`, titled with the export time and the scope. The columns 下一到期事项 and 责任单位 appear
 * when any project carries a `nextDue` key. Totals are SUBTOTAL formulas (they follow the auto filter in Excel
 * and WPS) with their full-list results cached, so the file reads as numbers before any recalculation.
 */
export async function buildLedger(projects: LedgerProject[], context: ExportContext): Promise<Buffer> {
  const at = context.at ?? new Date();
  const columns = projects.some((project) => 'nextDue' in project) ? [...BASE_COLUMNS, ...NEXT_DUE_COLUMNS] : BASE_COLUMNS;
  const span = columns.length;

  const { workbook, sheet, header } = openListSheet({
    title: LEDGER_TITLE,
    sheetName: '项目台账',
    columns,
    at,
    info: [`范围：${context.scope}`, context.exportedBy ? `导出人：${context.exportedBy}` : null],
    note: LEDGER_UNITS,
    frozenColumns: FROZEN_COLUMNS,
  });
  addItemRows(sheet, columns, projects, '（无符合条件的项目）', { each: (row, project) => paintLight(row.getCell(LIGHT_COLUMN), project.light) });

  const firstData = header.last + 1;
  const lastData = sheet.rowCount;
  const totals = addDataRow(
    sheet,
    columns,
    columns.map((column, index) => {
      if (index === 0) return `合计（${projects.length} 个项目）`;
      if (!column.summed) return null;
      const result = total(projects.map((project) => project[column.summed] as LedgerProject['plannedInvestment']));
      if (!projects.length) return result;
      const letter = columnLetter(index + 1);
      return { formula: `SUBTOTAL(109,${letter}${firstData}:${letter}${lastData})`, result };
    }),
  );
  sheet.mergeCells(totals.number, 1, totals.number, LABEL_SPAN);
  emphasize(totals, span);

  if (projects.length) sheet.autoFilter = { from: { row: header.last, column: 1 }, to: { row: lastData, column: span } };
  return toBuffer(workbook);
}
