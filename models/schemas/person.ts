import { Schema, type Types } from 'mongoose';
import type { LeftReason, Locale, PersonState, Role } from '../types.js';
import { DEFAULT_LOCALE, DEFAULT_MONTHLY_CAPACITY } from '../../kernel/constants.js';

export const PERSON_MODEL = 'Person';

export interface PersonDoc {
  _id: Types.ObjectId;
  name: string;
  roles: Array<{ areaId: Types.ObjectId; role: Role }>;
  identities?: Array<{ platform: string; workspaceId: string; userId: string }>;
  /** identityKey() of each identity, absent when there is none: the unique index reads it. */
  identityKeys?: string[];
  languages: string[];
  block?: string;
  stairwell?: string;
  monthlyCapacity: number;
  status: { state: PersonState; pausedUntil?: Date; leftReason?: LeftReason; leftNote?: string };
  volunteerAgreementAt?: Date;
  confidentialityAt?: Date;
  locale: Locale;
  interests?: string[];
  extraRoles?: string[];
  createdAt: Date;
  updatedAt: Date;
}

const roleSchema = new Schema(
  {
    areaId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: ['ambassador', 'coordinator'], required: true },
  },
  { _id: false },
);

const identitySchema = new Schema(
  {
    platform: { type: String, required: true },
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { _id: false },
);

const statusSchema = new Schema(
  {
    state: { type: String, enum: ['active', 'paused', 'left'], required: true, default: 'active' },
    pausedUntil: Date,
    leftReason: { type: String, enum: ['moved', 'stopped', 'other'] },
    leftNote: String,
  },
  { _id: false },
);

export const personSchema = new Schema<PersonDoc>(
  {
    name: { type: String, required: true },
    roles: { type: [roleSchema], default: [] },
    identities: { type: [identitySchema], default: [] },
    identityKeys: { type: [String], default: undefined },
    languages: { type: [String], default: [] },
    block: String,
    stairwell: String,
    monthlyCapacity: { type: Number, default: DEFAULT_MONTHLY_CAPACITY, min: 0 },
    status: { type: statusSchema, default: () => ({ state: 'active' }) },
    volunteerAgreementAt: Date,
    confidentialityAt: Date,
    locale: { type: String, enum: ['da', 'en'], default: DEFAULT_LOCALE },
    interests: { type: [String], default: undefined },
    extraRoles: { type: [String], default: undefined },
  },
  { timestamps: true },
);

// A platform identity belongs to one person. One string per identity (models/identities.ts) in
// a unique multikey index: a compound index over the array's fields would pair every platform
// with every user id of the same person. Partial: people without any identity have no keys and
// must not collide with each other on "missing".
personSchema.index(
  { identityKeys: 1 },
  {
    name: 'unique_platform_identity',
    unique: true,
    partialFilterExpression: { identityKeys: { $exists: true } },
  },
);
personSchema.index({ 'roles.areaId': 1, 'roles.role': 1 }, { name: 'by_area_role' });
