import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertAssignmentSchedulers } from '../../jobs/assignment-jobs.js';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { assignmentMonthOf } from '../../src/assignment/assignment-month.js';
import { fixedClock } from '../../kernel/clock.js';
import { choicesOf, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from './support/jobs-harness.js';

/** The worker runs the hand-out of this moment's month. */
const NOW = '2026-12-01T09:00:00+01:00';
const db = useTestDatabase();
const slack = new RecordingPlatform('slack');
let jobs: RunningJobs;
let area: Area;
let ambassadors: Person[];
let coordinator: Person;
let teamsOnly: Person;

beforeAll(async () => {
  ({ area, ambassadors, coordinator } = await slackEstate(db(), { ambassadors: 3, households: 7 }));
  // On Teams, which this worker does not deliver on: the coordinator must hear about it.
  teamsOnly = await db().people.add({
    name: 'Zofia Teams',
    roles: [{ areaId: area.id, role: 'ambassador' }],
    identities: [{ platform: 'teams', workspaceId: 'tenant', userId: 'aad-1' }],
    monthlyCapacity: 1,
    confidentialityAt: new Date('2026-01-01T00:00:00Z'),
  });
  jobs = await startTestJobs(db(), {
    prefix: uniquePrefix('assign'),
    platforms: [slack],
    clock: fixedClock(NOW),
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
});

const schedulerId = () => scheduleJobIds.assignmentScheduler(area.key);

describe('monthly assignment job', () => {
  it('when the scheduler is upserted again (a second worker starts), then there is still one', async () => {
    await upsertAssignmentSchedulers(jobs.queues, [area]);
    await upsertAssignmentSchedulers(jobs.queues, [area]);
    const schedulers = await jobs.queues.schedule.getJobSchedulers();
    expect(schedulers.filter((scheduler) => scheduler.key === schedulerId())).toHaveLength(1);
    const delayed = await jobs.queues.schedule.getDelayed();
    expect(delayed.filter((job) => job.data.kind === 'assign')).toHaveLength(1);
    // The default: the 1st of the month at 09:00 in Copenhagen.
    const scheduler = await jobs.queues.schedule.getJobScheduler(schedulerId());
    expect(scheduler?.pattern).toBe('0 9 1 * *');
    expect(scheduler?.tz).toBe('Europe/Copenhagen');
  });

  it('when the scheduled run comes, then each ambassador gets one message with households and buttons', async () => {
    const [scheduled] = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'assign',
    );
    await scheduled?.promote();
    await waitFor(() => slack.sent.length >= 4, 'three ambassadors and the coordinator');
    await new Promise((resolve) => setTimeout(resolve, 300));

    for (const ambassador of ambassadors) {
      const mine = slack.to(ambassador.id);
      expect(mine).toHaveLength(1);
      const message = mine[0]!.message;
      expect(textOf(message)).toMatch(/nye husstande at byde velkommen/);
      expect(textOf(message)).toMatch(/flyttede ind 10\. nov/);
      expect(choicesOf(message).some((choice) => choice.action.flow === 'report')).toBe(true);
    }
    const households = ambassadors.map(
      (ambassador) => slack.to(ambassador.id)[0]!.message.sections!.length - 1,
    );
    expect(households.reduce((sum, count) => sum + count, 0)).toBe(6);

    const summary = slack.to(coordinator.id);
    expect(summary).toHaveLength(1);
    const text = textOf(summary[0]!.message);
    expect(text).toMatch(/7 husstande er fordelt/);
    expect(text).toMatch(/Zofia Teams: 1 — kan ikke nås på Teams/);
    expect(slack.to(teamsOnly.id)).toHaveLength(0);

    const ledger = await db().sendLedger.get(
      `assign-${area.key}-${assignmentMonthOf(new Date(NOW), area.timeZone)}-${ambassadors[0]!.id}`,
    );
    expect(ledger?.status).toBe('sent');

    // Each household shown is on its own audit trail: who was told about it, by which platform.
    const [firstVisit] = await db().visits.listOpenForAmbassador(ambassadors[0]!.id);
    const trail = await db().auditEvents.listForSubject('resident', firstVisit!.residentId);
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'message.assignment',
        actorId: ambassadors[0]!.id,
        platform: 'slack',
      }),
    );
  });

  it('when the month runs again, then nobody gets a second message', async () => {
    const before = slack.sent.length;
    const [next] = (await jobs.queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'assign',
    );
    await next?.promote();
    await waitFor(
      async () => (await jobs.queues.schedule.getCompletedCount()) >= 2,
      'the second run',
    );
    await waitFor(
      async () => (await jobs.queues.send('slack').getActiveCount()) === 0,
      'sends to settle',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.sent.length).toBe(before);
  });

  it('when the summary is read, then finished jobs in Redis hold ids only', async () => {
    const completed = await jobs.queues.send('slack').getCompleted();
    expect(completed.length).toBeGreaterThan(0);
    for (const job of completed) {
      const stored = JSON.stringify({ data: job.data, result: job.returnvalue });
      expect(stored).not.toMatch(/Testvej|Beboer|Ambassadør|Koordinator/);
    }
  });
});
