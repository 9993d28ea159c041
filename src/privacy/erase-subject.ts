import type { NaboDatabase } from '../../models/database.js';
import type { PersonTraceCounts } from '../../models/repositories/privacy.js';
import { isNaboError, UserError } from '../../kernel/errors.js';
import { auditChange } from './audit.js';
import type { Requester } from './subject-export.js';

/**
 * Erasure requests (GDPR art. 17). Both are safe to repeat: a second run finds nothing and says
 * so. Each request is written to the audit trail with counts and ids, never what was erased.
 *
 * Resident: the household's personal fields are blanked in place (the record stays, so the
 * reports' counts stay right), every note on its visits is deleted, open visits are closed as
 * "erased", and half-finished conversations that mention it are dropped.
 *
 * Person (ambassador, coordinator): the person record, platform identities, conversation links
 * and states, check-ins and send bookkeeping are deleted. Visits they made keep their outcome
 * and dates for the reports; their `ambassadorId` then points at no one. Notes they wrote are
 * about residents and follow the residents' deadlines.
 */

export interface ResidentErasure {
  subject: { type: 'resident'; id: string };
  /** False: nothing was left to erase. */
  erased: boolean;
  householdBlanked: boolean;
  notesDeleted: number;
  openVisitsClosed: number;
  conversationStatesDeleted: number;
  /** Ids whose queued jobs should go too: the household and its visits. */
  jobReferences: string[];
  /** Other collections still naming the household (features this command does not know). */
  otherReferences: Array<{ collection: string; count: number }>;
}

export interface PersonErasure {
  subject: { type: 'person'; id: string };
  erased: boolean;
  recordDeleted: boolean;
  traces: PersonTraceCounts;
  openVisitsClosed: number;
  jobReferences: string[];
  otherReferences: Array<{ collection: string; count: number }>;
}

const RESIDENT_ERASURE = 'resident.erasure_requested';
const PERSON_ERASURE = 'person.erasure_requested';
/** Audit actions of erasures: the daily job sweeps their ids out of Redis (jobs/retention). */
export const ERASURE_ACTIONS = [RESIDENT_ERASURE, PERSON_ERASURE] as const;

export async function eraseResident(
  db: NaboDatabase,
  residentId: string,
  requester: Requester,
  now: Date,
): Promise<ResidentErasure> {
  if (!(await db.residents.findById(residentId))) {
    throw new UserError('NOT_FOUND', `No resident with id ${residentId}`);
  }
  const visits = await db.privacy.visitFactsOfResident(residentId);
  let openVisitsClosed = 0;
  for (const visit of visits.filter((candidate) => candidate.status === 'open')) {
    if (await closeQuietly(db, visit.id, 'erased')) openVisitsClosed += 1;
  }
  const householdBlanked = await db.privacy.anonymiseResident(residentId, {
    at: now,
    erasure: true,
  });
  const visitIds = visits.map((visit) => visit.id);
  const notesDeleted = await db.privacy.deleteVisitNotes(visitIds);
  // A follow-up names the household's problem or wish; it goes with the household.
  const followUpsDeleted = await db.followUps.deleteForVisits(visitIds);
  const jobReferences = [residentId, ...visitIds];
  const conversationStatesDeleted =
    await db.privacy.deleteConversationStatesMentioning(jobReferences);
  const erased =
    householdBlanked ||
    notesDeleted > 0 ||
    openVisitsClosed > 0 ||
    conversationStatesDeleted > 0 ||
    followUpsDeleted > 0;

  await auditChange(db, {
    ...requester,
    action: RESIDENT_ERASURE,
    subjectType: 'resident',
    subjectId: residentId,
    details: {
      erased,
      householdBlanked,
      notesDeleted,
      openVisitsClosed,
      conversationStatesDeleted,
      followUpsDeleted,
      visitIds,
    },
  });
  return {
    subject: { type: 'resident', id: residentId },
    erased,
    householdBlanked,
    notesDeleted,
    openVisitsClosed,
    conversationStatesDeleted,
    jobReferences,
    otherReferences: await otherReferences(db, jobReferences, ['Resident', 'Visit', 'FollowUp']),
  };
}

export async function erasePerson(
  db: NaboDatabase,
  personId: string,
  requester: Requester,
  options: { closeOpenVisits?: boolean } = {},
): Promise<PersonErasure> {
  const person = await db.people.findById(personId);
  const earlier = await db.privacy.auditEventsAbout([personId]);
  if (!person && earlier.length === 0) {
    throw new UserError('NOT_FOUND', `No person with id ${personId}`);
  }
  const open = await db.privacy.openVisitIdsOfAmbassador(personId);
  if (open.length > 0 && !options.closeOpenVisits) {
    // Households must not silently lose their ambassador: the coordinator decides first.
    throw new UserError(
      'CONFLICT',
      `Person ${personId} still holds ${open.length} open ${open.length === 1 ? 'visit' : 'visits'}. ` +
        'Hand them to another ambassador first, or pass --close-open-visits to close them as not reached.',
    );
  }
  let openVisitsClosed = 0;
  for (const visitId of open) {
    if (await closeQuietly(db, visitId, 'not_reached')) openVisitsClosed += 1;
  }
  const recordDeleted = await db.privacy.deletePerson(personId);
  const traces = await db.privacy.deletePersonTraces(personId);
  const erased = recordDeleted || openVisitsClosed > 0 || Object.values(traces).some((n) => n > 0);

  await auditChange(db, {
    ...requester,
    action: PERSON_ERASURE,
    subjectType: 'person',
    subjectId: personId,
    details: { erased, recordDeleted, openVisitsClosed, ...traces },
  });
  return {
    subject: { type: 'person', id: personId },
    erased,
    recordDeleted,
    traces,
    openVisitsClosed,
    jobReferences: [personId],
    otherReferences: await otherReferences(db, [personId], ['Visit']),
  };
}

async function closeQuietly(
  db: NaboDatabase,
  visitId: string,
  reason: 'erased' | 'not_reached',
): Promise<boolean> {
  try {
    await db.visits.close(visitId, reason);
    return true;
  } catch (error) {
    // Closed meanwhile by its ambassador: the erasure goes on.
    if (isNaboError(error) && error.code === 'CONFLICT') return false;
    throw error;
  }
}

async function otherReferences(
  db: NaboDatabase,
  ids: readonly string[],
  known: readonly string[],
): Promise<Array<{ collection: string; count: number }>> {
  return (await db.privacy.referencing(ids))
    .filter((found) => !known.includes(found.collection))
    .map((found) => ({ collection: found.collection, count: found.documents.length }));
}
