import { DateTime } from 'luxon';
import type {
  ResidentRetentionFacts,
  VisitRetentionFacts,
} from '../../models/repositories/privacy.js';
import type { RetentionSettings } from '../../models/types.js';

/**
 * Which of an area's households and visits have passed their deletion deadline. Pure: the dates
 * come in, the decisions go out, so every rule can be tested with a fixed "now".
 *
 * Records that lack the date a rule needs are not kept forever: a closed visit without
 * `closedAt` counts from its last change (`updatedAt`, else `createdAt`); a household without a
 * move-in date counts from its import.
 */
export interface AreaRetentionPlan {
  /** Open visits untouched for `staleOpenVisitMonths`: close them as not reached. */
  closeStaleVisits: string[];
  /** Closed visits whose notes are past `visitNotesMonths`. */
  deleteNotesOf: string[];
  /** Households past `householdMonths` after their last visit closed, or never visited. */
  anonymise: string[];
}

export function planAreaRetention(input: {
  residents: readonly ResidentRetentionFacts[];
  visits: readonly VisitRetentionFacts[];
  settings: RetentionSettings;
  now: Date;
  zone: string;
}): AreaRetentionPlan {
  const { settings, now, zone } = input;
  const monthsAgo = (months: number): number =>
    DateTime.fromJSDate(now, { zone }).minus({ months }).toMillis();
  const staleBefore = monthsAgo(settings.staleOpenVisitMonths);
  const notesBefore = monthsAgo(settings.visitNotesMonths);
  const householdBefore = monthsAgo(settings.householdMonths);
  const neverVisitedBefore = monthsAgo(settings.neverVisitedMonths);

  const closeStaleVisits = input.visits
    .filter((visit) => visit.status === 'open' && lastTouched(visit) < staleBefore)
    .map((visit) => visit.id);
  const closingNow = new Set(closeStaleVisits);

  const deleteNotesOf = input.visits
    .filter(
      (visit) => visit.status === 'closed' && visit.noteCount > 0 && closedAt(visit) < notesBefore,
    )
    .map((visit) => visit.id);

  const visitsByResident = new Map<string, VisitRetentionFacts[]>();
  for (const visit of input.visits) {
    const list = visitsByResident.get(visit.residentId) ?? [];
    list.push(visit);
    visitsByResident.set(visit.residentId, list);
  }

  const anonymise: string[] = [];
  for (const resident of input.residents) {
    if (resident.anonymisedAt) continue;
    const visits = visitsByResident.get(resident.id) ?? [];
    if (visits.length === 0) {
      if (arrivedAt(resident) < neverVisitedBefore) anonymise.push(resident.id);
      continue;
    }
    // A visit closed by this very run starts its household's deadline today, not in the past.
    if (visits.some((visit) => visit.status === 'open')) continue;
    const lastClosed = Math.max(...visits.map(closedAt));
    if (lastClosed < householdBefore && !visits.some((visit) => closingNow.has(visit.id))) {
      anonymise.push(resident.id);
    }
  }
  return { closeStaleVisits, deleteNotesOf, anonymise };
}

/** When a closed visit closed; without `closedAt`, its last change stands in. */
export function closedAt(visit: VisitRetentionFacts): number {
  return (visit.closedAt ?? visit.updatedAt ?? visit.createdAt)?.getTime() ?? 0;
}

function lastTouched(visit: VisitRetentionFacts): number {
  return (visit.updatedAt ?? visit.createdAt)?.getTime() ?? 0;
}

/**
 * The later of move-in and import: a household imported long after it moved in still gets its
 * full year to be visited.
 */
function arrivedAt(resident: ResidentRetentionFacts): number {
  return Math.max(resident.moveInDate?.getTime() ?? 0, resident.createdAt?.getTime() ?? 0);
}
