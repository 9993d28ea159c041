import type { Area, ProgrammeFacts, VisitFact } from '../../models/database.js';
import {
  dayOf,
  daysBetween,
  monthOf,
  monthOfCalendarDate,
  monthsOf,
  type MonthRange,
} from './months.js';

/**
 * The programme's figures per area and month, computed from plain records (no database, no
 * clock), so every definition below can be checked against hand-built households.
 *
 * Two kinds of month:
 * - **Household figures** describe the households that moved in during the month (their
 *   move-in date, a calendar day, so no time zone applies). A row is one cohort: every household
 *   figure of a row is about the same households, the contact rate has one denominator, and the
 *   figures of a recent month grow as its households are visited. Each household counts once,
 *   over all its visits (a household handed back and handed out again is still one household).
 * - **Activity figures** (ambassadors, meetings, check-ins) count what happened in the month,
 *   in the area's time zone.
 *
 * These are the raw counts. They never leave the module as they are: small-cells.ts turns them
 * into what may be shown.
 */

/** What the report needs of an area: no people, no households. */
export type ReportArea = Pick<Area, 'id' | 'key' | 'name' | 'timeZone'> & {
  settings: Pick<Area['settings'], 'firstAttemptDeadlineDays'>;
};

export interface MonthFigures {
  /** 'YYYY-MM'. */
  month: string;
  /** Households whose move-in date is in the month. */
  movedIn: number;
  /** Of those, households with at least one try at the door recorded, whatever its outcome. */
  visited: number;
  /**
   * The households are then sorted into exactly one of five outcomes, first match wins, so the
   * five add up to `movedIn`:
   * met — some try met somebody (or a visit was closed as met);
   */
  met: number;
  /** declined — not met, and the household said no thanks (a try or a visit closed so); */
  declined: number;
  /** folder only — not met nor declined, but the welcome folder was left at the door; */
  folderOnly: number;
  /**
   * not reached — none of that, and no visit will come: every visit is closed (tries used up,
   * moved away again), or the household is marked "do not visit";
   */
  notReached: number;
  /** in progress — none of that yet: a visit is still open, or it has not been handed out. */
  inProgress: number;
  /** met / movedIn (0–1); null when nobody moved in. */
  contactRate: number | null;
  /**
   * Median of the days from the move-in date to the local day of the household's first try,
   * over the month's households that had a try (a try before the move-in day counts as day 0).
   * Anonymised households are left out: only their month of moving in is kept. Null when no
   * household counts.
   */
  medianDaysToFirstTry: number | null;
  /** How many households the median is taken over. */
  firstTryHouseholds: number;
  /** Ambassadors with at least one try at the door in the month (local time). */
  activeAmbassadors: number;
  /** Network meetings started in the month (local time), whether or not ended since. */
  meetingsHeld: number;
  /** Check-ins answered in the month (local time). */
  checkInsHeld: number;
  /** Offers to go along with a resident the first time (følgeskab) made in the month. */
  accompanimentsOffered: number;
  /** Of those, the ones recorded as "fulgtes ad" (went together). */
  wentTogether: number;
}

export interface AreaFigures {
  area: ReportArea;
  /** The area's first-try deadline (days), which the median is shown against. */
  firstAttemptDeadlineDays: number;
  /** One entry per month of the range, oldest first, months without anything included. */
  months: MonthFigures[];
}

type Outcome = 'met' | 'declined' | 'folderOnly' | 'notReached' | 'inProgress';

