import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage } from '../../src/core/outbound.js';

/**
 * Where messages for console people go (the demo and local runs): kept in memory and, if asked,
 * echoed to a stream, as if the terminal were their chat.
 */
export interface ConsoleOutbox {
  deliver(handle: string, message: OutboundMessage): Promise<MessageRef>;
}

export class MemoryConsoleOutbox implements ConsoleOutbox {
  readonly delivered: Array<{ handle: string; message: OutboundMessage }> = [];
  private sequence = 0;

  constructor(private readonly echo?: (handle: string, message: OutboundMessage) => void) {}

  async deliver(handle: string, message: OutboundMessage): Promise<MessageRef> {
    this.delivered.push({ handle, message });
    this.echo?.(handle, message);
    return { conversationKey: `console:${handle}`, id: `outbox-${++this.sequence}` };
  }
}
