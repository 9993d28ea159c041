import type { Model } from 'mongoose';
import type { Clock } from '../../kernel/clock.js';
import { groupCommit, insertTogether } from '../group-commit.js';
import { isUnavailableError } from '../mongo-errors.js';
import type { InboxEntryDoc } from '../schemas/inbox-entry.js';

/** Platforms redeliver for minutes (Slack: three retries within about five minutes): a day is plenty. */
export const INBOX_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface NewInboxEntry {
  key: string;
  platform: string;
  /** The event as stored text, read back by the resumer. */
  payload: string;
  leaseMs: number;
  /**
   * Who accepts it (a fresh id per attempt to accept): when MongoDB goes away with the insert in
   * flight, the write may have landed without an answer, and only this tells the caller's own
   * entry from one another request stored.
   */
  acceptedBy: string;
}

/**
 * What `accept` found: `new` (stored now), `resumed` (stored earlier, not done, and its lease
 * had run out: this caller takes it over), `handled` (done, given up, or another turn holds it).
 */
export type InboxAcceptance = 'new' | 'resumed' | 'handled';

export interface ResumableEntry {
  key: string;
  platform: string;
  payload: string;
  attempts: number;
}

/**
 * The durable inbox: every inbound event is written here before it is acknowledged, and marked
 * done once its turn's effects are stored. A crash in between leaves it `accepted`; whoever
 * claims it after its lease (a platform's retry, or the resumer at start-up) runs the turn again.
 */
export interface InboxRepository {
  accept(entry: NewInboxEntry): Promise<InboxAcceptance>;
  markDone(key: string): Promise<void>;
  /** Gives up on an event that failed `attempts` times; it is no longer resumed. */
  markFailed(key: string): Promise<void>;
  /**
   * True when `error` says MongoDB could not be reached (connection reset, no server, shutting
   * down): a turn that failed on it may run again once the store is back, its effects being
   * idempotent per event.
   */
  isUnavailable(error: unknown): boolean;
  /** True once the event's turn finished (a resumed turn checks before repeating an effect). */
  isDone(key: string): Promise<boolean>;
  /** True when the event is stored, not done, as `acceptedBy` accepted it (see NewInboxEntry). */
  isAcceptedBy(key: string, acceptedBy: string): Promise<boolean>;
  /**
   * Claims up to `limit` events accepted but not done whose lease ran out, each for `leaseMs`
   * more, one at a time so two processes never take the same one.
   */
  claimStale(options: {
    leaseMs: number;
    limit: number;
    /** Only events of these platforms (the ones the calling process can answer on). */
    platforms: readonly string[];
  }): Promise<ResumableEntry[]>;
}

export function createInboxRepository(model: Model<InboxEntryDoc>, clock: Clock): InboxRepository {
  const later = (ms: number): Date => new Date(clock.now().getTime() + ms);

  async function claim(filter: Record<string, unknown>, leaseMs: number) {
    return model
      .findOneAndUpdate(
        { ...filter, state: 'accepted', leaseUntil: { $lte: clock.now() } },
        { $set: { leaseUntil: later(leaseMs) }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean<InboxEntryDoc>();
  }

  /** Marks events finished; one command for every event handed to it at once. */
  async function finish(keys: readonly string[], state: 'done' | 'failed') {
    const now = clock.now();
    // Straight to the driver, as `accept` is: one of the two writes every event costs, with
    // nothing for mongoose to cast (updatedAt is what its timestamps would set).
    await whileUnreachable(() =>
      model.collection.updateMany(
        { key: { $in: [...keys] } },
        {
          $set: {
            state,
            doneAt: now,
            expiresAt: new Date(now.getTime() + INBOX_MEMORY_MS),
            updatedAt: now,
          },
          // What the person wrote is not kept once the turn is over.
          $unset: { payload: '' },
        },
      ),
    );
  }
  // Under load turns end together: the ones that end while a mark is on its way are marked
  // with the next one, instead of a round trip each. A lone turn's mark goes at once.
  const markDone = groupCommit<string, void>(async (keys) => {
    await finish(keys, 'done');
    return keys.map(() => ({ ok: true, value: undefined }));
  });
  // The events that arrive together are stored together, the same way: one insert command
  // under load instead of one per event, each event still acknowledged only once it is stored.
  const insertEntries = insertTogether(() => model.collection, whileUnreachable);

  return {
    async accept(entry) {
      const now = clock.now();
      // Whose insert it was: when MongoDB goes away with the insert in flight, the write may
      // have landed without an answer. Tried again, this caller recognises its own entry (and
      // runs the turn) instead of taking it for a redelivery that another turn holds — which
      // nobody would run before its lease ran out.
      const { acceptedBy } = entry;
      const doc = {
        key: entry.key,
        platform: entry.platform,
        state: 'accepted',
        payload: entry.payload,
        leaseUntil: new Date(now.getTime() + entry.leaseMs),
        attempts: 1,
        acceptedBy,
        acceptedAt: now,
        createdAt: now,
        updatedAt: now,
      };
      const refused = await insertEntries([doc as unknown as InboxEntryDoc]);
      if (refused.length === 0) return 'new';
      const stored = await model
        .findOne({ key: entry.key }, { acceptedBy: 1, state: 1 })
        .lean<Pick<InboxEntryDoc, 'acceptedBy' | 'state'>>();
      if (stored?.acceptedBy === acceptedBy && stored.state === 'accepted') return 'new';
      // A redelivery: taken over only when its first turn has evidently died (lease ran out).
      return (await claim({ key: entry.key }, entry.leaseMs)) ? 'resumed' : 'handled';
    },

    markDone,
    markFailed: (key) => finish([key], 'failed'),
    isUnavailable: isUnavailableError,

    async isDone(key) {
      return (await model.exists({ key, state: 'done' })) !== null;
    },

    async isAcceptedBy(key, acceptedBy) {
      return (await model.exists({ key, acceptedBy, state: 'accepted' })) !== null;
    },

    async claimStale({ leaseMs, limit, platforms }) {
      const claimed: ResumableEntry[] = [];
      while (claimed.length < limit) {
        const doc = await claim({ platform: { $in: [...platforms] } }, leaseMs);
        if (!doc) break;
        claimed.push({
          key: doc.key,
          platform: doc.platform,
          payload: doc.payload ?? '',
          attempts: doc.attempts,
        });
      }
      return claimed;
    },
  };
}

/**
 * Runs an idempotent write once more when MongoDB was unreachable: the second try waits for a
 * server (serverSelectionTimeoutMS) instead of failing on the connection that was reset.
 */
async function whileUnreachable<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUnavailableError(error)) throw error;
    return write();
  }
}
