import { Schema, type Types } from 'mongoose';
import type { AccompanimentOutcome, AccompanimentStatus } from '../types.js';

export const ACCOMPANIMENT_MODEL = 'Accompaniment';

export interface AccompanimentDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  visitId: Types.ObjectId;
  topic: string;
  offeredTo: Types.ObjectId;
  declinedBy: Types.ObjectId[];
  status: AccompanimentStatus;
  outcome?: AccompanimentOutcome;
  createdAt: Date;
  updatedAt: Date;
}

export const accompanimentSchema = new Schema<AccompanimentDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true },
    visitId: { type: Schema.Types.ObjectId, required: true },
    topic: { type: String, required: true },
    offeredTo: { type: Schema.Types.ObjectId, required: true },
    declinedBy: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: ['offered', 'accepted', 'declined'], default: 'offered' },
    outcome: { type: String, enum: ['went_together', 'did_not_come', 'went_alone'] },
  },
  { timestamps: true },
);

// One offer per visit and activity: a note read twice (a correction) does not ask twice.
accompanimentSchema.index({ visitId: 1, topic: 1 }, { name: 'unique_visit_topic', unique: true });
accompanimentSchema.index({ areaId: 1, createdAt: 1 }, { name: 'by_area_created' });
