import { Schema, type Types } from 'mongoose';
import type { SealedSecret } from '../secret-box.js';

export const SLACK_INSTALLATION_MODEL = 'SlackInstallation';

/**
 * One Slack workspace (or Enterprise Grid organisation) that installed Nabo through the OAuth
 * flow. Only ids are kept in clear, to find the installation; the installation itself, with its
 * tokens, is sealed (models/secret-box.ts).
 */
export interface SlackInstallationDoc {
  _id: Types.ObjectId;
  /** The team id, or the enterprise id of an organisation-wide install. */
  key: string;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
  sealed: SealedSecret;
  createdAt: Date;
  updatedAt: Date;
}

const sealedSchema = new Schema<SealedSecret>(
  {
    keyId: { type: String, required: true },
    iv: { type: String, required: true },
    tag: { type: String, required: true },
    data: { type: String, required: true },
  },
  { _id: false },
);

export const slackInstallationSchema = new Schema<SlackInstallationDoc>(
  {
    key: { type: String, required: true, unique: true },
    teamId: { type: String },
    enterpriseId: { type: String },
    isEnterpriseInstall: { type: Boolean, required: true },
    sealed: { type: sealedSchema, required: true },
  },
  { timestamps: true },
);
