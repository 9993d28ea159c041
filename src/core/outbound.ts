import { mayShowResidentData } from '../privacy/where-data-may-appear.js';
import type { ActionPayload, ConversationRef, MessageRef } from './inbound.js';

/**
 * The outbound vocabulary: what the core may ask an adapter to show. Adapters render it as
 * Block Kit, Adaptive Cards or terminal lines. Text is plain: adapters escape it, so nothing a
 * user typed can become a mention or a link.
 */
export interface Choice {
  label: string;
  action: ActionPayload;
  style?: 'primary' | 'danger';
}

/** A block of the message, e.g. one household with its own report buttons. */
export interface MessageSection {
  text: string;
  choices?: Choice[];
}

export interface FormField {
  id: string;
  label: string;
  kind: 'text' | 'multiline' | 'number' | 'date' | 'select';
  required?: boolean;
  initial?: string;
  options?: Array<{ label: string; value: string }>;
}

export interface FormSpec {
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

/**
 * A picture shown above the message's text (the programme report's chart). Slack uploads it as a
 * file, Teams attaches it inline, the terminal writes it to a file and prints where.
 */
export interface OutboundImage {
  png: Buffer;
  /** Read aloud by screen readers and shown where the picture cannot be. */
  altText: string;
  fileName: string;
}

export interface OutboundMessage {
  text: string;
  sections?: MessageSection[];
  choices?: Choice[];
  form?: FormSpec;
  /** Names a resident: delivered only into a one-to-one conversation (see withResidentData). */
  residentData?: true;
  image?: OutboundImage;
}

/** Implemented by every adapter. */
export interface OutboundPort {
  /**
   * `sendKey`: a reply's key in the turn (`src/core/pipeline.ts`), kept with the message where
   * the platform can (Slack: message metadata), so `findSent` can tell it went out.
   */
  send(
    conversation: ConversationRef,
    message: OutboundMessage,
    options?: { sendKey?: string },
  ): Promise<MessageRef>;
  /**
   * A message posted into the conversation with this send key since the instant. Asked when a
   * turn runs again (its process died, or MongoDB went away mid-turn), before each reply: one
   * that already went out is not sent twice. Absent: the platform cannot tell, and the reply is
   * sent again (a possible duplicate, never a loss).
   */
  findSent?(
    conversation: ConversationRef,
    sendKey: string,
    since: Date,
  ): Promise<MessageRef | undefined>;
  /** Replaces an earlier message, typically to show the answer without its buttons. */
  update(ref: MessageRef, message: OutboundMessage): Promise<void>;
}

/**
 * Marks a message that names a resident (name, address or note): it may go only into a
 * one-to-one conversation with the bot. The delivery path checks the mark against the
 * conversation it is about to write to (`mayDeliver`), whatever the payload that caused it said.
 */
export function withResidentData(message: OutboundMessage | string): OutboundMessage {
  return typeof message === 'string'
    ? { text: message, residentData: true }
    : { ...message, residentData: true };
}

/** Whether this message may go into this conversation: resident data only where it may show. */
export function mayDeliver(
  message: OutboundMessage,
  conversation: Pick<ConversationRef, 'isDirect' | 'sharedWithOtherWorkspaces'>,
): boolean {
  return message.residentData !== true || mayShowResidentData(conversation);
}
