import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer, workspacePaceRule, type PaceBuckets } from '../../jobs/delivery/pacer.js';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import { fixedClock } from '../../kernel/clock.js';
import type { PaceRule } from '../../src/core/platform.js';
import { REDIS_URL, uniquePrefix } from './support/jobs-harness.js';

/**
 * The token buckets against real Redis, on a fake clock handed to the script: every test counts
 * the sends the buckets let through, by the time each was told to go, and never reads the wall
 * clock. A send told "go in 12 ms" at t goes at t + 12.
 */
const connections: Redis[] = [];
const prefixes: string[] = [];
const start = Date.parse('2026-12-01T08:00:00Z');

function connect(): Redis {
  const connection = createRedisConnection(REDIS_URL);
  connections.push(connection);
  return connection;
}

let redis: Redis;
beforeAll(() => {
  redis = connect();
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await Promise.all(connections.map((connection) => connection.quit()));
});

function pacerOn(
  connection: Redis,
  prefix: string,
  clock: { now(): Date },
  options: { marginMs?: number; horizonMs?: number } = {},
): Pacer {
  return new Pacer(connection, prefix, {
    marginMs: options.marginMs ?? 0,
    horizonMs: options.horizonMs ?? 2_000,
    now: () => clock.now().getTime(),
  });
}

function newPrefix(label: string): string {
  const prefix = uniquePrefix(`pacer-${label}`);
  prefixes.push(prefix);
  return prefix;
}

const channel = (user: string): PaceRule => ({ key: `slack:T1:${user}`, max: 1, windowMs: 1_000 });

/** The most sends any sliding second (t - 1000, t] holds, as the platform counts them. */
function busiestSecond(sendTimes: number[]): number {
  const sorted = [...sendTimes].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[first]! <= sorted[last]! - 1_000) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * Senders that ask every `stepMs` (each for its own person, so only the workspace limits them)
 * over `durationMs`; returns when each granted send goes.
 */
async function flood(
  pacers: Pacer[],
  clock: ReturnType<typeof fixedClock>,
  workspace: PaceRule,
  options: { stepMs: number; durationMs: number },
): Promise<number[]> {
  const sends: number[] = [];
  let person = 0;
  for (let elapsed = 0; elapsed < options.durationMs; elapsed += options.stepMs) {
    const asked = clock.now().getTime();
    const answers = await Promise.all(
      pacers.map((pacer) =>
        pacer.acquire({ workspace, channel: [channel(`U${(person += 1)}`)] } as PaceBuckets),
      ),
    );
    for (const answer of answers) if (answer.go) sends.push(asked + answer.inMs);
    clock.advance(options.stepMs);
  }
  return sends;
}

