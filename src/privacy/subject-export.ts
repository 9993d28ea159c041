import type { NaboDatabase } from '../../models/database.js';
import type { StoredCollection, StoredRecord } from '../../models/repositories/privacy.js';
import type { AuditPlatform } from '../../models/types.js';
import { UserError } from '../../kernel/errors.js';
import { auditChange } from './audit.js';

/**
 * Access requests (GDPR art. 15): everything Nabo stores about one household or one person, as
 * JSON the data controller can hand over. Stored documents are exported as stored, so fields
 * added later are included without changing this file.
 */

export type SubjectType = 'resident' | 'person';

export interface Requester {
  /** The coordinator who asked in chat; absent for the operator's CLI. */
  actorId?: string;
  platform: AuditPlatform;
}

/** A document that mentions the person without being about them (a visit they made). */
export interface Reference {
  collection: string;
  id: string;
  /** Where the id appears, e.g. ["ambassadorId"], ["items.1.owner"]. */
  fields: string[];
}

export interface SubjectExport {
  subject: { type: SubjectType; id: string };
  exportedAt: Date;
  /** The household's or person's own record; null once erased. */
  record: StoredRecord | null;
  /** Documents about the subject in other collections (visits, check-ins, follow-ups …). */
  related: StoredCollection[];
  /** Documents about someone else that only name the subject (person exports). */
  references: Reference[];
  /** Who looked the subject up or changed it, and when (ids, never content). */
  auditTrail: StoredRecord[];
  /** What the person did in Nabo (person exports): actions, subjects, platforms. */
  actionsByThem: StoredRecord[];
}

/** Collections whose documents belong to the person they name by `personId`. */
const PERSON_OWNED = new Set(['ConversationState', 'ConversationLink', 'CheckIn']);

export async function exportResident(
  db: NaboDatabase,
  residentId: string,
  requester: Requester,
  now: Date,
): Promise<SubjectExport> {
  const record = await db.privacy.storedResident(residentId);
  if (!record) throw unknownSubject('resident', residentId);
  // Recorded first, so the export itself shows that it was made.
  await auditChange(db, {
    ...requester,
    action: 'resident.exported',
    subjectType: 'resident',
    subjectId: residentId,
  });
  const visitIds = (await db.privacy.visitFactsOfResident(residentId)).map((visit) => visit.id);
  const ids = [residentId, ...visitIds];
  const related = await db.privacy.referencing(ids);
  const states = await db.privacy.conversationStatesMentioning(ids);
  if (states.length > 0) related.push({ collection: 'ConversationState', documents: states });
  return {
    subject: { type: 'resident', id: residentId },
    exportedAt: now,
    record,
    related,
    references: [],
    auditTrail: await db.privacy.auditEventsAbout(ids),
    actionsByThem: [],
  };
}

export async function exportPerson(
  db: NaboDatabase,
  personId: string,
  requester: Requester,
  now: Date,
): Promise<SubjectExport> {
  const record = await db.privacy.storedPerson(personId);
  const auditTrailBefore = await db.privacy.auditEventsAbout([personId]);
  // An erased person has no record but may still have an audit trail; an unknown id has neither.
  if (!record && auditTrailBefore.length === 0) throw unknownSubject('person', personId);
  await auditChange(db, {
    ...requester,
    action: 'person.exported',
    subjectType: 'person',
    subjectId: personId,
  });
  const related: StoredCollection[] = [];
  const references: Reference[] = [];
  for (const found of await db.privacy.referencing([personId])) {
    if (PERSON_OWNED.has(found.collection)) {
      related.push(found);
      continue;
    }
    // Visits, meetings and the like are about residents and the programme: the person gets
    // where they appear, not other people's data.
    for (const document of found.documents) {
      references.push({
        collection: found.collection,
        id: String(document.id),
        fields: fieldsHolding(document, personId),
      });
    }
  }
  const ledger = await db.privacy.sendLedgerEntriesMentioning(personId);
  if (ledger.length > 0) related.push({ collection: 'SendLedgerEntry', documents: ledger });
  return {
    subject: { type: 'person', id: personId },
    exportedAt: now,
    record,
    related,
    references,
    auditTrail: await db.privacy.auditEventsAbout([personId]),
    actionsByThem: await db.privacy.auditEventsBy(personId),
  };
}

function unknownSubject(type: SubjectType, id: string): UserError {
  return new UserError('NOT_FOUND', `No ${type} with id ${id}`);
}

/** Dotted paths in a record whose value is the id. */
export function fieldsHolding(value: unknown, id: string, prefix = ''): string[] {
  if (value === id) return [prefix];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => fieldsHolding(item, id, `${prefix}${index}.`)).map(trim);
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value)
      .filter(([key]) => key !== 'id' || prefix !== '')
      .flatMap(([key, inner]) => fieldsHolding(inner, id, `${prefix}${key}.`))
      .map(trim);
  }
  return [];
}

function trim(path: string): string {
  return path.endsWith('.') ? path.slice(0, -1) : path;
}
