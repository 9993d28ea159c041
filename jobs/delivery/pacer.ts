import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PaceRule } from '../../src/core/platform.js';

/**
 * Pacing across every worker process: a token bucket per workspace (Slack's 20 or 50 messages a
 * second, a Teams tenant's cap) and per channel (Slack: one message a second per DM; Teams: 7/s
 * and 60/30 s per conversation), kept in Redis and taken from in one Lua script, so two workers
 * can never both take the last token and a send goes as soon as one is free.
 *
 * Each bucket holds one token, refilled every `(windowMs + margin) / max`. One token is what
 * lets the most through under a sliding-window limit: a bucket of b tokens refilled at rate r
 * grants up to b + r·window in one window, so b = 1 leaves the most for r. The margin absorbs
 * the difference between our clock and the time the request reaches the platform; any sliding
 * window then sees at most `max` sends unless that difference varies by more than the margin.
 * A bucket is stored as the time it has its token again (GCRA's "theoretical arrival time"):
 * one number per key, nothing to clean up but a TTL.
 *
 * The workspace bucket may be booked ahead: a send that finds its token taken books the next
 * free one (up to `horizonMs` ahead) and waits for it in the process, so no job is tried again
 * and the workers never race for a token. The channel buckets are not booked ahead (a person's
 * next message may be a second away, and booking the workspace that far would leave its tokens
 * in between unused): a person not free by the workspace token is told how long to wait, and
 * the job is delayed in BullMQ. A 429 pauses the workspace bucket for the Retry-After.
 */
const TAKE = `
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
end
local horizon = tonumber(ARGV[2])
local free = {}
local slot = now
for i, key in ipairs(KEYS) do
  free[i] = tonumber(redis.call('GET', key) or '0')
  if ARGV[2 + i * 2] == '1' and free[i] > slot then slot = free[i] end
end
local later = 0
for i = 1, #KEYS do
  if ARGV[2 + i * 2] == '0' and free[i] > slot and free[i] > later then later = free[i] end
end
if later > 0 then return {0, math.ceil(later - now)} end
if slot - now > horizon then return {0, math.ceil(slot - now - horizon)} end
-- Lua numbers reach the client as integers: the exact slot and now go as strings.
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[1 + i * 2])
  -- Rounded up to the microsecond, never down: a token is never free early.
  local from = math.max(free[i], slot)
  -- '2': a token this send holds already (booked, then woken too late): it moves to the new slot.
  if ARGV[2 + i * 2] == '2' then from = slot end
  local nextFree = math.ceil((from + interval) * 1000) / 1000
  redis.call('SET', key, string.format('%.3f', nextFree), 'PX', math.ceil(nextFree - now) + ${60_000})
end
return {1, math.ceil(slot - now), string.format('%.3f', slot), string.format('%.3f', now)}
`;

/** No token until `now + pauseMs` (a 429's Retry-After); tokens already booked stay booked. */
const PAUSE = `
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
end
local untilFree = now + tonumber(ARGV[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilFree > free then
  redis.call('SET', KEYS[1], string.format('%.3f', untilFree), 'PX', math.ceil(untilFree - now) + ${60_000})
end
return 0
`;

const TAKE_SHA = createHash('sha1').update(TAKE).digest('hex');

/** What a send's pacing answered: go in `inMs` (its tokens are taken), or come back later. */
export type Pacing = { go: true; inMs: number } | { go: false; waitMs: number };

/** The buckets one send takes from: its workspace's (booked ahead) and its channel's. */
export interface PaceBuckets {
  workspace?: PaceRule | undefined;
  channel: readonly PaceRule[];
}

export interface PacerOptions {
  /** Added to every window (see DEFAULT_PACING_MARGIN_MS). */
  marginMs: number;
  /** How far ahead a workspace token may be booked; the job holds its worker slot that long. */
  horizonMs?: number;
  /** How late a booked token may be used (default: three quarters of the margin). */
  lateToleranceMs?: number;
  /** Milliseconds for the scripts' "now"; tests pass a fake clock. Default: Redis TIME. */
  now?: () => number;
  /** This process's clock and timer for waiting on a booked token; tests pass fakes. */
  monotonic?: () => number;
  sleep?: (ms: number) => Promise<unknown>;
}

export const DEFAULT_BOOKING_HORIZON_MS = 2_000;
/** After this many late wake-ups in a row the send goes anyway rather than wait for ever. */
const MAX_LATE_WAKES = 4;

