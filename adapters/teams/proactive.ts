import type { NaboDatabase } from '../../models/database.js';
import type { ConversationRef, MessageRef } from '../../src/core/inbound.js';
import { mayDeliver, type OutboundMessage, type OutboundPort } from '../../src/core/outbound.js';
import type { Logger } from '../../kernel/logger.js';
import type { Person } from '../../models/types.js';
import type { Unreachable } from '../../src/core/platform.js';
import { conversationKey } from './inbound.js';
import { asConversationReference } from './references.js';
import { statusOf } from './retry.js';

/**
 * Messages nobody asked for right now (monthly assignments, revisit reminders): sent through the
 * ConversationReference stored when the person installed the bot or last wrote to it. A bot
 * cannot open a chat with someone who never installed it, so that is a normal answer
 * (`not_installed`), never an exception and never a silent drop: the caller tells the
 * coordinator that the person cannot be reached on Teams.
 */
export async function sendToPerson(
  deps: { db: NaboDatabase; outbound: OutboundPort; logger: Logger },
  person: Person,
  message: OutboundMessage,
): Promise<MessageRef | Unreachable> {
  const personId = person.id;
  const link = await deps.db.conversationLinks.get(personId, 'teams');
  const reference = asConversationReference(link?.address);
  if (!reference) return { unreachable: true, reason: 'not_installed' };

  const conversation: ConversationRef = {
    platform: 'teams',
    key: conversationKey(reference.conversation.id),
    isDirect: reference.conversation.conversationType === 'personal',
    address: reference as unknown as Record<string, unknown>,
  };
  // A stored link that is not a personal chat (an old team install) never gets residents' names.
  if (!mayDeliver(message, conversation)) {
    deps.logger.warn({ personId }, 'teams link is not a personal chat: resident data not sent');
    return { unreachable: true, reason: 'not_installed' };
  }
  try {
    return await deps.outbound.send(conversation, message);
  } catch (error) {
    const reason = unreachableReason(error);
    if (!reason) throw error;
    deps.logger.info({ personId, reason }, 'teams person cannot be reached');
    return { unreachable: true, reason };
  }
}

/**
 * 403 means the bot may no longer write there: the person blocked it, or removed the app (the bot
 * is then no longer in the conversation's roster); 404 means the conversation is gone. Anything
 * else (throttling that outlasted the retries, an outage) is an error the caller may retry.
 */
function unreachableReason(error: unknown): Unreachable['reason'] | undefined {
  const status = statusOf(error);
  if (status === 403) {
    const code = (error as { code?: unknown }).code;
    return code === 'ConversationBlockedByUser' ? 'blocked' : 'not_installed';
  }
  if (status === 404) return 'not_installed';
  return undefined;
}
