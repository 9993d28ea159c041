import type { Model, Types } from 'mongoose';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { MeetingDoc } from '../schemas/meeting.js';
import type {
  ActionItem,
  AgendaItem,
  AgendaProposal,
  Meeting,
  MeetingChanges,
  MeetingExpectation,
  MeetingStatus,
  NewMeeting,
} from '../types.js';

/** How many of a meeting's latest changing events it remembers (a turn is resumed within minutes). */
const SOURCE_EVENTS_KEPT = 50;

/**
 * Network meetings: plan one, edit its agenda, run it, and keep what it decided. A write given the
 * inbound event it comes from (`sourceEvent`) is made once per event: the same event again (a
 * resumed or retried turn) changes nothing and gets the meeting as that event left it.
 */
export interface MeetingRepository {
  create(input: NewMeeting): Promise<Meeting>;
  findById(id: string): Promise<Meeting | null>;
  /** By start time, earliest first. */
  listByArea(areaId: string): Promise<Meeting[]>;
  /** Every meeting in one of these states, by start time (the worker's start-up reconcile). */
  listByStatus(statuses: readonly MeetingStatus[]): Promise<Meeting[]>;
  /**
   * Applies the changes when the meeting is still as expected; null when it is not (someone
   * else moved it on first) or does not exist.
   */
  update(
    id: string,
    changes: MeetingChanges,
    expected?: MeetingExpectation,
    sourceEvent?: string,
  ): Promise<Meeting | null>;
  /** Adds a proposal without touching the rest (an ambassador may write while the coordinator edits). */
  addProposal(id: string, proposal: AgendaProposal, sourceEvent?: string): Promise<Meeting | null>;
  /** Adds an action item to a running or finished meeting. */
  addActionItem(id: string, action: ActionItem, sourceEvent?: string): Promise<Meeting | null>;
  /** A draft that was never confirmed; true when it was removed. */
  removeDraft(id: string): Promise<boolean>;
}

export function createMeetingRepository(model: Model<MeetingDoc>): MeetingRepository {
  /** The filter and update that make a write once per event. */
  const once = (sourceEvent: string | undefined) =>
    sourceEvent
      ? {
          filter: { sourceEvents: { $ne: sourceEvent } },
          push: { sourceEvents: { $each: [sourceEvent], $slice: -SOURCE_EVENTS_KEPT } },
        }
      : { filter: {}, push: {} };

  /** After a write that matched nothing: the meeting as this event already changed it, if so. */
  async function changedBy(_id: Types.ObjectId, sourceEvent: string | undefined) {
    if (!sourceEvent) return null;
    const doc = await model.findOne({ _id, sourceEvents: sourceEvent }).lean<MeetingDoc>();
    return doc ? toMeeting(doc) : null;
  }

  return {
    async create(input) {
      if (input.sourceEvent) {
        const existing = await model
          .findOne({ sourceEvents: input.sourceEvent })
          .lean<MeetingDoc>();
        if (existing) return toMeeting(existing);
      }
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
          ...(input.coordinatorId !== undefined
            ? { coordinatorId: requireObjectId(input.coordinatorId, 'Coordinator id') }
            : {}),
          ...(input.actionItems ? { actionItems: input.actionItems.map(actionItemDoc) } : {}),
          ...(input.sourceEvent ? { sourceEvents: [input.sourceEvent] } : {}),
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

    async listByStatus(statuses) {
      const docs = await model
        .find({ status: { $in: [...statuses] } })
        .sort({ startsAt: 1, _id: 1 })
        .lean<MeetingDoc[]>();
      return docs.map(toMeeting);
    },

    async update(id, changes, expected = {}, sourceEvent) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const event = once(sourceEvent);
      const filter: Record<string, unknown> = { _id, ...event.filter };
      if (expected.status !== undefined) filter.status = expected.status;
      if (expected.currentItem !== undefined) filter.currentItem = expected.currentItem;
      if (expected.updatedAt !== undefined) filter.updatedAt = expected.updatedAt;
      const { set, unset } = changeSet(changes);
      const doc = await translateWriteErrors(() =>
        model
          .findOneAndUpdate(
            filter,
            {
              $set: set,
              ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
              ...(sourceEvent ? { $push: event.push } : {}),
            },
            { returnDocument: 'after', runValidators: true },
          )
          .lean<MeetingDoc>(),
      );
      return doc ? toMeeting(doc) : changedBy(_id, sourceEvent);
    },

    async addProposal(id, proposal, sourceEvent) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const event = once(sourceEvent);
      const doc = await model
        .findOneAndUpdate(
          { _id, ...event.filter },
          {
            $push: {
              proposals: {
                ...proposal,
                proposedBy: requireObjectId(proposal.proposedBy, 'Proposer id'),
              },
              ...event.push,
            },
          },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : changedBy(_id, sourceEvent);
    },

    async addActionItem(id, action, sourceEvent) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const event = once(sourceEvent);
      const doc = await model
        .findOneAndUpdate(
          { _id, ...event.filter },
          { $push: { actionItems: actionItemDoc(action), ...event.push } },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<MeetingDoc>();
      return doc ? toMeeting(doc) : changedBy(_id, sourceEvent);
    },

    async removeDraft(id) {
      const _id = parseObjectId(id);
      if (!_id) return false;
      const result = await model.deleteOne({ _id, status: 'draft' });
      return result.deletedCount === 1;
    },
  };
}

