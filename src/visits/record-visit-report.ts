import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { Area, AttemptOutcome, ClosingReason, Visit } from '../../models/types.js';
import { DOOR_OUTCOME_RULES } from '../../kernel/door-outcomes.js';

/** What an ambassador told us about one try at the door, after the bot has understood it. */
export interface VisitReport {
  outcome: AttemptOutcome;
  folderLeft: boolean | null;
  /** 'YYYY-MM-DD' the ambassador named for the next try, if any. */
  revisitDate: string | null;
  note: string | null;
}

/** What happens to the visit after the report: the ambassador's confirmation says this. */
export type VisitNextStep =
  | { kind: 'closed'; reason: ClosingReason }
  | { kind: 'revisit'; revisitDate: string; attemptsLeft: number };

export interface RecordedReport {
  visit: Visit;
  next: VisitNextStep;
}

/**
 * Report a visit: the attempt is stored, then the visit is either closed (they met, declined,
 * moved, or the area's maximum of tries at an empty door is reached) or given a revisit date —
 * the one the ambassador named, or the area's default a few days on.
 *
 * Only "not home" counts towards the maximum: a household that was home and asked the ambassador
 * to come back later has not been missed.
 */
export async function recordVisitReport(
  db: NaboDatabase,
  input: {
    visit: Visit;
    area: Area;
    report: VisitReport;
    reporterId: string;
    now: Date;
    /** The inbound event reporting it: a turn resumed after a crash records nothing twice. */
    sourceEvent?: string;
    /** The conversation and report it was told in: its memory for "fortryd" (report-visit.ts). */
    conversationTag?: string;
    reportKey?: string;
    /** From a button: the attempts the visit had when the button was shown (see my-visits.ts). */
    afterAttempts?: number;
  },
): Promise<RecordedReport> {
  const { visit, area, report, now } = input;
  const closingReason = DOOR_OUTCOME_RULES[report.outcome].closesVisitAs;
  const revisitDate =
    closingReason === null ? (report.revisitDate ?? defaultRevisitDate(area, now)) : undefined;

  const recorded = await db.visits.recordAttempt(
    visit.id,
    {
      at: now,
      outcome: report.outcome,
      folderLeft: report.folderLeft,
      ...(report.note ? { note: report.note, noteBy: input.reporterId } : {}),
      ...(revisitDate ? { revisitDate } : {}),
      ...(input.sourceEvent ? { sourceEvent: input.sourceEvent } : {}),
      ...(input.conversationTag ? { conversationTag: input.conversationTag } : {}),
      ...(input.reportKey ? { reportKey: input.reportKey } : {}),
    },
    input.afterAttempts === undefined ? { held: visit } : { afterAttempts: input.afterAttempts },
  );
  // This event's report was stored and the visit closed before a crash: said again, not redone.
  if (recorded.status === 'closed' && recorded.closingReason) {
    return { visit: recorded, next: { kind: 'closed', reason: recorded.closingReason } };
  }

  if (closingReason) {
    return {
      visit: await db.visits.close(visit.id, closingReason),
      next: { kind: 'closed', reason: closingReason },
    };
  }

  const triesAtEmptyDoor = recorded.attempts.filter(
    (attempt) => attempt.outcome === 'not_home',
  ).length;
  if (report.outcome === 'not_home' && triesAtEmptyDoor >= area.settings.maxAttempts) {
    const reason: ClosingReason = recorded.folderLeft ? 'folder_delivered_not_met' : 'not_reached';
    return { visit: await db.visits.close(visit.id, reason), next: { kind: 'closed', reason } };
  }
  return {
    visit: recorded,
    next: {
      kind: 'revisit',
      revisitDate: revisitDate ?? defaultRevisitDate(area, now),
      attemptsLeft: Math.max(0, area.settings.maxAttempts - triesAtEmptyDoor),
    },
  };
}

/** The area's default: N days after today, in the area's own time zone. */
export function defaultRevisitDate(area: Area, now: Date): string {
  return (
    DateTime.fromJSDate(now, { zone: area.timeZone })
      .plus({ days: area.settings.revisitAfterDays })
      .toISODate() ?? ''
  );
}
