import type { Connection, Model, Schema, SchemaType } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { idString, parseObjectId } from '../object-ids.js';
import { AREA_MODEL, type AreaDoc } from '../schemas/area.js';
import { AUDIT_EVENT_MODEL, type AuditEventDoc } from '../schemas/audit-event.js';
import { CHECK_IN_MODEL, type CheckInDoc } from '../schemas/check-in.js';
import { COMMUNITY_EVENT_MODEL, type CommunityEventDoc } from '../schemas/community-event.js';
import { FOLLOW_UP_MODEL, type FollowUpDoc } from '../schemas/follow-up.js';
import { CONVERSATION_LINK_MODEL, type ConversationLinkDoc } from '../schemas/conversation-link.js';
import {
  CONVERSATION_STATE_MODEL,
  type ConversationStateDoc,
} from '../schemas/conversation-state.js';
import { PERSON_MODEL, type PersonDoc } from '../schemas/person.js';
import { PROCESSED_EVENT_MODEL, type ProcessedEventDoc } from '../schemas/processed-event.js';
import { RESIDENT_MODEL, type ResidentDoc } from '../schemas/resident.js';
import { SEND_LEDGER_MODEL, type SendLedgerDoc } from '../schemas/send-ledger.js';
import { VISIT_MODEL, type VisitDoc } from '../schemas/visit.js';
import type { AttemptOutcome, ClosingReason, RetentionSettings, VisitStatus } from '../types.js';

/**
 * What the data controller's duties need from the store: the dates the deletion deadlines look
 * at, blanking and deleting in place, and "everything stored about this id" for access and
 * erasure requests. Kept apart from the feature repositories so those stay about their feature.
 */

/** A stored document as plain JSON-able data: ObjectIds as hex strings, `_id` as `id`. */
export type StoredRecord = Record<string, unknown>;

export interface StoredCollection {
  /** The model name, e.g. "Visit". */
  collection: string;
  documents: StoredRecord[];
}

export interface ResidentRetentionFacts {
  id: string;
  areaId: string;
  moveInDate: Date | null;
  createdAt: Date | null;
  anonymisedAt: Date | null;
}

export interface VisitRetentionFacts {
  id: string;
  residentId: string;
  ambassadorId: string;
  assignmentMonth: string;
  status: VisitStatus;
  outcome: AttemptOutcome | null;
  folderLeft: boolean | null;
  closingReason: ClosingReason | null;
  closedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Notes written on attempts (or the summary note) still stored. */
  noteCount: number;
}

export interface PersonTraceCounts {
  conversationStates: number;
  conversationLinks: number;
  checkIns: number;
  sendLedgerEntries: number;
  /** Invitations to community events the person was taken off (answers and attendance with them). */
  eventInvitations: number;
}

export interface PrivacyRepository {
  residentFacts(areaId: string): Promise<ResidentRetentionFacts[]>;
  visitFacts(areaId: string): Promise<VisitRetentionFacts[]>;
  visitFactsOfResident(residentId: string): Promise<VisitRetentionFacts[]>;
  /** Ids of the visits the person holds open as ambassador. */
  openVisitIdsOfAmbassador(personId: string): Promise<string[]>;
  /**
   * Blanks names, address, unit, block, stairwell, language hints, the list it came from and the
   * import keys; keeps area, month of move-in and the visits. False when already anonymised.
   */
  anonymiseResident(residentId: string, options: { at: Date; erasure: boolean }): Promise<boolean>;
  /** Removes notes and their authors from the visits; returns how many notes were removed. */
  deleteVisitNotes(visitIds: readonly string[]): Promise<number>;
  /** Check-ins of the area answered (or, unanswered, due) before the cutoff. */
  deleteCheckInsBefore(areaId: string, cutoff: Date): Promise<number>;
  /** Follow-ups of the area closed before the cutoff, or still open and made before it. */
  deleteFollowUpsBefore(areaId: string, cutoff: Date): Promise<number>;
  /** Conversation states last touched before the cutoff, or already expired at `now`. */
  deleteConversationStatesBefore(cutoff: Date, now: Date): Promise<number>;
  deleteProcessedEventsBefore(cutoff: Date): Promise<number>;
  deleteAuditEventsBefore(cutoff: Date): Promise<number>;
  /** Stores the area's own deadlines (months); keys left out keep their current value. */
  setAreaRetention(areaId: string, retention: Partial<RetentionSettings>): Promise<void>;

