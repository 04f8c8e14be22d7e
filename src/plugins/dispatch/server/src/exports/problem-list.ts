/**
 * 《重大项目落地亟待解决问题清单》 (.xlsx) for one list: its problems sorted by category (in the order of the
 * problem form), the 特别重大 first within each, then by project; how many, and a 草稿 mark until it is issued.
 * Pure: the list comes loaded with its problems.
 */
import {
  FORMAT,
  addDataRow,
  addHeader,
  addInfoLine,
  addSheet,
  addTitle,
  chineseDate,
  createWorkbook,
  enumLabel,
  excelDate,
  fitHeight,
  isoDate,
  nameOf,
  periodLabel,
  toBuffer,
  type CellValue,
  type ColumnSpec,
} from './shared';
import type { ExportContext, ListedProblem, ProblemListExport } from './types';

export const PROBLEM_LIST_TITLE = '重大项目落地亟待解决问题清单';
export const DRAFT_MARK = '草稿（未印发）';

/** problem.category in the order of the form: the list's sections. */
const CATEGORY_ORDER = ['procedures', 'land_supply', 'environmental_capacity', 'financing', 'policy', 'construction', 'other'];

type Column = ColumnSpec & { value: (problem: ListedProblem, index: number) => CellValue };

const COLUMNS: Column[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '项目名称', width: 22, wrap: true, value: (problem) => nameOf(problem.project) },
  { header: '申报单位', width: 14, wrap: true, value: (problem) => nameOf(problem.reportingBureau) },
  { header: '问题类别', width: 10, value: (problem) => enumLabel(problem.category) },
  {
    header: '问题描述',
    width: 40,
    wrap: true,
    value: (problem) => [`${problem.isUrgent ? '【特别重大】' : ''}${problem.title}`, problem.description].filter(Boolean).join('\n'),
  },
  { header: '意见建议', width: 30, wrap: true, value: (problem) => problem.suggestion ?? '' },
  { header: '问题层级', width: 12, wrap: true, value: (problem) => enumLabel(problem.level) },
  { header: '牵头单位', width: 14, wrap: true, value: (problem) => nameOf(problem.leadBureau) },
  { header: '交办时间', width: 12, numFmt: FORMAT.date, align: 'center', value: (problem) => excelDate(problem.assignedAt) },
  { header: '办理时限', width: 12, numFmt: FORMAT.date, align: 'center', value: (problem) => excelDate(problem.proposalDueAt) },
  { header: '办理状态', width: 12, wrap: true, value: (problem) => enumLabel(problem.state) },
  { header: '办理情况', width: 30, wrap: true, value: (problem) => progress(problem) },
];

/** What has been done: the resolution once resolved, else the lead bureau's proposal. */
function progress(problem: ListedProblem): string {
  if (problem.resolution) return problem.resolvedAt ? `${problem.resolution}（${isoDate(problem.resolvedAt)} 办结）` : problem.resolution;
  if (problem.proposal) return `办理意见：${problem.proposal}`;
  return '';
}

const categoryRank = (category: string) => {
  const rank = CATEGORY_ORDER.indexOf(category);
  return rank < 0 ? CATEGORY_ORDER.length : rank;
};

/** Category in form order, 特别重大 first, then project name by pinyin; otherwise as given. */
export function sortProblems(problems: ListedProblem[]): ListedProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        categoryRank(a.problem.category) - categoryRank(b.problem.category) ||
        Number(Boolean(b.problem.isUrgent)) - Number(Boolean(a.problem.isUrgent)) ||
        nameOf(a.problem.project).localeCompare(nameOf(b.problem.project), 'zh-Hans-CN') ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

/** 「共 5 个问题，其中特别重大 2 个（手续办理 2 个、土地供应 3 个）」 */
export function countLine(problems: ListedProblem[]): string {
  const urgent = problems.filter((problem) => problem.isUrgent).length;
  const counts = new Map<string, number>();
  for (const problem of sortProblems(problems)) counts.set(problem.category, (counts.get(problem.category) ?? 0) + 1);
  const breakdown = [...counts].map(([category, count]) => `${enumLabel(category)} ${count} 个`).join('、');
  return `共 ${problems.length} 个问题，其中特别重大 ${urgent} 个${breakdown ? `（${breakdown}）` : ''}`;
}

export async function buildProblemList(list: ProblemListExport, context: ExportContext): Promise<Buffer> {
  const at = context.at ?? new Date();
  const draft = list.state !== 'issued';
  const span = COLUMNS.length;
  const title = `${PROBLEM_LIST_TITLE}（${periodLabel(list.period)}）`;

  const workbook = createWorkbook(title, at);
  const sheet = addSheet(workbook, '问题清单', COLUMNS, 'A4');
  if (draft) sheet.headerFooter.oddHeader = `&R&"黑体,加粗"&14${DRAFT_MARK}`;
  addTitle(sheet, title, span);
  const dates = [
    list.compiledAt ? `汇总时间：${chineseDate(list.compiledAt)}` : null,
    !draft && list.issuedAt ? `印发时间：${chineseDate(list.issuedAt)}` : null,
    `导出时间：${chineseDate(at)}`,
    `范围：${context.scope}`,
  ];
  addInfoLine(sheet, span, dates.filter(Boolean).join('　　'), draft ? DRAFT_MARK : enumLabel('issued'), draft ? { bold: true, color: { argb: 'FFC00000' } } : undefined);
  addInfoLine(sheet, span, countLine(list.problems));
  const header = addHeader(sheet, COLUMNS, 2);

  const sorted = sortProblems(list.problems);
  sorted.forEach((problem, index) => {
    const row = addDataRow(sheet, COLUMNS, COLUMNS.map((column) => column.value(problem, index)));
    fitHeight(row, COLUMNS);
  });
  if (sorted.length) {
    sheet.autoFilter = { from: { row: header.last, column: 1 }, to: { row: sheet.rowCount, column: span } };
  } else {
    const row = addDataRow(sheet, COLUMNS, ['（本期无亟待解决问题）']);
    sheet.mergeCells(row.number, 1, row.number, span);
  }
  if (list.note) addInfoLine(sheet, span, `备注：${list.note}`);
  return toBuffer(workbook);
}
