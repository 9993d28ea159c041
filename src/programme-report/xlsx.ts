import type { Locale } from '../i18n/locale.js';
import type { ProgrammeReport } from './small-cells.js';
import { reportTable } from './table.js';

/**
 * The report as an XLSX workbook: the same rows as the CSV, numbers as numbers and "<5" as text.
 * Kept apart from the rest of the report so the writer can be swapped on its own. Text cells
 * are typed as text, so an area named "=…" is never read as a formula.
 */
export async function reportXlsx(report: ProgrammeReport, locale: Locale): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const table = reportTable(report, locale);
  const header = table.headers.map((value) => ({
    value,
    type: String,
    fontWeight: 'bold' as const,
    wrap: true,
  }));
  // Area and month are text (the month stays "YYYY-MM" so it sorts); "<5" sits right like a number.
  const rows = table.rows.map((row) =>
    row.map((cell, index) => {
      if (cell === null) return null;
      if (typeof cell === 'number') return { value: cell, type: Number };
      return index < 2
        ? { value: cell, type: String }
        : { value: cell, type: String, align: 'right' as const };
    }),
  );
  return writeXlsxFile([header, ...rows], {
    sheet: locale === 'da' ? 'Rapport' : 'Report',
    columns: table.headers.map((_, index) => ({ width: index === 0 ? 24 : 12 })),
    stickyRowsCount: 1,
  }).toBuffer();
}
