import { parse } from 'csv-parse/sync';
import { UserError } from '../../kernel/errors.js';
import { checkGrid, type ListLimits } from '../resident-list/limits.js';
import { mapColumns, type ColumnMap, type ResidentField } from './columns.js';
import { decodeResidentFile } from './decode.js';
import { parseLanguageHints } from './languages.js';
import { parseMoveInDate } from './move-in-date.js';

/** One household from the housing organisation's list, checked and normalised. */
export interface ParsedResidentRow {
  /** 1-based line in the file where the row starts (the header is line 1). */
  line: number;
  names: string[];
  /** Street and number. */
  address: string;
  /** Floor and door, e.g. "2. th"; empty when the list has none. */
  unit: string;
  block?: string;
  stairwell?: string;
  /** Calendar date 'YYYY-MM-DD'. */
  moveInDate: string;
  languageHints: string[];
  doNotVisit: boolean;
}

export interface ResidentFileError {
  line: number;
  /** Danish / English, for the coordinator who fixes the file. */
  reason: string;
}

export interface ParsedResidentFile {
  rows: ParsedResidentRow[];
  errors: ResidentFileError[];
}

/** A title line or two above the header is common in exported lists: look this far for it. */
const HEADER_SEARCH_ROWS = 10;

const MISSING_COLUMN: Record<ColumnMap['missing'][number], string> = {
  names: "mangler kolonnen 'navn' / missing column 'name'",
  address: "mangler kolonnen 'adresse' / missing column 'address'",
  moveInDate: "mangler kolonnen 'indflytningsdato' / missing column 'move-in date'",
};

interface RawRecord {
  cells: string[];
  line: number;
}

/**
 * Reads the list of new residents (CSV with comma, semicolon or tab; UTF-8, UTF-16 or Windows
 * code page 1252). Bad rows are reported with their line and the rest still come through, so one
 * typo does not hold back a whole month's households. A file that is no CSV at all (an .xlsx, an
 * empty file) is a UserError. With `limits`, a file with more rows or cells is refused
 * (LimitExceededError) and reading stops one row past the limit.
 */
export function parseResidentFile(
  content: Buffer,
  fileName: string,
  limits?: Pick<ListLimits, 'rows' | 'cells'>,
): ParsedResidentFile {
  assertLooksLikeText(content, fileName);
  const { text } = decodeResidentFile(content);
  if (text.trim() === '') {
    throw new UserError('IMPORT_FAILED', `${fileName} er tom / ${fileName} is empty`);
  }
  const errors: ResidentFileError[] = [];
  const records = readRecords(text, errors, limits?.rows);
  if (limits) {
    const columns = records.reduce((widest, record) => Math.max(widest, record.cells.length), 0);
    checkGrid(records.length, records.length * columns, limits);
  }
  return parseResidentRecords(records, fileName, errors);
}

/**
 * The row rules on their own, for lists that arrive as rows rather than CSV text (the first sheet
 * of an .xlsx). `line` is the row's number in the source (the header row included), `cells` are
 * the cell texts; `errors` may carry problems the reader already found.
 */
export function parseResidentRecords(
  records: ReadonlyArray<{ cells: string[]; line: number }>,
  fileName: string,
  errors: ResidentFileError[] = [],
): ParsedResidentFile {
  const headerIndex = findHeader(records);
  const header = records[headerIndex];
  if (!header) {
    throw new UserError('IMPORT_FAILED', `${fileName} har ingen rækker / ${fileName} has no rows`);
  }
  const columns = mapColumns(header.cells);
  if (columns.missing.length > 0) {
    return {
      rows: [],
      errors: [
        ...columns.missing.map((field) => ({ line: header.line, reason: MISSING_COLUMN[field] })),
        ...errors,
      ],
    };
  }

  const rows: ParsedResidentRow[] = [];
  for (const record of records.slice(headerIndex + 1)) {
    // Excel exports trailing rows of bare delimiters (";;;;"): nothing there, nothing to report.
    if (record.cells.every((cell) => cell === '')) continue;
    const result = readRow(record, columns);
    if ('reason' in result) errors.push(result);
    else rows.push(result);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

function assertLooksLikeText(content: Buffer, fileName: string): void {
  const isZip = content[0] === 0x50 && content[1] === 0x4b; // "PK": .xlsx, .ods, .zip
  const isOldExcel = content[0] === 0xd0 && content[1] === 0xcf; // OLE2: .xls
  if (isZip || isOldExcel) {
    throw new UserError(
      'IMPORT_FAILED',
      `${fileName} er et regneark, ikke CSV: gem det som "CSV (semikolonsepareret)" / ` +
        `${fileName} is a spreadsheet, not CSV: save it as CSV first`,
    );
  }
}

function readRecords(
  text: string,
  errors: ResidentFileError[],
  maxRows: number | undefined,
): RawRecord[] {
  const delimiter = detectDelimiter(text);
  let parsed: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    parsed = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // One past the limit is enough to know it was passed.
      ...(maxRows === undefined ? {} : { to: maxRows + 1 }),
      on_skip: (error, raw) => {
        if (!error) return undefined;
        const endLine = typeof error.lines === 'number' ? error.lines : 1;
        errors.push({ line: startLine(endLine, raw ?? ''), reason: describe(error.code) });
        return undefined;
      },
    }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
  } catch (error) {
    throw new UserError(
      'IMPORT_FAILED',
      'Filen kunne ikke læses som CSV / not a readable CSV file',
      {
        cause: error,
      },
    );
  }
  return parsed.map(({ record, info, raw }) => ({
    cells: record.map((cell) => cell.trim()),
    line: startLine(info.lines, raw),
  }));
}

