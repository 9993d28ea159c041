import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import { startOwnRedis } from '../jobs/support/own-redis.js';
import { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackPlatform } from '../../adapters/slack/index.js';
import { startWebApp, type WebApp } from '../../app/web-app.js';
import { connectDatabase } from '../../models/database.js';
import { startEmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { loadConfig } from '../../src/config/config.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { FakeSlackApi } from '../slack/support/fake-slack-api.js';
import { BOT_TOKEN, deliverSlackEvent, SIGNING_SECRET, TEAM } from '../slack/support/harness.js';
import { directMessage } from '../slack/support/payloads.js';

/**
 * /healthz and /metrics of the web process as app/web.ts composes it (startWebApp), with Slack
 * and Teams both configured, over real HTTP. Slack's Web API is nock; Teams runs without
 * authentication (NABO_TEAMS_LOCAL), so its credentials always work.
 */

const db = useTestDatabase();
const slackApi = new FakeSlackApi();
const queuePrefix = `nabo-health-${randomBytes(4).toString('hex')}`;
let app: WebApp;
let base = '';

const config = (extra: Record<string, string> = {}) =>
  loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    NABO_TEAMS_LOCAL: 'true',
    LOG_LEVEL: 'silent',
    ...extra,
  });

const start = (settings = config(), database = db()) =>
  startWebApp(settings, {
    db: database,
    clock: fixedClock('2026-11-27T10:00:00+01:00'),
    logger: createLogger({ level: 'silent' }),
    queuePrefix,
    host: '127.0.0.1',
  });

async function postSlack(payload: object): Promise<number> {
  const status = await deliverSlackEvent(`${base}/slack/events`, payload);
  const slack = app.nabo.hosted.find((platform) => platform.adapter.id === 'slack');
  await (slack as SlackPlatform).settled();
  return status;
}

async function health(): Promise<{ status: number; report: Record<string, unknown> }> {
  const response = await fetch(`${base}/healthz`);
  return { status: response.status, report: (await response.json()) as Record<string, unknown> };
}

async function metrics(): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample, by metric name and labels (in any order). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

async function ambassador(user: string): Promise<void> {
  const estate = await createEstate(db());
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  await estate.assign(person, [{ names: ['Ove Christensen'], address: 'Gudrunsvej 10' }]);
}

beforeAll(async () => {
  app = await start();
  base = `http://127.0.0.1:${app.web.port}`;
});

afterAll(async () => {
  await app?.web.close();
  await app?.nabo.close();
});

beforeEach(() => {
  nock.cleanAll();
  slackApi.reset();
  slackApi.install();
});

