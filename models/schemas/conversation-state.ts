import { Schema, type Types } from 'mongoose';

export const CONVERSATION_STATE_MODEL = 'ConversationState';

export interface ConversationStateDoc {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  conversationKey: string;
  flow: string;
  step: string;
  data: Record<string, unknown>;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const conversationStateSchema = new Schema<ConversationStateDoc>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    conversationKey: { type: String, required: true },
    flow: { type: String, required: true },
    step: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: () => ({}) },
    expiresAt: { type: Date, required: true },
  },
  // minimize off: an empty `data` object is a valid state and must read back as {}.
  { timestamps: true, minimize: false },
);

conversationStateSchema.index(
  { personId: 1, conversationKey: 1 },
  { name: 'one_state_per_conversation', unique: true },
);
// Abandoned flows disappear by themselves: MongoDB deletes the document once expiresAt passes.
conversationStateSchema.index({ expiresAt: 1 }, { name: 'expire_at', expireAfterSeconds: 0 });
