/**
 * A fan-out of 1,000 messages through the real Slack platform to a local fake Slack Web API
 * (node:http on 127.0.0.1) that enforces one message per second per channel and a workspace
 * cap, answering 429 with Retry-After past either. 200 ambassadors each get one hand-out message
 * from each of 5 areas: 200 channels, 5 messages per channel. Runs at workspace caps 50/s and
 * 20/s (BENCH_CAP=50 runs one).
 * Reports the achieved send rate as a share of the allowed rate (the anchor: the cap itself, and
 * the pacer's own ceiling at its margin), 429s, duplicates (the same message accepted twice) and
 * losses (messages never accepted).
 * Needs Redis at REDIS_URL (default redis://127.0.0.1:6379).
 * Run: npx tsx bench/fanout-1000.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { startFakeSlack, type FakeSlack, type FakeSlackSnapshot } from './fake-slack.js';
import { composeConversation } from '../app/compose.js';
import { announceAssignment } from '../jobs/assignment-jobs.js';
import { createPlatformRegistry } from '../src/core/platform.js';
import { startJobs } from '../jobs/start-jobs.js';
import { connectDatabase } from '../models/database.js';
import type { Area } from '../models/types.js';
import { runMonthlyAssignment } from '../src/assignment/run-monthly-assignment.js';
import { DEFAULT_PACING_MARGIN_MS } from '../jobs/settings.js';
import { Pacer, workspacePaceRule } from '../jobs/delivery/pacer.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { systemClock } from '../kernel/clock.js';
import { createLogger } from '../kernel/logger.js';

const AREAS = 5;
const AMBASSADORS = 200;
/** The pacer's margin (BENCH_MARGIN_MS tries another). */
const MARGIN_MS = Number(process.env.BENCH_MARGIN_MS ?? DEFAULT_PACING_MARGIN_MS);
const CAPS = process.env.BENCH_CAP ? [Number(process.env.BENCH_CAP)] : [50, 20];
const CHANNEL_INTERVAL_MS = 1_000;
const MONTH = '2026-12';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The fake Slack in a process of its own (fake-slack.ts says why), or in this one. */
async function startSlack(cap: number): Promise<FakeSlack> {
  if (process.env.BENCH_SLACK_INPROCESS) return startFakeSlack(cap);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./fanout-slack-process.ts', import.meta.url).pathname,
      String(cap),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) =>
      resolve(chunk.toString('utf8').trim().split('\n')[0] ?? ''),
    );
    child.once('exit', (code) => reject(new Error(`fake Slack exited with ${code}`)));
  });
  return {
    url,
    snapshot: async () => (await (await fetch(`${url}__snapshot`)).json()) as FakeSlackSnapshot,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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

interface Result {
  cap: number;
  accepted: number;
  rate: number;
  ceiling: number;
  rateLimited: number;
  channel429: number;
  duplicates: number;
  lost: number;
  failed: number;
  elapsed: number;
}

async function run(cap: number): Promise<Result> {
  const fake = await startSlack(cap);
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
          workspacePerSecond: cap,
        },
      },
    );
    const jobs = await startJobs({
      db,
      redisUrl: REDIS_URL,
      prefix,
      platforms: createPlatformRegistry([slack.adapter]),
      logger,
      sendConcurrency: Number(process.env.BENCH_CONCURRENCY ?? 20),
      pacingMarginMs: MARGIN_MS,
      ...(process.env.BENCH_TOLERANCE_MS
        ? { pacingToleranceMs: Number(process.env.BENCH_TOLERANCE_MS) }
        : {}),
      reconcileAtStart: false,
      lockDurationMs: 10_000,
      stalledIntervalMs: 5_000,
    });
    try {
      const started = performance.now();
      const announced: string[] = [];
      for (const area of areas) {
        await announceAssignment(
          {
            db,
            queues: jobs.queues,
            messenger: jobs.messenger,
            reminders: jobs.reminders,
            logger,
            batches: jobs.batches,
          },
          area,
          MONTH,
        );
        announced.push(`${((performance.now() - started) / 1000).toFixed(2)} s`);
      }
      if (process.env.BENCH_DEBUG) console.log(`  (areas announced at ${announced.join(', ')})`);
      const total = AREAS * AMBASSADORS;
      const sendQueue = jobs.queues.send('slack');
      const deadline = Date.now() + 300_000;
      while ((await sendQueue.getCompletedCount()) + (await sendQueue.getFailedCount()) < total) {
        if (Date.now() > deadline) throw new Error('fan-out did not finish within 5 minutes');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const elapsed = (performance.now() - started) / 1000;
      if (process.env.BENCH_DEBUG) console.log(`  (late wake-ups: ${jobs.pacer.forfeited})`);
      return summary(await fake.snapshot(), cap, total, await sendQueue.getFailedCount(), elapsed);
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

/**
 * The pacer alone, under the same machine load: 20 senders take tokens and post straight to the
 * fake Slack, in the fan-out's order, with no MongoDB work in between. What it reaches is the
 * pacing's share; the full fan-out above adds each message's composing and ledger round trips.
 */
async function runPacingOnly(cap: number): Promise<Result> {
  const fake = await startSlack(cap);
  const redis = createRedisConnection(REDIS_URL);
  const prefix = `nabo-bench-${randomBytes(4).toString('hex')}`;
  const pacer = new Pacer(redis, prefix, {
    marginMs: MARGIN_MS,
    ...(process.env.BENCH_TOLERANCE_MS
      ? { lateToleranceMs: Number(process.env.BENCH_TOLERANCE_MS) }
      : {}),
  });
  const workspace = workspacePaceRule('slack', 'TBENCH', cap);
  const pending: Array<{ channel: string; text: string }> = [];
  for (let a = 0; a < AREAS; a += 1)
    for (let p = 0; p < AMBASSADORS; p += 1) pending.push({ channel: `D${p}`, text: `${a}` });
  const total = pending.length;
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const later = (item: { channel: string; text: string }, ms: number) =>
    setTimeout(() => pending.push(item), ms);
  const sender = async () => {
    while (done < total) {
      const item = pending.shift();
      if (!item) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      const channel = {
        key: `slack:TBENCH:${item.channel}`,
        max: 1,
        windowMs: CHANNEL_INTERVAL_MS,
      };
      const pacing = await pacer.take({ workspace, channel: [channel] });
      if (!pacing.go) {
        later(item, pacing.waitMs);
        continue;
      }
      const response = await fetch(`${fake.url}chat.postMessage`, {
        method: 'POST',
        body: new URLSearchParams({ channel: item.channel, text: item.text }),
      });
      if (response.status === 429) {
        const retryAfterMs = Number(response.headers.get('retry-after') ?? '1') * 1_000;
        await pacer.pause(workspace, retryAfterMs);
        later(item, retryAfterMs);
      } else if (response.ok) done += 1;
      else {
        failed += 1;
        done += 1;
      }
      await response.arrayBuffer();
    }
  };
  try {
    await Promise.all(Array.from({ length: 20 }, sender));
    const elapsed = (performance.now() - started) / 1000;
    if (process.env.BENCH_DEBUG) console.log(`  (late wake-ups: ${pacer.forfeited})`);
    return summary(await fake.snapshot(), cap, total, failed, elapsed);
  } finally {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await fake.close();
  }
}

/**
 * Where the time between the first and the last send went (BENCH_DEBUG): gaps longer than one
 * token interval and a half are time no send was ready for its token, summed beyond the interval.
 */
function gapReport(times: readonly number[], cap: number): string {
  const interval = (1_000 + MARGIN_MS) / cap;
  let idle = 0;
  let long = 0;
  let worst = 0;
  for (let i = 1; i < times.length; i += 1) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    worst = Math.max(worst, gap);
    if (gap > interval * 1.5) {
      long += 1;
      idle += gap - interval;
    }
  }
  const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
  return `gaps > 1.5 intervals: ${long}, ${(idle / 1000).toFixed(2)} s of ${(span / 1000).toFixed(2)} s idle beyond the interval, longest ${worst.toFixed(0)} ms`;
}

function summary(
  fake: FakeSlackSnapshot,
  cap: number,
  total: number,
  failed: number,
  elapsed: number,
): Result {
  const sending = (fake.stats.lastAt - fake.stats.firstAt) / 1000;
  // Intervals per second between the first and the last send: evenly spaced sends at r/s
  // give exactly r (counting the first send as well would add 1/(N-1) to the share).
  const rate = (fake.stats.accepted - 1) / sending;
  if (process.env.BENCH_DEBUG) console.log(`  (${gapReport(fake.stats.times, cap)})`);
  const duplicates = fake.messageCounts.reduce((sum, count) => sum + Math.max(0, count - 1), 0);
  return {
    cap,
    accepted: fake.stats.accepted,
    rate,
    ceiling: (cap * 1_000) / (1_000 + MARGIN_MS),
    rateLimited: fake.stats.rateLimited,
    channel429: fake.stats.channel429,
    duplicates,
    lost: total - fake.messageCounts.length,
    failed,
    elapsed,
  };
}

async function main(): Promise<void> {
  const total = AREAS * AMBASSADORS;
  console.log(
    `fan-out bench: ${total} messages, ${AMBASSADORS} channels × ${AREAS}, 1/s per channel, pacing margin ${MARGIN_MS} ms`,
  );
  console.log(
    '  what           cap   accepted  rate msg/s  share of cap  pacer ceiling  429s (channel)  duplicates  lost  failed  queue→done (at the cap)',
  );
  const print = (what: string, r: Result) =>
    console.log(
      `  ${what.padEnd(13)} ${String(r.cap).padStart(3)}/s ${String(r.accepted).padStart(8)} ${r.rate.toFixed(2).padStart(11)} ${`${((r.rate / r.cap) * 100).toFixed(1)} %`.padStart(13)} ${`${((r.ceiling / r.cap) * 100).toFixed(1)} %`.padStart(14)} ${`${r.rateLimited} (${r.channel429})`.padStart(15)} ${String(r.duplicates).padStart(11)} ${String(r.lost).padStart(5)} ${String(r.failed).padStart(7)}  ${r.elapsed.toFixed(1)} s (${(total / r.cap).toFixed(1)} s)`,
    );
  for (const cap of CAPS) {
    if (process.env.BENCH_ONLY !== 'fanout') print('pacer alone', await runPacingOnly(cap));
    if (process.env.BENCH_ONLY !== 'pacer') print('full fan-out', await run(cap));
  }
}

await main();
