import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendKeys } from '../../jobs/delivery/send-keys.js';
import { assertNoEviction } from '../../jobs/redis-eviction-check.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { fixedClock } from '../../kernel/clock.js';
import { RateLimitedError } from '../../kernel/errors.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from './support/jobs-harness.js';

/** The jobs' "now": reminders added "for now" come due at once. */
const clock = fixedClock('2026-11-30T10:00:00+01:00');
const db = useTestDatabase();
const slack = new RecordingPlatform('slack');
let jobs: RunningJobs;
let area: Area;
let ambassador: Person;
let residents: string[];

beforeAll(async () => {
  let ambassadors: Person[];
  ({ area, ambassadors } = await slackEstate(db(), { ambassadors: 1, households: 8 }));
  ambassador = ambassadors[0]!;
  residents = (await db().residents.listUnassigned(area.id)).map((resident) => resident.id);
  jobs = await startTestJobs(db(), {
    prefix: uniquePrefix('delivery'),
    platforms: [slack],
    clock,
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
});

/** An open visit waiting for its next try on `revisitDate`. */
async function waitingVisit(index: number, revisitDate: string) {
  const visit = await db().visits.open(residents[index]!, ambassador.id, '2026-11');
  await db().visits.recordAttempt(visit.id, { outcome: 'not_home', folderLeft: true, revisitDate });
  return visit;
}

describe('sending from jobs', () => {
  it('when the platform answers 429 with Retry-After, then the job waits and the message goes out once', async () => {
    const visit = await waitingVisit(0, '2026-11-20');
    let rateLimitedAt = 0;
    slack.beforeSend = (_personId, call) => {
      if (call === 1) {
        rateLimitedAt = Date.now();
        throw new RateLimitedError('slow down', 600);
      }
    };
    await jobs.reminders.addRevisit(visit.id, '2026-11-20', clock.now());
    await waitFor(() => slack.to(ambassador.id).length === 1, 'the reminder after the wait');
    slack.beforeSend = undefined;
    expect(slack.sent[0]!.at - rateLimitedAt).toBeGreaterThanOrEqual(550);

    const key = sendKeys.revisit(visit.id, '2026-11-20');
    const job = await jobs.queues.send('slack').getJob(key);
    await waitFor(async () => (await job?.isCompleted()) ?? false, 'the send job to complete');
    const finished = await jobs.queues.send('slack').getJob(key);
    // A rate-limit wait is not a failed attempt: one attempt made (the successful one), no failure.
    expect(finished?.attemptsMade).toBe(1);
    expect(finished?.stacktrace ?? []).toEqual([]);
    expect(await db().sendLedger.get(key)).toMatchObject({ status: 'sent' });
  });

  it('when a crash left the ledger pending without a confirmation, then the message is sent again, once', async () => {
    const visit = await waitingVisit(1, '2026-11-21');
    const key = sendKeys.revisit(visit.id, '2026-11-21');
    await db().sendLedger.claim(key, { platform: 'slack' });
    const before = slack.sent.length;
    await jobs.queues
      .send('slack')
      .add(
        'revisit',
        { kind: 'revisit', visitId: visit.id, revisitDate: '2026-11-21', personId: ambassador.id },
        { jobId: key },
      );
    await waitFor(
      async () => (await db().sendLedger.get(key))?.status === 'sent',
      'the ledger to be sent',
    );
    expect(slack.sent.length).toBe(before + 1);
  });

  it('when a crash left the ledger pending after the platform confirmed, then nothing is sent again', async () => {
    const visit = await waitingVisit(2, '2026-11-22');
    const key = sendKeys.revisit(visit.id, '2026-11-22');
    await db().sendLedger.claim(key, { platform: 'slack' });
    const before = slack.sent.length;
    await jobs.queues.send('slack').add(
      'revisit',
      {
        kind: 'revisit',
        visitId: visit.id,
        revisitDate: '2026-11-22',
        personId: ambassador.id,
        confirmedMessageId: 'm-earlier',
      },
      { jobId: key },
    );
    await waitFor(
      async () => (await db().sendLedger.get(key))?.status === 'sent',
      'the ledger to be completed',
    );
    expect(slack.sent.length).toBe(before);
  });

  it('when the visit was closed before the reminder came due, then no reminder is sent', async () => {
    const visit = await waitingVisit(3, '2026-11-23');
    await db().visits.close(visit.id, 'met');
    const before = slack.sent.length;
    await jobs.reminders.addRevisit(visit.id, '2026-11-23', clock.now());
    await waitFor(
      async () =>
        (await jobs.queues.schedule.getJob(`revisit-${visit.id}-2026-11-23`))?.finishedOn !==
        undefined,
      'the reminder job to finish',
    );
    expect(slack.sent.length).toBe(before);
    expect(await db().sendLedger.get(sendKeys.revisit(visit.id, '2026-11-23'))).toBeNull();
  });

  it('when a revisit reminder goes out, then the visit notes it, so a bare "ikke hjemme igen" is read as about it', async () => {
    const visit = await waitingVisit(5, '2026-11-24');
    expect((await db().visits.findById(visit.id))?.promptedAt).toBeUndefined();
    await jobs.reminders.addRevisit(visit.id, '2026-11-24', clock.now());
    await waitFor(
      async () =>
        (await db().sendLedger.get(sendKeys.revisit(visit.id, '2026-11-24')))?.status === 'sent',
      'the reminder to be sent',
    );
    await waitFor(
      async () => (await db().visits.findById(visit.id))?.promptedAt instanceof Date,
      'the visit to note the reminder',
    );
  });

  it("when two reminders for one person come due at once, then the second waits until the person's DM is free, and each goes out once", async () => {
    const visits = [await waitingVisit(6, '2026-11-25'), await waitingVisit(7, '2026-11-25')];
    const keys = visits.map((visit) => sendKeys.revisit(visit.id, '2026-11-25'));
    const fastPace = slack.deliveryPace;
    slack.deliveryPace = (identity) => [{ key: `slow:${identity.userId}`, max: 1, windowMs: 600 }];
    try {
      const before = slack.to(ambassador.id).length;
      for (const visit of visits)
        await jobs.reminders.addRevisit(visit.id, '2026-11-25', clock.now());
      await waitFor(async () => {
        const entries = await Promise.all(keys.map((key) => db().sendLedger.get(key)));
        return entries.every((entry) => entry?.status === 'sent');
      }, 'both reminders to be sent');
      const mine = slack.to(ambassador.id).slice(before);
      expect(mine).toHaveLength(2);
      expect(mine[1]!.at - mine[0]!.at).toBeGreaterThanOrEqual(550);
      for (const key of keys) {
        const job = await jobs.queues.send('slack').getJob(key);
        await waitFor(async () => (await job?.isCompleted()) ?? false, 'the send job to complete');
        // Waiting for the DM is not a failed attempt.
        const finished = await jobs.queues.send('slack').getJob(key);
        expect(finished?.attemptsMade).toBe(1);
        expect(finished?.stacktrace ?? []).toEqual([]);
      }
    } finally {
      slack.deliveryPace = fastPace;
    }
  });

  it('when the same reminder is scheduled twice, then there is one job', async () => {
    const visit = await waitingVisit(4, '2099-01-02');
    const at = new Date('2099-01-02T09:00:00Z');
    await jobs.reminders.scheduleRevisit(visit.id, at);
    await jobs.reminders.scheduleRevisit(visit.id, at);
    const delayed = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'revisit' && job.data.visitId === visit.id,
    );
    expect(delayed.map((job) => job.id)).toEqual([`revisit-${visit.id}-2099-01-02`]);
    await jobs.reminders.cancel(visit.id);
    expect((await jobs.queues.schedule.getDelayed()).some((job) => job.id === delayed[0]!.id)).toBe(
      false,
    );
  });
});

describe('Redis eviction check', () => {
  const redisAnswering = (reply: unknown) =>
    ({
      call: async () => {
        if (reply instanceof Error) throw reply;
        return reply;
      },
    }) as unknown as Redis;

  it('when Redis may evict keys, then the worker refuses with one clear line', async () => {
    await expect(
      assertNoEviction(redisAnswering(['maxmemory-policy', 'allkeys-lru'])),
    ).rejects.toThrow(/maxmemory-policy is 'allkeys-lru'.*NABO_SKIP_REDIS_EVICTION_CHECK/);
  });

  it('when CONFIG is hidden by the host, then the message names the setting that skips the check', async () => {
    await expect(assertNoEviction(redisAnswering(new Error('unknown command')))).rejects.toThrow(
      /NABO_SKIP_REDIS_EVICTION_CHECK=true/,
    );
  });

  it('when the policy is noeviction, then the worker starts', async () => {
    await expect(
      assertNoEviction(redisAnswering(['maxmemory-policy', 'noeviction'])),
    ).resolves.toBeUndefined();
  });
});
