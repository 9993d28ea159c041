import type { ConsoleOutbox } from './outbox.js';
import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import type { ConsoleAdapter } from './console-adapter.js';

/**
 * Where the demo's jobs deliver: a message for the person at the keyboard appears in their
 * conversation, with buttons they can press by number; messages for the others of the estate
 * appear as one line each, so the newcomer sees that the coordinator got a summary too.
 */
export class TerminalOutbox implements ConsoleOutbox {
  private sequence = 0;
  private deliveredCount = 0;

  constructor(
    private readonly terminal: ConsoleAdapter,
    private readonly currentHandle: string,
    private readonly firstNames: ReadonlyMap<string, string>,
  ) {}

  get delivered(): number {
    return this.deliveredCount;
  }

  async deliver(handle: string, message: OutboundMessage): Promise<MessageRef> {
    this.deliveredCount += 1;
    if (handle === this.currentHandle) {
      return this.terminal.send(this.terminal.conversationFor(handle), message);
    }
    const name = this.firstNames.get(handle) ?? handle;
    this.terminal.note(`📨 ${name}: ${message.text.split('\n')[0] ?? ''}`);
    return { conversationKey: `console:${handle}`, id: `outbox-${++this.sequence}` };
  }

  /** Resolves once `count` messages have been delivered in all, or after the time limit. */
  async waitForDeliveries(count: number, timeoutMs = 15_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveredCount < count) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }
}
