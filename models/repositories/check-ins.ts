import type { Model } from 'mongoose';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { CheckInDoc } from '../schemas/check-in.js';
import type { CheckIn, NewCheckIn } from '../types.js';

/** Check-ins (individuelle samtaler): only what exists today (plan, look up, list an area's). */
export interface CheckInRepository {
  create(input: NewCheckIn): Promise<CheckIn>;
  findById(id: string): Promise<CheckIn | null>;
  /** By due date, earliest first. */
  listByArea(areaId: string): Promise<CheckIn[]>;
}

export function createCheckInRepository(model: Model<CheckInDoc>): CheckInRepository {
  return {
    async create(input) {
      const created = await translateWriteErrors(() =>
        model.create({
          personId: requireObjectId(input.personId, 'Person id'),
          areaId: requireObjectId(input.areaId, 'Area id'),
          due: input.due,
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
  };
}

function toCheckIn(doc: CheckInDoc): CheckIn {
  return {
    id: idString(doc._id),
    personId: idString(doc.personId),
    areaId: idString(doc.areaId),
    due: doc.due,
    status: doc.status,
    answers: doc.answers.map((answer) => ({ key: answer.key, answer: answer.answer })),
    ...(doc.score !== undefined && doc.score !== null ? { score: doc.score } : {}),
    followUp: doc.followUp,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
