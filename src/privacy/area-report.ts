import type { NaboDatabase } from '../../models/database.js';
import type { Area, ClosingReason } from '../../models/types.js';
import { UserError } from '../../kernel/errors.js';
import { toCsv, type CsvOptions, type CsvValue } from './csv-guard.js';

/**
 * The coordinator's figures for the helhedsplan report: per area and month, counts only. No
 * names, addresses, notes or ambassadors: the CSV leaves Nabo and is mailed around, so it must
 * not hold personal data. The counts survive anonymisation, so old months stay reportable.
 */
export interface MonthFigures {
  month: string;
  /** Households that moved in that month (by move-in date). */
  householdsMovedIn: number;
  /** Visits handed out in that month's hand-out. */
  visitsAssigned: number;
  met: number;
  /** Visits where the welcome folder was left, whether or not anybody was met. */
  folderLeft: number;
  /** Closed without meeting anybody, folder in the mailbox. */
  folderLeftNotMet: number;
  notReached: number;
  declined: number;
  moved: number;
  stillOpen: number;
  /** Closed because the household asked to be erased. */
  erased: number;
}

export const REPORT_COLUMNS = [
  'area',
  'month',
  'households_moved_in',
  'visits_assigned',
  'met',
  'folder_left',
  'folder_left_not_met',
  'not_reached',
  'declined',
  'moved',
  'still_open',
  'erased',
] as const;

/**
 * The column each way a visit can end is counted in: a closing reason added to the list in
 * kernel/door-outcomes.ts does not compile until it has its column here.
 */
const COUNTED_AS: Record<ClosingReason, keyof Omit<MonthFigures, 'month'>> = {
  met: 'met',
  folder_delivered_not_met: 'folderLeftNotMet',
  not_reached: 'notReached',
  declined: 'declined',
  moved: 'moved',
  erased: 'erased',
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function monthlyFigures(
  db: NaboDatabase,
  area: Area,
  month?: string,
): Promise<MonthFigures[]> {
  if (month !== undefined && !MONTH.test(month)) {
    throw new UserError('INVALID_INPUT', `Month must be YYYY-MM, got '${month}'`);
  }
  const [residents, visits] = await Promise.all([
    db.privacy.residentFacts(area.id),
    db.privacy.visitFacts(area.id),
  ]);
  const byMonth = new Map<string, MonthFigures>();
  const figuresOf = (key: string): MonthFigures => {
    let figures = byMonth.get(key);
    if (!figures) {
      figures = emptyFigures(key);
      byMonth.set(key, figures);
    }
    return figures;
  };
  for (const resident of residents) {
    // Calendar dates are stored as UTC midnight: the ISO prefix is the month (calendar-date.ts).
    if (resident.moveInDate)
      figuresOf(resident.moveInDate.toISOString().slice(0, 7)).householdsMovedIn += 1;
  }
  for (const visit of visits) {
    const figures = figuresOf(visit.assignmentMonth);
    figures.visitsAssigned += 1;
    if (visit.folderLeft === true) figures.folderLeft += 1;
    if (visit.status === 'open') {
      figures.stillOpen += 1;
      continue;
    }
    if (visit.closingReason) figures[COUNTED_AS[visit.closingReason]] += 1;
  }
  return [...byMonth.values()]
    .filter((figures) => month === undefined || figures.month === month)
    .sort((a, b) => a.month.localeCompare(b.month));
}

export function figuresToCsv(
  areaKey: string,
  figures: readonly MonthFigures[],
  options: CsvOptions = {},
): string {
  const rows: CsvValue[][] = [
    [...REPORT_COLUMNS],
    ...figures.map((row) => [
      areaKey,
      row.month,
      row.householdsMovedIn,
      row.visitsAssigned,
      row.met,
      row.folderLeft,
      row.folderLeftNotMet,
      row.notReached,
      row.declined,
      row.moved,
      row.stillOpen,
      row.erased,
    ]),
  ];
  return toCsv(rows, options);
}

function emptyFigures(month: string): MonthFigures {
  return {
    month,
    householdsMovedIn: 0,
    visitsAssigned: 0,
    met: 0,
    folderLeft: 0,
    folderLeftNotMet: 0,
    notReached: 0,
    declined: 0,
    moved: 0,
    stillOpen: 0,
    erased: 0,
  };
}
