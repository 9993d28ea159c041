import type { Redis } from 'ioredis';
import type { PaceRule } from '../../src/core/platform.js';

/**
 * Per-channel pacing across every worker process: a sliding log per key in Redis (a sorted set
 * of send times), checked and recorded in one Lua script so two workers can never both take the
 * last slot. BullMQ's own limiter is queue-wide; this covers "one message per second per Slack
 * channel" and "7/s and 60/30 s per Teams conversation".
 *
 * Returns 0 when the send may go now (and records it), else the milliseconds to wait.
 */
const SLIDING_LOG = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local max = tonumber(ARGV[i * 2 - 1])
  local window = tonumber(ARGV[i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= max then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local until_free = tonumber(oldest[2]) + window - now
    if until_free > wait then wait = until_free end
  end
end
if wait > 0 then return wait end
local member = ARGV[#ARGV]
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, tonumber(ARGV[i * 2]))
end
return 0
`;

export class Pacer {
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly marginMs: number,
  ) {}

  async acquire(rules: readonly PaceRule[]): Promise<number> {
    if (rules.length === 0) return 0;
    const keys = rules.map((rule) => `${this.prefix}:pace:${rule.key}`);
    const args = rules.flatMap((rule) => [rule.max, rule.windowMs + this.marginMs]);
    const member = `${process.pid}-${Date.now()}-${++this.sequence}`;
    const wait = await this.redis.eval(SLIDING_LOG, keys.length, ...keys, ...args, member);
    return Number(wait);
  }
}
