/**
 * The programme report (issue 18): the figures per area and month, the chart as SVG/PNG, the
 * table as text, CSV and XLSX. Chat flows, jobs and the CLI use this entry only.
 */
export {
  makeProgrammeReport,
  programmePicture,
  programmeReport,
  reportFileName,
  type ProgrammePicture,
  type ProgrammeReportOutput,
  type ProgrammeReportRequest,
} from './programme-report.js';
export {
  resolveMonthRange,
  DEFAULT_MONTH_COUNT,
  MAX_MONTH_COUNT,
  type MonthRange,
} from './months.js';
export {
  FEW,
  SMALL_CELL_LIMIT,
  type AreaReport,
  type ProgrammeReport,
  type ReportCell,
  type ReportMonth,
} from './small-cells.js';
export { reportCsv, reportTable, reportTableText } from './table.js';
export { reportXlsx } from './xlsx.js';
export type { ReportArea } from './figures.js';
