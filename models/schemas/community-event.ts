import { Schema, type Types } from 'mongoose';
import type { EventAnswer } from '../types.js';

export const COMMUNITY_EVENT_MODEL = 'CommunityEvent';

export interface EventInvitationDoc {
  personId: Types.ObjectId;
  answer?: EventAnswer;
  answeredAt?: Date;
  attended?: boolean;
}

export interface CommunityEventDoc {
  _id: Types.ObjectId;
  areaIds: Types.ObjectId[];
  title: string;
  startsAt: Date;
  endsAt?: Date;
  place?: string;
  createdBy: Types.ObjectId;
  invitations: EventInvitationDoc[];
  sentAt?: Date;
  reminderSentAt?: Date;
  /** The inbound events whose turns created or answered it (the latest few): each counts once. */
  sourceEvents?: string[];
  createdAt: Date;
  updatedAt: Date;
}

const invitationSchema = new Schema<EventInvitationDoc>(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    answer: { type: String, enum: ['coming', 'not_coming', 'maybe'] },
    answeredAt: Date,
    attended: Boolean,
  },
  { _id: false },
);

export const communityEventSchema = new Schema<CommunityEventDoc>(
  {
    areaIds: { type: [Schema.Types.ObjectId], required: true },
    title: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: Date,
    place: String,
    createdBy: { type: Schema.Types.ObjectId, required: true },
    invitations: { type: [invitationSchema], default: [] },
    sentAt: Date,
    reminderSentAt: Date,
    sourceEvents: { type: [String], default: undefined },
  },
  { timestamps: true },
);

// A resumed turn finds the draft its first run created.
communityEventSchema.index({ sourceEvents: 1 }, { name: 'by_source_event', sparse: true });

communityEventSchema.index({ areaIds: 1, startsAt: 1 }, { name: 'by_area_start' });
// "Who has not joined anything for a long while" reads an ambassador's invitations.
communityEventSchema.index({ 'invitations.personId': 1, startsAt: 1 }, { name: 'by_invitee' });
