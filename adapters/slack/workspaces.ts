import type { Installation, InstallationStore } from '@slack/bolt';
import type { Logger } from '../../kernel/logger.js';
import { isSlackApiError, SlackApiError } from './errors.js';
import { createSlackApi, isAuthFailure, type SlackApi } from './web-api.js';

/**
 * The bot's credentials per Slack workspace. With one bot token (SLACK_BOT_TOKEN) every
 * workspace gets the same client; with OAuth installs each workspace's own token is read from
 * the installation store. Outbound calls, proactive sends and file downloads all ask here with
 * the workspace (team id) of the conversation or the person.
 */
export interface SlackWorkspaces {
  api(teamId: string): Promise<SlackApi>;
  /** The bot token, for file downloads (sent only to Slack's hosts). */
  token(teamId: string): Promise<string>;
  /** Drops what is known of the workspace (after an uninstall or a revoked token). */
  forget(teamId: string): void;
  /** /healthz: whether the bot's credentials work. */
  check(): Promise<void>;
}

/** One workspace, one bot token. */
export function singleWorkspace(api: SlackApi, token: string): SlackWorkspaces {
  return {
    api: async () => api,
    token: async () => token,
    forget: () => undefined,
    check: () => api.check(),
  };
}

/** Slack's error code for "no installation is stored for this workspace" (not Slack's own). */
export const NOT_INSTALLED = 'not_installed';

/**
 * Workspaces that installed Nabo through OAuth. A client per workspace is kept while its token
 * works; once Slack rejects it (app removed, token revoked — possibly seen by another process)
 * the installation is read again, and a workspace without one is `not_installed`.
 */
export function installedWorkspaces(options: {
  store: InstallationStore;
  apiUrl: string | undefined;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}): SlackWorkspaces {
  const clients = new Map<string, { token: string; api: SlackApi }>();

  async function client(teamId: string): Promise<{ token: string; api: SlackApi }> {
    const known = clients.get(teamId);
    if (known && known.api.authFailure === undefined) return known;
    clients.delete(teamId);
    let installation: Installation<'v1' | 'v2', boolean>;
    try {
      installation = await options.store.fetchInstallation({
        teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
    } catch (error) {
      throw new SlackApiError('DEPENDENCY_UNAVAILABLE', 'installation', NOT_INSTALLED, {
        cause: error,
      });
    }
    const token = installation.bot?.token;
    if (!token) throw new SlackApiError('DEPENDENCY_UNAVAILABLE', 'installation', NOT_INSTALLED);
    const api = createSlackApi({
      token,
      apiUrl: options.apiUrl,
      logger: options.logger.child({ teamId }),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    const entry = { token, api };
    clients.set(teamId, entry);
    return entry;
  }

  /**
   * The workspace's client, which reads the installation again when Slack rejects the token it
   * has: after a reinstall in another process (the web process took it, the worker still held
   * the old token) the same call is made once more with the new token.
   */
  function teamApi(teamId: string): SlackApi {
    return {
      get authFailure() {
        return clients.get(teamId)?.api.authFailure;
      },
      async call(method, args, callOptions) {
        const first = await client(teamId);
        try {
          return await first.api.call(method, args, callOptions);
        } catch (error) {
          if (!isSlackApiError(error) || !isAuthFailure(error.slackError)) throw error;
          const again = await client(teamId);
          if (again.token === first.token) throw error;
          return again.api.call(method, args, callOptions);
        }
      },
      check: async () => (await client(teamId)).api.check(),
    };
  }

  return {
    api: async (teamId) => teamApi(teamId),
    token: async (teamId) => (await client(teamId)).token,
    forget: (teamId) => {
      clients.delete(teamId);
    },
    // A workspace whose token was revoked is that workspace's problem, logged when it happens;
    // the others, and new installs, still work, so Slack as a whole stays up.
    check: async () => undefined,
  };
}
