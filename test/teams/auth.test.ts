import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TeamsConfig } from '../../src/config/config.js';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { visibleText } from './support/cards.js';
import { SERVICE_URL } from './support/connector.js';
import { newUser, textFrom, useTeamsHarness } from './support/harness.js';
import { teamsAmbassador } from './support/people.js';
import {
  channelClaims,
  createSigningKey,
  mintToken,
  serveOpenIdMetadata,
} from './support/tokens.js';

/**
 * Teams end to end with authentication on. botbuilder checks the tokens; these tests prove it is
 * wired so that it does: every refused request is a 401 and leaves no trace — no answer, no
 * connector call, nothing handled. botbuilder caches keys and tokens per process, which vitest's
 * per-file isolation keeps to this file.
 */

const APP_ID = '3f1c7a52-9d4e-4b8a-a1f0-5c2e8d7b6a90';
const CONFIG: TeamsConfig = {
  appId: APP_ID,
  appPassword: 'not-a-real-secret',
  appType: 'MultiTenant',
  tenantId: undefined,
};
const BOT_TOKEN = 'bot-access-token-from-login';

const db = useTestDatabase();
const key = createSigningKey('nabo-test-key');
const slackOnlyKey = createSigningKey('slack-only-key', ['slack']);
const strangerKey = createSigningKey('unpublished-key');
const tokenRequests: string[] = [];

// Registered before the harness, so the keys and the token endpoint are there when it starts.
beforeAll(async () => {
  // botbuilder prints refused tokens (and the public keys it tried) with console.error itself;
  // the assertions below are what matters, not that noise.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  serveOpenIdMetadata([key, slackOnlyKey]);
  // The bot's own token for calling the connector (client credentials against botframework.com).
  nock('https://login.microsoftonline.com')
    .persist()
    .post(/oauth2\/v2\.0\/token/)
    .query(true)
    .reply((request: Request) => {
      const url = new URL(request.url);
      tokenRequests.push(url.pathname + url.search);
      return [
        200,
        { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: BOT_TOKEN },
      ];
    });
});

// afterAll hooks run in reverse order: this one after the harness has closed.
afterAll(() => {
  vi.restoreAllMocks();
});

const { connector, teams } = useTeamsHarness(db, { config: CONFIG });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function refused(activity: Record<string, unknown>, headers: Record<string, string>) {
  const response = await teams.deliver(activity, headers);
  return { status: response.status, attempts: connector.attempts.length };
}

describe('Teams authentication', () => {
  it('when the token is valid, then the activity is handled and the reply carries the bot token', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    await teamsAmbassador(estate, user);

    const response = await teams.deliver(
      textFrom(user, 'hjælp'),
      bearer(mintToken(key, channelClaims(APP_ID, SERVICE_URL))),
    );

    expect(response.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain(
      'Jeg holder styr på dine velkomstbesøg',
    );
    expect(tokenRequests.some((uri) => uri.includes('/botframework.com/oauth2/v2.0/token'))).toBe(
      true,
    );
  });

  it('when /healthz is asked, then the Teams credentials count as working', async () => {
    const response = await fetch(`http://127.0.0.1:${teams.web.port}/healthz`);
    const report = (await response.json()) as { checks: Record<string, string> };
    expect(report.checks.teams).toBe('ok');
  });

  const now = Math.floor(Date.now() / 1000);
  const cases: Array<[string, () => Record<string, string>]> = [
    ['there is no token', () => ({})],
    ['the header is not a bearer token', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    ['the token is garbage', () => bearer('not.a.jwt')],
    [
      'the audience is another app',
      () =>
        bearer(mintToken(key, { ...channelClaims(APP_ID, SERVICE_URL), aud: 'another-app-id' })),
    ],
    [
      'the token has expired',
      () => bearer(mintToken(key, channelClaims(APP_ID, SERVICE_URL, now - 3 * 3600))),
    ],
    [
      'the issuer is not the Bot Framework',
      () =>
        bearer(
          mintToken(key, { ...channelClaims(APP_ID, SERVICE_URL), iss: 'https://evil.example' }),
        ),
    ],
    [
      'the key id is unknown',
      () => bearer(mintToken(key, channelClaims(APP_ID, SERVICE_URL), 'no-such-key')),
    ],
    [
      'the token is signed by an unpublished key under a known id',
      () => bearer(mintToken(strangerKey, channelClaims(APP_ID, SERVICE_URL), key.kid)),
    ],
    [
      'the serviceurl claim differs from the activity',
      () => bearer(mintToken(key, channelClaims(APP_ID, 'https://smba.evil.example/'))),
    ],
    [
      'the signing key is not endorsed for Teams',
      () => bearer(mintToken(slackOnlyKey, channelClaims(APP_ID, SERVICE_URL))),
    ],
  ];

  it.each(cases)('when %s, then the answer is 401 and nothing happens', async (_case, headers) => {
    const estate = await createEstate(db());
    const user = newUser();
    await teamsAmbassador(estate, user);
    const activity = textFrom(user, 'hjælp');

    expect(await refused(activity, headers())).toEqual({ status: 401, attempts: 0 });
    // Not even marked as processed: the same activity with a valid token is still handled.
    const valid = await teams.deliver(
      activity,
      bearer(mintToken(key, channelClaims(APP_ID, SERVICE_URL))),
    );
    expect(valid.status).toBe(200);
    expect(connector.calls).toHaveLength(1);
  });
});
