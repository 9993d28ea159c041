import { positiveFromEnvironment } from '../../jobs/settings.js';
import type { WindowLimit } from '../../src/core/platform.js';

/** How fast the jobs may write to people on Slack; the defaults follow Slack's published limits. */
export interface SlackDeliveryLimits {
  /** About one message per second per channel (a DM is a channel). */
  perChannel: WindowLimit;
  /** The workspace-wide cap for the bot, the BullMQ limiter of the Slack send queue. */
  workspacePerSecond: number;
}

export const DEFAULT_SLACK_DELIVERY_LIMITS: SlackDeliveryLimits = {
  perChannel: { max: 1, windowMs: 1_000 },
  workspacePerSecond: 20,
};

export const SLACK_DELIVERY_VARIABLES = {
  channelPerSecond: 'NABO_SLACK_CHANNEL_PER_SECOND',
  workspacePerSecond: 'NABO_SLACK_WORKSPACE_PER_SECOND',
} as const;

/** A workspace may have its own caps; a value that is not a positive number stops start-up. */
export function slackDeliveryLimitsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): SlackDeliveryLimits {
  const defaults = DEFAULT_SLACK_DELIVERY_LIMITS;
  return {
    perChannel: {
      max: positiveFromEnvironment(
        env,
        SLACK_DELIVERY_VARIABLES.channelPerSecond,
        defaults.perChannel.max,
      ),
      windowMs: 1_000,
    },
    workspacePerSecond: positiveFromEnvironment(
      env,
      SLACK_DELIVERY_VARIABLES.workspacePerSecond,
      defaults.workspacePerSecond,
    ),
  };
}
