import type { ConversationReference } from 'botbuilder';

/**
 * The latest ConversationReference of each conversation this process has heard from or written
 * to, by conversation key. `update(ref)` needs the service URL of the conversation, and a
 * MessageRef only carries the key and the activity id. An update always follows an inbound
 * activity of the same conversation handled by this same process (the press of a button), so a
 * process-local map is enough; it is bounded so a long-running process does not grow.
 */
export class ReferenceBook {
  private readonly references = new Map<string, ConversationReference>();

  constructor(private readonly capacity = 10_000) {}

  remember(conversationKey: string, reference: ConversationReference): void {
    // Re-inserting moves the key to the end: the map's order is least recently used first.
    this.references.delete(conversationKey);
    this.references.set(conversationKey, reference);
    if (this.references.size > this.capacity) {
      const oldest = this.references.keys().next();
      if (!oldest.done) this.references.delete(oldest.value);
    }
  }

  get(conversationKey: string): ConversationReference | undefined {
    return this.references.get(conversationKey);
  }
}

/** A stored or passed-on address that can really be used to reach a conversation. */
export function asConversationReference(address: unknown): ConversationReference | undefined {
  if (typeof address !== 'object' || address === null) return undefined;
  const candidate = address as Partial<ConversationReference>;
  if (typeof candidate.serviceUrl !== 'string' || candidate.serviceUrl === '') return undefined;
  if (typeof candidate.conversation?.id !== 'string' || candidate.conversation.id === '')
    return undefined;
  return candidate as ConversationReference;
}

/**
 * What is stored as a person's ConversationLink: just enough to write to them later. The
 * display name Teams includes is left out; Nabo keeps names where they belong (people).
 */
export function storableReference(reference: ConversationReference): ConversationReference {
  const { user, activityId: _activityId, ...rest } = reference;
  const slimUser = user
    ? { id: user.id, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) }
    : undefined;
  return {
    ...rest,
    ...(slimUser ? { user: slimUser as ConversationReference['user'] } : {}),
  } as ConversationReference;
}
