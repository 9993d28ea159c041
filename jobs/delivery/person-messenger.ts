import type { Person } from '../../models/types.js';
import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import {
  displayNameOf,
  type PaceRule,
  type PlatformRegistry,
  type SendOptions,
  type Unreachable,
} from '../../src/core/platform.js';
import type { UnreachableOn } from '../../src/assignment/messages.js';
import { workspacePaceRule } from './pacer.js';

export { isUnreachable } from '../../src/core/platform.js';

/** How to reach one person: the platform, and the buckets their sends are paced by. */
export interface Route {
  platform: string;
  /** The person's channel (Slack: their DM with the bot). */
  pace: PaceRule[];
  /** Their workspace or tenant, when the platform caps sends per workspace. */
  workspace?: PaceRule | undefined;
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
 * Picks the platform for a person and delivers there. The person is tried on each registered
 * platform they have an identity on, in the registry's order, and taken by the first that can
 * reach them (Teams can only write to someone who has talked to the bot once). Someone on no
 * platform this process runs cannot be reached, and the coordinator is told where they are.
 */
export class PersonMessenger {
  constructor(private readonly platforms: PlatformRegistry) {}

  /** The platforms this process delivers on (one send queue and worker each). */
  get platformIds(): string[] {
    return this.platforms.list().map((platform) => platform.id);
  }

  async route(person: Person): Promise<Route | NoRoute> {
    for (const platform of this.platforms.list()) {
      const identity = person.identities.find((candidate) => candidate.platform === platform.id);
      if (!identity) continue;
      if (platform.canReach && !(await platform.canReach(person))) continue;
      const cap = platform.deliveryCapPerSecond;
      return {
        platform: platform.id,
        pace: platform.deliveryPace?.(identity) ?? [],
        workspace: cap ? workspacePaceRule(platform.id, identity.workspaceId, cap) : undefined,
      };
    }
    const known = person.identities[0];
    return {
      unreachable: true,
      on: known ? { platform: displayNameOf(this.platforms, known.platform) } : 'nowhere',
    };
  }

  /** Where the coordinator's summary should say the person cannot be reached, if anywhere. */
  async unreachableOn(person: Person): Promise<UnreachableOn | undefined> {
    const route = await this.route(person);
    return isNoRoute(route) ? route.on : undefined;
  }

  /** Lets the routed platform find the person's conversation before the send is paced. */
  async prepare(route: Route, person: Person): Promise<void> {
    await this.platforms.get(route.platform)?.prepareSend?.(person);
  }

  /** Delivers on the routed platform. Platforms throw RateLimitedError on HTTP 429. */
  async send(
    route: Route,
    person: Person,
    message: OutboundMessage,
    options: SendOptions = {},
  ): Promise<MessageRef | Unreachable> {
    const platform = this.platforms.get(route.platform);
    if (!platform) return { unreachable: true, reason: 'not_installed' };
    return platform.sendToPerson(person, message, options);
  }

  /**
   * Asks the routed platform whether the message with this send key is already in the person's
   * conversation. 'unknown' when the platform cannot tell (Teams): the caller sends again.
   */
  async findSent(
    route: Route,
    person: Person,
    sendKey: string,
    since: Date,
  ): Promise<MessageRef | 'not_found' | 'unknown'> {
    const platform = this.platforms.get(route.platform);
    if (!platform?.findSent) return 'unknown';
    return (await platform.findSent(person, sendKey, since)) ?? 'not_found';
  }
}
