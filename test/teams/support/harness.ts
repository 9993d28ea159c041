import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { composeConversation } from '../../../app/compose.js';
import type { NaboDatabase } from '../../../models/database.js';
import {
  createTeamsPlatform,
  type TeamsPlatform,
  type TeamsPlatformOptions,
} from '../../../adapters/teams/index.js';
import { startWebProcess, type WebProcess } from '../../../adapters/http/web-process.js';
import type { TeamsConfig } from '../../../src/config/config.js';
import { fixedClock } from '../../../kernel/clock.js';
import { createLogger } from '../../../kernel/logger.js';
import { FakeConnector, SERVICE_URL } from './connector.js';

/**
 * The real web process with the Teams platform in it, on port 0, talking to the test database
 * and a real Redis. Tests post activities to /api/messages over HTTP and then wait for the
 * platform to be idle: no sleeps, no timing.
 */

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000a0b1';
export const BOT_ID = '28:nabo-bot-id';

export const AUTH_OFF: TeamsConfig = {
  appId: '',
  appPassword: undefined,
  appType: 'MultiTenant',
  tenantId: undefined,
};

/** Retries that do not wait, so reliability tests take no time and assert no timing. */
export const INSTANT_RETRY: TeamsPlatformOptions['retry'] = {
  sleep: async () => undefined,
  random: () => 0.5,
};

export interface TeamsHarness {
  readonly web: WebProcess;
  readonly platform: TeamsPlatform;
  readonly url: string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  postRaw(body: string, headers?: Record<string, string>): Promise<Response>;
  /** Posts and waits until the bot has finished answering. */
  deliver(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTeams(
  db: NaboDatabase,
  config: TeamsConfig = AUTH_OFF,
  options: TeamsPlatformOptions = {},
  now = '2026-11-27T10:00:00+01:00',
): Promise<TeamsHarness> {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  // The real composition of a web process's conversation: registry, notifier, pipeline.
  const conversation = composeConversation({
    db,
    clock: fixedClock(now),
    logger: createLogger({ level: 'silent' }),
    timeZone: 'Europe/Copenhagen',
    locale: 'da',
  });
  const platform = conversation.register(
    createTeamsPlatform(config, conversation.context, { retry: INSTANT_RETRY, ...options }),
  );
  const web = await startWebProcess({
    port: 0,
    host: '127.0.0.1',
    db,
    redis,
    platforms: [platform],
  });
  const url = `http://127.0.0.1:${web.port}/api/messages`;
  const postRaw = (body: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const post = (activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postRaw(JSON.stringify(activity), headers);
  return {
    web,
    platform,
    url,
    post,
    postRaw,
    async deliver(activity, headers) {
      const response = await post(activity, headers);
      await platform.whenIdle();
      return response;
    },
    async close() {
      await web.close();
      redis.disconnect();
    },
  };
}

/**
 * One Teams web process for the whole test file (starting one per test would cost a server and a
 * Redis connection each time), with the fake Bot Connector installed before it starts. The
 * connector forgets its calls, attempts and scripted failures before each test, so every test
 * sees only what it caused. Call at module level, after `useTestDatabase()`; `teams` works inside
 * tests and in hooks registered after this call (before that it throws).
 */
export function useTeamsHarness(
  db: () => NaboDatabase,
  setup: { config?: TeamsConfig; options?: TeamsPlatformOptions; now?: string } = {},
): { connector: FakeConnector; teams: TeamsHarness } {
  const connector = new FakeConnector();
  let started: TeamsHarness | undefined;

  beforeAll(async () => {
    connector.install();
    started = await startTeams(db(), setup.config, setup.options, setup.now);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => connector.clear());

  const harness = (): TeamsHarness => {
    if (!started)
      throw new Error(
        'useTeamsHarness: the Teams harness has not started; use it inside tests, or in hooks registered after useTeamsHarness',
      );
    return started;
  };
  const teams: TeamsHarness = {
    get web() {
      return harness().web;
    },
    get platform() {
      return harness().platform;
    },
    get url() {
      return harness().url;
    },
    post: (activity, headers) => harness().post(activity, headers),
    postRaw: (body, headers) => harness().postRaw(body, headers),
    deliver: (activity, headers) => harness().deliver(activity, headers),
    close: () => harness().close(),
  };
  return { connector, teams };
}

/** A person in Teams, with their personal chat with the bot. */
export interface TeamsUser {
  aadObjectId: string;
  userId: string;
  conversationId: string;
  tenantId: string;
}

export function newUser(tenantId = TENANT_ID): TeamsUser {
  const aadObjectId = randomUUID();
  return {
    aadObjectId,
    userId: `29:${aadObjectId}`,
    conversationId: `a:personal-${aadObjectId}`,
    tenantId,
  };
}

let activities = 0;

/** An activity as Teams posts it; `conversationType` 'personal' unless said otherwise. */
export function activityFrom(
  user: TeamsUser,
  fields: Record<string, unknown>,
  where: { conversationType?: 'personal' | 'channel' | 'groupChat'; conversationId?: string } = {},
): Record<string, unknown> {
  const conversationType = where.conversationType ?? 'personal';
  return {
    type: 'message',
    id: `in-${++activities}-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    timestamp: new Date().toISOString(),
    from: { id: user.userId, name: 'Birgit Sørensen', aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'Nabo' },
    conversation: {
      id: where.conversationId ?? user.conversationId,
      conversationType,
      tenantId: user.tenantId,
      ...(conversationType === 'channel' ? { isGroup: true } : {}),
    },
    channelData: { tenant: { id: user.tenantId } },
    locale: 'da-DK',
    ...fields,
  };
}

export function textFrom(user: TeamsUser, text: string): Record<string, unknown> {
  return activityFrom(user, { text, textFormat: 'plain' });
}

/** Action.Submit: Teams posts a message whose value is the button's data, replying to the card. */
export function submitFrom(
  user: TeamsUser,
  data: unknown,
  cardActivityId: string,
): Record<string, unknown> {
  return activityFrom(user, { value: data, replyToId: cardActivityId });
}