/**
 * csv-parse reports the line a record ends on; a quoted cell may span lines and skipped blank
 * lines are part of the raw text, so count back to where the record's content starts.
 */
function startLine(endLine: number, raw: string): number {
  const content = raw.replace(/^(?:\r?\n|\r)+/, '').replace(/(?:\r?\n|\r)$/, '');
  const innerBreaks = content.match(/\r\n|\n|\r/g)?.length ?? 0;
  return endLine - innerBreaks;
}

function describe(code: string): string {
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'anførselstegn lukkes ikke / unclosed quote';
  }
  return `ulæselig linje (${code}) / unreadable line (${code})`;
}

/** The header line decides: whichever of ; , and tab it holds most (outside quotes). */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n|\r/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((candidate) => ({
    candidate,
    count: unquoted.split(candidate).length - 1,
  }));
  counts.sort((a, b) => b.count - a.count);
  const best = counts[0];
  return best && best.count > 0 ? best.candidate : ',';
}

function findHeader(records: readonly RawRecord[]): number {
  const candidates = records.slice(0, HEADER_SEARCH_ROWS);
  const complete = candidates.findIndex((record) => mapColumns(record.cells).missing.length === 0);
  return complete >= 0 ? complete : 0;
}

function readRow(record: RawRecord, columns: ColumnMap): ParsedResidentRow | ResidentFileError {
  const rawCell = (field: ResidentField): string => {
    const index = columns.indexes[field];
    return index === undefined ? '' : (record.cells[index] ?? '');
  };
  const cell = (field: ResidentField): string => rawCell(field).replace(/\s+/g, ' ');

  // Names keep their line breaks: a cell may list one person per line.
  const names = parseNames(rawCell('names'));
  const address =
    cell('address') || [cell('street'), cell('houseNumber')].filter(Boolean).join(' ');
  const rawDate = cell('moveInDate');
  const moveInDate = rawDate === '' ? undefined : parseMoveInDate(rawDate);

  const problems: string[] = [];
  if (names.length === 0) problems.push('mangler navn / missing name');
  if (address === '') problems.push('mangler adresse / missing address');
  if (rawDate === '') problems.push('mangler indflytningsdato / missing move-in date');
  else if (moveInDate === undefined)
    problems.push(`ugyldig dato '${rawDate}' / invalid date '${rawDate}'`);
  if (problems.length > 0 || moveInDate === undefined) {
    return { line: record.line, reason: problems.join('; ') };
  }

  const block = cell('block');
  const stairwell = cell('stairwell');
  return {
    line: record.line,
    names,
    address,
    unit: cell('unit') || composeUnit(cell('floor'), cell('door')),
    ...(block ? { block } : {}),
    ...(stairwell ? { stairwell } : {}),
    moveInDate,
    languageHints: parseLanguageHints(cell('languages')),
    doNotVisit: isDoNotVisit(cell('doNotVisit')),
  };
}

/**
 * "Ove og Else Christensen", "Ove & Else Christensen", "Ove Christensen, Else Christensen",
 * or one person per line.
 * A lone first name borrows the surname of the last person named, as on a door sign.
 */
export function parseNames(value: string): string[] {
  const parts = value
    .split(/\s+og\s+|\s+and\s+|\s*[&,;+\r\n]\s*/i)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
  const lastWords = parts.at(-1)?.split(' ') ?? [];
  const surname = lastWords.length > 1 ? lastWords.at(-1) : undefined;
  if (parts.length < 2 || surname === undefined) return parts;
  return parts.map((part) => (part.includes(' ') ? part : `${part} ${surname}`));
}

/** Separate floor and door columns become the usual "2. th" / "st. tv". */
function composeUnit(floor: string, door: string): string {
  const floorPart = /^(\d+|st|kl)$/i.test(floor) ? `${floor}.` : floor;
  return [floorPart, door].filter(Boolean).join(' ');
}

const NOT_MARKED = new Set(['', 'nej', 'n', '0', 'false', 'no', '-']);

/**
 * The column marks households that asked not to be visited ("ja", "x", "1"). Anything written
 * there other than a clear no ("nej", "0", …) counts as a mark: when in doubt, leave them be.
 */
function isDoNotVisit(value: string): boolean {
  return !NOT_MARKED.has(value.trim().toLocaleLowerCase('da'));
}
