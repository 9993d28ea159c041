import { Schema, type Types } from 'mongoose';
import type { FollowUpKind, FollowUpStatus, WelcomeContactKind } from '../types.js';

export const FOLLOW_UP_MODEL = 'FollowUp';

export interface FollowUpDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  visitId: Types.ObjectId;
  kind: FollowUpKind;
  topic: string;
  contactKind?: WelcomeContactKind;
  createdBy: Types.ObjectId;
  status: FollowUpStatus;
  closedBy?: Types.ObjectId;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const followUpSchema = new Schema<FollowUpDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true },
    visitId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['problem', 'interest'], required: true },
    topic: { type: String, required: true },
    contactKind: {
      type: String,
      enum: ['caretaker', 'board', 'social_worker', 'doctor_on_call', 'other'],
    },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    closedBy: Schema.Types.ObjectId,
    closedAt: Date,
  },
  { timestamps: true },
);

followUpSchema.index({ areaId: 1, status: 1, createdAt: 1 }, { name: 'by_area_status' });
// The same note read twice (a correction re-records it) must not put the same topic on the list twice.
followUpSchema.index(
  { visitId: 1, kind: 1, topic: 1 },
  { name: 'unique_visit_topic', unique: true, partialFilterExpression: { status: 'open' } },
);
