import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseTransport, createSlackPlatform } from '../../adapters/slack/index.js';
import { createWebApp } from '../../adapters/http/server.js';
import type { PlatformContext } from '../../adapters/platform.js';
import type { NaboDatabase } from '../../models/database.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { composeConversation } from '../../app/compose.js';

/** No database is touched by these tests: the platform is built, asked to choose, and checked. */
const context: PlatformContext = composeConversation({
  db: {} as NaboDatabase,
  clock: fixedClock('2026-11-27T10:00:00+01:00'),
  logger: createLogger({ level: 'silent' }),
  timeZone: 'Europe/Copenhagen',
  locale: 'da',
}).context;

afterEach(() => {
  nock.cleanAll();
});

const NO_CHECKS = { mongodb: async () => {}, redis: async () => {}, platforms: {} };

describe('choosing how Slack reaches Nabo', () => {
  it('when an app-level token is set, then Socket Mode is chosen and no HTTP route is mounted', () => {
    const platform = createSlackPlatform(
      { botToken: 'xoxb-1', signingSecret: undefined, appToken: 'xapp-1', apiUrl: undefined },
      context,
    );
    expect(platform.transport).toBe('socket');
    const app = createWebApp({ checks: NO_CHECKS, mount: [(target) => platform.mount(target)] });
    const routes = (app.router.stack as Array<{ route?: { path: string } }>).flatMap((layer) =>
      layer.route ? [layer.route.path] : [],
    );
    expect(routes).not.toContain('/slack/events');
  });

  it('when only a signing secret is set, then HTTP is chosen and /slack/events is mounted', () => {
    const platform = createSlackPlatform(
      { botToken: 'xoxb-1', signingSecret: 'secret', appToken: undefined, apiUrl: undefined },
      context,
    );
    expect(platform.transport).toBe('http');
    const app = createWebApp({ checks: NO_CHECKS, mount: [(target) => platform.mount(target)] });
    const routes = (app.router.stack as Array<{ route?: { path: string } }>).flatMap((layer) =>
      layer.route ? [layer.route.path] : [],
    );
    expect(routes).toContain('/slack/events');
  });

  it('when neither a signing secret nor an app token is set, then the platform refuses to start with one clear line', () => {
    expect(() => chooseTransport({ appToken: undefined, signingSecret: undefined })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('SLACK_SIGNING_SECRET'),
      }),
    );
  });

  it('when SLACK_API_URL is set, then Web API calls go there instead of slack.com', async () => {
    const scope = nock('http://slack-proxy.test')
      .post('/api/auth.test')
      .reply(200, { ok: true, user_id: 'U0BOT' });
    const platform = createSlackPlatform(
      {
        botToken: 'xoxb-1',
        signingSecret: 'secret',
        appToken: undefined,
        apiUrl: 'http://slack-proxy.test/api',
      },
      context,
    );
    await expect(platform.check()).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it('when auth.test says invalid_auth, then check() rejects', async () => {
    nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: false, error: 'invalid_auth' });
    const platform = createSlackPlatform(
      { botToken: 'xoxb-1', signingSecret: 'secret', appToken: undefined, apiUrl: undefined },
      context,
    );
    await expect(platform.check()).rejects.toMatchObject({ slackError: 'invalid_auth' });
    // Known bad: the next check does not call Slack again (nock would fail an unmatched call).
    await expect(platform.check()).rejects.toMatchObject({ slackError: 'invalid_auth' });
  });
});
