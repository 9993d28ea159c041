import type { AreaFigures, MonthFigures, ReportArea } from './figures.js';
import type { MonthRange } from './months.js';

/**
 * What of the figures may be shown. The report travels (chat, mail, the estate board), so no
 * household may be singled out by a small number. One rule for the table, CSV, XLSX and chart:
 *
 * 1. Household cells — moved in, visited, met, declined, folder only, not reached, in progress —
 *    holding 1 to 4 households show "<5". Zero is shown: it singles nobody out.
 * 2. The five outcomes add up to "moved in". When moved in is shown and exactly one outcome is
 *    "<5", it could be worked out by subtraction, so the smallest other non-zero outcome of that
 *    month is shown as "<5" too (the leftmost on a tie).
 * 3. Figures computed from households follow them: the contact rate shows "<5" when moved in or
 *    met does, the median days to the first try when fewer than 5 households had a try. Nothing
 *    to compute from (nobody moved in, nobody tried yet) shows as empty (null).
 * 4. Ambassadors, meetings and check-ins count the programme's own work, not households: shown
 *    as they are.
 *
 * The chart follows the same cells: a "<5" cell is not drawn (no bar segment, no point, no value
 * label), and a month whose moved-in count is "<5" shows only the text "<5" at its foot.
 */

export const SMALL_CELL_LIMIT = 5;
export const FEW = '<5' as const;

/** A number that may be shown, "<5", or null where there is nothing to show. */
export type ReportCell = number | typeof FEW | null;

export const OUTCOME_KEYS = ['met', 'folderOnly', 'declined', 'notReached', 'inProgress'] as const;
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

export interface ReportMonth {
  month: string;
  movedIn: ReportCell;
  visited: ReportCell;
  met: ReportCell;
  folderOnly: ReportCell;
  declined: ReportCell;
  notReached: ReportCell;
  inProgress: ReportCell;
  /** Whole per cent. */
  contactRatePercent: ReportCell;
  /** Days, to one decimal (a median of an even count can end in .5). */
  medianDaysToFirstTry: ReportCell;
  activeAmbassadors: number;
  meetingsHeld: number;
  checkInsHeld: number;
  /** Følgeskab: each offer is about one household, so the small-cell rule applies. */
  accompanimentsOffered: ReportCell;
  wentTogether: ReportCell;
}

export interface AreaReport {
  area: Pick<ReportArea, 'id' | 'key' | 'name' | 'timeZone'>;
  firstAttemptDeadlineDays: number;
  months: ReportMonth[];
}

/** The programme report as it may be shown: several areas over the same months. */
export interface ProgrammeReport {
  range: MonthRange;
  areas: AreaReport[];
}

export function protectSmallCells(
  range: MonthRange,
  figures: readonly AreaFigures[],
): ProgrammeReport {
  return {
    range,
    areas: figures.map((area) => ({
      area: {
        id: area.area.id,
        key: area.area.key,
        name: area.area.name,
        timeZone: area.area.timeZone,
      },
      firstAttemptDeadlineDays: area.firstAttemptDeadlineDays,
      months: area.months.map(protectMonth),
    })),
  };
}

export function isFew(count: number): boolean {
  return count > 0 && count < SMALL_CELL_LIMIT;
}

function householdCell(count: number): ReportCell {
  return isFew(count) ? FEW : count;
}

export function protectMonth(month: MonthFigures): ReportMonth {
  const outcomes: Record<OutcomeKey, ReportCell> = {
    met: householdCell(month.met),
    folderOnly: householdCell(month.folderOnly),
    declined: householdCell(month.declined),
    notReached: householdCell(month.notReached),
    inProgress: householdCell(month.inProgress),
  };
  const movedIn = householdCell(month.movedIn);
  const hidden = OUTCOME_KEYS.filter((key) => outcomes[key] === FEW);
  if (movedIn !== FEW && hidden.length === 1) {
    const partner = OUTCOME_KEYS.filter((key) => outcomes[key] !== FEW && month[key] > 0).sort(
      (a, b) => month[a] - month[b],
    )[0];
    if (partner) outcomes[partner] = FEW;
  }
  const contactRatePercent: ReportCell =
    month.contactRate === null
      ? null
      : movedIn === FEW || outcomes.met === FEW
        ? FEW
        : Math.round(month.contactRate * 100);
  const medianDaysToFirstTry: ReportCell =
    month.medianDaysToFirstTry === null
      ? null
      : isFew(month.firstTryHouseholds)
        ? FEW
        : Math.round(month.medianDaysToFirstTry * 10) / 10;
  return {
    month: month.month,
    movedIn,
    visited: householdCell(month.visited),
    ...outcomes,
    contactRatePercent,
    medianDaysToFirstTry,
    activeAmbassadors: month.activeAmbassadors,
    meetingsHeld: month.meetingsHeld,
    checkInsHeld: month.checkInsHeld,
    accompanimentsOffered: householdCell(month.accompanimentsOffered),
    wentTogether: householdCell(month.wentTogether),
  };
}