export class Pacer {
  private readonly marginMs: number;
  /** How far ahead a token may be booked: the longest a send waits in place for one. */
  readonly horizonMs: number;
  private readonly now: (() => number) | undefined;
  private readonly lateToleranceMs: number;
  private readonly monotonic: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;
  /** Booked tokens given up because the wake-up came too late (the benchmark reports it). */
  forfeited = 0;
  /**
   * The scripts' clock minus this process's monotonic clock, from the answer that came back
   * fastest (its error is at most half that round trip), so a booked token is waited for until
   * its very time — not its distance counted from when the answer happened to arrive, which
   * sends every token a round trip late and, under load, past the tolerance.
   */
  private clockOffset: { ms: number; roundTripMs: number } | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: PacerOptions,
  ) {
    this.marginMs = options.marginMs;
    this.horizonMs = options.horizonMs ?? DEFAULT_BOOKING_HORIZON_MS;
    this.now = options.now;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
    // Most of the margin for our own lateness (measured from before the script's round trip,
    // so it is overstated), the rest for the request's way to the platform.
    this.lateToleranceMs = options.lateToleranceMs ?? Math.max(1, (this.marginMs * 3) / 4);
  }

  /** Takes a token from every bucket at once, or says how long until that could succeed. */
  async acquire(buckets: PaceBuckets, options: { holdsChannel?: boolean } = {}): Promise<Pacing> {
    const { pacing } = await this.acquireAt(buckets, options);
    return pacing;
  }

  /** `acquire`, and when the tokens are taken, their time on this process's monotonic clock. */
  private async acquireAt(
    buckets: PaceBuckets,
    options: { holdsChannel?: boolean },
  ): Promise<{ pacing: Pacing; goesAt?: number }> {
    const channelFlag = options.holdsChannel ? 2 : 0;
    const rules = [
      ...(buckets.workspace ? [{ rule: buckets.workspace, flag: 1 }] : []),
      ...buckets.channel.map((rule) => ({ rule, flag: channelFlag })),
    ];
    if (rules.length === 0) return { pacing: { go: true, inMs: 0 }, goesAt: this.monotonic() };
    const keys = rules.map(({ rule }) => this.key(rule));
    const args = rules.flatMap(({ rule, flag }) => [this.interval(rule), flag]);
    const asked = this.monotonic();
    const [go, ms, slot, now] = (await this.runTake(keys, [
      this.nowArgument(),
      this.horizonMs,
      ...args,
    ])) as [number, number, string?, string?];
    if (go !== 1) return { pacing: { go: false, waitMs: Math.max(1, ms) } };
    const answered = this.monotonic();
    const pacing: Pacing = { go: true, inMs: Math.max(0, ms) };
    if (slot === undefined || now === undefined) return { pacing, goesAt: answered + pacing.inMs };
    const roundTripMs = answered - asked;
    // A slightly slower answer may replace the best one after a while: the clocks drift.
    if (this.clockOffset) this.clockOffset.roundTripMs += 0.05;
    if (!this.clockOffset || roundTripMs <= this.clockOffset.roundTripMs) {
      this.clockOffset = { ms: Number(now) - (asked + answered) / 2, roundTripMs };
    }
    return { pacing, goesAt: Number(slot) - this.clockOffset.ms };
  }

  /**
   * Takes the tokens and waits for them: resolves when the send may go now, or says how long
   * until the person's channel is free (the job is then delayed). A booked token woken for too
   * late (a busy event loop fires many timers at once) is given up and a new one booked: sent
   * late, it would reach the platform together with the sends booked after it, and their
   * sliding window would count one too many. Only a token is lost, not a 429 and its pause.
   */
  async take(
    buckets: PaceBuckets,
    /** The person's channel token is ours already (a send refused as too late): it moves. */
    options: { holdsChannel?: boolean } = {},
  ): Promise<
    | {
        go: true;
        /** How long from now the send may still leave on this token (see SendTooLateError). */
        sendWithinMs: number;
      }
    | { go: false; waitMs: number }
  > {
    for (let attempt = 1; ; attempt += 1) {
      // After a late wake the person's channel token is ours already: it moves with the new one.
      const { pacing, goesAt = this.monotonic() } = await this.acquireAt(buckets, {
        holdsChannel: attempt > 1 || options.holdsChannel === true,
      });
      if (!pacing.go) return pacing;
      const untilToken = () => goesAt - this.monotonic();
      // Whole milliseconds, rounded up: a timer may fire up to a millisecond before a fraction.
      if (untilToken() > 0) await this.sleep(Math.ceil(untilToken()));
      // Counted from the token's own time: a slow event loop counts.
      const late = -untilToken();
      if (late <= this.lateToleranceMs || attempt >= MAX_LATE_WAKES) {
        // Sent anyway after several late wakes: no limit, or it would never go.
        const sendWithinMs =
          late <= this.lateToleranceMs ? this.lateToleranceMs - late : Number.POSITIVE_INFINITY;
        return { go: true, sendWithinMs };
      }
      this.forfeited += 1;
    }
  }

  /**
   * The token script by its hash: its 2 kB of text are sent once per Redis server, not with
   * every send (at 50 sends a second that was most of what the pacer wrote to Redis).
   */
  private async runTake(keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await this.redis.evalsha(TAKE_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // Not loaded yet (a new or restarted Redis): EVAL runs it and keeps it for the next time.
      return this.redis.eval(TAKE, keys.length, ...keys, ...args);
    }
  }

  /** The platform said 429: no token from this bucket for `pauseMs`, in any worker. */
  async pause(rule: PaceRule, pauseMs: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, this.key(rule), this.nowArgument(), Math.max(0, pauseMs));
  }

  /** Milliseconds between two tokens of one bucket. */
  interval(rule: PaceRule): number {
    return (rule.windowMs + this.marginMs) / rule.max;
  }

  private key(rule: PaceRule): string {
    // Not the sliding log's `:pace:` keys (sorted sets): old and new workers may meet in a deploy.
    return `${this.prefix}:bucket:${rule.key}`;
  }

  private nowArgument(): string {
    return this.now ? String(this.now()) : '';
  }
}

/** A workspace's bucket key: one per platform workspace (Slack team, Teams tenant). */
export function workspacePaceRule(
  platform: string,
  workspaceId: string,
  capPerSecond: number,
): PaceRule {
  return { key: `workspace:${platform}:${workspaceId}`, max: capPerSecond, windowMs: 1_000 };
}