  storedResident(residentId: string): Promise<StoredRecord | null>;
  storedPerson(personId: string): Promise<StoredRecord | null>;
  /**
   * Every document, in any collection, with one of the ids in an ObjectId field (found from the
   * schemas, so collections added later are covered too). Audit events are left to the two
   * methods below; `_id` itself does not count as a reference.
   */
  referencing(ids: readonly string[]): Promise<StoredCollection[]>;
  auditEventsAbout(subjectIds: readonly string[]): Promise<StoredRecord[]>;
  auditEventsBy(actorId: string): Promise<StoredRecord[]>;
  /** Audit events with one of the actions since the instant, oldest first. */
  auditEventsWithAction(actions: readonly string[], since: Date): Promise<StoredRecord[]>;
  sendLedgerEntriesMentioning(id: string): Promise<StoredRecord[]>;
  /**
   * Conversation states whose saved answers mention one of the ids (a half-finished report keeps
   * the visit id and the note typed so far). The collection is small and short-lived: scanned.
   */
  conversationStatesMentioning(ids: readonly string[]): Promise<StoredRecord[]>;
  deleteConversationStatesMentioning(ids: readonly string[]): Promise<number>;

  /** False when there was no such person. */
  deletePerson(personId: string): Promise<boolean>;
  deletePersonTraces(personId: string): Promise<PersonTraceCounts>;
}

