import { Schema, type Types } from 'mongoose';
import type { Locale, RetentionSettings } from '../types.js';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from '../../kernel/constants.js';

type RetentionKey = keyof RetentionSettings;

export const AREA_MODEL = 'Area';

export interface AreaDoc {
  _id: Types.ObjectId;
  key: string;
  name: string;
  timeZone: string;
  locale: Locale;
  settings: {
    maxAttempts: number;
    revisitAfterDays: number;
    revisitHour: number;
    firstAttemptDeadlineDays: number;
    assignmentCron: string;
    checkInEveryWeeks: number;
    retention?: Partial<Record<RetentionKey, number>>;
  };
  createdAt: Date;
  updatedAt: Date;
}

// Deletion deadlines in months. No defaults here on purpose: only an area's own choices are
// stored, so changing a default in src/privacy/retention-settings.ts reaches every other area.
const retentionSchema = new Schema(
  {
    householdMonths: { type: Number, min: 1 },
    visitNotesMonths: { type: Number, min: 1 },
    checkInMonths: { type: Number, min: 1 },
    neverVisitedMonths: { type: Number, min: 1 },
    followUpMonths: { type: Number, min: 1 },
    staleOpenVisitMonths: { type: Number, min: 1 },
  },
  { _id: false },
);

// Defaults follow the handbook's practice: two tries at the door, a new try a few days later,
// households handed out on the first of the month, a check-in every six weeks.
const settingsSchema = new Schema(
  {
    maxAttempts: { type: Number, default: 2, min: 1 },
    revisitAfterDays: { type: Number, default: 3, min: 0 },
    revisitHour: { type: Number, default: 10, min: 0, max: 23 },
    firstAttemptDeadlineDays: { type: Number, default: 14, min: 1 },
    assignmentCron: { type: String, default: '0 9 1 * *' },
    checkInEveryWeeks: { type: Number, default: 6, min: 1 },
    retention: { type: retentionSchema, default: undefined },
  },
  { _id: false },
);

export const areaSchema = new Schema<AreaDoc>(
  {
    key: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    timeZone: { type: String, required: true, default: DEFAULT_TIME_ZONE },
    locale: { type: String, enum: ['da', 'en'], required: true, default: DEFAULT_LOCALE },
    settings: { type: settingsSchema, default: () => ({}) },
  },
  { timestamps: true },
);
