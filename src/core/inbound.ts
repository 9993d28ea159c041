/**
 * The one inbound event type every adapter produces (Slack, Teams, the terminal). The core never
 * sees a platform payload: it sees who wrote, in which conversation, and what they did.
 */
export type Platform = 'slack' | 'teams' | 'console';

export type PlatformIdentity =
  | { platform: 'slack'; teamId: string; userId: string }
  | { platform: 'teams'; tenantId: string; aadObjectId: string }
  | { platform: 'console'; handle: string };

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

export interface IncomingFile {
  name: string;
  mimeType: string | undefined;
  sizeBytes: number | undefined;
  /**
   * Downloads the content with the bot's credentials. Adapters enforce their size limit and
   * reject with a LimitExceededError when it is passed; any other rejection means the platform
   * would not hand the file over.
   */
  download(): Promise<Buffer>;
}

interface InboundBase {
  /** The platform's id for this event, used to handle retries and replays once. */
  eventId: string;
  actor: PlatformIdentity;
  conversation: ConversationRef;
  receivedAt: Date;
}

export type InboundEvent =
  | (InboundBase & { kind: 'message'; text: string })
  | (InboundBase & { kind: 'action'; action: ActionPayload; source: MessageRef | undefined })
  | (InboundBase & {
      kind: 'form_submit';
      formId: string;
      values: Record<string, string>;
      source: MessageRef | undefined;
    })
  | (InboundBase & { kind: 'command'; name: string; text: string })
  | (InboundBase & { kind: 'file'; file: IncomingFile })
  | (InboundBase & { kind: 'home_opened' });

export type InboundKind = InboundEvent['kind'];

export function describeIdentity(identity: PlatformIdentity): string {
  switch (identity.platform) {
    case 'slack':
      return `slack:${identity.teamId}:${identity.userId}`;
    case 'teams':
      return `teams:${identity.tenantId}:${identity.aadObjectId}`;
    case 'console':
      return `console:${identity.handle}`;
  }
}
