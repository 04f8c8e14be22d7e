/**
 * 实绩通报 (.xlsx): the frozen figures of an issued bulletin, one row per unit in rank order and a 全区 row, under a
 * two-level header; a second sheet 指标说明 with the definitions. Prints, never computes: a rate without a base is
 * null in the figures and 「—」 here.
 */
import {
  FORMAT,
  NOT_APPLICABLE,
  addDataRow,
  addHeader,
  addInfoLine,
  addSheet,
  addTitle,
  chineseDate,
  createWorkbook,
  emphasize,
  enumLabel,
  fitHeight,
  toBuffer,
  type CellValue,
  type ColumnSpec,
} from './shared';
import type { BulletinExport, BulletinFigures, BulletinUnit, ExportContext } from './types';

export const DISTRICT_LABEL = '全区';

/** A rate as a percent cell, or 「—」 when it has no base (never 0 % and never #DIV/0!). */
const rate = (value: number | null | undefined): CellValue => (typeof value === 'number' && Number.isFinite(value) ? value : NOT_APPLICABLE);

type Column = ColumnSpec & { unit?: (unit: BulletinUnit) => CellValue; figure?: (figures: BulletinFigures) => CellValue };

const percent = (header: string, group: string | undefined, pick: (figures: BulletinFigures) => number | null): Column => ({
  header,
  group,
  width: 9,
  numFmt: FORMAT.percent,
  figure: (figures) => rate(pick(figures)),
});
const count = (header: string, group: string, pick: (figures: BulletinFigures) => number): Column => ({
  header,
  group,
  width: 8,
  numFmt: FORMAT.count,
  figure: pick,
});
const money = (header: string, group: string, pick: (figures: BulletinFigures) => number): Column => ({
  header,
  group,
  width: 13,
  numFmt: FORMAT.money,
  figure: pick,
});

const START = '开工情况';
const INVESTMENT = '投资完成情况（万元）';
const PROBLEMS = '问题办理情况';
const LIGHTS = '亮灯情况（个）';
const NOTICES = '督办单（件）';

/** A count of notices, 「—」 in a bulletin frozen before notices were counted. */
const noticeCount = (header: string, pick: (supervision: NonNullable<BulletinFigures['supervision']>) => number): Column => ({
  header,
  group: NOTICES,
  width: 8,
  numFmt: FORMAT.count,
  figure: (figures) => (figures.supervision ? pick(figures.supervision) : NOT_APPLICABLE),
});

const CO_WORKING = '首席代表集中办公';

/** 集中办公: 「—」 for a unit not expected to attend, or in a bulletin frozen before attendance was counted. */
const attendance = (header: string, pick: (coWorking: NonNullable<BulletinFigures['coWorking']>) => number | null, asRate = false): Column => ({
  header,
  group: CO_WORKING,
  width: asRate ? 9 : 8,
  numFmt: asRate ? FORMAT.percent : FORMAT.count,
  figure: (figures) => (figures.coWorking ? (asRate ? rate(pick(figures.coWorking)) : (pick(figures.coWorking) ?? NOT_APPLICABLE)) : NOT_APPLICABLE),
});

const COLUMNS: Column[] = [
  { header: '排名', width: 6, unit: (unit) => unit.rank ?? NOT_APPLICABLE },
  { header: '单位', width: 18, wrap: true, unit: (unit) => unit.bureauName },
  { header: '单位类型', width: 10, unit: (unit) => enumLabel(unit.bureauKind) },
  percent('开工率', START, (figures) => figures.startRate),
  count('已开工', START, (figures) => figures.started),
  count('应开工', START, (figures) => figures.plannedToStart),
  percent('完成率', INVESTMENT, (figures) => figures.investmentRate),
  money('本年完成', INVESTMENT, (figures) => figures.investedThisYear),
  money('年度计划', INVESTMENT, (figures) => figures.annualPlan),
  percent('办结率', PROBLEMS, (figures) => figures.resolutionRate),
  count('已办结', PROBLEMS, (figures) => figures.resolved),
  count('报送问题', PROBLEMS, (figures) => figures.reported),
  count('上报市级', PROBLEMS, (figures) => figures.escalated),
  percent('践诺率', undefined, (figures) => figures.pledgeRate),
  count('红灯', LIGHTS, (figures) => figures.lights.red),
  count('黄灯', LIGHTS, (figures) => figures.lights.yellow),
  count('绿灯', LIGHTS, (figures) => figures.lights.green),
  noticeCount('收到', (supervision) => supervision.received),
  noticeCount('按期回复', (supervision) => supervision.repliedOnTime),
  noticeCount('未办结', (supervision) => supervision.open),
  attendance('应到天数', (coWorking) => coWorking.daysPlanned),
  attendance('实到天数', (coWorking) => coWorking.daysPresent),
  attendance('达标率', (coWorking) => coWorking.rate, true),
  attendance('未达标周', (coWorking) => coWorking.flaggedWeeks),
];

/** 排名, 单位, 单位类型: merged into 「全区」 on the district row. */
const LABEL_SPAN = COLUMNS.findIndex((column) => column.figure);

const DEFINITION_COLUMNS: ColumnSpec[] = [
  { header: '序号', width: 6 },
  { header: '指标', width: 16 },
  { header: '说明', width: 80, wrap: true },
];

export async function buildBulletin(bulletin: BulletinExport, context: ExportContext): Promise<Buffer> {
  const at = context.at ?? new Date();
  const span = COLUMNS.length;
  const workbook = createWorkbook(bulletin.title, at);

  const sheet = addSheet(workbook, '实绩通报', COLUMNS, 'A4');
  addTitle(sheet, bulletin.title, span);
  const period = [
    `${bulletin.periodLabel}（统计期间：${chineseDate(bulletin.periodStart)}至${chineseDate(bulletin.periodEnd)}）`,
    bulletin.issuedAt ? `印发时间：${chineseDate(bulletin.issuedAt)}` : null,
  ];
  addInfoLine(sheet, span, period.filter(Boolean).join('　　'), '金额单位：万元');
  addHeader(sheet, COLUMNS, 2);

  for (const unit of bulletin.units) {
    addDataRow(sheet, COLUMNS, COLUMNS.map((column) => (column.unit ? column.unit(unit) : column.figure!(unit))));
  }
  const district = addDataRow(sheet, COLUMNS, COLUMNS.map((column, index) => (column.figure ? column.figure(bulletin.district) : index === 0 ? DISTRICT_LABEL : null)));
  sheet.mergeCells(district.number, 1, district.number, LABEL_SPAN);
  emphasize(district, span);
  addInfoLine(sheet, span, `注：「${NOT_APPLICABLE}」表示该项指标本期无计算基数（如无应开工项目、无年度计划投资、无报送问题或无到期承诺节点）。`);

  const definitions = addSheet(workbook, '指标说明', DEFINITION_COLUMNS, 'A4');
  addTitle(definitions, '指标说明', DEFINITION_COLUMNS.length);
  addHeader(definitions, DEFINITION_COLUMNS);
  bulletin.definitions.forEach((item, index) => {
    fitHeight(addDataRow(definitions, DEFINITION_COLUMNS, [index + 1, item.name, item.definition]), DEFINITION_COLUMNS);
  });

  return toBuffer(workbook);
}
