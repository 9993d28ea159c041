import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { isDuplicateKeyError } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { FollowUpDoc } from '../schemas/follow-up.js';
import type { FollowUp, NewFollowUp } from '../types.js';

/** Follow-ups from visits (a broken lamp, a wish to join the dinner club) on the coordinator's list. */
export interface FollowUpRepository {
  /**
   * Puts the follow-up on the list. The same open topic for the same visit is stored once: the
   * existing one comes back with `created: false`.
   */
  create(input: NewFollowUp): Promise<{ followUp: FollowUp; created: boolean }>;
  findById(id: string): Promise<FollowUp | null>;
  /** Open follow-ups of the area, oldest first. */
  listOpen(areaId: string): Promise<FollowUp[]>;
  /** Closes an open follow-up; CONFLICT when it is already closed, NOT_FOUND when unknown. */
  close(id: string, closedBy: string, at: Date): Promise<FollowUp>;
  /** Removes the follow-ups of these visits (a household's erasure); returns how many. */
  deleteForVisits(visitIds: readonly string[]): Promise<number>;
}

export function createFollowUpRepository(model: Model<FollowUpDoc>): FollowUpRepository {
  return {
    async deleteForVisits(visitIds) {
      const ids = visitIds.flatMap((id) => parseObjectId(id) ?? []);
      if (ids.length === 0) return 0;
      const result = await model.deleteMany({ visitId: { $in: ids } });
      return result.deletedCount;
    },
    async create(input) {
      const fields = {
        areaId: requireObjectId(input.areaId, 'Area id'),
        visitId: requireObjectId(input.visitId, 'Visit id'),
        kind: input.kind,
        topic: input.topic.trim(),
        createdBy: requireObjectId(input.createdBy, 'Person id'),
      };
      try {
        const created = await model.create({
          ...fields,
          ...(input.contactKind ? { contactKind: input.contactKind } : {}),
        });
        return { followUp: toFollowUp(created.toObject<FollowUpDoc>()), created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await model
          .findOne({
            visitId: fields.visitId,
            kind: fields.kind,
            topic: fields.topic,
            status: 'open',
          })
          .lean<FollowUpDoc>();
        if (!existing) throw error;
        return { followUp: toFollowUp(existing), created: false };
      }
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<FollowUpDoc>();
      return doc ? toFollowUp(doc) : null;
    },

    async listOpen(areaId) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      const docs = await model
        .find({ areaId: _id, status: 'open' })
        .sort({ createdAt: 1, _id: 1 })
        .lean<FollowUpDoc[]>();
      return docs.map(toFollowUp);
    },

    async close(id, closedBy, at) {
      const _id = parseObjectId(id);
      if (!_id) throw new NaboError('NOT_FOUND', `No follow-up with id ${id}`);
      const doc = await model
        .findOneAndUpdate(
          { _id, status: 'open' },
          {
            $set: {
              status: 'closed',
              closedBy: requireObjectId(closedBy, 'Person id'),
              closedAt: at,
            },
          },
          { returnDocument: 'after' },
        )
        .lean<FollowUpDoc>();
      if (doc) return toFollowUp(doc);
      if (await model.exists({ _id })) {
        throw new NaboError('CONFLICT', `Follow-up ${id} is already closed`);
      }
      throw new NaboError('NOT_FOUND', `No follow-up with id ${id}`);
    },
  };
}

function toFollowUp(doc: FollowUpDoc): FollowUp {
  return {
    id: idString(doc._id),
    areaId: idString(doc.areaId),
    visitId: idString(doc.visitId),
    kind: doc.kind,
    topic: doc.topic,
    ...(doc.contactKind ? { contactKind: doc.contactKind } : {}),
    createdBy: idString(doc.createdBy),
    status: doc.status,
    ...(doc.closedBy ? { closedBy: idString(doc.closedBy) } : {}),
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
