import type { Platform, PlatformIdentity } from '../../models/types.js';

/**
 * The one inbound event type every adapter produces (Slack, Teams, the terminal, …). The core
 * never sees a platform payload: it sees who wrote, in which conversation, and what they did.
 * Events are plain data (no functions, no SDK objects), so they can be stored and processed
 * later: a shared file is described, and fetched through its platform's adapter when needed.
 */
export type { Platform, PlatformIdentity };
export { describeIdentity } from '../../models/identities.js';

export interface ConversationRef {
  platform: Platform;
  /** Stable and storable: `slack:T123:D456`, `teams:<conversation id>`, `console:birgit`. */
  key: string;
  /** A one-to-one chat with the bot. Residents' names are shown only in such conversations. */
  isDirect: boolean;
  /**
   * People of another organisation can read along (a Slack Connect channel or DM, a Teams chat
   * with external members). Set by the adapter; when it cannot tell, it says true.
   */
  sharedWithOtherWorkspaces?: boolean;
  /** Whatever the adapter needs to answer here later (Slack channel id, Teams reference). */
  address: Record<string, unknown>;
}

/** What a button or card carries back: which flow and step it belongs to, and the value chosen. */
export interface ActionPayload {
  flow: string;
  step: string;
  value: string;
}

/** A message the bot sent earlier, so an answer can replace its buttons. */
export interface MessageRef {
  conversationKey: string;
  id: string;
}

/** A file someone shared with the bot, as data: what it is, and where its platform keeps it. */
export interface SharedFile {
  name: string;
  mimeType: string | undefined;
  sizeBytes: number | undefined;
  /** What the platform's adapter needs to fetch it (a URL): storable, read only by that adapter. */
  ref: Record<string, unknown>;
}

/** A shared file as a flow gets it: fetched on demand, with the bot's credentials and limits. */
export interface IncomingFile extends SharedFile {
  /**
   * Fetches the content through its platform's adapter, with the bot's credentials. Adapters
   * enforce their size limit and reject with a LimitExceededError when it is passed; any other
   * rejection means the platform would not hand the file over.
   */
  download(): Promise<Buffer>;
}

/**
 * Someone the writer named with their platform's mention ("tilføj @Birgit"). The adapter reads
 * the platform's markup, so the core never parses `<@U123>` or `<at>…</at>`.
 */
export interface Mention {
  identity: PlatformIdentity;
  /** How the mention reads in the event's text ("@birgit", "Birgit Sørensen"). */
  text: string;
  /** The name the mention showed, when it showed one. */
  label?: string;
}

interface InboundBase {
  /** The platform's id for this event, used to handle retries and replays once. */
  eventId: string;
  actor: PlatformIdentity;
  conversation: ConversationRef;
  receivedAt: Date;
}

export type InboundEvent =
  | (InboundBase & { kind: 'message'; text: string; mentions?: Mention[] })
  | (InboundBase & { kind: 'action'; action: ActionPayload; source: MessageRef | undefined })
  | (InboundBase & {
      kind: 'form_submit';
      formId: string;
      values: Record<string, string>;
      source: MessageRef | undefined;
    })
  | (InboundBase & { kind: 'command'; name: string; text: string })
  | (InboundBase & { kind: 'file'; file: SharedFile })
  | (InboundBase & { kind: 'home_opened' })
  | InstalledEvent;

/**
 * The bot was added to a conversation (a personal app installed, a team or group chat joined).
 * Who did it is not always known; the workspace is, for the allow-list.
 */
export interface InstalledEvent extends Omit<InboundBase, 'actor'> {
  kind: 'installed';
  actor: PlatformIdentity | undefined;
  workspaceId: string | undefined;
}

/** What a person did: every event but an install, which the pipeline answers itself. */
export type PersonEvent = Exclude<InboundEvent, InstalledEvent>;

export type InboundKind = InboundEvent['kind'];

/** The workspace (Slack team, Teams tenant) an event comes from, for the allow-list. */
export function workspaceOf(event: InboundEvent): string | undefined {
  return event.kind === 'installed'
    ? (event.workspaceId ?? event.actor?.workspaceId)
    : event.actor.workspaceId;
}

/**
 * `<platform>:<event id>`: the event's key in the inbox, and the idempotency key of what its
 * turn stores (a resumed turn finds its own visit attempt by it instead of adding another).
 */
export function eventKeyOf(event: Pick<InboundEvent, 'eventId' | 'conversation'>): string {
  return `${event.conversation.platform}:${event.eventId}`;
}
