import type { MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage, OutboundPort } from '../../src/core/outbound.js';

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

/**
 * The outbox as an outbound port, for a process with no terminal of its own (the worker in local
 * runs): an answer in a console conversation goes to that conversation's handle, and a replaced
 * message arrives again as a new one.
 */
export function outboxPort(outbox: ConsoleOutbox): OutboundPort {
  const handleOf = (conversationKey: string): string => conversationKey.replace(/^console:/, '');
  return {
    send: (conversation, message) => outbox.deliver(handleOf(conversation.key), message),
    async update(ref, message) {
      await outbox.deliver(handleOf(ref.conversationKey), message);
    },
  };
}
