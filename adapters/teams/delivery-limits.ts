import { positiveFromEnvironment } from '../../jobs/settings.js';
import type { WindowLimit } from '../../src/core/platform.js';

/** How fast the jobs may write to people on Teams; the defaults follow Microsoft's limits. */
export interface TeamsDeliveryLimits {
  /** Teams: 7 per second and 60 per 30 seconds per conversation. */
  perConversation: WindowLimit[];
  /** The tenant-wide cap, the BullMQ limiter of the Teams send queue. */
  tenantPerSecond: number;
}

export const DEFAULT_TEAMS_DELIVERY_LIMITS: TeamsDeliveryLimits = {
  perConversation: [
    { max: 7, windowMs: 1_000 },
    { max: 60, windowMs: 30_000 },
  ],
  tenantPerSecond: 30,
};

export const TEAMS_DELIVERY_VARIABLES = {
  conversationPerSecond: 'NABO_TEAMS_CONVERSATION_PER_SECOND',
  conversationPer30Seconds: 'NABO_TEAMS_CONVERSATION_PER_30S',
  tenantPerSecond: 'NABO_TEAMS_TENANT_PER_SECOND',
} as const;

/** A tenant may have its own caps; a value that is not a positive number stops start-up. */
export function teamsDeliveryLimitsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): TeamsDeliveryLimits {
  const [second, thirty] = DEFAULT_TEAMS_DELIVERY_LIMITS.perConversation;
  return {
    perConversation: [
      {
        max: positiveFromEnvironment(
          env,
          TEAMS_DELIVERY_VARIABLES.conversationPerSecond,
          second?.max ?? 7,
        ),
        windowMs: 1_000,
      },
      {
        max: positiveFromEnvironment(
          env,
          TEAMS_DELIVERY_VARIABLES.conversationPer30Seconds,
          thirty?.max ?? 60,
        ),
        windowMs: 30_000,
      },
    ],
    tenantPerSecond: positiveFromEnvironment(
      env,
      TEAMS_DELIVERY_VARIABLES.tenantPerSecond,
      DEFAULT_TEAMS_DELIVERY_LIMITS.tenantPerSecond,
    ),
  };
}
