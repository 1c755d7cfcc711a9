import { parse } from 'csv-parse/sync';
import type * as ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { INTAKE_COLUMNS } from './intake-rows';

// exceljs takes some 25 MB of memory once loaded, and only spreadsheets need it: it is loaded at the
// first one (require keeps it afterwards), not with every process.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excel = (): typeof ExcelJS => require('exceljs');

export type SheetFormat = 'csv' | 'xlsx';

/** Which format an upload is in, from its name and first bytes (an XLSX file is a zip: "PK"). */
export function sheetFormatOf(fileName: string, data: Buffer): SheetFormat | null {
  if (data.length >= 2 && data[0] === 0x50 && data[1] === 0x4b) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName) || !/\.\w+$/.test(fileName)) return 'csv';
  return null;
}

/** The first sheet's rows as text cells (the header row first). Throws on a file it cannot read. */
export async function readSheet(format: SheetFormat, data: Buffer, maxRows: number): Promise<string[][]> {
  if (format === 'csv') {
    const text = data.toString('utf8');
    if (text.includes('\uFFFD')) throw new Error('The CSV file is not UTF-8.');
    // Excel in Vietnam often saves CSV with ";" separators; take whichever the header uses.
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    return parse(data, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, to_line: maxRows + 2 }) as string[][];
  }
  const workbook = new (excel().Workbook)();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > maxRows + 2) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(values.map(cellText));
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    return '';
  }
  return String(value);
}

/** The template: Vietnamese headers and one illustrative row. */
export async function intakeTemplate(format: SheetFormat): Promise<Buffer> {
  const headers = INTAKE_COLUMNS.map((c) => c.header);
  const sample = INTAKE_COLUMNS.map((c) => c.sample);
  if (format === 'csv') return Buffer.from(stringify([headers, sample], { bom: true }), 'utf8');
  const workbook = new (excel().Workbook)();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(sample);
  // Text columns, so that Excel keeps leading zeros of ID numbers, phones and codes.
  sheet.columns.forEach((column, i) => {
    column.width = Math.max(14, headers[i].length + 2);
    column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
