import { Schema, type Types } from 'mongoose';
import type { Platform, SendStatus } from '../types.js';

export const SEND_LEDGER_MODEL = 'SendLedgerEntry';

export interface SendLedgerDoc {
  _id: Types.ObjectId;
  key: string;
  status: SendStatus;
  platform?: Platform;
  sentAt?: Date;
  attempts: number;
  claimedAt?: Date;
  job?: { name: string; data: Record<string, unknown> };
  createdAt: Date;
  updatedAt: Date;
}

export const sendLedgerSchema = new Schema<SendLedgerDoc>(
  {
    // The unique key is what makes a proactive message go out at most once per purpose.
    key: { type: String, required: true, unique: true },
    status: {
      type: String,
      enum: ['queued', 'sending', 'pending', 'sent', 'failed', 'skipped'],
      required: true,
    },
    platform: { type: String },
    sentAt: Date,
    attempts: { type: Number, required: true, default: 1 },
    claimedAt: Date,
    // Ids only (visit, person, area, month): what the job needs to be queued again.
    job: { type: Schema.Types.Mixed },
  },
  { timestamps: true, collection: 'sendledger' },
);
// The reconcile looks for sends that are not finished.
sendLedgerSchema.index({ status: 1, updatedAt: 1 });
