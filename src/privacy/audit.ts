import type { NaboDatabase } from '../../models/database.js';
import type { AuditDetailValue, AuditPlatform, AuditSubjectType } from '../../models/types.js';
import { sourceEventOf } from '../core/flow.js';
import type { Turn } from '../core/turn.js';

/**
 * The audit trail: who read or changed a resident's data, what, when and from which platform.
 * Never the content: details hold ids, counts and codes only. The trail is part of a person's
 * export (they may ask who looked them up) and is deleted after GLOBAL_RETENTION.auditMonths.
 */

export interface ResidentRead {
  actorId?: string;
  platform: AuditPlatform;
  residentIds: readonly string[];
  /** What was shown, e.g. "visits.listed", "resident.exported". */
  action: string;
}

/**
 * One event per household shown, so each household's export lists who saw it; all of them in
 * one command.
 */
export async function auditResidentRead(db: NaboDatabase, read: ResidentRead): Promise<void> {
  const unique = [...new Set(read.residentIds)];
  await db.auditEvents.recordMany(
    unique.map((residentId) => ({
      ...(read.actorId !== undefined ? { actorId: read.actorId } : {}),
      action: read.action,
      subjectType: 'resident' as const,
      subjectId: residentId,
      platform: read.platform,
      details: { shownTogether: unique.length },
    })),
  );
}

export interface Change {
  actorId?: string;
  platform: AuditPlatform;
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  /** Ids, counts and codes only. */
  details?: Record<string, AuditDetailValue>;
  /** The inbound event that made the change: its entry is written once (a resumed turn). */
  sourceEvent?: string;
}

export async function auditChange(db: NaboDatabase, change: Change): Promise<void> {
  await db.auditEvents.record({
    ...(change.actorId !== undefined ? { actorId: change.actorId } : {}),
    action: change.action,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    platform: change.platform,
    details: change.details ?? {},
    ...(change.sourceEvent !== undefined ? { sourceEvent: change.sourceEvent } : {}),
  });
}

/** A read of an area's figures (overview, report): no household is named, the area is. */
export async function auditAreaRead(
  db: NaboDatabase,
  read: { actorId?: string; platform: AuditPlatform; areaId: string; action: string },
): Promise<void> {
  await auditChange(db, { ...read, subjectType: 'area', subjectId: read.areaId });
}

// ── One-liners for the chat flows ───────────────────────────────────────────────────────────────

/**
 * The person in this turn was shown these households (ids, or visits carrying `residentId`).
 * Call before the answer is sent: no read without its trace.
 */
export function auditReadInChat(
  turn: Turn,
  action: string,
  shown: ReadonlyArray<string | { residentId: string }>,
): Promise<void> {
  return auditResidentRead(turn.deps.db, {
    actorId: turn.person.id,
    platform: turn.event.conversation.platform,
    residentIds: shown.map((item) => (typeof item === 'string' ? item : item.residentId)),
    action,
  });
}

/** The person in this turn changed something about a household (a report, an undo). */
export function auditChangeInChat(
  turn: Turn,
  action: string,
  residentId: string,
  details: Record<string, AuditDetailValue> = {},
): Promise<void> {
  const sourceEvent = sourceEventOf(turn);
  return auditChange(turn.deps.db, {
    actorId: turn.person.id,
    platform: turn.event.conversation.platform,
    action,
    subjectType: 'resident',
    subjectId: residentId,
    details,
    ...(sourceEvent !== undefined ? { sourceEvent } : {}),
  });
}

/** The person in this turn looked at an area's figures. */
export function auditAreaReadInChat(turn: Turn, action: string, areaId: string): Promise<void> {
  return auditAreaRead(turn.deps.db, {
    actorId: turn.person.id,
    platform: turn.event.conversation.platform,
    areaId,
    action,
  });
}
