import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendKeys } from '../../jobs/delivery/send-keys.js';
import { reconcileSends } from '../../jobs/reconcile.js';
import { createLogger } from '../../kernel/logger.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from './support/jobs-harness.js';

/**
 * Send ledger entries left `queued`/`pending` by an older Nabo, whose entries did not yet keep
 * the job's data: the reconcile used to pass them by ("nothing to queue"), so those people never
 * got their message. Now the job is rebuilt from the key and MongoDB (the area of an assignment
 * or summary, the visit of a reminder) and sent once; one whose subject is gone is marked
 * skipped with a log line instead of lying there for ever.
 */
const MONTH = '2026-11';
const db = useTestDatabase();
const prefix = uniquePrefix('legacy-ledger');
const slack = new RecordingPlatform('slack');
let jobs: RunningJobs | undefined;
let mongo: MongoClient;
let area: Area;
let ambassador: Person;
let coordinator: Person;

/** An entry as an older Nabo wrote it: key, status and attempts, no job. */
async function oldEntry(key: string, status: 'queued' | 'pending'): Promise<void> {
  const at = new Date('2026-11-01T08:00:00Z');
  await mongo
    .db(db.dbName())
    .collection('sendledger')
    .insertOne({ key, status, attempts: 1, createdAt: at, updatedAt: at });
}

async function ledger(key: string) {
  return mongo.db(db.dbName()).collection('sendledger').findOne({ key });
}

beforeAll(async () => {
  mongo = await MongoClient.connect(db.uri());
  let ambassadors: Person[];
  ({ area, ambassadors, coordinator } = await slackEstate(db(), { ambassadors: 1, households: 2 }));
  ambassador = ambassadors[0]!;
  for (const resident of await db().residents.listUnassigned(area.id)) {
    await db().visits.open(resident.id, ambassador.id, MONTH);
  }
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
  await mongo.close();
});

describe('old send ledger entries without job data', () => {
  it('when the worker starts, then the assignment and the summary are rebuilt from MongoDB and sent once, and one about nothing is marked skipped', async () => {
    const assignment = sendKeys.assignment(area.key, MONTH, ambassador.id);
    const summary = sendKeys.assignmentSummary(area.key, MONTH, coordinator.id);
    const gone = sendKeys.revisit(new ObjectId().toHexString(), '2026-11-20');
    await oldEntry(assignment, 'pending');
    await oldEntry(summary, 'queued');
    await oldEntry(gone, 'queued');

    jobs = await startTestJobs(db(), { prefix, platforms: [slack] });

    await waitFor(
      async () => (await ledger(assignment))?.status === 'sent',
      'the assignment to be sent',
    );
    await waitFor(async () => (await ledger(summary))?.status === 'sent', 'the summary to be sent');
    expect(slack.to(ambassador.id)).toHaveLength(1);
    expect(slack.to(coordinator.id)).toHaveLength(1);
    expect((await ledger(assignment))?.job).toMatchObject({
      name: 'assignment',
      data: { kind: 'assignment', areaId: area.id, month: MONTH, personId: ambassador.id },
    });
    expect((await ledger(gone))?.status).toBe('skipped');

    // A later reconcile finds nothing left to do: no second message.
    expect(
      await reconcileSends({
        db: db(),
        queues: jobs.queues,
        messenger: jobs.messenger,
        logger: createLogger({ level: 'silent' }),
      }),
    ).toBe(0);
    expect(slack.to(ambassador.id)).toHaveLength(1);
  }, 30_000);
});
