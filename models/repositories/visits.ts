import mongoose, { type Model, type Types, type UpdateQuery } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { logger } from '../../kernel/logger.js';
import { isCalendarDate } from '../calendar-date.js';
import { duplicateKeyWriteErrorCount, translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { ResidentDoc } from '../schemas/resident.js';
import {
  ATTEMPT_OUTCOMES,
  CLOSING_REASONS,
  type AttemptDoc,
  type VisitDoc,
} from '../schemas/visit.js';
import { summariseAttempts } from '../visit-summary.js';
import type {
  AttemptOutcome,
  ClosingReason,
  Visit,
  VisitStatus,
  VisitWithResident,
} from '../types.js';
import type { Clock } from '../../kernel/clock.js';
import { toResidentSummary } from './residents.js';

export interface NewVisitAttempt {
  /** Defaults to now. */
  at?: Date;
  outcome: AttemptOutcome;
  folderLeft?: boolean | null;
  note?: string;
  noteBy?: string;
  /** 'YYYY-MM-DD' */
  revisitDate?: string;
  /**
   * The inbound event that reported it (`<platform>:<event id>`). Recording the same event's
   * attempt again (a turn resumed after a crash) changes nothing and returns the visit.
   */
  sourceEvent?: string;
  /** The conversation it was reported in and the report's key (see VisitAttempt). */
  conversationTag?: string;
  reportKey?: string;
}

export interface VisitRepository {
  /**
   * Hands a household to an ambassador for the month ('YYYY-MM'). CONFLICT when the household
   * already has an open visit, NOT_FOUND for an unknown household, FORBIDDEN for one marked
   * "do not visit".
   */
  open(residentId: string, ambassadorId: string, assignmentMonth: string): Promise<Visit>;
  /**
   * The monthly hand-out's save: opens a visit for each planned household of one area in one
   * unordered bulk insert. The caller vouches for the households (read from this area, not marked
   * "do not visit", in the same run). A household that already has an open visit (a re-run, a
   * concurrent run) is counted as already done, not an error.
   */
  openMany(
    areaId: string,
    assignmentMonth: string,
    planned: ReadonlyArray<{ residentId: string; ambassadorId: string }>,
  ): Promise<{ opened: Visit[]; alreadyOpen: number }>;
  /** Visits opened in the area for the month ('YYYY-MM'), counted per ambassador id. */
  countOpenedInMonth(areaId: string, assignmentMonth: string): Promise<Map<string, number>>;
  /** One visit with its household, or null. */
  findById(visitId: string): Promise<VisitWithResident | null>;
  /** The ambassador's open visits with what is needed to find the door, oldest month first. */
  listOpenForAmbassador(personId: string): Promise<VisitWithResident[]>;
  /**
   * Both of the above in one round trip: what a report in the ambassador's own words is read
   * against (the open households, and the recently closed ones a name may point to).
   */
  listOpenAndRecentlyClosedForAmbassador(
    personId: string,
    closedLimit: number,
  ): Promise<{ open: VisitWithResident[]; closed: VisitWithResident[] }>;
  /** The ambassador's most recently closed visits (newest first, at most `limit`). */
  listRecentlyClosedForAmbassador(personId: string, limit: number): Promise<VisitWithResident[]>;
  listByArea(areaId: string, filter?: { status?: VisitStatus }): Promise<VisitWithResident[]>;
  /**
   * Adds a try at the door to an open visit and updates the summary. CONFLICT when closed, or
   * when `afterAttempts` is given and the visit no longer has exactly that many attempts (the
   * answer came from a button that is out of date: already answered). `held` is the visit as the
   * caller read it this turn: the write is tried against it straight away, and the visit is read
   * again only when it changed meanwhile.
   */
  recordAttempt(
    visitId: string,
    attempt: NewVisitAttempt,
    options?: { afterAttempts?: number; held?: Visit },
  ): Promise<Visit>;
  /**
   * Takes back the latest attempt (a report sent by mistake). A visit that was closed is opened
   * again, since its closing rested on that report; CONFLICT when there is nothing to undo, the
   * visit was erased, or another visit of the household has been opened meanwhile.
   */
  undoLastAttempt(visitId: string, sourceEvent?: string): Promise<Visit>;
  /** CONFLICT when already closed. */
  close(visitId: string, reason: ClosingReason): Promise<Visit>;
  /**
   * Gives an open visit nobody has tried yet back to the pool (its ambassador left): the visit is
   * removed, so the household is unassigned again and the next hand-out can give it to someone
   * else. Nothing is lost, since nothing was recorded. False when the visit is closed, has a try,
   * or is gone.
   */
  returnToPool(visitId: string): Promise<boolean>;
  /**
   * Moves the next try of an open visit to another day ('YYYY-MM-DD') without recording an
   * attempt ("remind me in two days"). CONFLICT when closed; the next report sets its own date.
   */
  setRevisitDate(visitId: string, revisitDate: string): Promise<Visit>;
  /**
   * Notes that Nabo just asked the ambassador about this household alone (a reminder), so a bare
   * reply can be read as being about it. A closed or unknown visit is left alone.
   */
  markPrompted(visitId: string, at?: Date): Promise<void>;
}

/** Optimistic rewrites of the attempt list retry this often when reports race. */
const MAX_REWRITE_TRIES = 3;

/** How many "fortryd" events a visit remembers (a turn is resumed within minutes). */
const UNDONE_BY_KEPT = 10;

/** A visit as an aggregate returns it, joined with its household (`householdLookup`). */
export type JoinedVisitDoc = VisitDoc & { joinedResident: ResidentDoc[] };

/** Joins each visit with its household, by the household's `_id`. */
function householdLookup(residentsCollection: string) {
  return {
    $lookup: {
      from: residentsCollection,
      localField: 'residentId',
      foreignField: '_id',
      as: 'joinedResident',
    },
  };
}

/** Open visits in the order an ambassador sees them, each with its household. */
function openOrderAndHousehold(residentsCollection: string) {
  return [
    { $sort: { assignmentMonth: 1 as const, createdAt: 1 as const, _id: 1 as const } },
    householdLookup(residentsCollection),
  ];
}

/** Of an ambassador's visits, the open ones in the order they see them, each with its household. */
export function openVisitsWithHouseholds(residentsCollection: string) {
  return [{ $match: { isOpen: true } }, ...openOrderAndHousehold(residentsCollection)];
}

/** Of an ambassador's visits, the `limit` (1–100) most recently closed, each with its household. */
export function recentlyClosedWithHouseholds(residentsCollection: string, limit: number) {
  return [
    { $match: { isOpen: false } },
    { $sort: { closedAt: -1 as const, _id: -1 as const } },
    { $limit: Math.max(1, Math.min(limit, 100)) },
    householdLookup(residentsCollection),
  ];
}

export function joinedVisits(docs: readonly JoinedVisitDoc[]): VisitWithResident[] {
  return docs.flatMap(({ joinedResident, ...doc }) => {
    const [resident] = joinedResident;
    if (!resident) {
      // Households are never deleted (erasure blanks them in place): this is a data fault.
      logger().warn({ visitId: idString(doc._id) }, 'visit without its resident, left out');
      return [];
    }
    return [{ ...toVisit(doc), resident: toResidentSummary(resident) }];
  });
}

export function createVisitRepository(
  model: Model<VisitDoc>,
  residentModel: Model<ResidentDoc>,
  clock: Clock,
): VisitRepository {
  async function findExisting(visitId: string): Promise<VisitDoc> {
    const _id = parseObjectId(visitId);
    const doc = _id ? await model.findById(_id).lean<VisitDoc>() : null;
    if (!doc) throw new NaboError('NOT_FOUND', `No visit with id ${visitId}`);
    return doc;
  }

  /**
   * Read, change the attempt list, write back only if nobody changed it in between (same number
   * of attempts, same open state). The summary is recomputed from the new list every time.
   */
  async function rewriteAttempts(
    visitId: string,
    /** Undefined: nothing to change, the visit is returned as it is. */
    change: (
      doc: VisitDoc,
    ) => { attempts: AttemptDoc[]; extra?: UpdateQuery<VisitDoc> } | undefined,
    held?: VisitDoc,
  ): Promise<Visit> {
    for (let attempt = 1; attempt <= MAX_REWRITE_TRIES; attempt += 1) {
      // The caller's copy is the first guess; the guarded write below refuses it if stale.
      const current = attempt === 1 && held ? held : await findExisting(visitId);
      const changed = change(current);
      if (!changed) return toVisit(current);
      const { attempts, extra } = changed;
      const updated = await translateWriteErrors(
        () =>
          model
            .findOneAndUpdate(
              {
                _id: current._id,
                isOpen: current.isOpen,
                attempts: { $size: current.attempts.length },
              },
              {
                ...extra,
                $set: { ...extra?.$set, attempts, ...summariseAttempts(attempts) },
              },
              { returnDocument: 'after', runValidators: true },
            )
            .lean<VisitDoc>(),
        {
          code: 'CONFLICT',
          message: `Another visit is already open for the household of visit ${visitId}`,
        },
      );
      if (updated) return toVisit(updated);
    }
    throw new NaboError('CONFLICT', `Visit ${visitId} changed while it was being updated`);
  }

  async function withResidents(docs: VisitDoc[]): Promise<VisitWithResident[]> {
    if (docs.length === 0) return [];
    const residents = await residentModel
      .find({ _id: { $in: docs.map((doc) => doc.residentId) } })
      .lean<ResidentDoc[]>();
    const byId = new Map(residents.map((resident) => [idString(resident._id), resident]));
    const joined: VisitWithResident[] = [];
    for (const doc of docs) {
      const resident = byId.get(idString(doc.residentId));
      if (!resident) {
        // Households are never deleted (erasure blanks them in place): this is a data fault.
        logger().warn({ visitId: idString(doc._id) }, 'visit without its resident, left out');
        continue;
      }
      joined.push({ ...toVisit(doc), resident: toResidentSummary(resident) });
    }
    return joined;
  }

  const residents = residentModel.collection.collectionName;

  return {
    async open(residentId, ambassadorId, assignmentMonth) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(assignmentMonth)) {
        throw new NaboError(
          'INVALID_INPUT',
          `Assignment month must be YYYY-MM: '${assignmentMonth}'`,
        );
      }
      const ambassadorObjectId = requireObjectId(ambassadorId, 'Ambassador id');
      const residentObjectId = parseObjectId(residentId);
      const resident = residentObjectId
        ? await residentModel.findById(residentObjectId).lean<ResidentDoc>()
        : null;
      if (!resident) throw new NaboError('NOT_FOUND', `No resident with id ${residentId}`);
      if (resident.doNotVisit) {
        throw new NaboError('FORBIDDEN', `Resident ${residentId} is marked "do not visit"`);
      }
      const created = await translateWriteErrors(
        () =>
          model.create({
            areaId: resident.areaId,
            residentId: resident._id,
            ambassadorId: ambassadorObjectId,
            assignmentMonth,
            status: 'open',
            isOpen: true,
          }),
        { code: 'CONFLICT', message: `Resident ${residentId} already has an open visit` },
      );
      return toVisit(created.toObject<VisitDoc>());
    },

    async openMany(areaId, assignmentMonth, planned) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(assignmentMonth)) {
        throw new NaboError(
          'INVALID_INPUT',
          `Assignment month must be YYYY-MM: '${assignmentMonth}'`,
        );
      }
      if (planned.length === 0) return { opened: [], alreadyOpen: 0 };
      const areaObjectId = requireObjectId(areaId, 'Area id');
      const at = clock.now();
      // Complete documents as the schema would make them (defaults, timestamps), written by the
      // driver directly: at 10,000 households mongoose's hydration and validation cost more
      // than the insert itself, and every field here is checked above or built from ids.
      const docs: VisitDoc[] = planned.map((entry) => ({
        _id: new mongoose.Types.ObjectId(),
        areaId: areaObjectId,
        residentId: requireObjectId(entry.residentId, 'Resident id'),
        ambassadorId: requireObjectId(entry.ambassadorId, 'Ambassador id'),
        assignmentMonth,
        status: 'open',
        isOpen: true,
        attempts: [],
        outcome: null,
        folderLeft: null,
        note: null,
        noteBy: null,
        revisitDate: null,
        createdAt: at,
        updatedAt: at,
      }));
      let refused = new Set<number>();
      try {
        // Unordered: a household opened meanwhile does not stop the rest of the hand-out.
        await model.collection.insertMany(
          docs.map((doc) => ({ ...doc, __v: 0 })),
          { ordered: false },
        );
      } catch (error) {
        // The unique open-visit index turned these away: already handed out, so already done.
        if (duplicateKeyWriteErrorCount(normalisedWriteErrors(error)) === undefined) throw error;
        refused = new Set(writeErrorIndexes(error));
      }
      return {
        opened: docs.filter((_, index) => !refused.has(index)).map(toVisit),
        alreadyOpen: refused.size,
      };
    },

    async countOpenedInMonth(areaId, assignmentMonth) {
      const counts = new Map<string, number>();
      const areaObjectId = parseObjectId(areaId);
      if (!areaObjectId) return counts;
      const groups = await model.aggregate<{ _id: Types.ObjectId; count: number }>([
        { $match: { areaId: areaObjectId, assignmentMonth } },
        { $group: { _id: '$ambassadorId', count: { $sum: 1 } } },
      ]);
      for (const group of groups) counts.set(idString(group._id), group.count);
      return counts;
    },

    async findById(visitId) {
      const _id = parseObjectId(visitId);
      const doc = _id ? await model.findById(_id).lean<VisitDoc>() : null;
      if (!doc) return null;
      const [joined] = await withResidents([doc]);
      return joined ?? null;
    },

    async listOpenForAmbassador(personId) {
      const ambassadorId = parseObjectId(personId);
      if (!ambassadorId) return [];
      // One round trip: the households joined by _id (at most a few dozen open visits). This
      // list is read on nearly every turn of an ambassador.
      const docs = await model.aggregate<JoinedVisitDoc>([
        { $match: { ambassadorId, isOpen: true } },
        ...openOrderAndHousehold(residents),
      ]);
      return joinedVisits(docs);
    },

    async listOpenAndRecentlyClosedForAmbassador(personId, closedLimit) {
      const ambassadorId = parseObjectId(personId);
      if (!ambassadorId) return { open: [], closed: [] };
      const [facets] = await model.aggregate<{ open: JoinedVisitDoc[]; closed: JoinedVisitDoc[] }>([
        { $match: { ambassadorId } },
        {
          $facet: {
            open: openVisitsWithHouseholds(residents),
            closed: recentlyClosedWithHouseholds(residents, closedLimit),
          },
        },
      ]);
      return {
        open: joinedVisits(facets?.open ?? []),
        closed: closedLimit > 0 ? joinedVisits(facets?.closed ?? []) : [],
      };
    },

    async listRecentlyClosedForAmbassador(personId, limit) {
      const ambassadorId = parseObjectId(personId);
      if (!ambassadorId || limit <= 0) return [];
      const docs = await model
        .find({ ambassadorId, isOpen: false })
        .sort({ closedAt: -1, _id: -1 })
        .limit(Math.min(limit, 100))
        .lean<VisitDoc[]>();
      return withResidents(docs);
    },

    async listByArea(areaId, filter = {}) {
      const areaObjectId = parseObjectId(areaId);
      if (!areaObjectId) return [];
      const query: { areaId: Types.ObjectId; status?: VisitStatus } = { areaId: areaObjectId };
      if (filter.status !== undefined) query.status = filter.status;
      const docs = await model
        .find(query)
        .sort({ assignmentMonth: 1, createdAt: 1, _id: 1 })
        .lean<VisitDoc[]>();
      return withResidents(docs);
    },

    async recordAttempt(visitId, attempt, options = {}) {
      const { held } = options;
      const attemptDoc = toAttemptDoc(attempt, clock);
      const change = (current: VisitDoc) => {
        // The same event again (a resumed or retried turn): what it recorded stands as it is.
        const source = attemptDoc.sourceEvent;
        if (source && current.attempts.some((stored) => stored.sourceEvent === source)) {
          return undefined;
        }
        if (!current.isOpen) {
          throw new NaboError('CONFLICT', `Visit ${visitId} is closed: no more attempts`);
        }
        const { afterAttempts } = options;
        if (afterAttempts !== undefined && current.attempts.length !== afterAttempts) {
          throw new NaboError('CONFLICT', `Visit ${visitId} was already answered`);
        }
        return { attempts: [...current.attempts, attemptDoc] };
      };
      // A button's answer checks its count against the stored visit, never against a copy.
      const heldDoc =
        held?.id === visitId && held.status === 'open' && options.afterAttempts === undefined
          ? fromVisit(held)
          : undefined;
      try {
        return await rewriteAttempts(visitId, change, heldDoc);
      } catch (error) {
        // A stale copy may make all tries fail only when reports really race: read afresh once.
        if (heldDoc && isConflictOfRace(error)) return rewriteAttempts(visitId, change);
        throw error;
      }
    },

    async undoLastAttempt(visitId, sourceEvent) {
      return rewriteAttempts(visitId, (current) => {
        // The same "fortryd" again (a resumed turn): it took its attempt back already.
        if (sourceEvent && current.undoneBy?.includes(sourceEvent)) return undefined;
        if (current.attempts.length === 0) {
          throw new NaboError('CONFLICT', `Visit ${visitId} has no attempt to undo`);
        }
        if (current.closingReason === 'erased') {
          throw new NaboError('CONFLICT', `Visit ${visitId} was erased`);
        }
        const attempts = current.attempts.slice(0, -1);
        const undone = sourceEvent
          ? { $push: { undoneBy: { $each: [sourceEvent], $slice: -UNDONE_BY_KEPT } } }
          : {};
        if (current.isOpen) return { attempts, extra: undone };
        return {
          attempts,
          extra: {
            ...undone,
            $set: { status: 'open', isOpen: true },
            $unset: { closingReason: 1, closedAt: 1 },
          },
        };
      });
    },

    async returnToPool(visitId) {
      const _id = parseObjectId(visitId);
      if (!_id) return false;
      const removed = await model.deleteOne({
        _id,
        status: 'open',
        'attempts.0': { $exists: false },
      });
      return removed.deletedCount === 1;
    },

    async close(visitId, reason) {
      if (!CLOSING_REASONS.includes(reason)) {
        throw new NaboError('INVALID_INPUT', `Unknown closing reason '${String(reason)}'`);
      }
      const _id = parseObjectId(visitId);
      const closed = _id
        ? await model
            .findOneAndUpdate(
              { _id, isOpen: true },
              {
                $set: {
                  status: 'closed',
                  isOpen: false,
                  closingReason: reason,
                  closedAt: clock.now(),
                },
              },
              { returnDocument: 'after' },
            )
            .lean<VisitDoc>()
        : null;
      if (closed) return toVisit(closed);
      await findExisting(visitId);
      throw new NaboError('CONFLICT', `Visit ${visitId} is already closed`);
    },

    async setRevisitDate(visitId, revisitDate) {
      if (!isCalendarDate(revisitDate)) {
        throw new NaboError('INVALID_INPUT', `Revisit date must be YYYY-MM-DD: '${revisitDate}'`);
      }
      const _id = parseObjectId(visitId);
      const updated = _id
        ? await model
            .findOneAndUpdate(
              { _id, isOpen: true },
              { $set: { revisitDate } },
              { returnDocument: 'after' },
            )
            .lean<VisitDoc>()
        : null;
      if (updated) return toVisit(updated);
      await findExisting(visitId);
      throw new NaboError('CONFLICT', `Visit ${visitId} is closed: no next try to move`);
    },

    async markPrompted(visitId, at) {
      const _id = parseObjectId(visitId);
      if (!_id) return;
      await model.updateOne({ _id, isOpen: true }, { $set: { promptedAt: at ?? clock.now() } });
    },
  };
}

