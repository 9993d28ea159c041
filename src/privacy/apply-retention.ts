import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { Area } from '../../models/types.js';
import { isNaboError } from '../../kernel/errors.js';
import { logger as rootLogger, type Logger } from '../../kernel/logger.js';
import { planAreaRetention } from './retention-plan.js';
import { GLOBAL_RETENTION, retentionFor } from './retention-settings.js';

/** What one run removed, in numbers only: this goes into logs and the audit trail. */
export interface RetentionCounts {
  householdsAnonymised: number;
  visitNotesDeleted: number;
  staleVisitsClosed: number;
  checkInsDeleted: number;
  followUpsDeleted: number;
  conversationStatesDeleted: number;
  processedEventsDeleted: number;
  auditEventsDeleted: number;
}

export function emptyRetentionCounts(): RetentionCounts {
  return {
    householdsAnonymised: 0,
    visitNotesDeleted: 0,
    staleVisitsClosed: 0,
    checkInsDeleted: 0,
    followUpsDeleted: 0,
    conversationStatesDeleted: 0,
    processedEventsDeleted: 0,
    auditEventsDeleted: 0,
  };
}

/**
 * "Apply the deletion deadlines": every area's own deadlines for households, visit notes and
 * check-ins, then the installation-wide ones. Safe to run at any time and as often as wanted:
 * what is already gone is not counted again.
 */
export async function applyRetention(
  db: NaboDatabase,
  now: Date,
  options: { logger?: Logger } = {},
): Promise<RetentionCounts> {
  const log = options.logger ?? rootLogger();
  const total = emptyRetentionCounts();

  for (const area of await db.areas.list()) {
    const counts = await applyAreaRetention(db, area, now);
    addInto(total, counts);
    if (Object.values(counts).some((count) => count > 0)) {
      await db.auditEvents.record({
        action: 'retention.applied',
        subjectType: 'area',
        subjectId: area.id,
        platform: 'system',
        details: { ...counts },
      });
      log.info({ areaId: area.id, ...counts }, 'deletion deadlines applied to area');
    }
  }

  const at = DateTime.fromJSDate(now, { zone: 'UTC' });
  total.conversationStatesDeleted = await db.privacy.deleteConversationStatesBefore(
    at.minus({ days: GLOBAL_RETENTION.conversationStateDays }).toJSDate(),
    now,
  );
  total.processedEventsDeleted = await db.privacy.deleteProcessedEventsBefore(
    at.minus({ days: GLOBAL_RETENTION.processedEventDays }).toJSDate(),
  );
  total.auditEventsDeleted = await db.privacy.deleteAuditEventsBefore(
    at.minus({ months: GLOBAL_RETENTION.auditMonths }).toJSDate(),
  );
  log.info({ ...total }, 'deletion deadlines applied');
  return total;
}

async function applyAreaRetention(
  db: NaboDatabase,
  area: Area,
  now: Date,
): Promise<RetentionCounts> {
  const counts = emptyRetentionCounts();
  const settings = retentionFor(area);
  const [residents, visits] = await Promise.all([
    db.privacy.residentFacts(area.id),
    db.privacy.visitFacts(area.id),
  ]);
  const plan = planAreaRetention({ residents, visits, settings, now, zone: area.timeZone });

  for (const visitId of plan.closeStaleVisits) {
    try {
      await db.visits.close(visitId, 'not_reached');
      counts.staleVisitsClosed += 1;
    } catch (error) {
      // Closed by its ambassador meanwhile: nothing left to do.
      if (!isNaboError(error) || error.code !== 'CONFLICT') throw error;
    }
  }

  counts.visitNotesDeleted += await db.privacy.deleteVisitNotes(plan.deleteNotesOf);

  const anonymised = new Set<string>();
  for (const residentId of plan.anonymise) {
    if (await db.privacy.anonymiseResident(residentId, { at: now, erasure: false })) {
      anonymised.add(residentId);
    }
  }
  counts.householdsAnonymised = anonymised.size;
  // An anonymised household keeps no notes, whatever the notes deadline says.
  counts.visitNotesDeleted += await db.privacy.deleteVisitNotes(
    visits.filter((visit) => anonymised.has(visit.residentId)).map((visit) => visit.id),
  );

  counts.checkInsDeleted = await db.privacy.deleteCheckInsBefore(
    area.id,
    DateTime.fromJSDate(now, { zone: area.timeZone })
      .minus({ months: settings.checkInMonths })
      .toJSDate(),
  );
  counts.followUpsDeleted = await db.privacy.deleteFollowUpsBefore(
    area.id,
    DateTime.fromJSDate(now, { zone: area.timeZone })
      .minus({ months: settings.followUpMonths })
      .toJSDate(),
  );
  return counts;
}

function addInto(total: RetentionCounts, counts: RetentionCounts): void {
  for (const key of Object.keys(total) as Array<keyof RetentionCounts>) total[key] += counts[key];
}
