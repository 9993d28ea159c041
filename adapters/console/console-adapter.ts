import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { InboundPipeline } from '../../src/core/pipeline.js';
import type {
  ActionPayload,
  ConversationRef,
  InboundEvent,
  MessageRef,
} from '../../src/core/inbound.js';
import type { OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { CONSOLE_PLATFORM, consoleIdentity } from './platform.js';
import { renderForTerminal } from './render.js';

/**
 * The terminal as a chat: the newcomer's way into Nabo, and the third adapter beside Slack and
 * Teams. It reads one message per line (typed, or piped in a script) and prints the bot's answers.
 */
export class ConsoleAdapter implements OutboundPort {
  private sequence = 0;
  /** The numbered buttons a typed number presses: those of the latest message that had any. */
  private latestChoices = new Map<number, ActionPayload>();
  private choicesMessage: MessageRef | undefined;
  /** What each message looked like when printed, so an update prints only what changed. */
  private readonly printed = new Map<string, string[]>();

  constructor(
    private readonly output: NodeJS.WritableStream,
    private readonly prefix = 'Nabo: ',
    /** Where pictures are written, since a terminal cannot show them. */
    private readonly imageDir = join(tmpdir(), 'nabo-demo', 'pictures'),
  ) {}

  conversationFor(handle: string): ConversationRef {
    return {
      platform: CONSOLE_PLATFORM,
      key: `console:${handle}`,
      isDirect: true,
      address: { handle },
    };
  }

  async send(conversation: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    if (message.image) {
      // A terminal cannot show a picture: it goes to a file, and the path is printed to open it.
      await mkdir(this.imageDir, { recursive: true });
      const path = join(this.imageDir, message.image.fileName);
      await writeFile(path, message.image.png);
      this.writeLines([`PNG: ${path}`, `(${message.image.altText})`]);
    }
    const rendered = renderForTerminal(message);
    const ref = { conversationKey: conversation.key, id: `m${++this.sequence}` };
    if (rendered.choicesByNumber.size > 0) {
      this.latestChoices = rendered.choicesByNumber;
      this.choicesMessage = ref;
    }
    this.printed.set(ref.id, rendered.lines);
    this.writeLines(rendered.lines);
    return ref;
  }

  /**
   * A terminal cannot edit what it printed: it prints the lines of the new version that the old
   * one did not have (typically the answer that replaced the buttons).
   */
  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const rendered = renderForTerminal(message);
    const before = new Set(this.printed.get(ref.id) ?? []);
    this.printed.set(ref.id, rendered.lines);
    if (this.choicesMessage?.id === ref.id) this.latestChoices = rendered.choicesByNumber;
    const changed = rendered.lines.filter((line) => !before.has(line));
    if (changed.length > 0) this.writeLines(changed);
  }

  /** Turns a typed line into an inbound event: a number picks a button, anything else is a message. */
  toEvent(line: string, handle: string): InboundEvent {
    const base = {
      eventId: `console-${Date.now()}-${++this.sequence}`,
      actor: consoleIdentity(handle),
      conversation: this.conversationFor(handle),
      receivedAt: new Date(),
    };
    const picked = /^\s*\[?(\d{1,2})\]?\s*$/.exec(line);
    const action = picked ? this.latestChoices.get(Number(picked[1])) : undefined;
    if (action) return { ...base, kind: 'action', action, source: this.choicesMessage };
    return { ...base, kind: 'message', text: line };
  }

  /**
   * Talks with the bot until the input ends (Ctrl-D, or the end of a piped script). Lines are
   * handled strictly one after another, so a script reads like a conversation.
   */
  async converse(
    pipeline: InboundPipeline,
    person: { handle: string; firstName: string },
    input: NodeJS.ReadableStream,
    interactive: boolean,
    /** Lines starting with "/" are the demo's controls (e.g. fast-forwarding time), not chat. */
    control?: (line: string) => Promise<void>,
  ): Promise<void> {
    const { handle } = person;
    const lines = createInterface({ input, terminal: false });
    // Ctrl-C ends the conversation like Ctrl-D, so the demo still cleans up its queues.
    const stop = (): void => lines.close();
    process.once('SIGINT', stop);
    const promptLabel = `${person.firstName}> `;
    if (interactive) this.output.write(promptLabel);
    for await (const line of lines) {
      if (!interactive) this.output.write(`${promptLabel}${line}\n`);
      if (control && line.trim().startsWith('/')) await control(line.trim());
      else if (line.trim() !== '') await pipeline.handle(this.toEvent(line, handle));
      if (interactive) this.output.write(promptLabel);
    }
    process.removeListener('SIGINT', stop);
    if (interactive) this.output.write('\n');
  }

  /** A line of what happens around the conversation (a message to someone else, a demo step). */
  note(line: string): void {
    this.output.write(`${line}\n`);
  }

  private writeLines(lines: string[]): void {
    const [first = '', ...rest] = lines;
    const indent = ' '.repeat(this.prefix.length);
    this.output.write(
      `${this.prefix}${first}\n${rest.map((line) => `${indent}${line}\n`).join('')}`,
    );
  }
}
