import { Schema, type Types } from 'mongoose';
import type { AgendaItemStatus, MeetingStatus } from '../types.js';

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
  }>;
  actionItems: Array<{ text: string; owner?: Types.ObjectId; due?: Date; done: boolean }>;
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
  },
  { _id: false },
);

const actionItemSchema = new Schema(
  {
    text: { type: String, required: true },
    owner: Schema.Types.ObjectId,
    due: Date,
    done: { type: Boolean, default: false },
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
  },
  { timestamps: true },
);
