import { DelayedError, type Job } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NaboDatabase } from '../../models/database.js';
import type { Clock } from '../../kernel/clock.js';
import { isNaboError, RateLimitedError, SendTooLateError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import { auditResidentRead } from '../../src/privacy/audit.js';
import type { AssignmentBatches } from '../delivery/assignment-batch.js';
import { composeMessage } from '../delivery/compose-message.js';
import type { Pacer } from '../delivery/pacer.js';
import { isNoRoute, isUnreachable, type PersonMessenger } from '../delivery/person-messenger.js';
import type { SendJobData, SendOutcome } from '../job-types.js';

export interface SendProcessorDeps {
  db: NaboDatabase;
  messenger: PersonMessenger;
  pacer: Pacer;
  clock: Clock;
  logger: Logger;
  /** Hand-out messages of one area compose from data fetched once (assignment-batch.ts). */
  batches?: AssignmentBatches;
}

/**
 * One message to one person, never twice and never lost:
 *
 * 1. Build the message from MongoDB (nothing personal travels in the job). Nothing to say any
 *    more → the ledger says `skipped`, done.
 * 2. Claim the send key in the SendLedger (`queued` → `sending`) and let the platform find the
 *    person's conversation. Already sent → done, whatever triggered us again.
 * 3. Pace the workspace and the person's channel (token buckets in Redis, see Pacer): a token
 *    booked a moment ahead is waited for; a channel not free yet → the claim goes back to
 *    `queued` and the job is delayed, which is not a failed attempt.
 * 4. Send, with the send key where the platform keeps it (Slack: message metadata). Confirmed →
 *    note the platform's message id on the job (Redis), then mark the ledger `sent` (MongoDB).
 *
 * A job that finds the key `sending` comes after a crash or an error in the middle of a send:
 * the message may be on the platform. If the job carries the platform's confirmation, or the
 * platform finds the send key in the person's conversation (`findSent`), only the ledger is
 * completed; otherwise it is sent. A platform that cannot look (Teams) sends again: a possible
 * duplicate in that one moment, never a loss (docs/jobs.md).
 */
export function createSendProcessor(deps: SendProcessorDeps) {
  return async function processSend(
    job: Job<SendJobData, SendOutcome>,
    token?: string,
  ): Promise<SendOutcome> {
    const key = job.id ?? '';
    const log = deps.logger.child({
      sendKey: key,
      kind: job.data.kind,
      attempt: job.attemptsMade + 1,
    });
    const batch =
      job.data.kind === 'assignment'
        ? await deps.batches?.get(job.data.areaId, job.data.month)
        : undefined;
    const person =
      batch?.people.get(job.data.personId) ?? (await deps.db.people.findById(job.data.personId));
    if (!person || person.status.state === 'left') {
      await deps.db.sendLedger.markSkipped(key);
      return { status: 'stale' };
    }

    const route = await deps.messenger.route(person);
    if (isNoRoute(route)) {
      log.warn({ on: route.on }, 'person cannot be reached');
      await giveUp(key);
      return { status: 'unreachable', reason: `no_route_${route.on}` };
    }

    // Only a retry that carries the platform's confirmation needs the ledger before the claim:
    // otherwise the claim below is the one read (a sent or skipped key loses it and says so).
    if (job.data.confirmedMessageId !== undefined) {
      const ledger = await deps.db.sendLedger.get(key);
      if (ledger?.status === 'sent') return { status: 'already_sent' };
      if (ledger?.status === 'skipped') return { status: 'stale' };
      if (inFlight(ledger?.status)) {
        // Sent and confirmed by the platform; only the ledger write was lost.
        await deps.db.sendLedger.markSent(key, { platform: route.platform });
        log.info('send confirmed earlier; ledger completed');
        return { status: 'sent', platform: route.platform };
      }
    }

    const composed = await composeMessage(
      {
        db: deps.db,
        now: deps.clock.now(),
        reachability: (p) => deps.messenger.unreachableOn(p),
        ...(deps.batches ? { batches: deps.batches } : {}),
      },
      person,
      job.data,
    );
    if (!composed) {
      await deps.db.sendLedger.markSkipped(key);
      return { status: 'stale' };
    }
    const { message } = composed;

    // The claim and finding the person's conversation come before the token, not while it is
    // waited for: a token due at once (few sends waiting) was otherwise used a MongoDB round trip
    // late, and under load past the tolerance, given up. Sends waiting for their tokens keep the
    // workspace's tokens in use (sendConcurrency), so the round trip costs no throughput.
    const [claimed] = await Promise.all([
      deps.db.sendLedger.claim(key, { platform: route.platform }),
      deps.messenger.prepare(route, person),
    ]);
    if (!claimed) {
      const entry = await deps.db.sendLedger.get(key);
      if (entry?.status === 'sent') return { status: 'already_sent' };
      if (entry?.status === 'skipped') return { status: 'stale' };
      // `sending`: an earlier attempt may have reached the platform before it died. Ask it.
      const since = entry?.claimedAt ?? entry?.updatedAt ?? deps.clock.now();
      const found = await deps.messenger.findSent(route, person, key, since);
      if (found !== 'not_found' && found !== 'unknown') {
        await deps.db.sendLedger.markSent(key, { platform: route.platform });
        log.info('message found on the platform; ledger completed, not sent again');
        return { status: 'sent', platform: route.platform };
      }
      if (found === 'unknown') log.warn('unconfirmed earlier send, platform cannot tell; sending');
      else log.info('unconfirmed earlier send not on the platform; sending');
    }

    // A workspace token booked a moment ahead is waited for here rather than the job run again.
    const buckets = { workspace: route.workspace, channel: route.pace };
    const pacing = await deps.pacer.take(buckets);
    if (!pacing.go) {
      // Nothing went out: back to queued, and the job comes back when the person's DM is free.
      await deps.db.sendLedger.release(key).catch(() => undefined);
      await job.moveToDelayed(Date.now() + pacing.waitMs, token);
      throw new DelayedError();
    }

    let result;
    let sendWithinMs = pacing.sendWithinMs;
    /** Set when a new token is too far ahead to wait for: the job comes back for it. */
    let comeBackInMs: number | undefined;
    try {
      for (let tooLate = 0, waitedInPlace = 0; ;) {
        try {
          result = await deps.messenger.send(route, person, message, {
            sendKey: key,
            paced: true,
            // Checked by the platform just before the request leaves: the way from here to there
            // (rendering, the client's own queue) may take longer than the token allows.
            ...(Number.isFinite(sendWithinMs) && tooLate < MAX_TOO_LATE
              ? { notAfter: performance.now() + sendWithinMs }
              : {}),
          });
          break;
        } catch (error) {
          const retryAfterMs = rateLimitDelay(error);
          if (
            retryAfterMs !== undefined &&
            retryAfterMs <= deps.pacer.horizonMs &&
            waitedInPlace < MAX_WAITS_IN_PLACE
          ) {
            // Refused, so certainly not sent. Every send to the workspace waits out the pause (in
            // every worker), and this one then takes the first token after it, in place: put back
            // in BullMQ's delayed set it came back behind the sends booked meanwhile, often last
            // of all, and a fan-out ended a second later for one 429.
            waitedInPlace += 1;
            log.info({ retryAfterMs }, 'platform rate limit; waiting');
            if (route.workspace) await deps.pacer.pause(route.workspace, retryAfterMs);
            else await sleep(retryAfterMs);
          } else {
            if (!(error instanceof SendTooLateError)) throw error;
            // Nothing went out: a new token (the person's channel token moves with it), same claim.
            deps.pacer.forfeited += 1;
            tooLate += 1;
          }
          const again = await deps.pacer.take(buckets, { holdsChannel: true });
          if (!again.go) {
            comeBackInMs = again.waitMs;
            break;
          }
          sendWithinMs = again.sendWithinMs;
        }
      }
    } catch (error) {
      const retryAfterMs = rateLimitDelay(error);
      if (retryAfterMs !== undefined) {
        // Refused by the platform, so certainly not sent: back to queued. A wait the platform
        // asked for, not a failed attempt: every send to the workspace waits (in every worker),
        // and this one comes back when the pause is over.
        await deps.db.sendLedger.release(key).catch(() => undefined);
        log.info({ retryAfterMs }, 'platform rate limit; waiting');
        if (route.workspace) await deps.pacer.pause(route.workspace, retryAfterMs);
        await job.moveToDelayed(Date.now() + retryAfterMs, token);
        throw new DelayedError();
      }
      // May or may not have reached the platform (a timeout after the request went out): the
      // entry stays `sending`, so the retry asks the platform before sending.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await deps.db.sendLedger.markFailed(key).catch(() => undefined);
        log.error({ err: error }, 'send failed; no retries left');
      } else {
        log.warn({ err: error }, 'send failed; will retry');
      }
      throw error;
    }
    if (comeBackInMs !== undefined || result === undefined) {
      await deps.db.sendLedger.release(key).catch(() => undefined);
      await job.moveToDelayed(Date.now() + (comeBackInMs ?? 1), token);
      throw new DelayedError();
    }
    if (isUnreachable(result)) {
      await deps.db.sendLedger.markFailed(key);
      log.warn({ reason: result.reason }, 'platform cannot reach the person');
      return { status: 'unreachable', reason: result.reason };
    }
    // The bookkeeping after a send, at once: the job's worker slot is free for the next send a
    // round trip later, not four. The confirmation on the job and the ledger's `sent` are each
    // enough on their own for a retry to send nothing again (see above), so neither waits for
    // the other.
    const { visitId } =
      job.data.kind === 'revisit' || job.data.kind === 'first-attempt-nudge'
        ? job.data
        : { visitId: undefined };
    await Promise.all([
      job.updateData({ ...job.data, confirmedMessageId: result.id }).catch((error: unknown) => {
        log.warn({ err: error }, 'could not note the confirmation on the job');
      }),
      deps.db.sendLedger.markSent(key, { platform: route.platform }),
      // A reminder about one household: the ambassador's next bare "ikke hjemme igen" is about it.
      visitId === undefined
        ? undefined
        : deps.db.visits
            .markPrompted(visitId, deps.clock.now())
            .catch((error: unknown) => log.warn({ err: error }, 'prompt not noted')),
      // Who was shown which households, for the residents' access requests (ids only).
      auditResidentRead(deps.db, {
        actorId: person.id,
        platform: route.platform,
        residentIds: composed.residentIds,
        action: `message.${job.data.kind}`,
      }).catch((error: unknown) => log.warn({ err: error }, 'audit entry not written')),
    ]);
    log.info({ platform: route.platform }, 'sent');
    return { status: 'sent', platform: route.platform };
  };

  /** Unreachable before a claim: the entry may be queued, not in flight. */
  async function giveUp(key: string): Promise<void> {
    if (!(await deps.db.sendLedger.claim(key))) {
      const entry = await deps.db.sendLedger.get(key);
      if (!inFlight(entry?.status)) return;
    }
    await deps.db.sendLedger.markFailed(key).catch(() => undefined);
  }
}

/** Tokens taken again for one send refused as too late, before it goes without the check. */
const MAX_TOO_LATE = 3;
/**
 * 429s one send waits out in place before its job is put back in the delayed set instead. A
 * pause longer than the pacer books ahead puts it back at once: the job holds its worker slot
 * and its lock no longer than a booked token would.
 */
const MAX_WAITS_IN_PLACE = 2;

function inFlight(status: string | undefined): boolean {
  return status === 'sending' || status === 'pending';
}

/** RateLimitedError, or any Nabo error coded RATE_LIMITED that says how long to wait. */
export function rateLimitDelay(error: unknown): number | undefined {
  if (error instanceof RateLimitedError) return Math.max(1, error.retryAfterMs);
  if (isNaboError(error) && error.code === 'RATE_LIMITED') {
    const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return typeof retryAfterMs === 'number' ? Math.max(1, retryAfterMs) : 1_000;
  }
  return undefined;
}
