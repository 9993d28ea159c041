import type { Model } from 'mongoose';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { CheckInDoc } from '../schemas/check-in.js';
import type {
  CheckIn,
  CheckInAnswerInput,
  CheckInChanges,
  CheckInStatus,
  NewCheckIn,
} from '../types.js';

/** Check-ins (individuelle samtaler): plan one, take its answers, and look them up. */
export interface CheckInRepository {
  create(input: NewCheckIn): Promise<CheckIn>;
  findById(id: string): Promise<CheckIn | null>;
  /** By due date, earliest first. */
  listByArea(areaId: string): Promise<CheckIn[]>;
  /** The person's check-ins, latest due first. */
  listForPerson(personId: string): Promise<CheckIn[]>;
  /** The person's pending check-in (the latest, should there be more than one), or null. */
  findPendingForPerson(personId: string): Promise<CheckIn | null>;
  /** Every check-in in that state (the worker's start-up reconcile). */
  listByStatus(status: CheckInStatus): Promise<CheckIn[]>;
  /** Check-ins with a flag for the coordinator, answered since then (the reconcile's alerts). */
  listFlaggedSince(since: Date): Promise<CheckIn[]>;
  /** Applies the changes while the check-in is still pending; null otherwise. */
  update(
    id: string,
    changes: CheckInChanges,
    expected?: { status?: CheckInStatus },
  ): Promise<CheckIn | null>;
  /**
   * Stores an answer only while the check-in is pending and waits for exactly that question, so
   * a button pressed twice counts once; null when it no longer waits for it.
   */
  answer(id: string, input: CheckInAnswerInput): Promise<CheckIn | null>;
}

export function createCheckInRepository(model: Model<CheckInDoc>): CheckInRepository {
  return {
    async create(input) {
      const created = await translateWriteErrors(() =>
        model.create({
          personId: requireObjectId(input.personId, 'Person id'),
          areaId: requireObjectId(input.areaId, 'Area id'),
          due: input.due,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.requestedBy
            ? { requestedBy: requireObjectId(input.requestedBy, 'Coordinator id') }
            : {}),
          ...(input.sourceEvent ? { sourceEvent: input.sourceEvent } : {}),
        }),
      );
      return toCheckIn(created.toObject<CheckInDoc>());
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<CheckInDoc>();
      return doc ? toCheckIn(doc) : null;
    },

    async listByArea(areaId) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      const docs = await model.find({ areaId: _id }).sort({ due: 1, _id: 1 }).lean<CheckInDoc[]>();
      return docs.map(toCheckIn);
    },

    async listForPerson(personId) {
      const _id = parseObjectId(personId);
      if (!_id) return [];
      const docs = await model
        .find({ personId: _id })
        .sort({ due: -1, _id: -1 })
        .lean<CheckInDoc[]>();
      return docs.map(toCheckIn);
    },

    async findPendingForPerson(personId) {
      const _id = parseObjectId(personId);
      if (!_id) return null;
      const doc = await model
        .findOne({ personId: _id, status: 'pending' })
        .sort({ createdAt: -1, _id: -1 })
        .lean<CheckInDoc>();
      return doc ? toCheckIn(doc) : null;
    },

    async listFlaggedSince(since) {
      const docs = await model
        .find({ 'flags.0': { $exists: true }, lastActivityAt: { $gte: since } })
        .sort({ lastActivityAt: 1, _id: 1 })
        .lean<CheckInDoc[]>();
      return docs.map(toCheckIn);
    },

    async listByStatus(status) {
      const docs = await model.find({ status }).sort({ due: 1, _id: 1 }).lean<CheckInDoc[]>();
      return docs.map(toCheckIn);
    },

    async update(id, changes, expected = { status: 'pending' }) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const set: Record<string, unknown> = {};
      const unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null) unset[key] = 1;
        else set[key] = value;
      }
      const doc = await model
        .findOneAndUpdate(
          { _id, ...(expected.status ? { status: expected.status } : {}) },
          { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<CheckInDoc>();
      return doc ? toCheckIn(doc) : null;
    },

    async answer(id, input) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const finished = input.nextStep === null;
      const set: Record<string, unknown> = { lastActivityAt: input.at };
      if (input.score !== undefined) set.score = input.score;
      if (input.flag !== undefined) set.followUp = true;
      if (finished) {
        set.status = 'answered';
        set.answeredAt = input.at;
      } else set.step = input.nextStep;
      const doc = await model
        .findOneAndUpdate(
          {
            _id,
            status: 'pending',
            step: input.key,
            ...(input.sourceEvent ? { 'answers.sourceEvent': { $ne: input.sourceEvent } } : {}),
          },
          {
            $set: set,
            $push: {
              answers: {
                key: input.key,
                answer: input.answer,
                ...(input.sourceEvent ? { sourceEvent: input.sourceEvent } : {}),
              },
            },
            ...(input.flag !== undefined ? { $addToSet: { flags: input.flag } } : {}),
            ...(finished ? { $unset: { step: 1 } } : {}),
          },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<CheckInDoc>();
      return doc ? toCheckIn(doc) : null;
    },
  };
}

export function toCheckIn(doc: CheckInDoc): CheckIn {
  return {
    id: idString(doc._id),
    personId: idString(doc.personId),
    areaId: idString(doc.areaId),
    due: doc.due,
    status: doc.status,
    answers: doc.answers.map((answer) => ({
      key: answer.key,
      answer: answer.answer,
      ...(answer.sourceEvent ? { sourceEvent: answer.sourceEvent } : {}),
    })),
    ...(doc.score !== undefined && doc.score !== null ? { score: doc.score } : {}),
    followUp: doc.followUp,
    flags: [...(doc.flags ?? [])],
    ...(doc.reason ? { reason: doc.reason } : {}),
    ...(doc.requestedBy ? { requestedBy: idString(doc.requestedBy) } : {}),
    ...(doc.sourceEvent ? { sourceEvent: doc.sourceEvent } : {}),
    ...(doc.step ? { step: doc.step } : {}),
    ...(doc.askedAt ? { askedAt: doc.askedAt } : {}),
    ...(doc.remindedAt ? { remindedAt: doc.remindedAt } : {}),
    ...(doc.lastActivityAt ? { lastActivityAt: doc.lastActivityAt } : {}),
    ...(doc.answeredAt ? { answeredAt: doc.answeredAt } : {}),
    ...(doc.capacityDecision ? { capacityDecision: doc.capacityDecision } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
