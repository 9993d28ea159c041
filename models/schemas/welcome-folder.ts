import { Schema, type Types } from 'mongoose';
import type { WelcomeContactKind } from '../types.js';

export const WELCOME_FOLDER_MODEL = 'WelcomeFolder';

export interface WelcomeFolderDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  contacts: Array<{ kind: WelcomeContactKind; name: string; phone?: string; hours?: string }>;
  activities: Array<{
    name: string;
    weekday?: number;
    time?: string;
    place?: string;
    when?: string;
  }>;
  gift?: string;
  createdAt: Date;
  updatedAt: Date;
}

const contactSchema = new Schema(
  {
    kind: {
      type: String,
      enum: ['caretaker', 'board', 'social_worker', 'doctor_on_call', 'other'],
      required: true,
    },
    name: { type: String, required: true },
    phone: String,
    hours: String,
  },
  { _id: false },
);

const activitySchema = new Schema(
  {
    name: { type: String, required: true },
    weekday: { type: Number, min: 1, max: 7 },
    time: String,
    place: String,
    when: String,
  },
  { _id: false },
);

/** One folder per area: a small document, read whole and written whole. */
export const welcomeFolderSchema = new Schema<WelcomeFolderDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true, unique: true },
    contacts: { type: [contactSchema], default: [] },
    activities: { type: [activitySchema], default: [] },
    gift: String,
  },
  { timestamps: true },
);