/** One area's figures for every month of the range. */
export function areaFigures(
  area: ReportArea,
  facts: ProgrammeFacts,
  range: MonthRange,
): AreaFigures {
  const months = monthsOf(range);
  const figures = new Map(months.map((month) => [month, emptyMonth(month)]));
  const zone = area.timeZone;

  const visitsOf = new Map<string, VisitFact[]>();
  for (const visit of facts.visits) {
    const visits = visitsOf.get(visit.residentId);
    if (visits) visits.push(visit);
    else visitsOf.set(visit.residentId, [visit]);
  }

  const daysToFirstTry = new Map<string, number[]>();
  for (const household of facts.households) {
    const month = figures.get(monthOfCalendarDate(household.moveInDate));
    if (!month) continue;
    const visits = visitsOf.get(household.id) ?? [];
    month.movedIn += 1;
    month[outcomeOf(visits, household.doNotVisit)] += 1;
    const firstTry = earliestAttempt(visits);
    if (!firstTry) continue;
    month.visited += 1;
    if (household.anonymised) continue;
    const moveInDay = household.moveInDate.toISOString().slice(0, 10);
    const days = Math.max(0, daysBetween(moveInDay, dayOf(firstTry, zone)));
    const ofMonth = daysToFirstTry.get(month.month);
    if (ofMonth) ofMonth.push(days);
    else daysToFirstTry.set(month.month, [days]);
  }

  const ambassadorsByMonth = new Map<string, Set<string>>();
  for (const visit of facts.visits) {
    for (const attempt of visit.attempts) {
      const month = monthOf(attempt.at, zone);
      if (!figures.has(month)) continue;
      const active = ambassadorsByMonth.get(month) ?? new Set<string>();
      active.add(visit.ambassadorId);
      ambassadorsByMonth.set(month, active);
    }
  }

  for (const meeting of facts.meetings) {
    if (meeting.status !== 'running' && meeting.status !== 'finished') continue;
    const month = figures.get(monthOf(meeting.startedAt ?? meeting.startsAt, zone));
    if (month) month.meetingsHeld += 1;
  }

  for (const checkIn of facts.checkIns) {
    if (checkIn.status !== 'answered') continue;
    const month = figures.get(monthOf(checkIn.answeredAt ?? checkIn.due, zone));
    if (month) month.checkInsHeld += 1;
  }

  for (const accompaniment of facts.accompaniments) {
    const month = figures.get(monthOf(accompaniment.createdAt, zone));
    if (!month) continue;
    month.accompanimentsOffered += 1;
    if (accompaniment.outcome === 'went_together') month.wentTogether += 1;
  }

  for (const month of figures.values()) {
    month.contactRate = month.movedIn === 0 ? null : month.met / month.movedIn;
    const days = daysToFirstTry.get(month.month) ?? [];
    month.firstTryHouseholds = days.length;
    month.medianDaysToFirstTry = median(days);
    month.activeAmbassadors = ambassadorsByMonth.get(month.month)?.size ?? 0;
  }

  return {
    area,
    firstAttemptDeadlineDays: area.settings.firstAttemptDeadlineDays,
    months: months.map((month) => figures.get(month) ?? emptyMonth(month)),
  };
}

/** The figures of several areas side by side, each over the same months. */
export function programmeFigures(
  areas: ReadonlyArray<{ area: ReportArea; facts: ProgrammeFacts }>,
  range: MonthRange,
): AreaFigures[] {
  return areas.map(({ area, facts }) => areaFigures(area, facts, range));
}

function outcomeOf(visits: readonly VisitFact[], doNotVisit: boolean): Outcome {
  const attempts = visits.flatMap((visit) => visit.attempts);
  if (
    attempts.some((attempt) => attempt.outcome === 'met') ||
    visits.some((visit) => visit.closingReason === 'met')
  ) {
    return 'met';
  }
  if (
    attempts.some((attempt) => attempt.outcome === 'declined') ||
    visits.some((visit) => visit.closingReason === 'declined')
  ) {
    return 'declined';
  }
  if (
    attempts.some((attempt) => attempt.folderLeft === true) ||
    visits.some(
      (visit) => visit.folderLeft === true || visit.closingReason === 'folder_delivered_not_met',
    )
  ) {
    return 'folderOnly';
  }
  const open = visits.some((visit) => visit.status === 'open');
  if (!open && (visits.length > 0 || doNotVisit)) return 'notReached';
  return 'inProgress';
}

function earliestAttempt(visits: readonly VisitFact[]): Date | undefined {
  let earliest: Date | undefined;
  for (const visit of visits) {
    for (const attempt of visit.attempts) {
      if (!earliest || attempt.at.getTime() < earliest.getTime()) earliest = attempt.at;
    }
  }
  return earliest;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function emptyMonth(month: string): MonthFigures {
  return {
    month,
    movedIn: 0,
    visited: 0,
    met: 0,
    declined: 0,
    folderOnly: 0,
    notReached: 0,
    inProgress: 0,
    contactRate: null,
    medianDaysToFirstTry: null,
    firstTryHouseholds: 0,
    activeAmbassadors: 0,
    meetingsHeld: 0,
    checkInsHeld: 0,
    accompanimentsOffered: 0,
    wentTogether: 0,
  };
}
