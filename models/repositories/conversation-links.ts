import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { ConversationLinkDoc } from '../schemas/conversation-link.js';
import type { ConversationLink, Platform } from '../types.js';

export interface ConversationLinkRepository {
  /** Remembers how to reach the person on that platform (the latest address wins). */
  upsert(link: {
    personId: string;
    platform: Platform;
    address: unknown;
  }): Promise<ConversationLink>;
  /** On the given platform, or, without one, wherever the person was reached most recently. */
  get(personId: string, platform?: Platform): Promise<ConversationLink | null>;
}

export function createConversationLinkRepository(
  model: Model<ConversationLinkDoc>,
): ConversationLinkRepository {
  return {
    async upsert(link) {
      if (link.address === undefined || link.address === null) {
        throw new NaboError('INVALID_INPUT', 'A conversation link needs an address');
      }
      const personId = requireObjectId(link.personId, 'Person id');
      const doc = await model
        .findOneAndUpdate(
          { personId, platform: link.platform },
          { $set: { address: link.address } },
          { upsert: true, returnDocument: 'after', runValidators: true },
        )
        .lean<ConversationLinkDoc>();
      if (!doc) throw new NaboError('INTERNAL', 'Upsert of conversation link returned nothing');
      return toLink(doc);
    },

    async get(personId, platform) {
      const _id = parseObjectId(personId);
      if (!_id) return null;
      const filter = platform === undefined ? { personId: _id } : { personId: _id, platform };
      const doc = await model
        .findOne(filter)
        .sort({ updatedAt: -1, _id: -1 })
        .lean<ConversationLinkDoc>();
      return doc ? toLink(doc) : null;
    },
  };
}

function toLink(doc: ConversationLinkDoc): ConversationLink {
  return {
    personId: idString(doc.personId),
    platform: doc.platform,
    address: doc.address,
    updatedAt: doc.updatedAt,
  };
}
