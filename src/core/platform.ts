import type { Person, Platform, PlatformIdentity } from '../../models/types.js';
import type { ConversationRef, MessageRef, SharedFile } from './inbound.js';
import type { OutboundMessage, OutboundPort } from './outbound.js';

/**
 * A messaging platform as the core and the jobs know it: an id and the adapter registered under
 * it. Nothing outside adapters/ compares platform ids or knows what a Slack channel or a Teams
 * conversation reference is; it asks the registered adapter. Adding a platform is a folder under
 * adapters/ and one registration in the composition root (app/).
 */
export interface PlatformAdapter {
  /** The id in identities, conversation keys, links and audit entries: 'slack', 'teams', … */
  readonly id: Platform;
  /** How people call it: "cannot be reached on Teams". */
  readonly displayName: string;
  /** Answers in a conversation the platform brought us. */
  readonly outbound: OutboundPort;
  /**
   * The workspaces (Slack teams, Teams tenants) whose people may use Nabo; undefined allows any.
   * The inbound pipeline refuses, and audits, events from the others.
   */
  readonly allowedWorkspaces?: readonly string[] | undefined;
  /**
   * A message nobody asked for right now (a hand-out, a reminder, a welcome), sent through the
   * person's stored conversation link. A person the platform will not let us reach is an
   * answer (`Unreachable`), not an error; a platform's 429 is a RateLimitedError.
   */
  sendToPerson(
    person: Person,
    message: OutboundMessage,
    options?: SendOptions,
  ): Promise<MessageRef | Unreachable>;
  /**
   * Whether a message sent with this send key (`options.sendKey`) since the instant is already in
   * the person's conversation: asked before a send that may have reached the platform before a
   * crash is sent again. Absent: the platform cannot tell, and the message is sent again (a
   * possible duplicate, never a loss).
   */
  findSent?(person: Person, sendKey: string, since: Date): Promise<MessageRef | undefined>;
  /**
   * Finds (or opens) where a proactive message to the person goes, before the send is paced, so
   * the paced send is the one request that counts against the platform's limit and leaves on
   * time. Never throws: what it could not find, the send looks up itself.
   */
  prepareSend?(person: Person): Promise<void>;
  /**
   * Whether a proactive message could reach the person at all, asked before a job is queued
   * (Teams can only write to someone who has talked to the bot once). Absent: always.
   */
  canReach?(person: Person): Promise<boolean>;
  /** How the jobs pace proactive sends to one person (Slack: one per second per DM). */
  deliveryPace?(identity: PlatformIdentity): PaceRule[];
  /** Sends per second across the whole workspace or tenant: the platform's send queue's cap. */
  readonly deliveryCapPerSecond?: number | undefined;
  /** Fetches a file someone shared (described by data in the event) with the bot's credentials. */
  downloadFile?(file: SharedFile): Promise<Buffer>;
  /**
   * For a platform on the operator's own machine (the terminal): a file on disk, shared by its
   * path ("importer /sti/liste.csv"); undefined when there is no such file. Platforms that reach
   * the server from outside never have this: a path in a message must not open a file there.
   */
  localFile?(path: string): Promise<SharedFile | undefined>;
  /**
   * What to store as a person's link from their one-to-one conversation, so jobs can write to
   * them later; undefined when this platform needs none (the terminal).
   */
  linkAddress?(conversation: ConversationRef): unknown;
  /**
   * For platforms without a directory to mention people from (the terminal): an identity for a
   * newcomer a coordinator adds by name, or undefined when there is none to give.
   */
  identityForNewcomer?(
    name: string,
    isTaken: (identity: PlatformIdentity) => Promise<boolean>,
  ): Promise<PlatformIdentity | undefined>;
}

/** How a job's message is sent: the send key travels with it where the platform can keep it. */
export interface SendOptions {
  sendKey?: string;
  /**
   * The caller paced this send and handles a 429 itself (the jobs: they pause the workspace in
   * every worker and try the job again). The platform then does not wait and retry the first
   * request on its own, which would go out without a token into a window already full.
   */
  paced?: boolean;
  /**
   * `performance.now()` after which a paced send's first request must not leave: its token has
   * passed. The platform then throws SendTooLateError, having sent nothing.
   */
  notAfter?: number;
}

/** Why a proactive message could not be delivered; the caller tells the coordinator. */
export type Unreachable = { unreachable: true; reason: 'no_link' | 'not_installed' | 'blocked' };

export function isUnreachable(result: MessageRef | Unreachable): result is Unreachable {
  return 'unreachable' in result;
}

/** At most `max` sends in any `windowMs`. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** One window that a send counts against, e.g. the person's Slack DM: `slack:T1:U1`. */
export interface PaceRule extends WindowLimit {
  key: string;
}

/** The platforms a process runs, in the order a person is tried on when they use several. */
export interface PlatformRegistry {
  get(id: Platform): PlatformAdapter | undefined;
  list(): readonly PlatformAdapter[];
}

export interface MutablePlatformRegistry extends PlatformRegistry {
  register(adapter: PlatformAdapter): void;
}

/**
 * The composition root fills it; the bot and the jobs read it when they need it, so an adapter
 * may be handed the registry (for the notifier) while it is itself being built.
 */
export function createPlatformRegistry(
  adapters: readonly PlatformAdapter[] = [],
): MutablePlatformRegistry {
  const byId = new Map<Platform, PlatformAdapter>();
  const registry: MutablePlatformRegistry = {
    get: (id) => byId.get(id),
    list: () => [...byId.values()],
    register(adapter) {
      if (byId.has(adapter.id)) throw new Error(`platform '${adapter.id}' is registered twice`);
      byId.set(adapter.id, adapter);
    },
  };
  for (const adapter of adapters) registry.register(adapter);
  return registry;
}

/**
 * "Teams" for a registered platform. A platform this process does not run is named by its id,
 * capitalised ("teams" → "Teams"), which is how every platform so far calls itself.
 */
export function displayNameOf(registry: PlatformRegistry, platform: Platform): string {
  return (
    registry.get(platform)?.displayName ?? `${platform.charAt(0).toUpperCase()}${platform.slice(1)}`
  );
}
