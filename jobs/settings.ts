import { NaboError } from '../kernel/errors.js';

/**
 * Delivery limits and job settings. The defaults follow the platforms' published limits; each
 * can be overridden by an environment variable (listed in docs/jobs.md) because a workspace or
 * tenant may have its own caps.
 */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface DeliveryLimits {
  slack: {
    /** Slack: about one message per second per channel (a DM is a channel). */
    perChannel: WindowLimit;
    /** The workspace-wide cap for the bot, enforced by the BullMQ limiter of the Slack queue. */
    workspacePerSecond: number;
  };
  teams: {
    /** Teams: 7 per second and 60 per 30 seconds per conversation. */
    perConversation: WindowLimit[];
    /** The tenant-wide cap, enforced by the BullMQ limiter of the Teams queue. */
    tenantPerSecond: number;
  };
  /**
   * Added to every per-channel window: our clock (Redis TIME at pacing) and the platform's
   * (arrival of the request) differ by the request's latency, which varies.
   */
  marginMs: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  slack: { perChannel: { max: 1, windowMs: 1_000 }, workspacePerSecond: 20 },
  teams: {
    perConversation: [
      { max: 7, windowMs: 1_000 },
      { max: 60, windowMs: 30_000 },
    ],
    tenantPerSecond: 30,
  },
  marginMs: 50,
};

export const ENVIRONMENT_VARIABLES = {
  slackChannelPerSecond: 'NABO_SLACK_CHANNEL_PER_SECOND',
  slackWorkspacePerSecond: 'NABO_SLACK_WORKSPACE_PER_SECOND',
  teamsConversationPerSecond: 'NABO_TEAMS_CONVERSATION_PER_SECOND',
  teamsConversationPer30Seconds: 'NABO_TEAMS_CONVERSATION_PER_30S',
  teamsTenantPerSecond: 'NABO_TEAMS_TENANT_PER_SECOND',
  sendConcurrency: 'NABO_SEND_CONCURRENCY',
  skipRedisEvictionCheck: 'NABO_SKIP_REDIS_EVICTION_CHECK',
  queuePrefix: 'NABO_QUEUE_PREFIX',
} as const;

/** Reads the overrides; a value that is not a positive number stops start-up with one line. */
export function deliveryLimitsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): DeliveryLimits {
  const defaults = DEFAULT_DELIVERY_LIMITS;
  const [teamsSecond, teams30] = defaults.teams.perConversation;
  return {
    slack: {
      perChannel: {
        max: positive(
          env,
          ENVIRONMENT_VARIABLES.slackChannelPerSecond,
          defaults.slack.perChannel.max,
        ),
        windowMs: 1_000,
      },
      workspacePerSecond: positive(
        env,
        ENVIRONMENT_VARIABLES.slackWorkspacePerSecond,
        defaults.slack.workspacePerSecond,
      ),
    },
    teams: {
      perConversation: [
        {
          max: positive(
            env,
            ENVIRONMENT_VARIABLES.teamsConversationPerSecond,
            teamsSecond?.max ?? 7,
          ),
          windowMs: 1_000,
        },
        {
          max: positive(
            env,
            ENVIRONMENT_VARIABLES.teamsConversationPer30Seconds,
            teams30?.max ?? 60,
          ),
          windowMs: 30_000,
        },
      ],
      tenantPerSecond: positive(
        env,
        ENVIRONMENT_VARIABLES.teamsTenantPerSecond,
        defaults.teams.tenantPerSecond,
      ),
    },
    marginMs: defaults.marginMs,
  };
}

export function sendConcurrencyFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return positive(env, ENVIRONMENT_VARIABLES.sendConcurrency, 10);
}

export function isEvictionCheckSkipped(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env[ENVIRONMENT_VARIABLES.skipRedisEvictionCheck]?.trim() ?? '');
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new NaboError(
      'CONFIG_INVALID',
      `Configuration error: ${name} must be a positive number, got '${raw}'`,
      {
        userFacing: true,
      },
    );
  }
  return value;
}

/**
 * BullMQ's limiter counts jobs in fixed windows, so "max N per 1,000 ms" can let up to 2N through
 * in a sliding second that straddles two windows — and platforms count in sliding windows. Split
 * the second into k short windows of m jobs each with m·(k+1) ≤ cap: any sliding second touches
 * at most k+1 windows, so the cap holds, and the sends come evenly spaced. Picks the k that lets
 * the most through (e.g. 50/s → 1 job per 20.4 ms = 49/s).
 */
export function slidingSafeLimiter(capPerSecond: number): { max: number; duration: number } {
  // 5 % headroom: requests reach the platform with varying latency, so our spacing is not theirs.
  const budget = capPerSecond >= 10 ? Math.floor(capPerSecond * 0.95) : capPerSecond;
  let best = { max: Math.max(1, Math.floor(budget / 2)), duration: 1_000 };
  for (let windows = 1; windows <= 100; windows += 1) {
    const duration = Math.floor(1_000 / windows);
    if (duration < 10) break;
    const max = Math.floor(budget / (windows + 1));
    if (max < 1) break;
    if ((max * 1_000) / duration > (best.max * 1_000) / best.duration) best = { max, duration };
  }
  return best;
}

/** `{ prefix }` when NABO_QUEUE_PREFIX is set, so every process finds the same queues. */
export function queuePrefixFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  prefix?: string;
} {
  const prefix = env[ENVIRONMENT_VARIABLES.queuePrefix]?.trim();
  return prefix ? { prefix } : {};
}
