import { Types, type Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { insertTogether } from '../group-commit.js';
import { isDuplicateKeyError, translateWriteErrors } from '../mongo-errors.js';
import { idString, requireObjectId } from '../object-ids.js';
import { AUDIT_SUBJECT_TYPES, type AuditEventDoc } from '../schemas/audit-event.js';
import type { AuditEvent, AuditSubjectType, NewAuditEvent } from '../types.js';
import type { Clock } from '../../kernel/clock.js';

/** Who did what to which record, for the coordinator's accountability: ids and counts only. */
export interface AuditEventRepository {
  record(event: NewAuditEvent): Promise<AuditEvent>;
  /** Several entries of one moment (a turn, a message) in one command; in the order given. */
  recordMany(events: readonly NewAuditEvent[]): Promise<AuditEvent[]>;
  /** The entry a turn of this inbound event wrote for this action, if any (a resumed turn). */
  findForEvent(sourceEvent: string, action: string): Promise<AuditEvent | null>;
  /** Oldest first. */
  listForSubject(subjectType: AuditSubjectType, subjectId: string): Promise<AuditEvent[]>;
}

export function createAuditEventRepository(
  model: Model<AuditEventDoc>,
  clock: Clock,
): AuditEventRepository {
  const toNewDoc = (event: NewAuditEvent, at: Date) => ({
    at,
    ...(event.actorId !== undefined ? { actorId: requireObjectId(event.actorId, 'Actor id') } : {}),
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    platform: event.platform,
    details: event.details ?? {},
    ...(event.sourceEvent !== undefined ? { sourceEvent: event.sourceEvent } : {}),
  });

  // The turns that show households at the same moment write their entries in one command.
  const insertReads = insertTogether(() => model.collection);

  return {
    async record(event) {
      try {
        const created = await model.create(toNewDoc(event, clock.now()));
        return toEvent(created.toObject<AuditEventDoc>());
      } catch (error) {
        // The same event's change recorded already (a resumed turn): that entry stands.
        if (event.sourceEvent !== undefined && isDuplicateKeyError(error)) {
          const first = await model
            .findOne({
              sourceEvent: event.sourceEvent,
              action: event.action,
              subjectType: event.subjectType,
              subjectId: event.subjectId,
            })
            .lean<AuditEventDoc>();
          if (first) return toEvent(first);
        }
        return translateWriteErrors(() => Promise.reject(error));
      }
    },

    async recordMany(events) {
      if (events.length === 0) return [];
      const at = clock.now();
      // Straight to the driver: "mine besøg" writes these on every turn, and mongoose would
      // build, validate and copy a document per household for a plain insert. The schema's
      // checks (required fields, the subject types) and its timestamps and version key are
      // applied here, so the stored entries are the same.
      const docs = events.map((event) => {
        refuseInvalid(event);
        return {
          _id: new Types.ObjectId(),
          ...toNewDoc(event, at),
          createdAt: at,
          updatedAt: at,
          __v: 0,
        } as AuditEventDoc;
      });
      // Reads carry no source event, so no unique index can refuse them.
      const refused = await insertReads(docs);
      if (refused.length > 0)
        throw new NaboError('ALREADY_EXISTS', 'Audit entries recorded already');
      return docs.map(toEvent);
    },

    async findForEvent(sourceEvent, action) {
      const doc = await model.findOne({ sourceEvent, action }).lean<AuditEventDoc>();
      return doc ? toEvent(doc) : null;
    },

    async listForSubject(subjectType, subjectId) {
      const docs = await model
        .find({ subjectType, subjectId })
        .sort({ at: 1, _id: 1 })
        .lean<AuditEventDoc[]>();
      return docs.map(toEvent);
    },
  };
}

const SUBJECT_TYPES: ReadonlySet<string> = new Set(AUDIT_SUBJECT_TYPES);

/** What the schema would refuse (INVALID_INPUT, as a validation failure is translated). */
function refuseInvalid(event: NewAuditEvent): void {
  for (const field of ['action', 'subjectId', 'platform'] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') {
      throw new NaboError('INVALID_INPUT', `Audit event without ${field}`);
    }
  }
  if (!SUBJECT_TYPES.has(event.subjectType)) {
    throw new NaboError('INVALID_INPUT', `Unknown audit subject type '${event.subjectType}'`);
  }
}

function toEvent(doc: AuditEventDoc): AuditEvent {
  return {
    id: idString(doc._id),
    at: doc.at,
    ...(doc.actorId ? { actorId: idString(doc.actorId) } : {}),
    action: doc.action,
    subjectType: doc.subjectType,
    subjectId: doc.subjectId,
    platform: doc.platform,
    details: doc.details ?? {},
  };
}
