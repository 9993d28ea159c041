import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { isDuplicateKeyError } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { AccompanimentDoc } from '../schemas/accompaniment.js';
import type { Accompaniment, AccompanimentOutcome } from '../types.js';

/** Offers to go along with a new resident the first time (følgeskab), and how it went. */
export interface AccompanimentRepository {
  /** The offer for this visit and activity; an existing one comes back with `created: false`. */
  offer(input: {
    areaId: string;
    visitId: string;
    topic: string;
    offeredTo: string;
  }): Promise<{ accompaniment: Accompaniment; created: boolean }>;
  findById(id: string): Promise<Accompaniment | null>;
  /**
   * The person asked answers; CONFLICT when the offer is no longer hers to answer (answered
   * already, or passed on to someone else), so a stale button changes nothing.
   */
  answer(id: string, personId: string, accepted: boolean): Promise<Accompaniment>;
  /** Passes a declined offer to another ambassador; CONFLICT unless it was declined. */
  passOn(id: string, personId: string): Promise<Accompaniment>;
  /** How it went, by the one who accepted; CONFLICT when she did not accept it. */
  recordOutcome(
    id: string,
    personId: string,
    outcome: AccompanimentOutcome,
  ): Promise<Accompaniment>;
  /** Offers of these areas made in [from, to), for the programme report. */
  listCreatedBetween(areaIds: readonly string[], from: Date, to: Date): Promise<Accompaniment[]>;
}

export function createAccompanimentRepository(
  model: Model<AccompanimentDoc>,
): AccompanimentRepository {
  const change = async (
    id: string,
    filter: Record<string, unknown>,
    update: Record<string, unknown>,
  ): Promise<Accompaniment> => {
    const _id = parseObjectId(id);
    if (!_id) throw new NaboError('NOT_FOUND', `No accompaniment with id ${id}`);
    const doc = await model
      .findOneAndUpdate({ _id, ...filter }, update, { returnDocument: 'after' })
      .lean<AccompanimentDoc>();
    if (doc) return toAccompaniment(doc);
    if (await model.exists({ _id })) {
      throw new NaboError('CONFLICT', `Accompaniment ${id} is not in that state`);
    }
    throw new NaboError('NOT_FOUND', `No accompaniment with id ${id}`);
  };

  return {
    async offer(input) {
      const fields = {
        areaId: requireObjectId(input.areaId, 'Area id'),
        visitId: requireObjectId(input.visitId, 'Visit id'),
        topic: input.topic.trim(),
        offeredTo: requireObjectId(input.offeredTo, 'Person id'),
      };
      try {
        const created = await model.create(fields);
        return {
          accompaniment: toAccompaniment(created.toObject<AccompanimentDoc>()),
          created: true,
        };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await model
          .findOne({ visitId: fields.visitId, topic: fields.topic })
          .lean<AccompanimentDoc>();
        if (!existing) throw error;
        return { accompaniment: toAccompaniment(existing), created: false };
      }
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<AccompanimentDoc>();
      return doc ? toAccompaniment(doc) : null;
    },

    answer(id, personId, accepted) {
      const person = requireObjectId(personId, 'Person id');
      return change(
        id,
        { offeredTo: person, status: 'offered' },
        accepted
          ? { $set: { status: 'accepted' } }
          : { $set: { status: 'declined' }, $addToSet: { declinedBy: person } },
      );
    },

    passOn(id, personId) {
      return change(
        id,
        { status: 'declined' },
        { $set: { status: 'offered', offeredTo: requireObjectId(personId, 'Person id') } },
      );
    },

    recordOutcome(id, personId, outcome) {
      return change(
        id,
        { offeredTo: requireObjectId(personId, 'Person id'), status: 'accepted' },
        { $set: { outcome } },
      );
    },

    async listCreatedBetween(areaIds, from, to) {
      const docs = await model
        .find({
          areaId: { $in: areaIds.flatMap((id) => parseObjectId(id) ?? []) },
          createdAt: { $gte: from, $lt: to },
        })
        .sort({ createdAt: 1, _id: 1 })
        .lean<AccompanimentDoc[]>();
      return docs.map(toAccompaniment);
    },
  };
}

function toAccompaniment(doc: AccompanimentDoc): Accompaniment {
  return {
    id: idString(doc._id),
    areaId: idString(doc.areaId),
    visitId: idString(doc.visitId),
    topic: doc.topic,
    offeredTo: idString(doc.offeredTo),
    declinedBy: doc.declinedBy.map(idString),
    status: doc.status,
    ...(doc.outcome ? { outcome: doc.outcome } : {}),
    createdAt: doc.createdAt,
  };
}
