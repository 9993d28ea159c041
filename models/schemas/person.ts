import { Schema, type Types } from 'mongoose';
import type { LeftReason, Locale, PersonState, Role } from '../types.js';
import { DEFAULT_LOCALE, DEFAULT_MONTHLY_CAPACITY } from '../../kernel/constants.js';

export const PERSON_MODEL = 'Person';

export interface PersonDoc {
  _id: Types.ObjectId;
  name: string;
  roles: Array<{ areaId: Types.ObjectId; role: Role }>;
  identities?: {
    slack?: { teamId: string; userId: string };
    teams?: { tenantId: string; aadObjectId: string };
    console?: { handle: string };
  };
  languages: string[];
  block?: string;
  stairwell?: string;
  monthlyCapacity: number;
  status: { state: PersonState; pausedUntil?: Date; leftReason?: LeftReason; leftNote?: string };
  volunteerAgreementAt?: Date;
  confidentialityAt?: Date;
  locale: Locale;
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

const identitiesSchema = new Schema(
  {
    slack: {
      type: new Schema(
        { teamId: { type: String, required: true }, userId: { type: String, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    teams: {
      type: new Schema(
        {
          tenantId: { type: String, required: true },
          aadObjectId: { type: String, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    console: {
      type: new Schema({ handle: { type: String, required: true } }, { _id: false }),
      default: undefined,
    },
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
    identities: { type: identitiesSchema, default: () => ({}) },
    languages: { type: [String], default: [] },
    block: String,
    stairwell: String,
    monthlyCapacity: { type: Number, default: DEFAULT_MONTHLY_CAPACITY, min: 0 },
    status: { type: statusSchema, default: () => ({ state: 'active' }) },
    volunteerAgreementAt: Date,
    confidentialityAt: Date,
    locale: { type: String, enum: ['da', 'en'], default: DEFAULT_LOCALE },
  },
  { timestamps: true },
);

// A platform identity belongs to one person. Partial indexes: people without that platform carry
// no such field and must not collide with each other on "missing".
personSchema.index(
  { 'identities.slack.teamId': 1, 'identities.slack.userId': 1 },
  {
    name: 'unique_slack_identity',
    unique: true,
    partialFilterExpression: { 'identities.slack.userId': { $exists: true } },
  },
);
personSchema.index(
  { 'identities.teams.tenantId': 1, 'identities.teams.aadObjectId': 1 },
  {
    name: 'unique_teams_identity',
    unique: true,
    partialFilterExpression: { 'identities.teams.aadObjectId': { $exists: true } },
  },
);
personSchema.index(
  { 'identities.console.handle': 1 },
  {
    name: 'unique_console_handle',
    unique: true,
    partialFilterExpression: { 'identities.console.handle': { $exists: true } },
  },
);
personSchema.index({ 'roles.areaId': 1, 'roles.role': 1 }, { name: 'by_area_role' });
