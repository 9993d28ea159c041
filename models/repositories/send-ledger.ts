import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { isDuplicateKeyError } from '../mongo-errors.js';
import type { SendLedgerDoc } from '../schemas/send-ledger.js';
import type { Platform, SendLedgerEntry, SendStatus } from '../types.js';
import type { Clock } from '../../kernel/clock.js';

/** A claimed send that may already be on the platform (`pending` is its former name). */
const IN_FLIGHT: SendStatus[] = ['sending', 'pending'];
/** Not sent, and someone means to send it: the reconcile makes sure a job exists for these. */
const UNFINISHED: SendStatus[] = ['queued', 'sending', 'pending'];

/**
 * Outbound sends that jobs make are at most once per key: retries, restarts and duplicate
 * triggers all call `claim` first and only the winner sends. A send that is queued, or known not
 * to have gone out (`release`, `failed`), may be claimed; one that is `sending` may not, because
 * it may have reached the person before the process died — the caller asks the platform first.
 */
export interface SendLedgerRepository {
  /**
   * Notes that a send was asked for, with its job (ids only), before the job is queued: when
   * Redis loses the job, MongoDB still knows there is a message to send. No-op once recorded.
   */
  record(key: string, job: { name: string; data: Record<string, unknown> }): Promise<void>;
  /**
   * Gives an entry recorded before jobs kept their data (an older Nabo) the job rebuilt from
   * MongoDB, so it can be queued again now and after any later loss. Kept job data is not replaced.
   */
  attachJob(key: string, job: { name: string; data: Record<string, unknown> }): Promise<void>;
  /** `record` for many sends in one command (a fan-out): each one a no-op once recorded. */
  recordMany(
    entries: ReadonlyArray<{ key: string; job: { name: string; data: Record<string, unknown> } }>,
  ): Promise<void>;
  /** True when the caller may send now: a first claim, a queued send, or a retry after a failure. */
  claim(key: string, options?: { platform?: Platform }): Promise<boolean>;
  markSent(key: string, options?: { platform?: Platform }): Promise<SendLedgerEntry>;
  /** Given up (the platform cannot reach the person, or the retries ran out). */
  markFailed(key: string): Promise<SendLedgerEntry>;
  /** The send did not reach the platform and will be tried again: back to `queued`. */
  release(key: string): Promise<void>;
  /** Nothing left to say when the job ran (visit closed, person left): no send, no retry. */
  markSkipped(key: string): Promise<void>;
  get(key: string): Promise<SendLedgerEntry | null>;
  /** Sends queued or in flight whose entry has not changed since the cutoff, oldest first. */
  listUnfinished(options?: { notChangedSince?: Date; limit?: number }): Promise<SendLedgerEntry[]>;
}

export function createSendLedgerRepository(
  model: Model<SendLedgerDoc>,
  clock: Clock,
): SendLedgerRepository {
  async function finish(
    key: string,
    set: Partial<Pick<SendLedgerDoc, 'status' | 'platform' | 'sentAt'>>,
  ): Promise<SendLedgerEntry> {
    const doc = await model
      .findOneAndUpdate(
        { key, status: { $in: IN_FLIGHT } },
        { $set: set },
        { returnDocument: 'after' },
      )
      .lean<SendLedgerDoc>();
    if (doc) return toEntry(doc);
    const existing = await model.findOne({ key }).lean<SendLedgerDoc>();
    if (!existing) throw new NaboError('NOT_FOUND', `Send '${key}' was never claimed`);
    throw new NaboError('CONFLICT', `Send '${key}' is already ${existing.status}`);
  }

  return {
    async record(key, job) {
      try {
        await model.updateOne(
          { key },
          { $setOnInsert: { key, status: 'queued', attempts: 0, job } },
          { upsert: true },
        );
      } catch (error) {
        // Two producers recorded the same send at once: one entry, which is what we want.
        if (!isDuplicateKeyError(error)) throw error;
      }
    },

    async attachJob(key, job) {
      await model.updateOne({ key, job: { $exists: false } }, { $set: { job } });
    },

    async recordMany(entries) {
      if (entries.length === 0) return;
      try {
        await model.bulkWrite(
          entries.map(({ key, job }) => ({
            updateOne: {
              filter: { key },
              update: { $setOnInsert: { key, status: 'queued', attempts: 0, job } },
              upsert: true,
            },
          })),
          { ordered: false },
        );
      } catch (error) {
        // Another producer recorded some of them at the same moment: one entry each, as wanted.
        if (!isDuplicateKeyError(error)) throw error;
      }
    },

    async claim(key, options = {}) {
      const platform = options.platform ? { platform: options.platform } : {};
      const claimQueued = () =>
        model
          .findOneAndUpdate(
            { key, status: { $in: ['queued', 'failed'] } },
            {
              $set: { status: 'sending', claimedAt: clock.now(), ...platform },
              $inc: { attempts: 1 },
            },
            { returnDocument: 'after' },
          )
          .lean<SendLedgerDoc>();
      // Sends are recorded as queued before their job exists, so the claim is usually that
      // entry's change to `sending`: one command. A send never recorded is created claimed.
      if (await claimQueued()) return true;
      try {
        await model.create({
          key,
          status: 'sending',
          attempts: 1,
          claimedAt: clock.now(),
          ...platform,
        });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Recorded in between (queued): claim that; sending, sent or skipped: not ours now.
        return (await claimQueued()) !== null;
      }
    },

    async markSent(key, options = {}) {
      return finish(key, {
        status: 'sent',
        sentAt: clock.now(),
        ...(options.platform ? { platform: options.platform } : {}),
      });
    },

    async markFailed(key) {
      return finish(key, { status: 'failed' });
    },

    async release(key) {
      await model.updateOne({ key, status: { $in: IN_FLIGHT } }, { $set: { status: 'queued' } });
    },

    async markSkipped(key) {
      await model.updateOne(
        { key, status: { $in: [...UNFINISHED, 'failed'] } },
        { $set: { status: 'skipped' } },
      );
    },

    async get(key) {
      const doc = await model.findOne({ key }).lean<SendLedgerDoc>();
      return doc ? toEntry(doc) : null;
    },

    async listUnfinished(options = {}) {
      const docs = await model
        .find({
          status: { $in: UNFINISHED },
          ...(options.notChangedSince ? { updatedAt: { $lte: options.notChangedSince } } : {}),
        })
        .sort({ updatedAt: 1 })
        .limit(options.limit ?? 10_000)
        .lean<SendLedgerDoc[]>();
      return docs.map(toEntry);
    },
  };
}

function toEntry(doc: SendLedgerDoc): SendLedgerEntry {
  return {
    key: doc.key,
    status: doc.status,
    ...(doc.platform ? { platform: doc.platform } : {}),
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
    attempts: doc.attempts,
    ...(doc.claimedAt ? { claimedAt: doc.claimedAt } : {}),
    ...(doc.job ? { job: doc.job } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
