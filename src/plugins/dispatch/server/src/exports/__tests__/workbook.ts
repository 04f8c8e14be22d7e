/** Reads an export back the way an official's spreadsheet program would: from the bytes, with exceljs. */
import ExcelJS from 'exceljs';

export async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  expect(Buffer.isBuffer(buffer)).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A row's cell values from column A, as written (numbers, strings, Dates, `{ formula, result }`). */
export const values = (sheet: ExcelJS.Worksheet, row: number): unknown[] => (sheet.getRow(row).values as unknown[]).slice(1);

/** The rows whose column A holds a 序号 (1, 2, 3 …): the data rows of a table. */
export function numberedRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => {
    if (typeof row.getCell(1).value === 'number') rows.push(row);
  });
  return rows;
}

/** The first row whose column A starts with `text`. */
export function rowStartingWith(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && String(row.getCell(1).value ?? '').startsWith(text)) found = row;
  });
  if (!found) throw new Error(`no row starting with 「${text}」`);
  return found;
}

/** A cell's value under a header (header row given), by the header's text. */
export function cellUnder(sheet: ExcelJS.Worksheet, headerRow: number, header: string, row: ExcelJS.Row): ExcelJS.Cell {
  const headers = values(sheet, headerRow);
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column 「${header}」 in ${JSON.stringify(headers)}`);
  return row.getCell(index + 1);
}

/** The texts of a line of merged cells (a merged range reads its master's value in every cell), each once. */
export const texts = (sheet: ExcelJS.Worksheet, row: number): unknown[] => [...new Set(values(sheet, row).filter((value) => value !== null && value !== undefined))];
