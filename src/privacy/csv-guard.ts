/**
 * CSV that is safe to open in Excel or LibreOffice. A text cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is read as a formula ("CSV injection"): an area name typed as
 * `=HYPERLINK(…)` would run when the coordinator opens the report. Such cells get a leading `'`,
 * which spreadsheets show as plain text. Numbers are written as numbers and never prefixed.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | null | undefined;

export interface CsvOptions {
  /** ';' suits Danish Excel, which reads ',' as the decimal separator. */
  delimiter?: ',' | ';' | '\t';
}

/** One cell: text neutralised, then quoted when it holds a delimiter, quote or line break. */
export function csvCell(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const delimiter = options.delimiter ?? ';';
  const text = neutraliseCell(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || /[\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180), which every spreadsheet reads. */
export function toCsv(rows: ReadonlyArray<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  return rows.map((row) => row.map((cell) => csvCell(cell, options)).join(delimiter)).join('\r\n');
}