/** The driver reports one write error as an object and several as an array. */
function writeErrorList(error: unknown): Array<{ index?: unknown; code?: unknown }> {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (Array.isArray(writeErrors)) return writeErrors as Array<{ index?: unknown }>;
  return writeErrors && typeof writeErrors === 'object' ? [writeErrors] : [];
}

function normalisedWriteErrors(error: unknown): { writeErrors: unknown[] } {
  return { writeErrors: writeErrorList(error) };
}

function writeErrorIndexes(error: unknown): number[] {
  return writeErrorList(error).flatMap((writeError) =>
    typeof writeError.index === 'number' ? [writeError.index] : [],
  );
}

function isConflictOfRace(error: unknown): boolean {
  return error instanceof NaboError && /changed while it was being updated/.test(error.message);
}

/** The stored shape of a visit the caller holds, as far as the guarded rewrite needs it. */
function fromVisit(visit: Visit): VisitDoc {
  const _id = requireObjectId(visit.id, 'Visit id');
  return {
    _id,
    areaId: requireObjectId(visit.areaId, 'Area id'),
    residentId: requireObjectId(visit.residentId, 'Resident id'),
    ambassadorId: requireObjectId(visit.ambassadorId, 'Ambassador id'),
    assignmentMonth: visit.assignmentMonth,
    status: visit.status,
    isOpen: visit.status === 'open',
    attempts: visit.attempts.map((attempt) => ({
      at: attempt.at,
      outcome: attempt.outcome,
      folderLeft: attempt.folderLeft,
      ...(attempt.note !== undefined ? { note: attempt.note } : {}),
      ...(attempt.noteBy !== undefined
        ? { noteBy: requireObjectId(attempt.noteBy, 'Note author id') }
        : {}),
      ...(attempt.revisitDate !== undefined ? { revisitDate: attempt.revisitDate } : {}),
      ...(attempt.sourceEvent !== undefined ? { sourceEvent: attempt.sourceEvent } : {}),
      ...(attempt.conversationTag !== undefined
        ? { conversationTag: attempt.conversationTag }
        : {}),
      ...(attempt.reportKey !== undefined ? { reportKey: attempt.reportKey } : {}),
    })),
    outcome: visit.outcome,
    folderLeft: visit.folderLeft,
    note: visit.note,
    noteBy: visit.noteBy ? requireObjectId(visit.noteBy, 'Note author id') : null,
    revisitDate: visit.revisitDate,
    createdAt: visit.createdAt,
    updatedAt: visit.updatedAt,
  };
}

