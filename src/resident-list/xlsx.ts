import ExcelJS from 'exceljs';
import { UserError } from '../../kernel/errors.js';

/** Rows as the CSV reader gives them: cell texts and the row's number in the sheet. */
export interface SheetRecord {
  cells: string[];
  line: number;
}

/**
 * The first sheet of an .xlsx, as text rows, so the same row rules read it as they read a CSV
 * export. Dates that Excel stores as dates become 'YYYY-MM-DD' (Excel keeps calendar days with
 * no zone; exceljs hands them over as UTC midnight), numbers their plain digits, formulas their
 * last computed value.
 */
export async function readFirstSheet(content: Buffer, fileName: string): Promise<SheetRecord[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as the older Buffer<ArrayBuffer>; the bytes are the same.
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new UserError('IMPORT_FAILED', `${fileName} could not be read as .xlsx`, {
      cause: error,
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UserError('IMPORT_FAILED', `${fileName} has no sheets`);
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      cells.push(cellText(row.getCell(column).value).trim());
    }
    records.push({ cells, line: rowNumber });
  });
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return '';
}
