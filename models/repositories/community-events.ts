import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { CommunityEventDoc } from '../schemas/community-event.js';
import type { CommunityEvent, EventAnswer, NewCommunityEvent } from '../types.js';

/** How many of an event's latest answering turns it remembers (a turn is resumed within minutes). */
const SOURCE_EVENTS_KEPT = 100;

/** Courses, talks and social events the coordinator invites the ambassadors to (phase 2). */
export interface CommunityEventRepository {
  create(input: NewCommunityEvent): Promise<CommunityEvent>;
  findById(id: string): Promise<CommunityEvent | null>;
  /**
   * Marks the draft as sent; false when it already was, so a second press of "Send" (a stale
   * button, a retried event) invites nobody twice.
   */
  markSent(id: string, at: Date): Promise<boolean>;
  /** Removes a draft that was never sent; false when there was none. */
  deleteDraft(id: string): Promise<boolean>;
  /** Sent events of these areas starting at or after `from`, soonest first. */
  listUpcoming(areaIds: readonly string[], from: Date): Promise<CommunityEvent[]>;
  /** Sent events of these areas that started in [from, to), latest first (attendance to take). */
  listStartedBetween(areaIds: readonly string[], from: Date, to: Date): Promise<CommunityEvent[]>;
  /**
   * Records an invitee's answer; NOT_FOUND when the event is unknown or the person was not
   * invited (a forged or foreign button).
   */
  answer(
    eventId: string,
    personId: string,
    answer: EventAnswer,
    at: Date,
    /**
     * The inbound event of the answer: the same event again (a resumed turn) changes nothing, so
     * it cannot overwrite an answer the person changed since.
     */
    sourceEvent?: string,
  ): Promise<CommunityEvent>;
  /** Marks whether an invitee came; NOT_FOUND as for `answer`. */
  setAttended(eventId: string, personId: string, attended: boolean): Promise<CommunityEvent>;
  /** Marks the day-before reminder as sent; false when it was already (a second run sends nothing). */
  claimReminder(eventId: string, at: Date): Promise<boolean>;
  /** For each person, the start of the latest event they attended (absent: none on record). */
  lastAttended(personIds: readonly string[]): Promise<Map<string, Date>>;
}

