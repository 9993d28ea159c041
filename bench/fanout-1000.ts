/**
 * A fan-out of 1,000 messages through the real Slack platform to a local fake Slack Web API
 * (node:http on 127.0.0.1) that enforces one message per second per channel and a workspace
 * cap, answering 429 with Retry-After past either. 200 ambassadors each get one hand-out message
 * from each of 5 areas: 200 channels, 5 messages per channel.
 * Reports the achieved send rate as a share of the allowed rate, 429s, duplicates and losses.
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379).
 * Run: npx tsx bench/fanout-1000.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { composeConversation } from '../app/compose.js';
import { announceAssignment } from '../jobs/assignment-jobs.js';
import { createPlatformRegistry } from '../src/core/platform.js';
import { startJobs } from '../jobs/start-jobs.js';
import { connectDatabase } from '../models/database.js';
import type { Area } from '../models/types.js';
import { runMonthlyAssignment } from '../src/assignment/run-monthly-assignment.js';
import { systemClock } from '../kernel/clock.js';
import { createLogger } from '../kernel/logger.js';

const AREAS = 5;
const AMBASSADORS = 200;
const WORKSPACE_PER_SECOND = Number(process.env.BENCH_CAP ?? 50);
const CHANNEL_INTERVAL_MS = 1_000;
const MONTH = '2026-12';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The fake Slack: sliding windows, as strict as the real limits are described. */
function startFakeSlack() {
  const lastPerChannel = new Map<string, number>();
  const workspace: number[] = [];
  const accepted = new Map<string, number>();
  const stats = {
    accepted: 0,
    rateLimited: 0,
    channel429: 0,
    workspace429: 0,
    firstAt: 0,
    lastAt: 0,
  };
  const server = createServer(async (request, response) => {
    const form = new URLSearchParams(await body(request));
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    if (request.url?.endsWith('/conversations.open')) {
      reply(200, { ok: true, channel: { id: `D${form.get('users')}` } });
      return;
    }
    if (!request.url?.endsWith('/chat.postMessage')) {
      reply(200, { ok: false, error: 'unknown_method' });
      return;
    }
    const now = Date.now();
    const channel = form.get('channel') ?? '';
    while (workspace.length > 0 && (workspace[0] ?? 0) <= now - 1_000) workspace.shift();
    const last = lastPerChannel.get(channel);
    const channelFull = last !== undefined && now - last < CHANNEL_INTERVAL_MS;
    if (channelFull || workspace.length >= WORKSPACE_PER_SECOND) {
      stats.rateLimited += 1;
      if (channelFull) stats.channel429 += 1;
      else stats.workspace429 += 1;
      reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return;
    }
    lastPerChannel.set(channel, now);
    workspace.push(now);
    accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
    stats.accepted += 1;
    stats.firstAt ||= now;
    stats.lastAt = now;
    reply(200, { ok: true, channel, ts: `${now / 1000}` });
  });
  return new Promise<{
    url: string;
    accepted: Map<string, number>;
    stats: typeof stats;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/api/`,
        accepted,
        stats,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The embedded server on its own core (see fanout-mongo-process.ts). */
async function startMongoProcess(): Promise<{ uri: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./fanout-mongo-process.ts', import.meta.url).pathname],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const uri = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) =>
      resolve(chunk.toString('utf8').trim().split('\n')[0] ?? ''),
    );
    child.once('exit', (code) => reject(new Error(`embedded MongoDB exited with ${code}`)));
  });
  return {
    uri,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const mongo = await startMongoProcess();
  const db = await connectDatabase(mongo.uri, { dbName: 'bench_fanout' });
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
  const prefix = `nabo-bench-${randomBytes(4).toString('hex')}`;
  try {
    const areas: Area[] = [];
    for (let a = 0; a < AREAS; a += 1)
      areas.push(await db.areas.create({ key: `fanout-${a}`, name: `Område ${a}` }));
    const agreed = new Date('2026-01-01T00:00:00Z');
    for (let p = 0; p < AMBASSADORS; p += 1) {
      await db.people.add({
        name: `Ambassadør ${p}`,
        roles: areas.map((area) => ({ areaId: area.id, role: 'ambassador' as const })),
        identities: [{ platform: 'slack', workspaceId: 'TBENCH', userId: `U${p}` }],
        monthlyCapacity: 1,
        confidentialityAt: agreed,
      });
    }
    for (const area of areas) {
      await db.residents.importMany(
        area.id,
        Array.from({ length: AMBASSADORS }, (_, h) => ({
          names: [`Beboer ${h}`],
          address: `Fanvej ${h + 1}`,
          moveInDate: '2026-11-15',
          source: { list: 'bench', row: h + 1 },
        })),
      );
      await runMonthlyAssignment(db, { area, month: MONTH, now: new Date('2026-12-01T08:00:00Z') });
    }

    const slack = createSlackPlatform(
      {
        botToken: 'xoxb-bench',
        signingSecret: 'bench-secret',
        appToken: undefined,
        apiUrl: fake.url,
      },
      composeConversation({
        db,
        clock: systemClock,
        logger,
        timeZone: 'Europe/Copenhagen',
        locale: 'da',
      }).context,
      {
        delivery: {
          perChannel: { max: 1, windowMs: CHANNEL_INTERVAL_MS },
          workspacePerSecond: WORKSPACE_PER_SECOND,
        },
      },
    );
    const jobs = await startJobs({
      db,
      redisUrl: REDIS_URL,
      prefix,
      platforms: createPlatformRegistry([slack.adapter]),
      logger,
      sendConcurrency: 20,
      reconcileAtStart: false,
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
    });
    try {
      const started = performance.now();
      for (const area of areas) {
        await announceAssignment(
          { db, queues: jobs.queues, messenger: jobs.messenger, reminders: jobs.reminders, logger },
          area,
          MONTH,
        );
      }
      const total = AREAS * AMBASSADORS;
      const sendQueue = jobs.queues.send('slack');
      const deadline = Date.now() + 120_000;
      while ((await sendQueue.getCompletedCount()) + (await sendQueue.getFailedCount()) < total) {
        if (Date.now() > deadline) throw new Error('fan-out did not finish within 2 minutes');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const elapsed = (performance.now() - started) / 1000;
      const sending = (fake.stats.lastAt - fake.stats.firstAt) / 1000;
      const duplicates = [...fake.accepted.values()].reduce(
        (sum, count) => sum + Math.max(0, count - AREAS),
        0,
      );
      const losses =
        AMBASSADORS - [...fake.accepted.values()].filter((count) => count >= AREAS).length;
      const failed = await sendQueue.getFailedCount();
      const rate = fake.stats.accepted / sending;
      console.log(
        `fan-out bench: ${total} messages, ${AMBASSADORS} channels × ${AREAS}, workspace cap ${WORKSPACE_PER_SECOND}/s, 1/s per channel`,
      );
      console.log(`  accepted by fake Slack     ${fake.stats.accepted}`);
      console.log(
        `  429 answers                ${fake.stats.rateLimited} (channel ${fake.stats.channel429}, workspace ${fake.stats.workspace429})`,
      );
      console.log(`  wall time (queue→done)     ${elapsed.toFixed(1)} s`);
      console.log(
        `  send rate (first→last)     ${rate.toFixed(1)} msg/s = ${((rate / WORKSPACE_PER_SECOND) * 100).toFixed(0)} % of the allowed ${WORKSPACE_PER_SECOND}/s`,
      );
      console.log(`  duplicates                 ${duplicates}`);
      console.log(`  losses (channels short)    ${losses}`);
      console.log(`  failed jobs                ${failed}`);
    } finally {
      await jobs.queues.obliterate();
      await jobs.close();
    }
  } finally {
    await db.drop();
    await db.close();
    await mongo.stop();
    await fake.close();
  }
}

await main();