export function createPrivacyRepository(connection: Connection): PrivacyRepository {
  const model = <T>(name: string): Model<T> => {
    const found = connection.models[name];
    if (!found) throw new NaboError('INTERNAL', `Model ${name} is not registered`);
    return found as unknown as Model<T>;
  };
  const areas = model<AreaDoc>(AREA_MODEL);
  const residents = model<ResidentDoc>(RESIDENT_MODEL);
  const visits = model<VisitDoc>(VISIT_MODEL);
  const people = model<PersonDoc>(PERSON_MODEL);
  const checkIns = model<CheckInDoc>(CHECK_IN_MODEL);
  const states = model<ConversationStateDoc>(CONVERSATION_STATE_MODEL);
  const links = model<ConversationLinkDoc>(CONVERSATION_LINK_MODEL);
  const ledger = model<SendLedgerDoc>(SEND_LEDGER_MODEL);
  const events = model<CommunityEventDoc>(COMMUNITY_EVENT_MODEL);
  const followUps = model<FollowUpDoc>(FOLLOW_UP_MODEL);
  const audit = model<AuditEventDoc>(AUDIT_EVENT_MODEL);
  const processed = model<ProcessedEventDoc>(PROCESSED_EVENT_MODEL);

  const statesMentioning = async (ids: readonly string[]): Promise<ConversationStateDoc[]> => {
    const wanted = ids.filter((id) => id !== '');
    if (wanted.length === 0) return [];
    const docs = await states.find().lean<ConversationStateDoc[]>();
    return docs.filter((doc) => {
      const text = JSON.stringify(doc.data ?? {});
      return wanted.some((id) => text.includes(id));
    });
  };

  const objectIds = (ids: readonly string[]) =>
    ids.map(parseObjectId).filter((id): id is NonNullable<typeof id> => id !== undefined);

  return {
    async residentFacts(areaId) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      const docs = await residents
        .find({ areaId: _id }, { areaId: 1, moveInDate: 1, createdAt: 1, anonymisedAt: 1 })
        .lean<ResidentDoc[]>();
      return docs.map((doc) => ({
        id: idString(doc._id),
        areaId: idString(doc.areaId),
        moveInDate: doc.moveInDate ?? null,
        createdAt: doc.createdAt ?? null,
        anonymisedAt: doc.anonymisedAt ?? null,
      }));
    },

    async visitFacts(areaId) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      return (await visits.find({ areaId: _id }).lean<VisitDoc[]>()).map(toVisitFacts);
    },

    async visitFactsOfResident(residentId) {
      const _id = parseObjectId(residentId);
      if (!_id) return [];
      return (await visits.find({ residentId: _id }).lean<VisitDoc[]>()).map(toVisitFacts);
    },

    async openVisitIdsOfAmbassador(personId) {
      const _id = parseObjectId(personId);
      if (!_id) return [];
      const docs = await visits.find({ ambassadorId: _id, isOpen: true }, { _id: 1 }).lean();
      return docs.map((doc) => idString(doc._id));
    },

    async anonymiseResident(residentId, options) {
      const _id = parseObjectId(residentId);
      if (!_id) return false;
      const current = await residents
        .findOne({ _id, anonymisedAt: null }, { moveInDate: 1 })
        .lean<ResidentDoc>();
      if (!current) return false;
      // The unique import keys spell out names and address: replace them, unique per household.
      const placeholder = `anonymised|${residentId}`;
      const result = await residents.updateOne(
        { _id, anonymisedAt: null },
        {
          $set: {
            names: [],
            address: '',
            unit: '',
            languageHints: [],
            source: { list: '', row: 0 },
            // Month precision is what the reports use; the exact day could single a family out.
            ...(current.moveInDate ? { moveInDate: firstOfMonth(current.moveInDate) } : {}),
            doNotVisit: true,
            naturalKey: placeholder,
            flatKey: placeholder,
            anonymisedAt: options.at,
            ...(options.erasure ? { erasedAt: options.at } : {}),
          },
          $unset: { block: 1, stairwell: 1 },
        },
      );
      return result.modifiedCount > 0;
    },

    async deleteVisitNotes(visitIds) {
      const ids = objectIds(visitIds);
      if (ids.length === 0) return 0;
      const docs = await visits.find({ _id: { $in: ids } }).lean<VisitDoc[]>();
      let removed = 0;
      for (const doc of docs) {
        const notes = noteCount(doc);
        // Who wrote, and where a report was told (kept for a day's "fortryd"), go with the notes.
        const authors =
          doc.noteBy != null ||
          doc.attempts.some((attempt) => attempt.noteBy || attempt.conversationTag);
        if (notes === 0 && !authors) continue;
        const attempts = doc.attempts.map(
          ({ note: _note, noteBy: _noteBy, conversationTag: _tag, reportKey: _key, ...rest }) =>
            rest,
        );
        // Guarded by the attempt count, so a report arriving meanwhile is not overwritten (the
        // next run catches it). No timestamps: updatedAt stands in for a missing closedAt.
        const result = await visits.updateOne(
          { _id: doc._id, attempts: { $size: doc.attempts.length } },
          { $set: { attempts, note: null, noteBy: null } },
          { timestamps: false },
        );
        if (result.modifiedCount > 0) removed += notes;
      }
      return removed;
    },

    async deleteCheckInsBefore(areaId, cutoff) {
      const _id = parseObjectId(areaId);
      if (!_id) return 0;
      const result = await checkIns.deleteMany({
        areaId: _id,
        $or: [
          { answeredAt: { $lt: cutoff } },
          { answeredAt: null, due: { $lt: cutoff } },
          { answeredAt: null, due: null, createdAt: { $lt: cutoff } },
          { answeredAt: null, due: null, createdAt: null },
        ],
      });
      return result.deletedCount;
    },

    async deleteFollowUpsBefore(areaId, cutoff) {
      const _id = parseObjectId(areaId);
      if (!_id) return 0;
      const result = await followUps.deleteMany({
        areaId: _id,
        $or: [
          { status: 'closed', closedAt: { $lt: cutoff } },
          { status: 'closed', closedAt: null, updatedAt: { $lt: cutoff } },
          { status: 'open', createdAt: { $lt: cutoff } },
        ],
      });
      return result.deletedCount;
    },

    async deleteConversationStatesBefore(cutoff, now) {
      const result = await states.deleteMany({
        $or: [{ updatedAt: { $lt: cutoff } }, { updatedAt: null }, { expiresAt: { $lt: now } }],
      });
      return result.deletedCount;
    },

    async deleteProcessedEventsBefore(cutoff) {
      const result = await processed.deleteMany({
        $or: [
          { processedAt: { $lt: cutoff } },
          { processedAt: null, createdAt: { $lt: cutoff } },
          { processedAt: null, createdAt: null },
        ],
      });
      return result.deletedCount;
    },

    async deleteAuditEventsBefore(cutoff) {
      const result = await audit.deleteMany({
        $or: [
          { at: { $lt: cutoff } },
          { at: null, createdAt: { $lt: cutoff } },
          { at: null, createdAt: null },
        ],
      });
      return result.deletedCount;
    },

    async setAreaRetention(areaId, retention) {
      const _id = parseObjectId(areaId);
      if (!_id) throw new NaboError('NOT_FOUND', `No area with id ${areaId}`);
      const set: Record<string, number> = {};
      for (const [key, months] of Object.entries(retention)) {
        if (months === undefined) continue;
        if (!Number.isInteger(months) || months < 1 || months > 120) {
          throw new NaboError(
            'INVALID_INPUT',
            `${key} must be a whole number of months from 1 to 120, got ${months}`,
          );
        }
        set[`settings.retention.${key}`] = months;
      }
      if (Object.keys(set).length === 0) return;
      const result = await areas.updateOne({ _id }, { $set: set });
      if (result.matchedCount === 0) throw new NaboError('NOT_FOUND', `No area with id ${areaId}`);
    },

    async storedResident(residentId) {
      const _id = parseObjectId(residentId);
      const doc = _id ? await residents.findById(_id).lean() : null;
      return doc ? toStoredRecord(doc) : null;
    },

    async storedPerson(personId) {
      const _id = parseObjectId(personId);
      const doc = _id ? await people.findById(_id).lean() : null;
      return doc ? toStoredRecord(doc) : null;
    },

    async referencing(ids) {
      const wanted = objectIds(ids);
      if (wanted.length === 0) return [];
      const found: StoredCollection[] = [];
      for (const [name, candidate] of Object.entries(connection.models)) {
        if (name === AUDIT_EVENT_MODEL) continue;
        const paths = objectIdPaths(candidate.schema);
        if (paths.length === 0) continue;
        const docs = await candidate
          .find({ $or: paths.map((path) => ({ [path]: { $in: wanted } })) })
          .sort({ _id: 1 })
          .lean();
        if (docs.length > 0) {
          found.push({ collection: name, documents: docs.map((doc) => toStoredRecord(doc)) });
        }
      }
      return found;
    },

    async auditEventsAbout(subjectIds) {
      if (subjectIds.length === 0) return [];
      const docs = await audit
        .find({ subjectId: { $in: [...subjectIds] } })
        .sort({ at: 1, _id: 1 })
        .lean();
      return docs.map((doc) => toStoredRecord(doc));
    },

    async auditEventsBy(actorId) {
      const _id = parseObjectId(actorId);
      if (!_id) return [];
      const docs = await audit.find({ actorId: _id }).sort({ at: 1, _id: 1 }).lean();
      return docs.map((doc) => toStoredRecord(doc));
    },

    async auditEventsWithAction(actions, since) {
      const docs = await audit
        .find({ action: { $in: [...actions] }, at: { $gte: since } })
        .sort({ at: 1, _id: 1 })
        .lean();
      return docs.map((doc) => toStoredRecord(doc));
    },

    async sendLedgerEntriesMentioning(id) {
      if (!/^[0-9a-f]{24}$/i.test(id)) return [];
      const docs = await ledger.find({ key: { $regex: id } }).lean();
      return docs.map((doc) => toStoredRecord(doc));
    },

    async conversationStatesMentioning(ids) {
      return (await statesMentioning(ids)).map((doc) => toStoredRecord(doc));
    },

    async deleteConversationStatesMentioning(ids) {
      const found = await statesMentioning(ids);
      if (found.length === 0) return 0;
      const result = await states.deleteMany({ _id: { $in: found.map((doc) => doc._id) } });
      return result.deletedCount;
    },

    async deletePerson(personId) {
      const _id = parseObjectId(personId);
      if (!_id) return false;
      return (await people.deleteOne({ _id })).deletedCount > 0;
    },

    async deletePersonTraces(personId) {
      const _id = parseObjectId(personId);
      if (!_id) {
        return {
          conversationStates: 0,
          conversationLinks: 0,
          checkIns: 0,
          sendLedgerEntries: 0,
          eventInvitations: 0,
        };
      }
      const [
        conversationStates,
        conversationLinks,
        checkInsDeleted,
        sendLedgerEntries,
        eventInvitations,
      ] = await Promise.all([
        states.deleteMany({ personId: _id }),
        links.deleteMany({ personId: _id }),
        checkIns.deleteMany({ personId: _id }),
        // Send keys end with the person's id (assignment sends): bookkeeping about them.
        ledger.deleteMany({ key: { $regex: personId.toLowerCase() } }),
        events.updateMany(
          { 'invitations.personId': _id },
          { $pull: { invitations: { personId: _id } } },
        ),
      ]);
      return {
        conversationStates: conversationStates.deletedCount,
        conversationLinks: conversationLinks.deletedCount,
        checkIns: checkInsDeleted.deletedCount,
        sendLedgerEntries: sendLedgerEntries.deletedCount,
        eventInvitations: eventInvitations.modifiedCount,
      };
    },
  };
}

