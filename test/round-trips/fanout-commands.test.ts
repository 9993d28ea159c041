import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceAssignment } from '../../jobs/assignment-jobs.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { CommandCounter } from '../support/command-counter.js';
import { textOf } from '../support/conversation.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from '../jobs/support/jobs-harness.js';

/**
 * MongoDB commands per message of the monthly announcement (issue 15): the messages are composed
 * from data fetched once per batch, not per message. Counted from the announcement until every
 * message went out: the announcement itself, every send and its ledger and audit writes.
 */
const NOW = '2026-12-01T09:00:00+01:00';
const MONTH = '2026-12';
const counter = new CommandCounter();
const slack = new RecordingPlatform('slack');
let server: EmbeddedMongo | undefined;
let db: NaboDatabase;
let jobs: RunningJobs;

beforeAll(async () => {
  const realUri = process.env.MONGODB_URI;
  if (!realUri) server = await startEmbeddedMongo({ port: 0 });
  db = await connectDatabase(realUri || (server?.uri ?? ''), {
    dbName: `nabo_fanout_${Math.random().toString(36).slice(2, 10)}`,
    commandListener: counter.listener,
  });
  jobs = await startTestJobs(db, {
    prefix: uniquePrefix('fanout-count'),
    platforms: [slack],
    clock: fixedClock(NOW),
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
  await db.drop();
  await db.close();
  await server?.stop();
});

/** Hands out `ambassadors` × 3 households, then counts the announcement until all went out. */
async function fanOut(ambassadors: number) {
  const estate = await slackEstate(db, { ambassadors, households: ambassadors * 3 });
  await runMonthlyAssignment(db, { area: estate.area, month: MONTH, now: new Date(NOW) });
  const before = slack.sent.length;
  const completedBefore = await jobs.queues.send('slack').getCompletedCount();
  const messages = ambassadors + 1; // and the coordinator's summary
  const counted = await counter.count(async () => {
    await announceAssignment(
      {
        db,
        queues: jobs.queues,
        messenger: jobs.messenger,
        reminders: jobs.reminders,
        logger: createLogger({ level: 'silent' }),
        batches: jobs.batches,
      },
      estate.area,
      MONTH,
    );
    await waitFor(() => slack.sent.length >= before + messages, 'every message sent');
    // Let the last send finish its ledger and audit writes.
    await waitFor(
      async () =>
        (await jobs.queues.send('slack').getCompletedCount()) >= completedBefore + messages,
      'every send job completed',
    );
  });
  return { ...estate, ...counted, messages };
}

describe('MongoDB commands per message of the fan-out', () => {
  it('when 10 and then 30 ambassadors of an area are told about their households, then each further message costs 3 commands (claim, sent, audit) and the rest is fetched once per area', async () => {
    const small = await fanOut(10);
    const large = await fanOut(30);
    for (const ambassador of large.ambassadors) {
      const mine = slack.to(ambassador.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.message.sections!.length - 1).toBe(3);
      expect(textOf(mine[0]!.message)).toMatch(/flyttede ind 10\. nov/);
    }
    const perFurtherMessage = (large.total - small.total) / (large.messages - small.messages);
    expect(perFurtherMessage, JSON.stringify(large.byName)).toBeLessThanOrEqual(3);
    // The area's own commands (the announcement's reads and ledger write, the coordinator's
    // summary) stay a handful: the messages compose from what the announcement read (18 when
    // the send workers read the area again).
    expect(large.total - 3 * large.messages, JSON.stringify(large.byName)).toBeLessThanOrEqual(14);
    // Each household shown is on the audit trail of the one who was told.
    const [visit] = await db.visits.listOpenForAmbassador(large.ambassadors[0]!.id);
    const trail = await db.auditEvents.listForSubject('resident', visit!.residentId);
    expect(trail.filter((entry) => entry.action === 'message.assignment')).toHaveLength(1);
  });
});
