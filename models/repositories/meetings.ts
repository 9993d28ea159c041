import type { Model } from 'mongoose';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { MeetingDoc } from '../schemas/meeting.js';
import type { Meeting, NewMeeting } from '../types.js';

/** Network meetings: only what exists today (plan one, look it up, list an area's meetings). */
export interface MeetingRepository {
  create(input: NewMeeting): Promise<Meeting>;
  findById(id: string): Promise<Meeting | null>;
  /** By start time, earliest first. */
  listByArea(areaId: string): Promise<Meeting[]>;
}

export function createMeetingRepository(model: Model<MeetingDoc>): MeetingRepository {
  return {
    async create(input) {
      const created = await translateWriteErrors(() =>
        model.create({
          areaId: requireObjectId(input.areaId, 'Area id'),
          title: input.title,
          startsAt: input.startsAt,
          plannedMinutes: input.plannedMinutes,
          status: input.status,
          items: (input.items ?? []).map((item) => ({
            title: item.title,
            timeboxMinutes: item.timeboxMinutes,
            ...(item.owner !== undefined ? { owner: requireObjectId(item.owner, 'Owner id') } : {}),
          })),
        }),
      );
      return toMeeting(created.toObject<MeetingDoc>());
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<MeetingDoc>();
      return doc ? toMeeting(doc) : null;
    },

    async listByArea(areaId) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      const docs = await model
        .find({ areaId: _id })
        .sort({ startsAt: 1, _id: 1 })
        .lean<MeetingDoc[]>();
      return docs.map(toMeeting);
    },
  };
}

function toMeeting(doc: MeetingDoc): Meeting {
  return {
    id: idString(doc._id),
    areaId: idString(doc.areaId),
    title: doc.title,
    startsAt: doc.startsAt,
    ...(doc.plannedMinutes !== undefined && doc.plannedMinutes !== null
      ? { plannedMinutes: doc.plannedMinutes }
      : {}),
    status: doc.status,
    items: doc.items.map((item) => ({
      title: item.title,
      timeboxMinutes: item.timeboxMinutes,
      ...(item.owner ? { owner: idString(item.owner) } : {}),
      ...(item.notes ? { notes: item.notes } : {}),
      ...(item.actualMinutes !== undefined && item.actualMinutes !== null
        ? { actualMinutes: item.actualMinutes }
        : {}),
      status: item.status,
    })),
    actionItems: doc.actionItems.map((action) => ({
      text: action.text,
      ...(action.owner ? { owner: idString(action.owner) } : {}),
      ...(action.due ? { due: action.due } : {}),
      done: action.done,
    })),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
