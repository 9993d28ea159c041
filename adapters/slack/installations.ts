import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { SealedSlackInstallations, SlackInstallationKey } from '../../models/database.js';
import { NaboError } from '../../kernel/errors.js';

function keyOf(query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): SlackInstallationKey {
  return {
    teamId: query.teamId,
    enterpriseId: query.enterpriseId,
    isEnterpriseInstall: query.isEnterpriseInstall === true,
  };
}

/**
 * Bolt's installation store, kept in MongoDB (models/repositories/slack-installations.ts):
 * InstallProvider stores what a workspace's install gave us, and looks it up for every event
 * (Bolt's authorize) and every send. The repository seals the installation, tokens included,
 * before it is written; nothing here logs it.
 */
export function mongoInstallationStore(installations: SealedSlackInstallations): InstallationStore {
  return {
    async storeInstallation(installation) {
      await installations.save({
        ...keyOf({
          teamId: installation.team?.id,
          enterpriseId: installation.enterprise?.id,
          isEnterpriseInstall: installation.isEnterpriseInstall,
        }),
        installationJson: JSON.stringify(installation),
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const json = await installations.find(keyOf(query));
      if (json === undefined) {
        const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
        throw new NaboError('NOT_FOUND', `Nabo is not installed in Slack workspace ${id ?? '?'}`);
      }
      return JSON.parse(json) as Installation<'v1' | 'v2', boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await installations.delete(keyOf(query));
    },
  };
}
