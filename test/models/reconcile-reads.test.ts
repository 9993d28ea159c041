import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { CommandCounter } from '../support/command-counter.js';
import { createEstate } from '../support/estate.js';
import { assertExaminesAboutWhatItReturns, explainCommand } from '../support/explain.js';

/**
 * The worker's reconcile (jobs/meetings) runs at every start and after Redis comes back: it reads
 * the meetings still planned or running, the pending check-ins and the check-ins flagged lately.
 * Held meetings and answered check-ins pile up year after year; these reads must not grow with
 * them. Runs against a real MongoDB too (MONGODB_URI), where explain counts the same way.
 */
const NOW = new Date('2026-12-01T08:00:00Z');
const DAY = 24 * 60 * 60_000;

let server: EmbeddedMongo | undefined;
let uri: string;
let client: MongoClient;
const counter = new CommandCounter();
let db: NaboDatabase;
const dbName = `reconcile_reads_${process.pid}`;

beforeAll(async () => {
  if (process.env.MONGODB_URI) uri = process.env.MONGODB_URI.replace(/\/[^/]*$/, '/');
  else {
    server = await startEmbeddedMongo({ now: () => NOW.getTime() });
    uri = server.uri;
  }
  client = new MongoClient(uri);
  await client.connect();
  db = await connectDatabase(uri, { dbName, commandListener: counter.listener, now: () => NOW });
});

afterAll(async () => {
  await db.drop();
  await db.close();
  await client.close();
  await server?.stop();
});

async function onlyRead<T>(block: () => Promise<T>) {
  const { result, commands } = await counter.count(block);
  expect(commands.map((command) => command.name)).toEqual(['find']);
  const cost = await explainCommand(client.db(dbName), commands[0]?.command ?? {});
  return { result, cost };
}

describe('the reconcile reads only what is still open (index-backed)', () => {
  it('when a programme has years of held meetings and answered check-ins, then each reconcile read examines about what it returns', async () => {
    const estate = await createEstate(db);
    const { area } = estate;
    const ambassador = await estate.ambassador('Birgit', 'birgit');

    // 60 meetings held, 4 drafts, 2 planned, 1 running.
    const statuses = [
      ...Array<'finished'>(60).fill('finished'),
      ...Array<'draft'>(4).fill('draft'),
      'planned',
      'running',
      'planned',
    ] as const;
    for (const [n, status] of statuses.entries()) {
      await db.meetings.create({
        areaId: area.id,
        title: `Netværksmøde ${n}`,
        startsAt: new Date(NOW.getTime() + (n - 60) * 7 * DAY),
        status,
      });
    }

    // 80 check-ins: 70 answered over the years (5 of them flagged lately, 10 flagged long ago),
    // and 10 pending.
    for (let n = 0; n < 80; n += 1) {
      const checkIn = await db.checkIns.create({
        personId: ambassador.id,
        areaId: area.id,
        due: new Date(NOW.getTime() - (80 - n) * 10 * DAY),
      });
      if (n >= 70) continue;
      await db.checkIns.update(checkIn.id, { step: 'mood' });
      const lately = n >= 65;
      const flagged = lately || n < 10;
      await db.checkIns.answer(checkIn.id, {
        key: 'mood',
        answer: flagged ? '1' : '4',
        nextStep: null,
        at: new Date(lately ? NOW.getTime() - (70 - n) * DAY : NOW.getTime() - (80 - n) * 10 * DAY),
        ...(flagged ? { flag: 'low_score' as const } : {}),
      });
    }

    const meetings = await onlyRead(() => db.meetings.listByStatus(['planned', 'running']));
    expect(meetings.result.map((meeting) => meeting.status)).toEqual([
      'planned',
      'running',
      'planned',
    ]);
    assertExaminesAboutWhatItReturns(meetings.cost, 1, 'open meetings');

    const pending = await onlyRead(() => db.checkIns.listByStatus('pending'));
    expect(pending.result).toHaveLength(10);
    expect(pending.result.every((checkIn) => checkIn.status === 'pending')).toBe(true);
    assertExaminesAboutWhatItReturns(pending.cost, 1, 'pending check-ins');
    expect(pending.cost.inMemorySort).toBe(false);

    const flagged = await onlyRead(() =>
      db.checkIns.listFlaggedSince(new Date(NOW.getTime() - 14 * DAY)),
    );
    expect(flagged.result).toHaveLength(5);
    expect(flagged.result.every((checkIn) => checkIn.flags.includes('low_score'))).toBe(true);
    assertExaminesAboutWhatItReturns(flagged.cost, 1, 'flagged check-ins');
    expect(flagged.cost.inMemorySort).toBe(false);
  });
});