describe('GET /healthz', () => {
  it('when everything answers, then it is 200 with MongoDB, Redis and each platform reported', async () => {
    const { status, report } = await health();
    expect(status).toBe(200);
    expect(report).toMatchObject({
      status: 'ok',
      mongodb: 'ok',
      redis: 'ok',
      platforms: { slack: 'ok', teams: 'ok' },
    });
  });

  it('when the Slack token is revoked, then Slack is reported unavailable and the process stays in the load balancer for Teams', async () => {
    await ambassador('U0REVOKED');
    slackApi.failNext('chat.postMessage', { body: { ok: false, error: 'token_revoked' } });
    await postSlack(directMessage('U0REVOKED', 'mine besøg'));

    const { status, report } = await health();
    expect(status).toBe(200);
    expect(report).toMatchObject({
      status: 'degraded',
      mongodb: 'ok',
      platforms: { slack: 'unavailable', teams: 'ok' },
    });

    // Slack takes the token again: healthy again.
    await postSlack(directMessage('U0REVOKED', 'hjælp'));
    expect((await health()).report).toMatchObject({ platforms: { slack: 'ok' } });
  });

  it('when MongoDB is down, then it is 503 even though the platforms work', async () => {
    const server = await startEmbeddedMongo({ port: 0 });
    const own = await connectDatabase(server.uri, { dbName: 'nabo_health_down' });
    const down = await start(config(), own);
    try {
      await server.stop();
      const response = await fetch(`http://127.0.0.1:${down.web.port}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'unavailable',
        mongodb: 'unavailable',
        platforms: { slack: 'ok', teams: 'ok' },
      });
    } finally {
      await down.web.close();
      await down.nabo.close().catch(() => undefined);
    }
  });

  it('when Redis cannot be reached, then it is reported, and the process still serves (200)', async () => {
    const nowhere = new Redis('redis://127.0.0.1:9', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    nowhere.on('error', () => undefined);
    const { startWebProcess } = await import('../../adapters/http/web-process.js');
    const web = await startWebProcess({
      port: 0,
      host: '127.0.0.1',
      db: db(),
      redis: nowhere,
      platforms: app.nabo.hosted,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${web.port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'degraded', redis: 'unavailable' });
    } finally {
      await web.close();
      nowhere.disconnect();
    }
  });
});

describe('GET /metrics', () => {
  it('when turns are answered, then turns, their latency and the sends are counted', async () => {
    await ambassador('U0COUNTED');
    const before = await metrics();
    const turnsBefore =
      sample(before, 'nabo_turns_total', { platform: 'slack', kind: 'message', result: 'ok' }) ?? 0;

    await postSlack(directMessage('U0COUNTED', 'mine besøg'));
    await postSlack(directMessage('U0COUNTED', 'hjælp'));

    const after = await metrics();
    expect(
      sample(after, 'nabo_turns_total', { platform: 'slack', kind: 'message', result: 'ok' }),
    ).toBe(turnsBefore + 2);
    expect(sample(after, 'nabo_turn_duration_seconds_count', { platform: 'slack' })).toBe(
      (sample(before, 'nabo_turn_duration_seconds_count', { platform: 'slack' }) ?? 0) + 2,
    );
    expect(
      sample(after, 'nabo_sends_total', { platform: 'slack', operation: 'send', result: 'ok' }),
    ).toBeGreaterThanOrEqual(2);
    expect(after).toMatch(/^nabo_web_process_resident_memory_bytes \d+/m);
  });

  it('when Slack delivers the same event again, then it is counted as a dedupe hit and not answered twice', async () => {
    await ambassador('U0TWICE');
    const event = directMessage('U0TWICE', 'mine besøg');
    const before =
      sample(await metrics(), 'nabo_events_already_handled_total', { platform: 'slack' }) ?? 0;

    await postSlack(event);
    await postSlack(event);

    expect(slackApi.callsTo('chat.postMessage')).toHaveLength(1);
    expect(
      sample(await metrics(), 'nabo_events_already_handled_total', { platform: 'slack' }),
    ).toBe(before + 1);
  });

  it('when Slack answers 429, then the wait is counted and the send still goes out once', async () => {
    await ambassador('U0LIMITED');
    slackApi.failNext('chat.postMessage', {
      status: 429,
      body: { ok: false, error: 'ratelimited' },
      headers: { 'retry-after': '0' },
    });

    await postSlack(directMessage('U0LIMITED', 'mine besøg'));

    expect(sample(await metrics(), 'nabo_rate_limited_total', { platform: 'slack' })).toBe(1);
    expect(slackApi.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('when jobs wait in a queue, then its depth is reported by state', async () => {
    const queue = new Queue(`health-depth-${randomBytes(3).toString('hex')}`, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: queuePrefix,
    });
    try {
      await queue.add('later', {}, { delay: 60 * 60 * 1000 });
      await queue.add('later', {}, { delay: 60 * 60 * 1000 });
      await queue.add('now', {});
      app.metrics.watchQueues(() => [queue]);

      const text = await metrics();
      expect(sample(text, 'nabo_queue_jobs', { queue: queue.name, state: 'delayed' })).toBe(2);
      expect(sample(text, 'nabo_queue_jobs', { queue: queue.name, state: 'waiting' })).toBe(1);
    } finally {
      app.metrics.watchQueues(() => app.nabo.jobs.queues.all());
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('when the Redis of the queues is down, then /metrics still answers, without their depth', async () => {
    const own = await startOwnRedis();
    const connection = createRedisConnection(own.url, { forWorker: true });
    connection.on('error', () => undefined);
    const queue = new Queue(`health-down-${randomBytes(3).toString('hex')}`, {
      connection,
      prefix: queuePrefix,
    });
    queue.on('error', () => undefined);
    try {
      await queue.add('later', {}, { delay: 60 * 60 * 1000 });
      app.metrics.watchQueues(() => [queue]);
      await own.kill();

      const text = await metrics();
      expect(text).toContain('nabo_events_already_handled_total');
      expect(sample(text, 'nabo_queue_jobs', { queue: queue.name, state: 'delayed' })).toBe(
        undefined,
      );
    } finally {
      app.metrics.watchQueues(() => app.nabo.jobs.queues.all());
      connection.disconnect();
      await own.kill();
    }
  }, 20_000);
});