function agendaItemDoc(item: AgendaItem) {
  return {
    title: item.title,
    timeboxMinutes: item.timeboxMinutes,
    status: item.status,
    ...(item.owner !== undefined ? { owner: requireObjectId(item.owner, 'Owner id') } : {}),
    ...(item.notes !== undefined ? { notes: item.notes } : {}),
    ...(item.actualMinutes !== undefined ? { actualMinutes: item.actualMinutes } : {}),
    ...(item.startedAt !== undefined ? { startedAt: item.startedAt } : {}),
    ...(item.proposedBy !== undefined
      ? { proposedBy: requireObjectId(item.proposedBy, 'Proposer id') }
      : {}),
  };
}

function actionItemDoc(action: ActionItem) {
  return {
    text: action.text,
    done: action.done,
    ...(action.owner !== undefined ? { owner: requireObjectId(action.owner, 'Owner id') } : {}),
    ...(action.ownerName !== undefined ? { ownerName: action.ownerName } : {}),
    ...(action.due !== undefined ? { due: action.due } : {}),
    ...(action.carriedFrom !== undefined
      ? { carriedFrom: requireObjectId(action.carriedFrom, 'Meeting id') }
      : {}),
  };
}

/** `null` in the changes means "clear the field". */
function changeSet(changes: MeetingChanges): {
  set: Record<string, unknown>;
  unset: Record<string, 1>;
} {
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) unset[key] = 1;
    else if (key === 'items') set.items = (value as AgendaItem[]).map(agendaItemDoc);
    else if (key === 'actionItems') set.actionItems = (value as ActionItem[]).map(actionItemDoc);
    else if (key === 'proposals') {
      set.proposals = (value as AgendaProposal[]).map((proposal) => ({
        ...proposal,
        proposedBy: requireObjectId(proposal.proposedBy, 'Proposer id'),
      }));
    } else if (key === 'runBy') set.runBy = requireObjectId(value as string, 'Person id');
    else set[key] = value;
  }
  return { set, unset };
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
      ...(item.startedAt ? { startedAt: item.startedAt } : {}),
      ...(item.proposedBy ? { proposedBy: idString(item.proposedBy) } : {}),
    })),
    actionItems: doc.actionItems.map((action) => ({
      text: action.text,
      ...(action.owner ? { owner: idString(action.owner) } : {}),
      ...(action.ownerName ? { ownerName: action.ownerName } : {}),
      ...(action.due ? { due: action.due } : {}),
      done: action.done,
      ...(action.carriedFrom ? { carriedFrom: idString(action.carriedFrom) } : {}),
    })),
    proposals: (doc.proposals ?? []).map((proposal) => ({
      id: proposal.id,
      title: proposal.title,
      timeboxMinutes: proposal.timeboxMinutes,
      proposedBy: idString(proposal.proposedBy),
      status: proposal.status,
      at: proposal.at,
    })),
    ...(doc.coordinatorId ? { coordinatorId: idString(doc.coordinatorId) } : {}),
    ...(typeof doc.currentItem === 'number' ? { currentItem: doc.currentItem } : {}),
    ...(doc.runBy ? { runBy: idString(doc.runBy) } : {}),
    ...(doc.conversation ? { conversation: doc.conversation } : {}),
    ...(doc.startedAt ? { startedAt: doc.startedAt } : {}),
    ...(doc.endedAt ? { endedAt: doc.endedAt } : {}),
    ...(doc.agendaSentAt ? { agendaSentAt: doc.agendaSentAt } : {}),
    ...(doc.sourceEvents?.length ? { sourceEvents: [...doc.sourceEvents] } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
