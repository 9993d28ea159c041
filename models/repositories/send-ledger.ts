import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { isDuplicateKeyError } from '../mongo-errors.js';
import type { SendLedgerDoc } from '../schemas/send-ledger.js';
import type { Platform, SendLedgerEntry } from '../types.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * Outbound sends that jobs make are at most once per key: retries, restarts and duplicate
 * triggers all call `claim` first and only the winner sends. A send known to have failed may be
 * claimed again (that is what the job's retry is for); a pending one may not, because it may have
 * reached the person before the process died.
 */
export interface SendLedgerRepository {
  /** True when the caller may send now: the first claim of the key, or a retry after markFailed. */
  claim(key: string, options?: { platform?: Platform }): Promise<boolean>;
  markSent(key: string, options?: { platform?: Platform }): Promise<SendLedgerEntry>;
  markFailed(key: string): Promise<SendLedgerEntry>;
  get(key: string): Promise<SendLedgerEntry | null>;
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
      .findOneAndUpdate({ key, status: 'pending' }, { $set: set }, { returnDocument: 'after' })
      .lean<SendLedgerDoc>();
    if (doc) return toEntry(doc);
    const existing = await model.findOne({ key }).lean<SendLedgerDoc>();
    if (!existing) throw new NaboError('NOT_FOUND', `Send '${key}' was never claimed`);
    throw new NaboError('CONFLICT', `Send '${key}' is already ${existing.status}`);
  }

  return {
    async claim(key, options = {}) {
      try {
        await model.create({
          key,
          status: 'pending',
          attempts: 1,
          ...(options.platform ? { platform: options.platform } : {}),
        });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const retried = await model
        .findOneAndUpdate(
          { key, status: 'failed' },
          { $set: { status: 'pending' }, $inc: { attempts: 1 } },
          { returnDocument: 'after' },
        )
        .lean<SendLedgerDoc>();
      return retried !== null;
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

    async get(key) {
      const doc = await model.findOne({ key }).lean<SendLedgerDoc>();
      return doc ? toEntry(doc) : null;
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
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
