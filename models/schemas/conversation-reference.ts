import { Schema, type Types } from 'mongoose';

export const CONVERSATION_REFERENCE_MODEL = 'ConversationReference';

/**
 * A button can be pressed weeks after its card went out (a revisit reminder); every use renews
 * the reference, so only conversations silent for this long are forgotten.
 */
export const CONVERSATION_REFERENCE_TTL_SECONDS = 60 * 24 * 60 * 60;

export interface ConversationReferenceDoc {
  _id: Types.ObjectId;
  platform: string;
  conversationKey: string;
  /** The platform's own address of the conversation (Teams: a ConversationReference), as given. */
  reference: Record<string, unknown>;
  seenAt: Date;
}

export const conversationReferenceSchema = new Schema<ConversationReferenceDoc>({
  platform: { type: String, required: true },
  conversationKey: { type: String, required: true },
  reference: { type: Schema.Types.Mixed, required: true },
  seenAt: { type: Date, required: true },
});

conversationReferenceSchema.index({ platform: 1, conversationKey: 1 }, { unique: true });
conversationReferenceSchema.index(
  { seenAt: 1 },
  { name: 'forget_silent_conversations', expireAfterSeconds: CONVERSATION_REFERENCE_TTL_SECONDS },
);