describe('pacing sends with token buckets in Redis', () => {
  it.each([50, 20])(
    'when senders ask far faster than the workspace cap of %i/s, then no sliding second gets more than the cap, and every second gets it',
    async (cap) => {
      const clock = fixedClock(new Date(start));
      const pacer = pacerOn(redis, newPrefix(`cap${cap}`), clock);
      const sends = await flood([pacer], clock, workspacePaceRule('slack', 'T1', cap), {
        stepMs: 3,
        durationMs: 6_000,
      });
      expect(busiestSecond(sends)).toBe(cap);
      // Sends go as soon as a token is free: the whole cap, not a window's worth less.
      const lastSend = Math.max(...sends);
      const inFirstFiveSeconds = sends.filter((at) => at < start + 5_000).length;
      expect(inFirstFiveSeconds).toBe(5 * cap);
      expect(lastSend).toBeLessThan(start + 6_000 + 2_000);
    },
  );

  it('when the margin is 25 ms, then the workspace is paced at cap / 1.025 s', async () => {
    const clock = fixedClock(new Date(start));
    const pacer = pacerOn(redis, newPrefix('margin'), clock, { marginMs: 25 });
    const sends = await flood([pacer], clock, workspacePaceRule('slack', 'T1', 50), {
      stepMs: 2,
      durationMs: 4_100,
    });
    // Tokens every 20.5 ms: 0, 20.5, … — 200 of them before 4,100 ms.
    expect(sends.filter((at) => at < start + 4_100).length).toBe(200);
    expect(busiestSecond(sends)).toBe(49);
  });

  it('when two workers share one workspace, then together they stay within its cap', async () => {
    const clock = fixedClock(new Date(start));
    const prefix = newPrefix('two');
    const workers = [pacerOn(redis, prefix, clock), pacerOn(connect(), prefix, clock)];
    const sends = await flood(workers, clock, workspacePaceRule('slack', 'T1', 20), {
      stepMs: 5,
      durationMs: 4_000,
    });
    expect(busiestSecond(sends)).toBe(20);
    expect(sends.filter((at) => at < start + 4_000).length).toBe(80);
    expect(new Set(sends).size).toBe(sends.length);
  });

  it('when one person is sent to again and again, then they get one message a second, each as soon as allowed', async () => {
    const clock = fixedClock(new Date(start));
    const pacer = pacerOn(redis, newPrefix('channel'), clock);
    const workspace = workspacePaceRule('slack', 'T1', 50);
    const sends: number[] = [];
    const waits: number[] = [];
    for (let elapsed = 0; elapsed < 5_000; elapsed += 10) {
      const answer = await pacer.acquire({ workspace, channel: [channel('U1')] });
      if (answer.go) sends.push(clock.now().getTime() + answer.inMs);
      else waits.push(answer.waitMs);
      clock.advance(10);
    }
    expect(sends.map((at) => at - start)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    // Told to come back exactly when the DM is free again, never booked a second ahead.
    expect(waits.slice(0, 3)).toEqual([990, 980, 970]);
  });

  it("when a person's DM is not free yet, then the workspace token is left for someone else", async () => {
    const clock = fixedClock(new Date(start));
    const pacer = pacerOn(redis, newPrefix('holes'), clock);
    const workspace = workspacePaceRule('slack', 'T1', 2);
    await pacer.acquire({ workspace, channel: [channel('U1')] });
    clock.advance(1_000);
    await pacer.acquire({ workspace, channel: [channel('U2')] });
    clock.advance(200);
    // The workspace's next token is at 1,500 ms, U2's DM is busy until 2,000 ms: U2 waits, and
    // the token at 1,500 ms goes to U3 rather than being spent on U2's wait.
    expect(await pacer.acquire({ workspace, channel: [channel('U2')] })).toEqual({
      go: false,
      waitMs: 800,
    });
    expect(await pacer.acquire({ workspace, channel: [channel('U3')] })).toEqual({
      go: true,
      inMs: 300,
    });
  });

  it('when the workspace is booked further ahead than the horizon, then the sender is told to come back, and no token is taken', async () => {
    const clock = fixedClock(new Date(start));
    const pacer = pacerOn(redis, newPrefix('horizon'), clock, { horizonMs: 100 });
    const workspace = workspacePaceRule('slack', 'T1', 20);
    const answers = [];
    for (let user = 0; user < 5; user += 1)
      answers.push(await pacer.acquire({ workspace, channel: [channel(`U${user}`)] }));
    expect(answers).toEqual([
      { go: true, inMs: 0 },
      { go: true, inMs: 50 },
      { go: true, inMs: 100 },
      { go: false, waitMs: 50 },
      { go: false, waitMs: 50 },
    ]);
    clock.advance(50);
    expect(await pacer.acquire({ workspace, channel: [channel('U3')] })).toEqual({
      go: true,
      inMs: 100,
    });
  });

  it('when the platform answers 429 with Retry-After, then nothing goes to that workspace until it has passed, in any worker, and other workspaces go on', async () => {
    const clock = fixedClock(new Date(start));
    const prefix = newPrefix('pause');
    const workers = [pacerOn(redis, prefix, clock), pacerOn(connect(), prefix, clock)];
    const paused = workspacePaceRule('slack', 'T1', 50);
    const other = workspacePaceRule('slack', 'T2', 50);
    clock.advance(1_000);
    await workers[0]!.pause(paused, 3_000);
    const sends: number[] = [];
    for (let elapsed = 0; elapsed < 4_000; elapsed += 10) {
      for (const [index, worker] of workers.entries()) {
        const answer = await worker.acquire({
          workspace: paused,
          channel: [channel(`U${index}-${elapsed}`)],
        });
        if (answer.go) sends.push(clock.now().getTime() + answer.inMs);
      }
      clock.advance(10);
    }
    expect(Math.min(...sends) - start).toBe(4_000);
    expect(busiestSecond(sends)).toBe(50);
    clock.set(new Date(start + 1_500));
    expect(await workers[1]!.acquire({ workspace: other, channel: [channel('V1')] })).toEqual({
      go: true,
      inMs: 0,
    });
  });

  it('when a worker wakes too late for its booked token, then it gives the token up and books the next, so it does not send on top of the sends booked after it', async () => {
    const clock = fixedClock(new Date(start));
    const lateness = [60, 20];
    const pacer = new Pacer(redis, newPrefix('late'), {
      marginMs: 40,
      now: () => clock.now().getTime(),
      monotonic: () => clock.now().getTime(),
      sleep: async (ms) => clock.advance(ms + (lateness.shift() ?? 0)),
    });
    // 10/s at a 40 ms margin: a token every 104 ms; up to 30 ms late is still on time.
    const workspace = workspacePaceRule('slack', 'T1', 10);
    const sends: number[] = [];
    const budgets: number[] = [];
    for (let user = 0; user < 3; user += 1) {
      const taken = await pacer.take({ workspace, channel: [channel(`U${user}`)] });
      expect(taken).toMatchObject({ go: true });
      if (taken.go) budgets.push(taken.sendWithinMs);
      sends.push(clock.now().getTime() - start);
    }
    // What is left of the tolerance is how long the send may still take to leave.
    expect(budgets).toEqual([30, 10, 30]);
    // The token at 104 ms, woken at 164 ms, is given up for the one at 208 ms (U1's DM token
    // moves with it), which is used 20 ms late: within the tolerance.
    expect(sends).toEqual([0, 228, 312]);
    expect(pacer.forfeited).toBe(1);
    expect(await pacer.acquire({ channel: [channel('U1')] })).toEqual({
      go: false,
      waitMs: 208 + 1_040 - 312,
    });
  });
});
