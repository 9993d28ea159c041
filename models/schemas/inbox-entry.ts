import { Schema, type Types } from 'mongoose';

export const INBOX_ENTRY_MODEL = 'InboxEntry';
/** Mongoose would pluralise the model's name; the collection is called what it is. */
export const INBOX_COLLECTION = 'inbox';

export type InboxState = 'accepted' | 'done' | 'failed';

/**
 * One inbound event, stored before the platform gets its acknowledgement (src/core/pipeline.ts).
 * `payload` (the event as JSON, which may hold what a person wrote) is kept only until the turn
 * is done; what stays is the key, so a redelivery within `expiresAt` is recognised.
 */
export interface InboxEntryDoc {
  _id: Types.ObjectId;
  /** `<platform>:<platform's event id>`: unique, the idempotency key of the turn's effects. */
  key: string;
  platform: string;
  state: InboxState;
  payload?: string;
  /** Until then the process that accepted or resumed the event is taken to be working on it. */
  leaseUntil: Date;
  /** How many times a turn was started for it (1 when first accepted). */
  attempts: number;
  /** A random id of the `accept` call that stored it (see the inbox repository's accept). */
  acceptedBy?: string;
  acceptedAt: Date;
  doneAt?: Date;
  /** Set when done or given up: the entry is forgotten then (TTL). */
  expiresAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const inboxEntrySchema = new Schema<InboxEntryDoc>(
  {
    key: { type: String, required: true, unique: true },
    platform: { type: String, required: true },
    state: { type: String, required: true, enum: ['accepted', 'done', 'failed'] },
    payload: { type: String },
    leaseUntil: { type: Date, required: true },
    attempts: { type: Number, required: true },
    acceptedBy: { type: String },
    acceptedAt: { type: Date, required: true },
    doneAt: { type: Date },
    expiresAt: { type: Date },
  },
  { timestamps: true, collection: INBOX_COLLECTION },
);

// The resumer looks for accepted events whose lease ran out.
inboxEntrySchema.index({ state: 1, leaseUntil: 1 }, { name: 'resumable' });
inboxEntrySchema.index({ expiresAt: 1 }, { name: 'forget_when_expired', expireAfterSeconds: 0 });
