import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import type { RunningJobs } from '../../jobs/start-jobs.js';
import type { Area, Person } from '../../models/types.js';
import { eventReminderAt } from '../../src/events/event-reminders.js';
import { useTestDatabase } from '../support/database.js';
import {
  RecordingPlatform,
  slackEstate,
  startTestJobs,
  uniquePrefix,
  waitFor,
} from '../jobs/support/jobs-harness.js';

/**
 * The day before a course, those who said "kommer" or "måske" get a reminder; those who said no
 * do not. The jobs' "now" is the morning before the course (Wednesday 13 January 2027, 10:00).
 */
const clock = fixedClock('2027-01-13T10:00:00+01:00');
const db = useTestDatabase();
const slack = new RecordingPlatform('slack');
let jobs: RunningJobs;
let area: Area;
let ambassadors: Person[];
let coordinator: Person;

beforeAll(async () => {
  ({ area, ambassadors, coordinator } = await slackEstate(db(), { ambassadors: 4, households: 0 }));
  jobs = await startTestJobs(db(), {
    prefix: uniquePrefix('event-reminder'),
    platforms: [slack],
    clock,
  });
});

afterAll(async () => {
  await jobs?.queues.obliterate();
  await jobs?.close();
});

async function sentCourse(startsAt: string) {
  const event = await db().communityEvents.create({
    areaIds: [area.id],
    title: 'Kursus i konfliktnedtrapning',
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + 2 * 3_600_000),
    place: 'i fælleshuset',
    createdBy: coordinator.id,
    invitedPersonIds: ambassadors.map((person) => person.id),
  });
  await db().communityEvents.markSent(event.id, clock.now());
  const [coming, maybe, no] = ambassadors;
  await db().communityEvents.answer(event.id, coming!.id, 'coming', clock.now());
  await db().communityEvents.answer(event.id, maybe!.id, 'maybe', clock.now());
  await db().communityEvents.answer(event.id, no!.id, 'not_coming', clock.now());
  return event;
}

describe('the reminder the day before an event', () => {
  it('is due at 10:00 the day before in the area’s zone, and not at all when that has passed', () => {
    const zone = 'Europe/Copenhagen';
    expect(
      eventReminderAt(new Date('2027-01-14T16:00:00Z'), zone, new Date('2026-11-30T09:00:00Z')),
    ).toEqual(new Date('2027-01-13T09:00:00Z'));
    // Summer time: 10:00 in Copenhagen is 08:00 UTC.
    expect(
      eventReminderAt(new Date('2027-06-20T12:00:00Z'), zone, new Date('2026-11-30T09:00:00Z')),
    ).toEqual(new Date('2027-06-19T08:00:00Z'));
    expect(
      eventReminderAt(new Date('2027-01-14T16:00:00Z'), zone, new Date('2027-01-13T12:00:00Z')),
    ).toBeNull();
  });

  it('when it comes due, then those coming or perhaps coming are reminded once, and those who said no or did not answer are not', async () => {
    const event = await sentCourse('2027-01-14T17:00:00+01:00');
    await jobs.reminders.scheduleEventReminder(event.id, clock.now());
    // Scheduled twice (a second worker, a retried press): still one reminder each.
    await jobs.reminders.scheduleEventReminder(event.id, clock.now());
    const [coming, maybe, no, silent] = ambassadors;
    await waitFor(
      () => slack.to(coming!.id).length === 1 && slack.to(maybe!.id).length === 1,
      'the reminders to be sent',
    );
    await waitFor(
      async () =>
        (await jobs.queues.schedule.getJob(`event-reminder-${event.id}`))?.finishedOn !== undefined,
      'the reminder job to finish',
    );
    expect(slack.to(coming!.id)[0]!.message.text).toContain(
      '⏰ Påmindelse: i morgen er der Kursus i konfliktnedtrapning — torsdag 14. januar kl. 17.00–19.00, i fælleshuset',
    );
    expect(slack.to(no!.id)).toHaveLength(0);
    expect(slack.to(silent!.id)).toHaveLength(0);
  });

  it('when the event has already started, then nobody is reminded', async () => {
    const event = await sentCourse('2027-01-13T09:00:00+01:00');
    await jobs.reminders.scheduleEventReminder(event.id, clock.now());
    await waitFor(
      async () =>
        (await jobs.queues.schedule.getJob(`event-reminder-${event.id}`))?.finishedOn !== undefined,
      'the reminder job to finish',
    );
    expect((await jobs.queues.schedule.getJob(`event-reminder-${event.id}`))?.returnvalue).toEqual({
      skipped: 'stale',
    });
  });
});
