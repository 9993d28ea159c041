import { readSheet, type CellValue } from 'read-excel-file/node';
import { UserError } from '../../kernel/errors.js';
import { checkGrid, type ListLimits } from './limits.js';
import { unpackWorkbook } from './unpack-xlsx.js';

/** Rows as the CSV reader gives them: cell texts and the row's number in the sheet. */
export interface SheetRecord {
  cells: string[];
  line: number;
}

/**
 * The first sheet of an .xlsx, as text rows, so the same row rules read it as they read a CSV
 * export. Dates that Excel stores as dates become 'YYYY-MM-DD' (Excel keeps calendar days with
 * no zone; the reader hands them over as UTC midnight), numbers their plain digits, formulas their
 * last computed value, error cells nothing. Rows with nothing in them are left out, as before.
 *
 * Runs in the list worker (see parse-in-worker.ts): this module loads the spreadsheet reader, and
 * the web process never imports it.
 */
export async function readFirstSheet(
  content: Uint8Array,
  fileName: string,
  limits: Pick<ListLimits, 'unpackedBytes' | 'rows' | 'cells'>,
): Promise<SheetRecord[]> {
  const { zip } = await unpackWorkbook(content, limits.unpackedBytes);
  let grid: CellValue[][];
  try {
    grid = (await readSheet(Buffer.from(zip), 1)) as CellValue[][];
  } catch (error) {
    throw new UserError('IMPORT_FAILED', `${fileName} could not be read as .xlsx`, {
      cause: error,
    });
  }
  // The reader lays the sheet out as a grid (trailing empty rows and columns dropped).
  const columns = grid.reduce((widest, row) => Math.max(widest, row.length), 0);
  checkGrid(grid.length, grid.length * columns, limits);

  const records: SheetRecord[] = [];
  grid.forEach((row, index) => {
    const cells = row.map((value) => cellText(value).trim());
    if (cells.some((cell) => cell !== '')) records.push({ cells, line: index + 1 });
  });
  return records;
}

function cellText(value: CellValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
