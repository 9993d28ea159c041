import { Schema, type Types } from 'mongoose';
import type { Platform } from '../types.js';

export const CONVERSATION_LINK_MODEL = 'ConversationLink';

export interface ConversationLinkDoc {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  platform: Platform;
  address: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export const conversationLinkSchema = new Schema<ConversationLinkDoc>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    // Any registered platform's id: the set of platforms is open.
    platform: { type: String, required: true },
    address: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true, minimize: false },
);

conversationLinkSchema.index(
  { personId: 1, platform: 1 },
  { name: 'one_link_per_platform', unique: true },
);