function toAttemptDoc(attempt: NewVisitAttempt, clock: Clock): AttemptDoc {
  if (!ATTEMPT_OUTCOMES.includes(attempt.outcome)) {
    throw new NaboError('INVALID_INPUT', `Unknown attempt outcome '${String(attempt.outcome)}'`);
  }
  if (attempt.revisitDate !== undefined && !isCalendarDate(attempt.revisitDate)) {
    throw new NaboError(
      'INVALID_INPUT',
      `Revisit date must be YYYY-MM-DD: '${attempt.revisitDate}'`,
    );
  }
  const note = attempt.note?.trim();
  return {
    at: attempt.at ?? clock.now(),
    outcome: attempt.outcome,
    folderLeft: attempt.folderLeft ?? null,
    ...(note ? { note } : {}),
    ...(attempt.noteBy !== undefined
      ? { noteBy: requireObjectId(attempt.noteBy, 'Note author id') }
      : {}),
    ...(attempt.revisitDate !== undefined ? { revisitDate: attempt.revisitDate } : {}),
    ...(attempt.sourceEvent !== undefined ? { sourceEvent: attempt.sourceEvent } : {}),
    ...(attempt.conversationTag !== undefined ? { conversationTag: attempt.conversationTag } : {}),
    ...(attempt.reportKey !== undefined ? { reportKey: attempt.reportKey } : {}),
  };
}

