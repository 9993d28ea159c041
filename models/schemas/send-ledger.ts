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
  createdAt: Date;
  updatedAt: Date;
}

export const sendLedgerSchema = new Schema<SendLedgerDoc>(
  {
    // The unique key is what makes a proactive message go out at most once per purpose.
    key: { type: String, required: true, unique: true },
    status: { type: String, enum: ['pending', 'sent', 'failed'], required: true },
    platform: { type: String },
    sentAt: Date,
    attempts: { type: Number, required: true, default: 1 },
  },
  { timestamps: true, collection: 'sendledger' },
);
