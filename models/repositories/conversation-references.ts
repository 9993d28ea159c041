import type { Model } from 'mongoose';
import type { Clock } from '../../kernel/clock.js';
import type { ConversationReferenceDoc } from '../schemas/conversation-reference.js';

/**
 * Where a platform can write into a conversation, by conversation key: Teams needs the service
 * URL of a conversation to update a card in it, and a message ref carries only the key. Kept in
 * MongoDB, not in process memory, because the turn that updates the card may run in another web
 * worker or replica than the one that received the conversation's last activity.
 */
export interface ConversationReferenceRepository {
  /** Stores (or renews) the conversation's reference; the last one written wins. */
  remember(platform: string, conversationKey: string, reference: object): Promise<void>;
  get(platform: string, conversationKey: string): Promise<Record<string, unknown> | undefined>;
}

export function createConversationReferenceRepository(
  model: Model<ConversationReferenceDoc>,
  clock: Clock,
): ConversationReferenceRepository {
  return {
    async remember(platform, conversationKey, reference) {
      await model.updateOne(
        { platform, conversationKey },
        { $set: { reference, seenAt: clock.now() } },
        { upsert: true },
      );
    },
    async get(platform, conversationKey) {
      const doc = await model
        .findOne({ platform, conversationKey }, { reference: 1 })
        .lean<Pick<ConversationReferenceDoc, 'reference'>>();
      return doc?.reference ?? undefined;
    },
  };
}