function toVisit(doc: VisitDoc): Visit {
  return {
    id: idString(doc._id),
    areaId: idString(doc.areaId),
    residentId: idString(doc.residentId),
    ambassadorId: idString(doc.ambassadorId),
    assignmentMonth: doc.assignmentMonth,
    status: doc.status,
    attempts: doc.attempts.map((attempt) => ({
      at: attempt.at,
      outcome: attempt.outcome,
      folderLeft: attempt.folderLeft ?? null,
      ...(attempt.note ? { note: attempt.note } : {}),
      ...(attempt.noteBy ? { noteBy: idString(attempt.noteBy) } : {}),
      ...(attempt.revisitDate ? { revisitDate: attempt.revisitDate } : {}),
      ...(attempt.sourceEvent ? { sourceEvent: attempt.sourceEvent } : {}),
      ...(attempt.conversationTag ? { conversationTag: attempt.conversationTag } : {}),
      ...(attempt.reportKey ? { reportKey: attempt.reportKey } : {}),
    })),
    ...(doc.undoneBy?.length ? { undoneBy: doc.undoneBy } : {}),
    outcome: doc.outcome ?? null,
    folderLeft: doc.folderLeft ?? null,
    note: doc.note ?? null,
    noteBy: doc.noteBy ? idString(doc.noteBy) : null,
    revisitDate: doc.revisitDate ?? null,
    ...(doc.closingReason ? { closingReason: doc.closingReason } : {}),
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
    ...(doc.promptedAt ? { promptedAt: doc.promptedAt } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
