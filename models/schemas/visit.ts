import { Schema, type Types } from 'mongoose';
import {
  CLOSING_REASONS as DOOR_CLOSING_REASONS,
  DOOR_OUTCOMES,
} from '../../kernel/door-outcomes.js';
import type { AttemptOutcome, ClosingReason, VisitStatus } from '../types.js';

export const VISIT_MODEL = 'Visit';

export interface AttemptDoc {
  at: Date;
  outcome: AttemptOutcome;
  folderLeft: boolean | null;
  note?: string;
  noteBy?: Types.ObjectId;
  revisitDate?: string;
  /** The inbound event that reported it (`<platform>:<event id>`): a resumed turn adds none. */
  sourceEvent?: string;
  /** Where and in which report it was told: what "fortryd" takes back (report-visit.ts). */
  conversationTag?: string;
  reportKey?: string;
}

export interface VisitDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  residentId: Types.ObjectId;
  ambassadorId: Types.ObjectId;
  assignmentMonth: string;
  status: VisitStatus;
  /** Mirror of status === 'open', only for the partial unique index below. */
  isOpen: boolean;
  attempts: AttemptDoc[];
  outcome: AttemptOutcome | null;
  folderLeft: boolean | null;
  note: string | null;
  noteBy: Types.ObjectId | null;
  revisitDate: string | null;
  closingReason?: ClosingReason;
  closedAt?: Date;
  /** When Nabo last put this household alone in front of the ambassador (a reminder). */
  promptedAt?: Date;
  /** The inbound events that took an attempt back ("fortryd"), the latest few: each undoes once. */
  undoneBy?: string[];
  createdAt: Date;
  updatedAt: Date;
}

export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = DOOR_OUTCOMES;

export const CLOSING_REASONS: readonly ClosingReason[] = DOOR_CLOSING_REASONS;

const attemptSchema = new Schema(
  {
    at: { type: Date, required: true },
    outcome: { type: String, enum: ATTEMPT_OUTCOMES, required: true },
    folderLeft: { type: Boolean, default: null },
    note: String,
    noteBy: Schema.Types.ObjectId,
    revisitDate: String,
    sourceEvent: String,
    conversationTag: String,
    reportKey: String,
  },
  { _id: false },
);

export const visitSchema = new Schema<VisitDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true },
    residentId: { type: Schema.Types.ObjectId, required: true },
    ambassadorId: { type: Schema.Types.ObjectId, required: true },
    assignmentMonth: { type: String, required: true, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    status: { type: String, enum: ['open', 'closed'], required: true, default: 'open' },
    isOpen: { type: Boolean, required: true, default: true },
    attempts: { type: [attemptSchema], default: [] },
    outcome: { type: String, enum: [...ATTEMPT_OUTCOMES, null], default: null },
    folderLeft: { type: Boolean, default: null },
    note: { type: String, default: null },
    noteBy: { type: Schema.Types.ObjectId, default: null },
    revisitDate: { type: String, default: null },
    closingReason: { type: String, enum: CLOSING_REASONS },
    closedAt: Date,
    promptedAt: Date,
    undoneBy: { type: [String], default: undefined },
  },
  { timestamps: true },
);

// One open visit per household: two ambassadors must never be sent to the same door. A partial
// index, because closed visits of the same household are history and may be many.
visitSchema.index(
  { residentId: 1 },
  {
    name: 'one_open_visit_per_resident',
    unique: true,
    partialFilterExpression: { isOpen: { $eq: true } },
  },
);
visitSchema.index({ ambassadorId: 1, isOpen: 1 }, { name: 'by_ambassador_open' });
visitSchema.index({ areaId: 1, status: 1 }, { name: 'by_area_status' });
