import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import { fixedClock } from '../../kernel/clock.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { useTestDatabase } from '../support/database.js';
import { slackEstate, startTestJobs, uniquePrefix } from './support/jobs-harness.js';

/** The hand-out's moment: 1 December, 09:00 in Copenhagen. */
const HANDED_OUT = '2026-12-01T09:00:00+01:00';
const clock = fixedClock(HANDED_OUT);
const db = useTestDatabase({ now: () => clock.now() });
let jobs: RunningJobs;

beforeAll(async () => {
  jobs = await startTestJobs(db(), { prefix: uniquePrefix('first-deadlines'), clock });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
});

describe('first-try deadlines of a hand-out', () => {
  it('when the households of one hand-out moved in on different days, then each ambassador is nudged and each coordinator told on that household’s own days', async () => {
    const { area } = await slackEstate(db(), {
      ambassadors: 3,
      households: 0,
      settings: { firstAttemptDeadlineDays: 7, revisitHour: 9 },
    });
    const movedIn = ['2026-11-10', '2026-12-05', '2026-12-20', '2026-12-05'];
    await db().residents.importMany(
      area.id,
      movedIn.map((moveInDate, row) => ({
        names: [`Beboer ${row + 1}`],
        address: `Datovej ${row + 1}`,
        moveInDate,
        source: { list: 'test', row: row + 1 },
      })),
    );
    await runMonthlyAssignment(db(), { area, month: '2026-12', now: clock.now() });
    const visits = await db().visits.listByArea(area.id, { status: 'open' });
    expect(visits).toHaveLength(4);

    await jobs.reminders.scheduleFirstAttemptDeadlinesOf(
      area,
      visits.map((visit) => ({ visit, moveInDate: visit.resident.moveInDate })),
    );

    const dueAt = async (jobId: string) => {
      const job = await jobs.queues.schedule.getJob(jobId);
      return new Date(clock.now().getTime() + job!.delay).toISOString();
    };
    const byMoveIn = new Map<string, { nudge: string; escalation: string }>();
    for (const visit of visits) {
      byMoveIn.set(visit.resident.moveInDate.toISOString().slice(0, 10), {
        nudge: await dueAt(scheduleJobIds.firstAttemptNudge(visit.id)),
        escalation: await dueAt(scheduleJobIds.firstAttemptEscalation(visit.id)),
      });
    }
    // Moved in before the hand-out: counted from the hand-out. Later: from the move-in. 09:00
    // in Copenhagen is 08:00 UTC in winter.
    expect(Object.fromEntries(byMoveIn)).toEqual({
      '2026-11-10': { nudge: '2026-12-08T08:00:00.000Z', escalation: '2026-12-15T08:00:00.000Z' },
      '2026-12-05': { nudge: '2026-12-12T08:00:00.000Z', escalation: '2026-12-19T08:00:00.000Z' },
      '2026-12-20': { nudge: '2026-12-27T08:00:00.000Z', escalation: '2027-01-03T08:00:00.000Z' },
    });
  });
});
