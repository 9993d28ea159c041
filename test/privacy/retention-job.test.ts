import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import {
  createRetentionJobs,
  RETENTION_SCHEDULER_ID,
  type RetentionJobs,
} from '../../jobs/retention/index.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { eraseResident } from '../../src/privacy/erase-subject.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { REDIS_URL, uniquePrefix, waitFor } from '../jobs/support/jobs-harness.js';
import { uniqueHandle } from './support/privacy-harness.js';

/** The run's "now", shared with the store that stamps the households and the erasure. */
const clock = fixedClock('2026-11-30T10:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });
const prefix = uniquePrefix('retention');
const connection = createRedisConnection(REDIS_URL, { forWorker: true });
let jobs: RetentionJobs;
let schedule: Queue;

beforeAll(() => {
  jobs = createRetentionJobs({
    connection,
    db: db(),
    prefix,
    clock,
    logger: createLogger({ level: 'silent' }),
  });
  schedule = new Queue('schedule', { connection, prefix });
});

afterAll(async () => {
  await jobs.close();
  await jobs.queue.obliterate({ force: true });
  await schedule.obliterate({ force: true });
  await schedule.close();
  await connection.quit();
});

describe('the daily retention job', () => {
  it('when scheduled twice, then there is one scheduler, next running at 03:30 Copenhagen time', async () => {
    await jobs.schedule();
    await jobs.schedule();

    const schedulers = await jobs.queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toEqual([RETENTION_SCHEDULER_ID]);
    const next = DateTime.fromMillis(schedulers[0]!.next!, { zone: 'Europe/Copenhagen' });
    expect(next.toFormat('HH:mm')).toBe('03:30');
    expect(await jobs.queue.getDelayedCount()).toBe(1);
  });

  it('when the run comes due, then it applies the deadlines and sweeps Redis of households erased in chat', async () => {
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', uniqueHandle());
    const [resident] = await estate.assign(ambassador, [
      { names: ['Ove Christensen'], address: 'Gudrunsvej 10' },
    ]);
    // An erasure from chat: MongoDB is done, but a finished job naming the visit is still in Redis.
    const erased = await eraseResident(db(), resident!.id, { platform: 'console' }, clock.now());
    const visitId = erased.jobReferences[1]!;
    await schedule.add(
      'revisit',
      { kind: 'revisit', visitId, revisitDate: '2026-12-01' },
      {
        jobId: `revisit-${visitId}-2026-12-01`,
        delay: 3_600_000,
      },
    );
    jobs.startWorker();

    const [due] = await jobs.queue.getDelayed();
    await due!.promote();
    await waitFor(async () => (await jobs.queue.getCompletedCount()) === 1, 'the retention run');

    const [completed] = await jobs.queue.getCompleted();
    expect(completed?.returnvalue).toMatchObject({ queuedJobsRemoved: 1, householdsAnonymised: 0 });
    expect(await schedule.getJob(`revisit-${visitId}-2026-12-01`)).toBeUndefined();
    expect(
      Object.values(completed?.returnvalue ?? {}).every((value) => typeof value === 'number'),
    ).toBe(true);
  });
});
