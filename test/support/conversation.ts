import type { NaboDatabase } from '../../models/database.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import { fixedClock } from '../../src/core/clock.js';
import type {
  ConversationRef,
  InboundEvent,
  MessageRef,
  PlatformIdentity,
} from '../../src/core/inbound.js';
import type { Choice, OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { allFlows } from '../../src/flows/index.js';
import { createLogger } from '../../src/logging/logger.js';

export interface SentMessage {
  ref: MessageRef;
  conversation: ConversationRef;
  message: OutboundMessage;
  /** Set when the message was later replaced (e.g. its buttons removed after an answer). */
  replacedBy?: OutboundMessage;
}

/**
 * A test adapter: an OutboundPort that records what the bot says. Together with `Chat` it lets a
 * test talk to the bot as a person — type text, press a button by its label — the way the real
 * adapters deliver events.
 */
export class RecordingAdapter implements OutboundPort {
  readonly sent: SentMessage[] = [];
  private sequence = 0;

  async send(conversation: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const ref = { conversationKey: conversation.key, id: `msg-${++this.sequence}` };
    this.sent.push({ ref, conversation, message });
    return ref;
  }

  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const original = this.sent.find((entry) => entry.ref.id === ref.id);
    if (!original) throw new Error(`update of unknown message ${ref.id}`);
    original.replacedBy = message;
  }
}

/** All the text of a message: its text, sections and button labels, one per line. */
export function textOf(message: OutboundMessage): string {
  return [
    message.text,
    ...(message.sections ?? []).flatMap((section) => [
      section.text,
      ...(section.choices ?? []).map((choice) => `[${choice.label}]`),
    ]),
    ...(message.choices ?? []).map((choice) => `[${choice.label}]`),
  ].join('\n');
}

export function choicesOf(message: OutboundMessage): Choice[] {
  return [
    ...(message.sections ?? []).flatMap((section) => section.choices ?? []),
    ...(message.choices ?? []),
  ];
}

export interface ChatOptions {
  now?: string;
  timeZone?: string;
  locale?: 'da' | 'en';
  isDirect?: boolean;
}

/** One person's conversation with the bot, for tests. */
export class Chat {
  readonly adapter = new RecordingAdapter();
  readonly clock: ReturnType<typeof fixedClock>;
  readonly bot: Bot;
  private sequence = 0;
  private readonly conversation: ConversationRef;

  constructor(
    db: NaboDatabase,
    private readonly actor: PlatformIdentity,
    options: ChatOptions = {},
  ) {
    this.clock = fixedClock(options.now ?? '2026-11-27T10:00:00+01:00');
    this.bot = createBot(
      {
        db,
        outbound: this.adapter,
        clock: this.clock,
        timeZone: options.timeZone ?? 'Europe/Copenhagen',
        locale: options.locale ?? 'da',
        logger: createLogger({ level: 'silent' }),
      },
      allFlows,
    );
    const where = options.isDirect === false ? 'channel' : 'dm';
    this.conversation = {
      platform: actor.platform,
      key: `test:${JSON.stringify(actor)}:${where}`,
      isDirect: options.isDirect ?? true,
      address: {},
    };
  }

  private base() {
    return {
      eventId: `evt-${++this.sequence}`,
      actor: this.actor,
      conversation: this.conversation,
      receivedAt: this.clock.now(),
    };
  }

  /** Sends text and returns the bot's answers to it. */
  async write(text: string): Promise<OutboundMessage[]> {
    return this.deliver({ ...this.base(), kind: 'message', text });
  }

  /**
   * A message the bot sends on its own (a job's reminder) arrives in this conversation, so its
   * buttons can be pressed like any other.
   */
  async receive(message: OutboundMessage): Promise<void> {
    await this.adapter.send(this.conversation, message);
  }

  /** Presses the button whose label contains `label` on the latest message that has one. */
  async press(label: string): Promise<OutboundMessage[]> {
    const wanted = label.toLocaleLowerCase('da');
    for (const entry of [...this.adapter.sent].reverse()) {
      const current = entry.replacedBy ?? entry.message;
      const choice = choicesOf(current).find((candidate) =>
        candidate.label.toLocaleLowerCase('da').includes(wanted),
      );
      if (choice) {
        return this.deliver({
          ...this.base(),
          kind: 'action',
          action: choice.action,
          source: entry.ref,
        });
      }
    }
    throw new Error(`no button "${label}" in the conversation`);
  }

  async deliver(event: InboundEvent): Promise<OutboundMessage[]> {
    const before = this.adapter.sent.length;
    await this.bot.handle(event);
    return this.adapter.sent.slice(before).map((entry) => entry.message);
  }
}

/** The text of everything the bot said, for assertions. */
export function said(messages: OutboundMessage[]): string {
  return messages.map(textOf).join('\n');
}
