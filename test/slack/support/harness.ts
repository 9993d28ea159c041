import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { composeConversation } from '../../../app/compose.js';
import { createSlackPlatform, type SlackPlatform } from '../../../adapters/slack/index.js';
import { startWebProcess, type WebProcess } from '../../../adapters/http/web-process.js';
import type { NaboDatabase } from '../../../models/database.js';
import { fixedClock, type Clock } from '../../../kernel/clock.js';
import { createLogger } from '../../../kernel/logger.js';
import type { TestDatabase } from '../../support/database.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { nowSeconds, signature, SIGNING_SECRET } from '../../support/slack-delivery.js';

export const BOT_TOKEN = 'xoxb-test-token';
export const TEAM = 'T0NABO';
export const BOT_USER = 'U0BOT';

export {
  SIGNING_SECRET,
  deliverSlackEvent,
  nowSeconds,
  signature,
  slackHeaders,
} from '../../support/slack-delivery.js';

export interface PostOptions {
  contentType?: string;
  timestamp?: number;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** Captured log lines, to check what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}

export interface SlackHarness {
  readonly db: NaboDatabase;
  readonly api: FakeSlackApi;
  readonly platform: SlackPlatform;
  readonly logs: LogCapture;
  readonly url: string;
  /** Posts a signed request and waits for the bot's work after the ack to finish. */
  post(body: string | Buffer, options?: PostOptions): Promise<{ status: number; text: string }>;
  postEvent(payload: object, options?: PostOptions): Promise<{ status: number; text: string }>;
  postInteraction(
    payload: object,
    options?: PostOptions,
  ): Promise<{ status: number; text: string }>;
  postCommand(
    fields: Record<string, string>,
    options?: PostOptions,
  ): Promise<{ status: number; text: string }>;
}

/**
 * The real web process with the Slack platform mounted, on port 0, over a test database and a
 * real Redis; Slack's Web API answered by nock. One per test file.
 */
export function useSlackHarness(
  database: TestDatabase,
  options: {
    clock?: Clock;
    apiUrl?: string;
    sleep?: (ms: number) => Promise<void>;
    allowedWorkspaces?: string[];
  } = {},
): SlackHarness {
  const api = new FakeSlackApi(options.apiUrl ? new URL(options.apiUrl).origin : undefined);
  const logs = new LogCapture();
  let web: WebProcess | undefined;
  let redis: Redis | undefined;
  let platform: SlackPlatform | undefined;

  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    // The real composition of a web process's conversation: registry, notifier, pipeline.
    const conversation = composeConversation({
      db: database(),
      clock: options.clock ?? fixedClock('2026-11-27T10:00:00+01:00'),
      logger: createLogger({ level: 'info', destination: logs }),
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
    });
    platform = conversation.register(
      createSlackPlatform(
        {
          botToken: BOT_TOKEN,
          signingSecret: SIGNING_SECRET,
          appToken: undefined,
          apiUrl: options.apiUrl,
          allowedWorkspaces: options.allowedWorkspaces,
        },
        conversation.context,
        options.sleep ? { sleep: options.sleep } : {},
      ),
    );
    web = await startWebProcess({
      port: 0,
      host: '127.0.0.1',
      db: database(),
      redis,
      platforms: [platform],
    });
  });
  afterAll(async () => {
    await web?.close();
    await redis?.quit();
  });
  beforeEach(() => {
    api.reset();
    api.install();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  const url = (): string => `http://127.0.0.1:${web?.port ?? 0}/slack/events`;

  async function post(body: string | Buffer, postOptions: PostOptions = {}) {
    const timestamp = postOptions.timestamp ?? nowSeconds();
    const headers: Record<string, string> = {
      'content-type': postOptions.contentType ?? 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      ...postOptions.headers,
    };
    if (postOptions.signature !== null)
      headers['x-slack-signature'] = postOptions.signature ?? signature(body, timestamp);
    const response = await fetch(url(), { method: 'POST', headers, body });
    const text = await response.text();
    await platform?.settled();
    return { status: response.status, text };
  }

  return {
    get db() {
      return database();
    },
    api,
    get platform() {
      if (!platform) throw new Error('harness not started');
      return platform;
    },
    logs,
    get url() {
      return url();
    },
    post,
    postEvent: (payload, postOptions) => post(JSON.stringify(payload), postOptions),
    postInteraction: (payload, postOptions) =>
      post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
        contentType: 'application/x-www-form-urlencoded',
        ...postOptions,
      }),
    postCommand: (fields, postOptions) =>
      post(new URLSearchParams(fields).toString(), {
        contentType: 'application/x-www-form-urlencoded',
        ...postOptions,
      }),
  };
}
