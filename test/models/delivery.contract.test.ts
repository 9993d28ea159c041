import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';

const clock = new Date('2026-12-01T08:00:00.000Z');
const db = useTestDatabase({ now: () => clock });

describe('send ledger (contract)', () => {
  it('when a key is claimed for the first time, then true and the entry is sending', async () => {
    expect(await db().sendLedger.claim('assign-gellerup-2026-12-p1', { platform: 'slack' })).toBe(
      true,
    );
    expect(await db().sendLedger.get('assign-gellerup-2026-12-p1')).toMatchObject({
      key: 'assign-gellerup-2026-12-p1',
      status: 'sending',
      platform: 'slack',
      attempts: 1,
    });
  });

  it('when the same key is claimed again, sending or sent, then false', async () => {
    expect(await db().sendLedger.claim('assign-gellerup-2026-12-p1')).toBe(false);
    const sent = await db().sendLedger.markSent('assign-gellerup-2026-12-p1');
    expect(sent).toMatchObject({ status: 'sent', sentAt: clock, attempts: 1 });
    expect(await db().sendLedger.claim('assign-gellerup-2026-12-p1')).toBe(false);
  });

  it('when many workers claim one key at once, then exactly one may send', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => db().sendLedger.claim('revisit-v42-2026-12-04')),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('when a send failed, then one retry may claim it again, and only one', async () => {
    await db().sendLedger.markFailed('revisit-v42-2026-12-04');
    const retries = await Promise.all([
      db().sendLedger.claim('revisit-v42-2026-12-04'),
      db().sendLedger.claim('revisit-v42-2026-12-04'),
    ]);
    expect(retries.filter(Boolean)).toHaveLength(1);
    expect(await db().sendLedger.get('revisit-v42-2026-12-04')).toMatchObject({
      status: 'sending',
      attempts: 2,
    });
  });

  it('when marking a key never claimed or already finished, then NOT_FOUND or CONFLICT', async () => {
    await expect(db().sendLedger.markSent('never')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db().sendLedger.markFailed('assign-gellerup-2026-12-p1')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await db().sendLedger.get('never')).toBeNull();
  });
});

describe('send ledger: a send from queued to sent (contract)', () => {
  const job = { name: 'assignment', data: { kind: 'assignment', personId: 'p9' } };

  it('when a send is recorded, then it is queued with its job, and recording again changes nothing', async () => {
    await db().sendLedger.record('assign-nord-2026-12-p9', job);
    await db().sendLedger.record('assign-nord-2026-12-p9', {
      name: 'assignment',
      data: { other: true },
    });
    expect(await db().sendLedger.get('assign-nord-2026-12-p9')).toMatchObject({
      status: 'queued',
      attempts: 0,
      job,
    });
    expect((await db().sendLedger.listUnfinished()).map((entry) => entry.key)).toContain(
      'assign-nord-2026-12-p9',
    );
  });

  it('when a queued send is claimed, then it is sending; released, queued again; sent, no longer unfinished', async () => {
    expect(await db().sendLedger.claim('assign-nord-2026-12-p9', { platform: 'slack' })).toBe(true);
    expect(await db().sendLedger.get('assign-nord-2026-12-p9')).toMatchObject({
      status: 'sending',
      attempts: 1,
      claimedAt: clock,
    });
    // A sending one may be on the platform: nobody else may claim it.
    expect(await db().sendLedger.claim('assign-nord-2026-12-p9')).toBe(false);
    await db().sendLedger.release('assign-nord-2026-12-p9');
    expect((await db().sendLedger.get('assign-nord-2026-12-p9'))?.status).toBe('queued');
    expect(await db().sendLedger.claim('assign-nord-2026-12-p9')).toBe(true);
    await db().sendLedger.markSent('assign-nord-2026-12-p9');
    expect((await db().sendLedger.listUnfinished()).map((entry) => entry.key)).not.toContain(
      'assign-nord-2026-12-p9',
    );
    // Skipping never undoes a sent message.
    await db().sendLedger.markSkipped('assign-nord-2026-12-p9');
    expect((await db().sendLedger.get('assign-nord-2026-12-p9'))?.status).toBe('sent');
  });

  it('when a queued send has nothing left to say, then it is skipped and no longer unfinished', async () => {
    await db().sendLedger.record('revisit-v77-2026-12-09', job);
    await db().sendLedger.markSkipped('revisit-v77-2026-12-09');
    expect((await db().sendLedger.get('revisit-v77-2026-12-09'))?.status).toBe('skipped');
    expect(await db().sendLedger.claim('revisit-v77-2026-12-09')).toBe(false);
    expect((await db().sendLedger.listUnfinished()).map((entry) => entry.key)).not.toContain(
      'revisit-v77-2026-12-09',
    );
  });
});

describe('processed events (contract)', () => {
  it('when an event id is seen the first time, then true; every redelivery, false', async () => {
    expect(await db().processedEvents.markProcessed('slack:Ev123')).toBe(true);
    expect(await db().processedEvents.markProcessed('slack:Ev123')).toBe(false);
    expect(await db().processedEvents.markProcessed('teams:abc')).toBe(true);
  });

  it('when a retry races the original, then exactly one handles it', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => db().processedEvents.markProcessed('slack:Ev999')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('when a day has passed, then MongoDB forgets the event (TTL index of one day)', async () => {
    const client = await MongoClient.connect(db.uri());
    try {
      const indexes = await client
        .db(db.dbName())
        .collection('processedevents')
        .listIndexes()
        .toArray();
      expect(indexes).toContainEqual(
        expect.objectContaining({ key: { processedAt: 1 }, expireAfterSeconds: 86_400 }),
      );
    } finally {
      await client.close();
    }
  });
});
