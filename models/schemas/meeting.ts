import { Schema, type Types } from 'mongoose';
import type {
  AgendaItemStatus,
  AgendaProposalStatus,
  MeetingConversation,
  MeetingStatus,
} from '../types.js';

export const MEETING_MODEL = 'Meeting';

export interface MeetingDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  title: string;
  startsAt: Date;
  plannedMinutes?: number;
  status: MeetingStatus;
  items: Array<{
    title: string;
    timeboxMinutes: number;
    owner?: Types.ObjectId;
    notes?: string;
    actualMinutes?: number;
    status: AgendaItemStatus;
    startedAt?: Date;
    proposedBy?: Types.ObjectId;
  }>;
  actionItems: Array<{
    text: string;
    owner?: Types.ObjectId;
    ownerName?: string;
    due?: Date;
    done: boolean;
    carriedFrom?: Types.ObjectId;
  }>;
  proposals: Array<{
    id: string;
    title: string;
    timeboxMinutes: number;
    proposedBy: Types.ObjectId;
    status: AgendaProposalStatus;
    at: Date;
  }>;
  coordinatorId?: Types.ObjectId;
  currentItem?: number | null;
  runBy?: Types.ObjectId;
  conversation?: MeetingConversation;
  startedAt?: Date;
  endedAt?: Date;
  agendaSentAt?: Date;
  /** The inbound events whose turns changed the meeting (the latest few), so none does it twice. */
  sourceEvents?: string[];
  createdAt: Date;
  updatedAt: Date;
}

const agendaItemSchema = new Schema(
  {
    title: { type: String, required: true },
    timeboxMinutes: { type: Number, required: true, min: 1 },
    owner: Schema.Types.ObjectId,
    notes: String,
    actualMinutes: Number,
    status: { type: String, enum: ['pending', 'running', 'done'], default: 'pending' },
    startedAt: Date,
    proposedBy: Schema.Types.ObjectId,
  },
  { _id: false },
);

const actionItemSchema = new Schema(
  {
    text: { type: String, required: true },
    owner: Schema.Types.ObjectId,
    ownerName: String,
    due: Date,
    done: { type: Boolean, default: false },
    carriedFrom: Schema.Types.ObjectId,
  },
  { _id: false },
);

const proposalSchema = new Schema(
  {
    id: { type: String, required: true },
    title: { type: String, required: true },
    timeboxMinutes: { type: Number, required: true, min: 1 },
    proposedBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['pending', 'approved', 'declined'], default: 'pending' },
    at: { type: Date, required: true },
  },
  { _id: false },
);

export const meetingSchema = new Schema<MeetingDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true, index: true },
    title: { type: String, required: true },
    startsAt: { type: Date, required: true },
    plannedMinutes: Number,
    status: {
      type: String,
      enum: ['draft', 'planned', 'running', 'finished'],
      default: 'draft',
    },
    items: { type: [agendaItemSchema], default: [] },
    actionItems: { type: [actionItemSchema], default: [] },
    proposals: { type: [proposalSchema], default: [] },
    coordinatorId: Schema.Types.ObjectId,
    currentItem: Number,
    runBy: Schema.Types.ObjectId,
    // The adapter's own reference (Slack channel, Teams reference): stored as given.
    conversation: Schema.Types.Mixed,
    startedAt: Date,
    endedAt: Date,
    agendaSentAt: Date,
    sourceEvents: { type: [String], default: undefined },
  },
  { timestamps: true },
);

// A resumed turn finds the draft its first run created.
meetingSchema.index({ sourceEvents: 1 }, { name: 'by_source_event', sparse: true });
// The worker's reconcile: the planned and running meetings, not every meeting ever held.
meetingSchema.index({ status: 1, startsAt: 1, _id: 1 }, { name: 'by_status_start' });
