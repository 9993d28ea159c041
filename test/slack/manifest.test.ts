import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SLACK_BOT_SCOPES,
  SLACK_EVENTS_PATH,
  SLACK_OAUTH_REDIRECT_PATH,
} from '../../adapters/slack/index.js';
import { sourceFiles } from '../support/source-imports.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url: string }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'slack/manifest.json'), 'utf8')) as Manifest;
const slackCode = sourceFiles(root, 'adapters/slack').map((file) => ({
  file,
  code: readFileSync(resolve(root, file), 'utf8'),
}));

/**
 * The bot scope each Web API method and event needs (Slack's method and event reference);
 * null: none. A method the adapter starts calling must be added here, with its scope.
 */
const SCOPE_OF_METHOD: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open': 'im:write',
  // Only the person's DM with the bot: a job's send looked up by its key after a crash.
  'conversations.history': 'im:history',
  // The programme report's chart is uploaded into the coordinator's DM.
  'files.completeUploadExternal': 'files:write',
  'files.getUploadURLExternal': 'files:write',
  'views.open': null,
  'views.publish': null,
  'views.update': null,
};
const SCOPE_OF_EVENT: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  app_uninstalled: null,
  'message.im': 'im:history',
  tokens_revoked: null,
};

/** Web API methods the adapter calls: `api.call('chat.postMessage', …)`, `callOnce('auth.test', …)`. */
function methodsTheCodeCalls(): string[] {
  const methods = slackCode.flatMap(({ code }) =>
    [...code.matchAll(/\b(?:call|callOnce)\(\s*'([a-z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1] ?? ''),
  );
  return [...new Set(methods)].sort();
}

/** Events the adapter listens to (`app.event('…')`); Bolt's `message` is `message.im` for DMs. */
function eventsTheCodeHandles(): string[] {
  const events = slackCode.flatMap(({ code }) =>
    [...code.matchAll(/\bapp\.event\(\s*'([a-z_.]+)'/g)].map((m) =>
      m[1] === 'message' ? 'message.im' : (m[1] ?? ''),
    ),
  );
  return [...new Set(events)].sort();
}

/** Files shared with Nabo are downloaded from `url_private` with the bot token. */
const downloadsFiles = (): boolean => slackCode.some(({ code }) => code.includes('url_private'));

describe('the Slack app manifest', () => {
  it('when the adapter code is read, then the manifest asks for exactly the scopes its calls, events, command and file downloads need', () => {
    const methods = methodsTheCodeCalls();
    expect(methods).toEqual(expect.arrayContaining(['chat.postMessage', 'conversations.open']));
    // A method without an entry in the table fails here: decide its scope first.
    expect(methods.filter((method) => !(method in SCOPE_OF_METHOD))).toEqual([]);

    const events = eventsTheCodeHandles();
    expect(events.filter((event) => !(event in SCOPE_OF_EVENT))).toEqual([]);

    const needed = new Set<string>();
    for (const method of methods) if (SCOPE_OF_METHOD[method]) needed.add(SCOPE_OF_METHOD[method]);
    for (const event of events) if (SCOPE_OF_EVENT[event]) needed.add(SCOPE_OF_EVENT[event]);
    if (manifest.features.slash_commands.length > 0) needed.add('commands');
    if (downloadsFiles()) needed.add('files:read');

    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    // Nothing the code never uses: no user directory, no DM listing.
    expect(manifest.oauth_config.scopes.bot).not.toContain('users:read');
    expect(manifest.oauth_config.scopes.bot).not.toContain('im:read');
  });

  it('when read, then it subscribes to exactly the events the adapter handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      eventsTheCodeHandles(),
    );
  });

  it('when read, then events, interactivity and /nabo all point at the one Slack route', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(['/nabo']);
  });

  it('when a workspace installs Nabo through /slack/install, then it is asked for the manifest’s scopes and sent back to Nabo’s redirect route', () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(manifest.oauth_config.redirect_urls.map((url) => new URL(url).pathname)).toEqual([
      SLACK_OAUTH_REDIRECT_PATH,
    ]);
  });

  it('when read, then the App Home has its Home tab and its messages tab', () => {
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
    });
  });
});
