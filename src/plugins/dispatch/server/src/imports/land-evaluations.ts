/**
 * The workbook side of the 亩产效益评价 import: the template officials fill in, and a received workbook's first sheet
 * as rows of cell values for the pure parser (src/domain/land-import.ts). Pure: no Strapi.
 */
import ExcelJS from 'exceljs';
import { IMPORT_HEADERS } from '../../../../../domain/land-import';

export const LAND_TEMPLATE_TITLE = '亩产效益评价导入模板';

/** Guidance for each column, shown as the header cell's note. */
const NOTES: Record<string, string> = {
  企业名称: '平台中已有的企业名称；与统一社会信用代码至少填一项',
  统一社会信用代码: '18 位统一社会信用代码；与企业名称至少填一项',
  项目编号: '可选：按项目评价时填写平台中的项目编号（如 LS-2025-0001）',
  年度: '评价年度（如 2025）；须与导入时选择的年度一致',
  '用地面积(亩)': '大于 0',
  '税收(万元)': '实际入库税收',
  '营业收入(万元)': '主营业务收入',
  '综合能耗(吨标煤)': '可空；空或 0 时单位能耗产出按 0 分计',
  '研发经费(万元)': '可空',
  从业人数: '整数，可空',
  评价机构: '第三方评价机构名称',
};

/** The template: the header row alone (bold, frozen, each column explained in its note). */
export async function buildLandTemplate(year?: number | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '兰山区重大项目落地服务平台';
  const sheet = workbook.addWorksheet(year ? `${year}年度` : '亩产效益评价');
  sheet.columns = IMPORT_HEADERS.map((header) => ({ header, key: header, width: Math.max(12, header.length * 2 + 4) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    const note = NOTES[String(cell.value)];
    if (note) cell.note = note;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The cell values of the workbook's first sheet, `rows[0]` being Excel row 1; throws when it is not a workbook. */
export async function readFirstSheet(source: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(source as any);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  if (!sheet) return rows;
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = (row.values as unknown[]).slice(1); // exceljs rows are 1-based
    rows[number - 1] = values;
  });
  for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
  return rows;
}
