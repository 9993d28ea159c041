import type { ServerResponse } from 'node:http';
import type { Installation, InstallationStore } from '@slack/bolt';
import { InstallProvider, type CallbackOptions } from '@slack/oauth';
import type { Express } from 'express';
import type { SlackOAuthConfig } from '../../src/config/config.js';
import type { Logger } from '../../kernel/logger.js';
import { boltLogger } from './logger.js';
import type { SlackMessages } from './messages.js';

/** Where a workspace admin starts the install: redirected to Slack's consent screen. */
export const SLACK_INSTALL_PATH = '/slack/install';
/** Where Slack sends the admin back with the code (the app's Redirect URL in its settings). */
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes an install asks for: the manifest's, no more (test/slack/oauth-install.test.ts). */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read',
  'chat:write',
  'commands',
  'files:read',
  // The programme report's chart goes up with the external file upload.
  'files:write',
  'im:history',
  'im:write',
];

export interface SlackInstaller {
  /** Bolt's authorize for events: the token of the workspace the event came from. */
  readonly provider: InstallProvider;
  mount(target: Express): void;
}

/**
 * Slack's OAuth install flow, as Bolt runs it (@slack/oauth's InstallProvider, which Bolt's own
 * receivers use), on the web process's Express app: `/slack/install` sets a signed state cookie
 * and redirects to Slack; `/slack/oauth_redirect` checks the state, exchanges the code
 * (oauth.v2.access), and stores the installation. A workspace outside the allow-list, or an
 * organisation-wide install, is refused after the exchange and before anything is stored.
 */
export function createSlackInstaller(options: {
  oauth: SlackOAuthConfig;
  store: InstallationStore;
  apiUrl: string | undefined;
  allowedWorkspaces: readonly string[] | undefined;
  messages: SlackMessages;
  lang: string;
  logger: Logger;
  /** A workspace was (re)installed: its cached client, and old token, must go. */
  onInstalled(teamId: string): void;
}): SlackInstaller {
  const { logger, messages } = options;
  const provider = new InstallProvider({
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    stateSecret: options.oauth.stateSecret,
    installationStore: options.store,
    // The install link goes straight to Slack's consent screen; there is no landing page to read.
    directInstall: true,
    installUrlOptions: { scopes: SLACK_BOT_SCOPES },
    logger: boltLogger(logger, 'slack-oauth'),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: withTrailingSlash(options.apiUrl) } : {}),
      retryConfig: { retries: 0 },
    },
  });

  const page = (response: ServerResponse, status: number, title: string, body: string): void => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="${options.lang}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title></head><body style="font-family: sans-serif; ` +
        `max-width: 36em; margin: 3em auto; padding: 0 1em"><h1>${escapeHtml(title)}</h1>` +
        `<p>${escapeHtml(body)}</p></body></html>`,
    );
  };

  const callback: CallbackOptions = {
    afterInstallation: async (installation, _options, _request, response) => {
      if (installation.isEnterpriseInstall || !installation.team?.id) {
        logger.warn(
          { enterpriseId: installation.enterprise?.id },
          'Slack install refused: organisation-wide installs are not supported',
        );
        page(response, 403, messages.installRefusedTitle, messages.installOrgRefusedBody);
        return false;
      }
      const teamId = installation.team.id;
      if (options.allowedWorkspaces && !options.allowedWorkspaces.includes(teamId)) {
        logger.warn({ teamId }, 'Slack install refused: workspace not in NABO_SLACK_WORKSPACE_IDS');
        page(response, 403, messages.installRefusedTitle, messages.installRefusedBody);
        return false;
      }
      return true;
    },
    success: (installation: Installation, _options, _request, response) => {
      const teamId = installation.team?.id ?? '';
      options.onInstalled(teamId);
      logger.info({ teamId }, 'Slack app installed in a workspace');
      page(response, 200, messages.installedTitle, messages.installedBody);
    },
    failure: (error, _options, _request, response) => {
      logger.warn({ reason: error.code }, 'Slack install failed');
      page(response, 400, messages.installFailedTitle, messages.installFailedBody);
    },
  };

  return {
    provider,
    mount(target) {
      target.get(SLACK_INSTALL_PATH, (request, response) => {
        provider.handleInstallPath(request, response).catch((error: unknown) => {
          logger.error({ err: describe(error) }, 'Slack install link failed');
          if (!response.headersSent) {
            page(response, 500, messages.installFailedTitle, messages.installFailedBody);
          }
        });
      });
      target.get(SLACK_OAUTH_REDIRECT_PATH, (request, response) => {
        provider.handleCallback(request, response, callback).catch((error: unknown) => {
          logger.error({ err: describe(error) }, 'Slack install callback failed');
          if (!response.headersSent) {
            page(response, 500, messages.installFailedTitle, messages.installFailedBody);
          }
        });
      });
    },
  };
}

/** Only the message: an error from the exchange must not carry its request (client secret). */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? '',
  );
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
