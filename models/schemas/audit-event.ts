import { Schema, type Types } from 'mongoose';
import type { AuditDetailValue, AuditPlatform, AuditSubjectType } from '../types.js';

export const AUDIT_EVENT_MODEL = 'AuditEvent';

/** The subject types the store accepts (the schema's enum; recordMany checks it itself). */
export const AUDIT_SUBJECT_TYPES: readonly AuditSubjectType[] = [
  'resident',
  'person',
  'visit',
  'area',
  'meeting',
  'check_in',
  'workspace',
];

export interface AuditEventDoc {
  _id: Types.ObjectId;
  at: Date;
  actorId?: Types.ObjectId;
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string;
  platform: AuditPlatform;
  details: Record<string, AuditDetailValue>;
  /** The inbound event whose turn made the change: a resumed turn does not record it twice. */
  sourceEvent?: string;
  createdAt: Date;
  updatedAt: Date;
}

export const auditEventSchema = new Schema<AuditEventDoc>(
  {
    at: { type: Date, required: true },
    actorId: Schema.Types.ObjectId,
    action: { type: String, required: true },
    subjectType: {
      type: String,
      enum: AUDIT_SUBJECT_TYPES,
      required: true,
    },
    // A string, not an ObjectId: an audit trail must outlive (and not depend on) its subject.
    subjectId: { type: String, required: true },
    // Any platform id (the set is open), or 'cli' / 'system' for what no chat caused.
    platform: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: () => ({}) },
    sourceEvent: String,
  },
  { timestamps: true, minimize: false },
);

auditEventSchema.index({ subjectType: 1, subjectId: 1, at: 1 }, { name: 'by_subject' });
// One entry per change per inbound event: the same event's turn run again finds it.
auditEventSchema.index(
  { sourceEvent: 1, action: 1, subjectType: 1, subjectId: 1 },
  {
    name: 'once_per_event',
    unique: true,
    partialFilterExpression: { sourceEvent: { $exists: true } },
  },
);
