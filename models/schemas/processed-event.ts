import { Schema, type Types } from 'mongoose';

export const PROCESSED_EVENT_MODEL = 'ProcessedEvent';

/** Platforms retry deliveries for minutes, not days: one day of memory is plenty. */
export const PROCESSED_EVENT_TTL_SECONDS = 24 * 60 * 60;

export interface ProcessedEventDoc {
  _id: Types.ObjectId;
  eventId: string;
  processedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const processedEventSchema = new Schema<ProcessedEventDoc>(
  {
    eventId: { type: String, required: true, unique: true },
    processedAt: { type: Date, required: true },
  },
  { timestamps: true },
);

processedEventSchema.index(
  { processedAt: 1 },
  { name: 'forget_after_a_day', expireAfterSeconds: PROCESSED_EVENT_TTL_SECONDS },
);
