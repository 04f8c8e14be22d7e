/**
 * The template of the 金融预警指标 import: one row per enterprise and month, headed as the import reads them
 * (src/domain/finance-import.ts). Pure: no Strapi.
 */
import ExcelJS from 'exceljs';
import { TEMPLATE_HEADERS } from '../../../../../domain/finance-import';

export const FINANCE_TEMPLATE_TITLE = '金融预警指标导入模板';

/** Guidance for the columns that need it, shown as the header cell's note. */
const NOTES: Record<string, string> = {
  统一社会信用代码: '18 位统一社会信用代码；与企业名称至少填一项',
  企业名称: '平台中已有的企业名称；与统一社会信用代码至少填一项',
  '指标期（年-月）': '如 2026-03 或 2026年3月；同一企业同一期只填一行，再次导入即更新',
  经营者变动: '填「是」或「否」',
};

/** The template: the header row alone (bold, frozen, the key columns explained in their notes). */
export async function buildFinanceTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '兰山区重大项目落地服务平台';
  const sheet = workbook.addWorksheet('金融预警指标');
  sheet.columns = TEMPLATE_HEADERS.map((header) => ({ header, key: header, width: Math.max(12, header.length * 2 + 2) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    const note = NOTES[String(cell.value)];
    if (note) cell.note = note;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
