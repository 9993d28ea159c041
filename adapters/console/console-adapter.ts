import { createInterface } from 'node:readline';
import type { Bot } from '../../src/core/bot.js';
import type {
  ActionPayload,
  ConversationRef,
  InboundEvent,
  MessageRef,
} from '../../src/core/inbound.js';
import type { OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { renderForTerminal } from './render.js';

/**
 * The terminal as a chat: the newcomer's way into Nabo, and the third adapter beside Slack and
 * Teams. It reads one message per line (typed, or piped in a script) and prints the bot's answers.
 */
export class ConsoleAdapter implements OutboundPort {
  private sequence = 0;
  private latestChoices = new Map<number, ActionPayload>();
  private latestMessage: MessageRef | undefined;

  constructor(
    private readonly output: NodeJS.WritableStream,
    private readonly prefix = 'Nabo: ',
  ) {}

  conversationFor(handle: string): ConversationRef {
    return { platform: 'console', key: `console:${handle}`, isDirect: true, address: { handle } };
  }

  async send(_conversation: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const rendered = renderForTerminal(message);
    this.latestChoices = rendered.choicesByNumber;
    this.writeLines(rendered.lines);
    this.latestMessage = { conversationKey: _conversation.key, id: `m${++this.sequence}` };
    return this.latestMessage;
  }

  async update(_ref: MessageRef, message: OutboundMessage): Promise<void> {
    // A terminal cannot edit what it printed; show the answer that replaces the buttons instead.
    this.writeLines(renderForTerminal({ ...message, choices: [] }).lines);
  }

  /** Turns a typed line into an inbound event: a number picks a button, anything else is a message. */
  toEvent(line: string, handle: string): InboundEvent {
    const base = {
      eventId: `console-${Date.now()}-${++this.sequence}`,
      actor: { platform: 'console' as const, handle },
      conversation: this.conversationFor(handle),
      receivedAt: new Date(),
    };
    const picked = /^\s*\[?(\d{1,2})\]?\s*$/.exec(line);
    const action = picked ? this.latestChoices.get(Number(picked[1])) : undefined;
    if (action) return { ...base, kind: 'action', action, source: this.latestMessage };
    return { ...base, kind: 'message', text: line };
  }

  /**
   * Talks with the bot until the input ends (Ctrl-D, or the end of a piped script). Lines are
   * handled strictly one after another, so a script reads like a conversation.
   */
  async converse(
    bot: Bot,
    person: { handle: string; firstName: string },
    input: NodeJS.ReadableStream,
    interactive: boolean,
    /** Lines starting with "/" are the demo's controls (e.g. fast-forwarding time), not chat. */
    control?: (line: string) => Promise<void>,
  ): Promise<void> {
    const { handle } = person;
    const lines = createInterface({ input, terminal: false });
    const promptLabel = `${person.firstName}> `;
    if (interactive) this.output.write(promptLabel);
    for await (const line of lines) {
      if (!interactive) this.output.write(`${promptLabel}${line}\n`);
      if (control && line.trim().startsWith('/')) await control(line.trim());
      else if (line.trim() !== '') await bot.handle(this.toEvent(line, handle));
      if (interactive) this.output.write(promptLabel);
    }
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
