import type { NaboDatabase } from '../../models/database.js';
import { randomUUID } from 'node:crypto';
import { createInboundPipeline, type InboundPipeline } from '../../src/core/pipeline.js';
import { fixedClock } from '../../kernel/clock.js';
import type {
  ConversationRef,
  InboundEvent,
  Mention,
  MessageRef,
  PlatformIdentity,
  SharedFile,
} from '../../src/core/inbound.js';
import type { Choice, OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { allFlows } from '../../src/core/all-flows.js';
import {
  createPlatformRegistry,
  type PlatformAdapter,
  type PlatformRegistry,
} from '../../src/core/platform.js';
import { createConsolePlatform } from '../../adapters/console/platform.js';
import { MemoryConsoleOutbox } from '../../adapters/console/outbox.js';
import { createLogger } from '../../kernel/logger.js';
import type { PersonNotifier } from '../../src/core/turn.js';
import type { EventReminderScheduler } from '../../src/events/event-reminders.js';

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

/** Files a test shares with the bot, by the id in their `ref`, and how often each was fetched. */
const sharedTestFiles = new Map<string, { content: Buffer; downloads: number }>();

/**
 * A file shared in a test, as data in the event; the test platforms fetch its bytes from here
 * and count how often they had to.
 */
export function sharedTestFile(
  name: string,
  content: Buffer,
  options: { mimeType?: string; sizeBytes?: number } = {},
): SharedFile & { readonly downloads: number } {
  const id = randomUUID();
  const held = { content, downloads: 0 };
  sharedTestFiles.set(id, held);
  return {
    name,
    mimeType: options.mimeType,
    sizeBytes: options.sizeBytes ?? content.length,
    ref: { testFile: id },
    get downloads() {
      return held.downloads;
    },
  };
}

/**
 * The platforms a test's bot answers on, all through one recording port: the real terminal
 * platform (a coordinator who adds an ambassador by name gets them a handle, "importer <path>"
 * reads a file), and Slack and Teams as ids, for tests that write as a Slack or Teams person
 * without going through their HTTP adapters.
 */
export function testPlatforms(outbound: OutboundPort): PlatformRegistry {
  const terminal = createConsolePlatform(outbound, new MemoryConsoleOutbox());
  const stand_in = (id: string, displayName: string): PlatformAdapter => ({
    id,
    displayName,
    outbound,
    sendToPerson: async () => ({ unreachable: true, reason: 'no_link' }),
  });
  const withTestFiles = (platform: PlatformAdapter): PlatformAdapter => ({
    ...platform,
    async downloadFile(file) {
      const held = sharedTestFiles.get(String(file.ref.testFile));
      if (!held) return platform.downloadFile ? platform.downloadFile(file) : Buffer.alloc(0);
      held.downloads += 1;
      return held.content;
    },
  });
  return createPlatformRegistry(
    [terminal, stand_in('slack', 'Slack'), stand_in('teams', 'Teams')].map(withTestFiles),
  );
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
  /** Reaches people outside this conversation (invitations, welcomes); absent by default. */
  notifier?: PersonNotifier;
  /** Receives the day-before reminders of events the chat sends out; none by default. */
  eventReminders?: EventReminderScheduler;
}

/** One person's conversation with the bot, for tests. */
export class Chat {
  readonly adapter = new RecordingAdapter();
  readonly clock: ReturnType<typeof fixedClock>;
  readonly bot: InboundPipeline;
  private sequence = 0;
  private readonly conversation: ConversationRef;

  constructor(
    db: NaboDatabase,
    private readonly actor: PlatformIdentity,
    options: ChatOptions = {},
  ) {
    this.clock = fixedClock(options.now ?? '2026-11-27T10:00:00+01:00');
    this.bot = createInboundPipeline(
      {
        db,
        clock: this.clock,
        timeZone: options.timeZone ?? 'Europe/Copenhagen',
        locale: options.locale ?? 'da',
        logger: createLogger({ level: 'silent' }),
        platforms: testPlatforms(this.adapter),
        ...(options.notifier ? { notifier: options.notifier } : {}),
        ...(options.eventReminders ? { eventReminders: options.eventReminders } : {}),
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
      // Unique across chats: the pipeline handles each event id once per database.
      eventId: `evt-${++this.sequence}-${randomUUID()}`,
      actor: this.actor,
      conversation: this.conversation,
      receivedAt: this.clock.now(),
    };
  }

  /**
   * Sends text and returns the bot's answers to it. `mentions` are the people the text names with
   * the platform's mention, as its adapter would have read them.
   */
  async write(text: string, mentions?: Mention[]): Promise<OutboundMessage[]> {
    return this.deliver({
      ...this.base(),
      kind: 'message',
      text,
      ...(mentions ? { mentions } : {}),
    });
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
