import type { ConversationReference } from 'botbuilder';

/** Where the references are kept for every web worker and replica (models' repository). */
export interface ReferenceStore {
  remember(platform: string, conversationKey: string, reference: object): Promise<void>;
  get(platform: string, conversationKey: string): Promise<Record<string, unknown> | undefined>;
}

/** A stored reference is renewed at most this often, so its TTL in MongoDB keeps running. */
const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The latest ConversationReference of each conversation, by conversation key. `update(ref)`
 * needs the service URL of the conversation, and a MessageRef only carries the key and the
 * activity id. The turn that updates a card may run in another web worker (node:cluster) or
 * replica than the one that received the conversation's activity, so the references live in
 * MongoDB. A bounded local copy spares the round trip for a conversation this process already
 * wrote down: it is only written again when the reference changed or a day has passed.
 */
export class ReferenceBook {
  private readonly local = new Map<
    string,
    { reference: ConversationReference; json: string; at: number }
  >();

  constructor(
    private readonly store: ReferenceStore,
    private readonly nowMs: () => number,
    private readonly capacity = 10_000,
  ) {}

  async remember(conversationKey: string, reference: ConversationReference): Promise<void> {
    const storable = storableReference(reference);
    const json = JSON.stringify(storable);
    const known = this.local.get(conversationKey);
    const now = this.nowMs();
    if (known && known.json === json && now - known.at < RENEW_AFTER_MS) {
      this.keep(conversationKey, known);
      return;
    }
    await this.store.remember('teams', conversationKey, storable);
    this.keep(conversationKey, { reference: storable, json, at: now });
  }

  async get(conversationKey: string): Promise<ConversationReference | undefined> {
    const known = this.local.get(conversationKey);
    if (known) return known.reference;
    const stored = asConversationReference(await this.store.get('teams', conversationKey));
    if (stored) {
      // Not counted as written: the next remember() of this conversation renews it.
      this.keep(conversationKey, { reference: stored, json: JSON.stringify(stored), at: 0 });
    }
    return stored;
  }

  private keep(
    conversationKey: string,
    entry: { reference: ConversationReference; json: string; at: number },
  ): void {
    // Re-inserting moves the key to the end: the map's order is least recently used first.
    this.local.delete(conversationKey);
    this.local.set(conversationKey, entry);
    if (this.local.size > this.capacity) {
      const oldest = this.local.keys().next();
      if (!oldest.done) this.local.delete(oldest.value);
    }
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
