import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person, Visit } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from './support/jobs-harness.js';
import { startOwnRedis, type OwnRedis } from './support/own-redis.js';

/** Redis restarted without persistence comes back empty; MongoDB still knows everything. */
const db = useTestDatabase();
const prefix = uniquePrefix('redis-restart');
const slack = new RecordingPlatform('slack');
let redis: OwnRedis;
let jobs: RunningJobs;
let area: Area;
let ambassador: Person;
let later: Visit;
let untried: Visit;

beforeAll(async () => {
  redis = await startOwnRedis();
  let ambassadors: Person[];
  ({ area, ambassadors } = await slackEstate(db(), { ambassadors: 1, households: 2 }));
  ambassador = ambassadors[0]!;
  const [first, second] = await db().residents.listUnassigned(area.id);
  later = await db().visits.open(first!.id, ambassador.id, '2026-11');
  untried = await db().visits.open(second!.id, ambassador.id, '2026-11');
  await db().visits.recordAttempt(later.id, {
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2099-06-01',
  });
  jobs = await startTestJobs(db(), {
    prefix,
    platforms: [slack],
    redisUrl: redis.url,
    reconcileIntervalMs: 200,
  });
});

afterAll(async () => {
  await jobs?.close();
  await redis?.kill();
});

async function delayedIds(): Promise<string[]> {
  return (await jobs.queues.schedule.getDelayed()).map((job) => job.id ?? '');
}

async function hasScheduler(key: string): Promise<boolean> {
  return (
    (await jobs.queues.schedule.getJobScheduler(scheduleJobIds.assignmentScheduler(key))) !==
    undefined
  );
}

describe('Redis restarted empty under a running worker', () => {
  it('when Redis comes back without its data, then the worker rebuilds schedulers, reminders and deadlines without a restart', async () => {
    expect(await hasScheduler(area.key)).toBe(true);
    await redis.kill();
    // Started again without persistence: empty.
    await redis.start();

    await waitFor(
      async () =>
        (await hasScheduler(area.key)) &&
        (await delayedIds()).includes(scheduleJobIds.revisit(later.id, '2099-06-01')) &&
        (await delayedIds()).includes(scheduleJobIds.firstAttemptNudge(untried.id)) &&
        (await delayedIds()).includes(scheduleJobIds.firstAttemptEscalation(untried.id)),
      'the schedulers, the revisit reminder and the deadlines to be back',
      20_000,
    );
    // Nothing was due: rebuilding sends nobody anything.
    expect(slack.sent).toHaveLength(0);
  }, 30_000);

  it('when an area is created while the worker runs, then it gets its hand-out scheduler', async () => {
    const created = await db().areas.create({ key: `${area.key}-nord`, name: 'Testparken Nord' });
    await waitFor(() => hasScheduler(created.key), 'the new area to get its scheduler');
  }, 20_000);
});
