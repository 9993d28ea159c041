import { randomUUID } from 'node:crypto';
import { NaboError } from '../../kernel/errors.js';
import type { ConversationRef, MessageRef } from '../../src/core/inbound.js';
import type { OutboundMessage, OutboundPort } from '../../src/core/outbound.js';
import { SIGNATURE_HEADER, sign } from './signature.js';

/**
 * What Nabo says, POSTed as JSON to the chat system's callback URL, signed like its requests:
 *
 *   { "type": "message", "conversation": "c1", "workspace": "acme", "id": "m3",
 *     "message": { "text": "…", "sections": […], "choices": [{ "label", "action" }] } }
 *   { "type": "update", …, "id": "m3", "message": { … } }   (replaces an earlier message)
 *
 * The message is the core's own outbound vocabulary, so the chat system renders buttons and
 * forms as it likes and sends a button's `action` back as it came.
 */
export class WebhookOutbound implements OutboundPort {
  constructor(
    private readonly options: { callbackUrl: string; secret: string; fetchImpl?: typeof fetch },
  ) {}

  async send(conversation: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    const id = randomUUID();
    await this.post({ type: 'message', ...where(conversation.address), id, message });
    return { conversationKey: conversation.key, id };
  }

  async update(ref: MessageRef, message: OutboundMessage): Promise<void> {
    const [, workspace = '', conversation = ''] = ref.conversationKey.split(':');
    await this.post({ type: 'update', workspace, conversation, id: ref.id, message });
  }

  private async post(payload: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify(payload);
    const response = await (this.options.fetchImpl ?? fetch)(this.options.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: sign(this.options.secret, body),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new NaboError('DEPENDENCY_UNAVAILABLE', `Webhook callback answered ${response.status}`);
    }
  }
}

function where(address: Record<string, unknown>): { workspace: string; conversation: string } {
  return {
    workspace: String(address.workspace ?? ''),
    conversation: String(address.conversation ?? ''),
  };
}
