import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import {
  programmeReportCron,
  upsertProgrammeReportSchedulers,
} from '../../jobs/programme-report-jobs.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import { fixedClock } from '../../kernel/clock.js';
import type { Person } from '../../models/types.js';
import {
  SEEDED_PERSONAL_DATA,
  seedProgramme,
  type SeededEstate,
} from '../programme-report/support/seed-programme.js';
import { textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { RecordingPlatform, startTestJobs, uniquePrefix, waitFor } from './support/jobs-harness.js';

/** The day after the hand-out: the report covers the months up to November. */
const NOW = '2026-12-02T09:00:00+01:00';
const db = useTestDatabase();
const slack = new RecordingPlatform('slack');
let jobs: RunningJobs;
let estate: SeededEstate;
let mette: Person;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken-monthly');
  mette = await db().people.add({
    name: 'Mette Kjær',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'slack', workspaceId: 'T0NABO', userId: 'U0METTEJOB' }],
  });
  jobs = await startTestJobs(db(), {
    prefix: uniquePrefix('programme-report'),
    platforms: [slack],
    clock: fixedClock(NOW),
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
});

describe('the monthly programme report', () => {
  it('when the hand-out is on the 1st at 09:00, then the report is scheduled for the 2nd at 09:00, once however often it is upserted', async () => {
    expect(programmeReportCron(undefined)).toBe('0 9 2 * *');
    expect(programmeReportCron('30 8 5 * *')).toBe('30 8 6 * *');
    expect(programmeReportCron('0 9 * * 1')).toBe('0 9 2 * *');
    await upsertProgrammeReportSchedulers(jobs.queues, [estate.area]);
    await upsertProgrammeReportSchedulers(jobs.queues, [estate.area]);
    const id = scheduleJobIds.programmeReportScheduler(estate.area.key);
    const schedulers = await jobs.queues.schedule.getJobSchedulers();
    expect(schedulers.filter((scheduler) => scheduler.key === id)).toHaveLength(1);
    const scheduler = await jobs.queues.schedule.getJobScheduler(id);
    expect(scheduler).toMatchObject({ pattern: '0 9 2 * *', tz: estate.area.timeZone });
  });

  it("when the scheduled run comes, then the area's coordinator gets the chart and the table of the 12 months up to last month", async () => {
    const [scheduled] = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'programme-report',
    );
    await scheduled?.promote();
    await waitFor(() => slack.to(mette.id).length >= 1, 'the report to Mette');
    const [sent] = slack.to(mette.id);
    const message = sent!.message;
    expect(message.image?.fileName).toBe('nabo-rapport-2025-12-2026-11.png');
    const png = PNG.sync.read(message.image!.png);
    expect(png.width).toBeGreaterThan(0);
    const text = textOf(message);
    expect(text).toContain('Månedens programrapport for Solbakken');
    expect(text).toMatch(/okt\. 26\s+7\s+6\s+5\s+<5/);
    for (const personal of SEEDED_PERSONAL_DATA) expect(text).not.toContain(personal);
  });
});
