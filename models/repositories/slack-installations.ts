import type { Model } from 'mongoose';
import type { SlackInstallationDoc } from '../schemas/slack-installation.js';
import type { SecretBox } from '../secret-box.js';

/** Where an installation belongs: a workspace, or an organisation for an org-wide install. */
export interface SlackInstallationKey {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

/** What the adapter stores: the ids in clear, and the installation (with its tokens) as JSON. */
export interface SlackInstallationRecord extends SlackInstallationKey {
  installationJson: string;
}

export interface SealedSlackInstallations {
  /** Saves (or replaces, on a reinstall) the installation of its workspace. */
  save(record: SlackInstallationRecord): Promise<void>;
  /** The installation's JSON, opened; undefined when none is stored. */
  find(key: SlackInstallationKey): Promise<string | undefined>;
  /** Erases the installation; true when there was one. */
  delete(key: SlackInstallationKey): Promise<boolean>;
}

/**
 * Slack installations (OAuth installs in several workspaces). Everything that could act as the
 * bot is sealed with the operator's key before it reaches MongoDB; the repository is used
 * through `sealedWith(box)`, so no code path writes an installation unsealed.
 */
export interface SlackInstallationRepository {
  sealedWith(box: SecretBox): SealedSlackInstallations;
  /** The workspaces with an installation (ids only), for operators and tests. */
  listKeys(): Promise<string[]>;
}

/** The record's lookup key, also the sealed value's context: an org install uses its org id. */
export function installationKeyOf(key: SlackInstallationKey): string | undefined {
  return key.isEnterpriseInstall ? key.enterpriseId : key.teamId;
}

export function createSlackInstallationRepository(
  model: Model<SlackInstallationDoc>,
): SlackInstallationRepository {
  return {
    sealedWith(box) {
      return {
        async save(record) {
          const key = installationKeyOf(record);
          if (!key) throw new Error('A Slack installation needs a team or enterprise id');
          const sealed = box.seal(record.installationJson, `slack-installation:${key}`);
          await model.updateOne(
            { key },
            {
              $set: {
                teamId: record.teamId,
                enterpriseId: record.enterpriseId,
                isEnterpriseInstall: record.isEnterpriseInstall,
                sealed,
              },
            },
            { upsert: true },
          );
        },
        async find(query) {
          const key = installationKeyOf(query);
          if (!key) return undefined;
          const doc = await model.findOne({ key }).lean();
          return doc ? box.open(doc.sealed, `slack-installation:${key}`) : undefined;
        },
        async delete(query) {
          const key = installationKeyOf(query);
          if (!key) return false;
          const result = await model.deleteOne({ key });
          return result.deletedCount > 0;
        },
      };
    },
    async listKeys() {
      const docs = await model.find({}, { key: 1 }).sort({ key: 1 }).lean();
      return docs.map((doc) => doc.key);
    },
  };
}
