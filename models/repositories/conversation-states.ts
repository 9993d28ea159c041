import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { parseObjectId, requireObjectId, idString } from '../object-ids.js';
import type { ConversationStateDoc } from '../schemas/conversation-state.js';
import type { ConversationState, SaveConversationState } from '../types.js';
import type { Clock } from '../../kernel/clock.js';

export interface ConversationStateRepository {
  /** The live state, or null; an expired state counts as gone even before MongoDB removes it. */
  get(personId: string, conversationKey: string): Promise<ConversationState | null>;
  /** Creates or replaces the state of that conversation; it expires ttlSeconds from now. */
  save(state: SaveConversationState): Promise<ConversationState>;
  clear(personId: string, conversationKey: string): Promise<void>;
}

export function createConversationStateRepository(
  model: Model<ConversationStateDoc>,
  clock: Clock,
): ConversationStateRepository {
  return {
    async get(personId, conversationKey) {
      const _id = parseObjectId(personId);
      if (!_id) return null;
      // The TTL monitor runs about once a minute: filter so a flow never resumes past its expiry.
      const doc = await model
        .findOne({ personId: _id, conversationKey, expiresAt: { $gt: clock.now() } })
        .lean<ConversationStateDoc>();
      return doc ? toState(doc) : null;
    },

    async save(state) {
      if (!Number.isFinite(state.ttlSeconds) || state.ttlSeconds <= 0) {
        throw new NaboError(
          'INVALID_INPUT',
          `ttlSeconds must be positive, got ${state.ttlSeconds}`,
        );
      }
      const personId = requireObjectId(state.personId, 'Person id');
      const expiresAt = new Date(clock.now().getTime() + state.ttlSeconds * 1000);
      const doc = await model
        .findOneAndUpdate(
          { personId, conversationKey: state.conversationKey },
          { $set: { flow: state.flow, step: state.step, data: state.data ?? {}, expiresAt } },
          { upsert: true, returnDocument: 'after', runValidators: true },
        )
        .lean<ConversationStateDoc>();
      if (!doc) throw new NaboError('INTERNAL', 'Upsert of conversation state returned nothing');
      return toState(doc);
    },

    async clear(personId, conversationKey) {
      const _id = parseObjectId(personId);
      if (!_id) return;
      await model.deleteOne({ personId: _id, conversationKey });
    },
  };
}

export function toState(doc: ConversationStateDoc): ConversationState {
  return {
    personId: idString(doc.personId),
    conversationKey: doc.conversationKey,
    flow: doc.flow,
    step: doc.step,
    data: doc.data ?? {},
    expiresAt: doc.expiresAt,
    updatedAt: doc.updatedAt,
  };
}
