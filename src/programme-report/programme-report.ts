import type { NaboDatabase } from '../../models/database.js';
import type { AuditPlatform } from '../../models/types.js';
import { catalogFor } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';
import { auditAreaRead } from '../privacy/audit.js';
import { chartLayout, renderChartSvg } from './chart.js';
import { programmeFigures, type ReportArea } from './figures.js';
import { windowOf, type MonthRange } from './months.js';
import { svgToPng } from './png.js';
import { protectSmallCells, type ProgrammeReport } from './small-cells.js';
import { periodLabel, reportTableText } from './table.js';

/**
 * The programme report for a coordinator's areas over a range of months: read in bulk, counted,
 * protected (small-cells.ts) and audited as a read of each area. Everything a caller gets back
 * is already safe to show; the raw counts stay inside.
 */

export interface ProgrammeReportRequest {
  /** The areas side by side, in the order given (a coordinator's areas). */
  areas: readonly ReportArea[];
  range: MonthRange;
  /** Who asked, for the audit trail (a scheduled report has no actor). */
  requestedBy: { platform: AuditPlatform; actorId?: string };
}

export async function programmeReport(
  db: NaboDatabase,
  request: ProgrammeReportRequest,
): Promise<ProgrammeReport> {
  const facts = await db.programmeReport.facts(
    request.areas.map((area) => ({ areaId: area.id, ...windowOf(request.range, area.timeZone) })),
  );
  const figures = programmeFigures(
    request.areas.map((area, index) => ({
      area,
      facts: facts[index] ?? {
        areaId: area.id,
        households: [],
        visits: [],
        meetings: [],
        checkIns: [],
        accompaniments: [],
      },
    })),
    request.range,
  );
  await Promise.all(
    request.areas.map((area) =>
      auditAreaRead(db, {
        ...(request.requestedBy.actorId !== undefined
          ? { actorId: request.requestedBy.actorId }
          : {}),
        platform: request.requestedBy.platform,
        areaId: area.id,
        action: 'report.programme',
      }),
    ),
  );
  return protectSmallCells(request.range, figures);
}

export interface ProgrammePicture {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
  /** For the image's alt text (Slack) or text alternative (Teams). */
  altText: string;
}

/** The chart as SVG and PNG, drawn on the server with the shipped font. */
export async function programmePicture(
  report: ProgrammeReport,
  locale: Locale,
): Promise<ProgrammePicture> {
  const layout = chartLayout(report, locale);
  const svg = await renderChartSvg(layout);
  const png = await svgToPng(svg);
  return {
    svg,
    png,
    width: layout.width,
    height: layout.height,
    altText: catalogFor(locale).programmeReportAltText(
      report.areas.map((area) => area.area.name).join(', '),
      periodLabel(report, locale),
    ),
  };
}

export interface ProgrammeReportOutput {
  report: ProgrammeReport;
  picture: ProgrammePicture;
  /** The table to post under the picture (monospaced; the chat puts it in a code block). */
  table: string;
  /** A file name for the upload, e.g. "nabo-rapport-2025-12-2026-11.png". */
  fileName: string;
}

/** Everything the chat posts for "rapport": figures, picture and the table under it. */
export async function makeProgrammeReport(
  db: NaboDatabase,
  request: ProgrammeReportRequest & { locale: Locale },
): Promise<ProgrammeReportOutput> {
  const report = await programmeReport(db, request);
  return {
    report,
    picture: await programmePicture(report, request.locale),
    table: reportTableText(report, request.locale),
    fileName: reportFileName(report, request.locale, 'png'),
  };
}

export function reportFileName(
  report: ProgrammeReport,
  locale: Locale,
  extension: 'png' | 'csv' | 'xlsx' | 'svg',
): string {
  const word = locale === 'da' ? 'rapport' : 'report';
  return `nabo-${word}-${report.range.from}-${report.range.to}.${extension}`;
}