export function createCommunityEventRepository(
  model: Model<CommunityEventDoc>,
): CommunityEventRepository {
  const invited = async (
    eventId: string,
    personId: string,
    set: Record<string, unknown>,
    sourceEvent?: string,
  ): Promise<CommunityEvent> => {
    const _id = parseObjectId(eventId);
    const person = parseObjectId(personId);
    // arrayFilters rather than `$`: with the event ids in the filter too, `$` would not say which
    // array it stands for.
    const mine = Object.fromEntries(
      Object.entries(set).map(([key, value]) => [
        key.replace('invitations.$.', 'invitations.$[mine].'),
        value,
      ]),
    );
    let doc =
      _id && person
        ? await model
            .findOneAndUpdate(
              {
                _id,
                'invitations.personId': person,
                ...(sourceEvent ? { sourceEvents: { $ne: sourceEvent } } : {}),
              },
              {
                $set: mine,
                ...(sourceEvent
                  ? {
                      $push: {
                        sourceEvents: { $each: [sourceEvent], $slice: -SOURCE_EVENTS_KEPT },
                      },
                    }
                  : {}),
              },
              { returnDocument: 'after', arrayFilters: [{ 'mine.personId': person }] },
            )
            .lean<CommunityEventDoc>()
        : null;
    // Nothing matched: this event's answer may be stored already (then it stands as it is).
    if (!doc && _id && person && sourceEvent) {
      doc = await model
        .findOne({ _id, 'invitations.personId': person, sourceEvents: sourceEvent })
        .lean<CommunityEventDoc>();
    }
    if (!doc) throw new NaboError('NOT_FOUND', `No invitation to event ${eventId} for this person`);
    return toCommunityEvent(doc);
  };
  const sentIn = (areaIds: readonly string[]) => ({
    areaIds: { $in: areaIds.flatMap((id) => parseObjectId(id) ?? []) },
    sentAt: { $exists: true },
  });

  return {
    async create(input) {
      if (input.sourceEvent) {
        const existing = await model
          .findOne({ sourceEvents: input.sourceEvent })
          .lean<CommunityEventDoc>();
        if (existing) return toCommunityEvent(existing);
      }
      const created = await model.create({
        areaIds: input.areaIds.map((id) => requireObjectId(id, 'Area id')),
        title: input.title.trim(),
        startsAt: input.startsAt,
        ...(input.endsAt ? { endsAt: input.endsAt } : {}),
        ...(input.place ? { place: input.place.trim() } : {}),
        createdBy: requireObjectId(input.createdBy, 'Person id'),
        invitations: input.invitedPersonIds.map((id) => ({
          personId: requireObjectId(id, 'Person id'),
        })),
        ...(input.sourceEvent ? { sourceEvents: [input.sourceEvent] } : {}),
      });
      return toCommunityEvent(created.toObject<CommunityEventDoc>());
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<CommunityEventDoc>();
      return doc ? toCommunityEvent(doc) : null;
    },

    async markSent(id, at) {
      const _id = parseObjectId(id);
      if (!_id) return false;
      const result = await model.updateOne(
        { _id, sentAt: { $exists: false } },
        { $set: { sentAt: at } },
      );
      return result.modifiedCount === 1;
    },

    async deleteDraft(id) {
      const _id = parseObjectId(id);
      if (!_id) return false;
      const result = await model.deleteOne({ _id, sentAt: { $exists: false } });
      return result.deletedCount === 1;
    },

    async listUpcoming(areaIds, from) {
      const docs = await model
        .find({ ...sentIn(areaIds), startsAt: { $gte: from } })
        .sort({ startsAt: 1, _id: 1 })
        .lean<CommunityEventDoc[]>();
      return docs.map(toCommunityEvent);
    },

    async listStartedBetween(areaIds, from, to) {
      const docs = await model
        .find({ ...sentIn(areaIds), startsAt: { $gte: from, $lt: to } })
        .sort({ startsAt: -1, _id: 1 })
        .lean<CommunityEventDoc[]>();
      return docs.map(toCommunityEvent);
    },

    answer(eventId, personId, answer, at, sourceEvent) {
      return invited(
        eventId,
        personId,
        { 'invitations.$.answer': answer, 'invitations.$.answeredAt': at },
        sourceEvent,
      );
    },

    setAttended(eventId, personId, attended) {
      return invited(eventId, personId, { 'invitations.$.attended': attended });
    },

    async claimReminder(eventId, at) {
      const _id = parseObjectId(eventId);
      if (!_id) return false;
      const result = await model.updateOne(
        { _id, reminderSentAt: { $exists: false } },
        { $set: { reminderSentAt: at } },
      );
      return result.modifiedCount === 1;
    },

    async lastAttended(personIds) {
      const ids = personIds.flatMap((id) => parseObjectId(id) ?? []);
      const latest = new Map<string, Date>();
      if (ids.length === 0) return latest;
      const docs = await model
        .find(
          { invitations: { $elemMatch: { personId: { $in: ids }, attended: true } } },
          { startsAt: 1, invitations: 1 },
        )
        .lean<CommunityEventDoc[]>();
      for (const doc of docs) {
        for (const invitation of doc.invitations) {
          if (!invitation.attended) continue;
          const personId = idString(invitation.personId);
          const known = latest.get(personId);
          if (!known || known < doc.startsAt) latest.set(personId, doc.startsAt);
        }
      }
      return latest;
    },
  };
}

function toCommunityEvent(doc: CommunityEventDoc): CommunityEvent {
  return {
    id: idString(doc._id),
    areaIds: doc.areaIds.map(idString),
    title: doc.title,
    startsAt: doc.startsAt,
    ...(doc.endsAt ? { endsAt: doc.endsAt } : {}),
    ...(doc.place ? { place: doc.place } : {}),
    createdBy: idString(doc.createdBy),
    invitations: doc.invitations.map((invitation) => ({
      personId: idString(invitation.personId),
      ...(invitation.answer ? { answer: invitation.answer } : {}),
      ...(invitation.answeredAt ? { answeredAt: invitation.answeredAt } : {}),
      ...(invitation.attended !== undefined ? { attended: invitation.attended } : {}),
    })),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    ...(doc.reminderSentAt ? { reminderSentAt: doc.reminderSentAt } : {}),
    createdAt: doc.createdAt,
  };
}
