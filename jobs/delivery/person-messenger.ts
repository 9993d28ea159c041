import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { MessagingPlatform, Unreachable } from '../../adapters/platform.js';
import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import type { UnreachableOn } from '../../src/i18n/jobs.js';
import type { DeliveryLimits } from '../settings.js';
import type { ConsoleOutbox } from './console-outbox.js';
import type { PaceRule } from './pacer.js';

export type DeliveryPlatform = 'slack' | 'teams' | 'console';

/** How to reach one person: the platform, and the keys their channel is paced by. */
export interface Route {
  platform: DeliveryPlatform;
  pace: PaceRule[];
}

/** Nobody to send to: `on` says where the person should have been reachable. */
export interface NoRoute {
  unreachable: true;
  on: UnreachableOn;
}

export function isNoRoute(route: Route | NoRoute): route is NoRoute {
  return 'unreachable' in route;
}

/**
 * Picks the platform for a person and delivers there: Slack identity → the Slack platform, Teams
 * identity → Teams, a console handle → the console outbox (demo and local runs). A person on a
 * platform this process does not run, or on Teams without a stored conversation (Teams can only
 * write to someone who has talked to the bot once), cannot be reached; the coordinator is told.
 */
export class PersonMessenger {
  private readonly platforms: Map<'slack' | 'teams', MessagingPlatform>;
  private readonly reachable: ReadonlySet<DeliveryPlatform>;

  /**
   * `routeTo` is for a process that only queues (the CLI): it names the platforms the worker
   * delivers on, without holding them itself.
   */
  constructor(
    private readonly db: NaboDatabase,
    platforms: readonly MessagingPlatform[],
    private readonly limits: DeliveryLimits,
    private readonly outbox?: ConsoleOutbox,
    routeTo?: readonly DeliveryPlatform[],
  ) {
    this.platforms = new Map(platforms.map((platform) => [platform.name, platform]));
    this.reachable = new Set(
      routeTo ?? [...this.platforms.keys(), ...(outbox ? (['console'] as const) : [])],
    );
  }

  /** The platforms this process delivers on (one send worker each). */
  get platformNames(): DeliveryPlatform[] {
    return [...this.platforms.keys(), ...(this.outbox ? (['console'] as const) : [])];
  }

  async route(person: Person): Promise<Route | NoRoute> {
    const { slack, teams, console: terminal } = person.identities;
    if (slack && this.reachable.has('slack')) {
      const channel = `slack:${slack.teamId}:${slack.userId}`;
      return { platform: 'slack', pace: [{ key: channel, ...this.limits.slack.perChannel }] };
    }
    if (
      teams &&
      this.reachable.has('teams') &&
      (await this.db.conversationLinks.get(person.id, 'teams'))
    ) {
      const conversation = `teams:${teams.tenantId}:${teams.aadObjectId}`;
      return {
        platform: 'teams',
        pace: this.limits.teams.perConversation.map((limit, index) => ({
          key: `${conversation}:${index}`,
          ...limit,
        })),
      };
    }
    if (terminal && this.reachable.has('console')) return { platform: 'console', pace: [] };
    if (teams) return { unreachable: true, on: 'teams' };
    if (slack) return { unreachable: true, on: 'slack' };
    return { unreachable: true, on: 'none' };
  }

  /** Where the coordinator's summary should say the person cannot be reached, if anywhere. */
  async unreachableOn(person: Person): Promise<UnreachableOn | undefined> {
    const route = await this.route(person);
    return isNoRoute(route) ? route.on : undefined;
  }

  /** Delivers on the routed platform. Platforms throw RateLimitedError on HTTP 429. */
  async send(
    route: Route,
    person: Person,
    message: OutboundMessage,
  ): Promise<MessageRef | Unreachable> {
    if (route.platform === 'console') {
      const handle = person.identities.console?.handle;
      if (!handle || !this.outbox) return { unreachable: true, reason: 'not_installed' };
      return this.outbox.deliver(handle, message);
    }
    const platform = this.platforms.get(route.platform);
    if (!platform) return { unreachable: true, reason: 'not_installed' };
    return platform.sendToPerson(person.id, message);
  }
}

export function isUnreachable(result: MessageRef | Unreachable): result is Unreachable {
  return 'unreachable' in result;
}
