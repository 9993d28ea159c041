import { Schema, type Types } from 'mongoose';
import type { CheckInFlag, CheckInReason, CheckInStatus } from '../types.js';

export const CHECK_IN_MODEL = 'CheckIn';

export interface CheckInDoc {
  _id: Types.ObjectId;
  personId: Types.ObjectId;
  areaId: Types.ObjectId;
  due: Date;
  status: CheckInStatus;
  answers: Array<{ key: string; answer: string; sourceEvent?: string }>;
  score?: number;
  followUp: boolean;
  flags?: CheckInFlag[];
  reason?: CheckInReason;
  requestedBy?: Types.ObjectId;
  sourceEvent?: string;
  step?: string | null;
  askedAt?: Date;
  remindedAt?: Date;
  lastActivityAt?: Date;
  answeredAt?: Date;
  capacityDecision?: 'lowered' | 'kept';
  createdAt: Date;
  updatedAt: Date;
}

export const checkInSchema = new Schema<CheckInDoc>(
  {
    personId: { type: Schema.Types.ObjectId, required: true, index: true },
    areaId: { type: Schema.Types.ObjectId, required: true },
    due: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'answered', 'missed'], default: 'pending' },
    answers: {
      type: [
        new Schema(
          {
            key: { type: String, required: true },
            answer: { type: String, required: true },
            // The inbound event that gave the answer: a resumed turn does not answer twice.
            sourceEvent: String,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    score: Number,
    followUp: { type: Boolean, default: false },
    flags: { type: [String], default: [] },
    reason: { type: String, enum: ['cadence', 'on_demand'] },
    requestedBy: Schema.Types.ObjectId,
    sourceEvent: String,
    step: String,
    askedAt: Date,
    remindedAt: Date,
    lastActivityAt: Date,
    answeredAt: Date,
    capacityDecision: { type: String, enum: ['lowered', 'kept'] },
  },
  { timestamps: true },
);

checkInSchema.index({ areaId: 1, due: 1 }, { name: 'by_area_due' });
// The worker's reconcile at every start: the pending check-ins in due order, and the flagged ones
// answered lately. Without these it reads every check-in ever held, and they only grow.
checkInSchema.index({ status: 1, due: 1, _id: 1 }, { name: 'by_status_due' });
checkInSchema.index(
  { lastActivityAt: 1, _id: 1 },
  { name: 'flagged_by_activity', partialFilterExpression: { 'flags.0': { $exists: true } } },
);