function toVisitFacts(doc: VisitDoc): VisitRetentionFacts {
  return {
    id: idString(doc._id),
    residentId: idString(doc.residentId),
    ambassadorId: idString(doc.ambassadorId),
    assignmentMonth: doc.assignmentMonth,
    status: doc.status,
    outcome: doc.outcome ?? null,
    folderLeft: doc.folderLeft ?? null,
    closingReason: doc.closingReason ?? null,
    closedAt: doc.closedAt ?? null,
    createdAt: doc.createdAt ?? null,
    updatedAt: doc.updatedAt ?? null,
    noteCount: noteCount(doc),
  };
}

function noteCount(doc: VisitDoc): number {
  const onAttempts = (doc.attempts ?? []).filter((attempt) => attempt.note).length;
  return onAttempts > 0 ? onAttempts : doc.note ? 1 : 0;
}

function firstOfMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The ObjectId fields of a schema, nested documents and arrays included, as dotted paths. */
export function objectIdPaths(schema: Schema, prefix = ''): string[] {
  const paths: string[] = [];
  schema.eachPath((path: string, type: SchemaType) => {
    if (path === '_id' || path.endsWith('._id')) return;
    const described = type as SchemaType & {
      schema?: Schema;
      caster?: { instance?: string };
      embeddedSchemaType?: { instance?: string };
    };
    if (described.instance === 'ObjectId') paths.push(`${prefix}${path}`);
    else if (described.schema) paths.push(...objectIdPaths(described.schema, `${prefix}${path}.`));
    else if (
      described.instance === 'Array' &&
      (described.embeddedSchemaType?.instance === 'ObjectId' ||
        described.caster?.instance === 'ObjectId')
    ) {
      paths.push(`${prefix}${path}`);
    }
  });
  return paths;
}

/** Lean document → JSON-able record (ObjectIds as hex, `_id` as `id`, no `__v`). */
export function toStoredRecord(doc: unknown): StoredRecord {
  const plain = toPlain(doc);
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain)
    ? (plain as StoredRecord)
    : { value: plain };
}

function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const tagged = value as { _bsontype?: string; toHexString?: () => string };
    if (tagged._bsontype === 'ObjectId' && typeof tagged.toHexString === 'function') {
      return tagged.toHexString();
    }
    if (tagged._bsontype !== undefined) return String(value);
    const record: StoredRecord = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '__v') continue;
      record[key === '_id' ? 'id' : key] = toPlain(inner);
    }
    return record;
  }
  return value;
}
