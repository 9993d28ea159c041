import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAreaCommands } from '../../adapters/cli/commands/area.js';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import { openJobClient, type JobClient } from '../../jobs/start-jobs.js';
import { createPlatformRegistry } from '../../src/core/platform.js';
import { revisitReminderAt } from '../../src/visits/reminder-times.js';
import { CLI_NOW, runCli, useTestDatabase } from '../support/database.js';
import { fixedClock } from '../../kernel/clock.js';
import { createEstate } from '../support/estate.js';
import { REDIS_URL, uniquePrefix } from './support/jobs-harness.js';

/**
 * `nabo area set <key> --revisit-hour 14`: the area's reminders go out at 14:00 from now on, and
 * the ones already queued in Redis move there too — checked on the real queue.
 */
const db = useTestDatabase();
const prefix = uniquePrefix('area-set');
let jobs: JobClient;
let previousPrefix: string | undefined;

beforeAll(() => {
  // The CLI finds the worker's queues by NABO_QUEUE_PREFIX, as in production.
  previousPrefix = process.env.NABO_QUEUE_PREFIX;
  process.env.NABO_QUEUE_PREFIX = prefix;
  jobs = openJobClient({
    db: db(),
    redisUrl: REDIS_URL,
    prefix,
    platforms: createPlatformRegistry(),
    clock: fixedClock(CLI_NOW),
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
  if (previousPrefix === undefined) delete process.env.NABO_QUEUE_PREFIX;
  else process.env.NABO_QUEUE_PREFIX = previousPrefix;
});

/** How long after "now" (the CLI's fixed now) BullMQ holds a delayed job. */
async function delayOf(jobId: string): Promise<number | undefined> {
  return (await jobs.queues.schedule.getJob(jobId))?.opts.delay;
}
const now = Date.parse(CLI_NOW);

describe('nabo area set', () => {
  it('when the revisit hour changes, then the setting is stored and queued reminders move to the new hour', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', 'birgit-area-set');
    await estate.assign(birgit, [{ names: ['Ove Christensen'], address: 'Gudrunsvej 10' }]);
    const [visit] = await db().visits.listOpenForAmbassador(birgit.id);
    const revisitDate = '2026-12-10';
    await db().visits.recordAttempt(visit!.id, {
      outcome: 'not_home',
      folderLeft: true,
      revisitDate,
    });
    const area = (await db().areas.findById(estate.area.id))!;
    await jobs.reminders.addRevisit(visit!.id, revisitDate, revisitReminderAt(area, revisitDate));
    const jobId = scheduleJobIds.revisit(visit!.id, revisitDate);
    // 10:00 in Copenhagen, the default reminder hour.
    expect(await delayOf(jobId)).toBe(Date.parse('2026-12-10T09:00:00Z') - now);

    const run = await runCli(
      db,
      [registerAreaCommands],
      ['area', 'set', area.key, '--revisit-hour', '14'],
    );

    expect(run.error).toBeUndefined();
    expect(run.lines).toContain(`Updated ${area.key}: revisitHour 14`);
    expect(run.lines).toContain('Moved 1 revisit reminders and 0 first-visit deadlines.');
    expect((await db().areas.findById(area.id))?.settings.revisitHour).toBe(14);
    expect(await delayOf(jobId)).toBe(Date.parse('2026-12-10T13:00:00Z') - now);
    const revisits = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'revisit',
    );
    expect(revisits).toHaveLength(1);
  });

  it('when the hour is not one of the day, then it is refused and nothing changes', async () => {
    const estate = await createEstate(db());
    const run = await runCli(
      db,
      [registerAreaCommands],
      ['area', 'set', estate.area.key, '--revisit-hour', '25'],
    );
    expect(run.error).toMatchObject({ name: 'UserError', code: 'INVALID_INPUT' });
    expect((await db().areas.findById(estate.area.id))?.settings.revisitHour).toBe(10);
  });
});
