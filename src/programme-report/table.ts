import { DateTime } from 'luxon';
import { catalogFor, type Catalog } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { toCsv, type CsvOptions } from '../privacy/csv-guard.js';
import {
  FEW,
  type AreaReport,
  type ProgrammeReport,
  type ReportCell,
  type ReportMonth,
} from './small-cells.js';

/**
 * The report as a table: one row per area and month, the same columns in the chat table, the
 * CSV and the XLSX. Cells come from the protected report only (small-cells.ts), so "<5" reads
 * the same everywhere.
 */

type MonthColumnKey = Exclude<keyof ReportMonth, 'month'>;

interface FigureColumn {
  key: MonthColumnKey;
  label: (text: Catalog) => string;
  short: (text: Catalog) => string;
}

/** The figures in the order the issue names them. */
export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  {
    key: 'movedIn',
    label: (t) => t.programmeReportMovedIn(),
    short: (t) => t.programmeReportShortMovedIn(),
  },
  {
    key: 'visited',
    label: (t) => t.programmeReportVisited(),
    short: (t) => t.programmeReportShortVisited(),
  },
  { key: 'met', label: (t) => t.programmeReportMet(), short: (t) => t.programmeReportShortMet() },
  {
    key: 'folderOnly',
    label: (t) => t.programmeReportFolderOnly(),
    short: (t) => t.programmeReportShortFolderOnly(),
  },
  {
    key: 'declined',
    label: (t) => t.programmeReportDeclined(),
    short: (t) => t.programmeReportShortDeclined(),
  },
  {
    key: 'notReached',
    label: (t) => t.programmeReportNotReached(),
    short: (t) => t.programmeReportShortNotReached(),
  },
  {
    key: 'inProgress',
    label: (t) => t.programmeReportInProgress(),
    short: (t) => t.programmeReportShortInProgress(),
  },
  {
    key: 'contactRatePercent',
    label: (t) => t.programmeReportContactRate(),
    short: (t) => t.programmeReportShortContactRate(),
  },
  {
    key: 'medianDaysToFirstTry',
    label: (t) => t.programmeReportMedianDays(),
    short: (t) => t.programmeReportShortMedianDays(),
  },
  {
    key: 'activeAmbassadors',
    label: (t) => t.programmeReportActiveAmbassadors(),
    short: (t) => t.programmeReportShortActiveAmbassadors(),
  },
  {
    key: 'meetingsHeld',
    label: (t) => t.programmeReportMeetingsHeld(),
    short: (t) => t.programmeReportShortMeetingsHeld(),
  },
  {
    key: 'checkInsHeld',
    label: (t) => t.programmeReportCheckInsHeld(),
    short: (t) => t.programmeReportShortCheckInsHeld(),
  },
  {
    key: 'accompanimentsOffered',
    label: (t) => t.programmeReportAccompanimentsOffered(),
    short: (t) => t.programmeReportShortAccompanimentsOffered(),
  },
  {
    key: 'wentTogether',
    label: (t) => t.programmeReportWentTogether(),
    short: (t) => t.programmeReportShortWentTogether(),
  },
];

/** A value as a file holds it: a number, the text "<5", or nothing. */
export type TableValue = number | string | null;

export interface ReportTable {
  headers: string[];
  /** Area name, month 'YYYY-MM', the figures, and the area's first-try deadline in days. */
  rows: TableValue[][];
}

/** The rows for CSV and XLSX: every area one after the other, months oldest first. */
export function reportTable(report: ProgrammeReport, locale: Locale): ReportTable {
  const text = catalogFor(locale);
  return {
    headers: [
      text.programmeReportArea(),
      text.programmeReportMonth(),
      ...FIGURE_COLUMNS.map((column) => column.label(text)),
      text.programmeReportDeadlineDays(),
    ],
    rows: report.areas.flatMap((area) =>
      area.months.map((month) => [
        area.area.name,
        month.month,
        ...FIGURE_COLUMNS.map((column) => month[column.key]),
        area.firstAttemptDeadlineDays,
      ]),
    ),
  };
}

/**
 * CSV for a spreadsheet (the formula guard of src/privacy/csv-guard.ts applies). Decimals follow
 * the language: Danish Excel reads "3,5" as a number, English "3.5".
 */
export function reportCsv(
  report: ProgrammeReport,
  locale: Locale,
  options: CsvOptions = {},
): string {
  const table = reportTable(report, locale);
  const decimal = (value: TableValue): TableValue =>
    typeof value === 'number' && !Number.isInteger(value) && locale === 'da'
      ? String(value).replace('.', ',')
      : value;
  return toCsv([table.headers, ...table.rows.map((row) => row.map(decimal))], options);
}

/** "nov. 26" / "Nov 26": a month in the chart's axis and the chat table. */
export function shortMonthLabel(month: string, locale: Locale): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' })
    .setLocale(locale === 'da' ? 'da' : 'en-GB')
    .toFormat('LLL yy');
}

/** "november 2026" / "November 2026". */
export function longMonthLabel(month: string, locale: Locale): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' })
    .setLocale(locale === 'da' ? 'da' : 'en-GB')
    .toFormat('LLLL yyyy');
}

export function periodLabel(report: ProgrammeReport, locale: Locale): string {
  return catalogFor(locale).programmeReportPeriod(
    longMonthLabel(report.range.from, locale),
    longMonthLabel(report.range.to, locale),
  );
}

export function formatCell(cell: ReportCell, locale: Locale): string {
  if (cell === null) return '';
  if (cell === FEW) return FEW;
  return new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
    maximumFractionDigits: 1,
    useGrouping: false,
  }).format(cell);
}

/**
 * The table under the chart in a chat: per area a title line and a monospaced block (the chat
 * wiring puts it in a code block), then what the short headings mean.
 */
export function reportTableText(report: ProgrammeReport, locale: Locale): string {
  const text = catalogFor(locale);
  const period = periodLabel(report, locale);
  return [
    ...report.areas.map((area) => areaBlock(area, period, locale, text)),
    text.programmeReportTableLegend(),
    text.programmeReportFootnote(),
  ].join('\n\n');
}

function areaBlock(area: AreaReport, period: string, locale: Locale, text: Catalog): string {
  const header = [text.programmeReportShortMonth(), ...FIGURE_COLUMNS.map((c) => c.short(text))];
  const rows = area.months.map((month) => [
    shortMonthLabel(month.month, locale),
    ...FIGURE_COLUMNS.map((column) => formatCell(month[column.key], locale)),
  ]);
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join(' ')
      .trimEnd();
  return [
    text.programmeReportAreaHeading(area.area.name, period, area.firstAttemptDeadlineDays),
    [line(header), ...rows.map(line)].join('\n'),
  ].join('\n');
}
