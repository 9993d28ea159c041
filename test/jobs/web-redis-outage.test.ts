import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProcess, type NaboProcess } from '../../app/compose.js';
import { consoleIdentity, createConsolePlatform } from '../../adapters/console/platform.js';
import { MemoryConsoleOutbox } from '../../adapters/console/outbox.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { loadConfig } from '../../src/config/config.js';
import type { InboundEvent } from '../../src/core/inbound.js';
import type { Person } from '../../models/types.js';
import { choicesOf, RecordingAdapter, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';
import { uniquePrefix, waitFor } from './support/jobs-harness.js';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import { meetingJobIds } from '../../jobs/meetings/index.js';
import { startOwnRedis, type OwnRedis } from './support/own-redis.js';

/**
 * The web process as app/compose.ts builds it, with a Redis of its own that is stopped: every
 * turn that would queue work (meeting timers, a proposal's announcement, an event's reminder,
 * a revisit reminder) still stores what it stores and answers. Before, the turns that queue on
 * the meeting queue or the event reminder waited for Redis without bound: no reply until it was
 * back. A hang shows here as the test's own time limit, never as a measured duration.
 */
const clock = fixedClock('2026-11-27T10:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });
const adapter = new RecordingAdapter();
let redis: OwnRedis;
let web: NaboProcess;
let worker: NaboProcess;
const queuePrefix = uniquePrefix('webout');
let runningMeetingId = '';
let sentEventId = '';
let estate: TestEstate;
let mette: Person;
let birgit: Person;

beforeAll(async () => {
  redis = await startOwnRedis();
  const config = loadConfig({ NODE_ENV: 'test', REDIS_URL: redis.url });
  const processOf = (role: 'web' | 'worker') =>
    composeProcess(config, {
      role,
      db: db(),
      clock,
      logger: createLogger({ level: 'silent' }),
      queuePrefix,
      platforms: () => [createConsolePlatform(adapter, new MemoryConsoleOutbox())],
    });
  web = await processOf('web');
  // The worker runs through the outage and checks Redis often (its keeper, jobs/keeper.ts).
  const interval = process.env.NABO_RECONCILE_INTERVAL_MS;
  process.env.NABO_RECONCILE_INTERVAL_MS = '200';
  try {
    worker = await processOf('worker');
  } finally {
    if (interval === undefined) delete process.env.NABO_RECONCILE_INTERVAL_MS;
    else process.env.NABO_RECONCILE_INTERVAL_MS = interval;
  }
  estate = await createEstate(db());
  mette = await estate.coordinator('Mette Holm', 'mette-out');
  birgit = await estate.ambassador('Birgit Sørensen', 'birgit-out');
  await redis.kill();
}, 30_000);

afterAll(async () => {
  // Up for the processes to close, whichever test left it up or down (start() alone would add a
  // second server beside a running one and leave that one behind).
  await redis.kill();
  await redis.start();
  await worker?.meetings.queue.obliterate({ force: true });
  await worker?.jobs.queues.obliterate();
  await worker?.close();
  await web?.close();
  await redis.kill();
  // Each part of a process's close is bounded at 7 s while its workers wait out a reconnect.
}, 60_000);

let events = 0;
function base(handle: string) {
  return {
    eventId: `out-${++events}`,
    actor: consoleIdentity(handle),
    conversation: { platform: 'console', key: `console:${handle}`, isDirect: true, address: {} },
    receivedAt: clock.now(),
  };
}

async function write(handle: string, text: string): Promise<string> {
  const before = adapter.sent.length;
  const event: InboundEvent = { ...base(handle), kind: 'message', text };
  await web.pipeline.handle(event);
  return adapter.sent
    .slice(before)
    .map((sent) => textOf(sent.message))
    .join('\n');
}

describe('the web process while Redis is down', () => {
  it('when the coordinator starts a meeting, then it starts and the first item is shown', async () => {
    const meeting = await db().meetings.create({
      areaId: estate.area.id,
      coordinatorId: mette.id,
      title: 'Netværksmøde',
      startsAt: clock.now(),
      status: 'planned',
      items: [
        { title: 'Velkommen', timeboxMinutes: 5 },
        { title: 'Evt.', timeboxMinutes: 10 },
      ],
    });
    const answer = await write('mette-out', 'start møde');
    expect(answer).toContain('Velkommen');
    expect((await db().meetings.findById(meeting.id))?.status).toBe('running');
    const next = await write('mette-out', 'næste');
    expect(next).toContain('Evt.');
    runningMeetingId = meeting.id;
  }, 20_000);

  it('when an ambassador proposes a topic, then it is stored and she hears so', async () => {
    const meeting = await db().meetings.create({
      areaId: estate.area.id,
      coordinatorId: mette.id,
      title: 'Netværksmøde',
      startsAt: new Date('2026-12-12T17:00:00+01:00'),
      status: 'planned',
    });
    const answer = await write('birgit-out', 'tilføj punkt: Tolke til besøgene');
    expect(answer).toContain('Tolke til besøgene');
    expect((await db().meetings.findById(meeting.id))?.proposals).toHaveLength(1);
  }, 20_000);

  it('when the coordinator sends an event, then the invitations go out and she hears so', async () => {
    await write(
      'mette-out',
      'arrangement: kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset',
    );
    const preview = adapter.sent.at(-1)!.message;
    const send = choicesOf(preview).find((choice) => choice.action.step === 'send')!;
    const before = adapter.sent.length;
    await web.pipeline.handle({
      ...base('mette-out'),
      kind: 'action',
      action: send.action,
      source: adapter.sent.at(-1)!.ref,
    });
    const answer = adapter.sent
      .slice(before)
      .map((sent) => textOf(sent.message))
      .join('\n');
    expect(answer).toContain('Invitationen er sendt til 1 ambassadør');
    expect((await db().communityEvents.findById(send.action.value))?.sentAt).toBeDefined();
    sentEventId = send.action.value;
  }, 20_000);

  it('when an ambassador answers a check-in with a wish to talk, then she is thanked and the answer is stored', async () => {
    const checkIn = await db().checkIns.create({
      personId: birgit.id,
      areaId: estate.area.id,
      due: clock.now(),
    });
    await db().checkIns.update(checkIn.id, { step: 'talk', askedAt: clock.now() });
    const answer = await write('birgit-out', 'ja tak');
    expect(answer).not.toBe('');
    const stored = await db().checkIns.findById(checkIn.id);
    expect(stored?.status).toBe('answered');
    expect(stored?.flags).toContain('wants_talk');
  }, 20_000);

  it('when an ambassador reports a visit, then the report is stored and she gets the answer', async () => {
    const [resident] = await estate.assign(birgit, [
      { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
    ]);
    const answer = await write('birgit-out', 'Ove Christensen ikke hjemme');
    expect(answer).toContain('Ove Christensen var ikke hjemme');
    const [visit] = (await db().visits.listOpenForAmbassador(birgit.id)).filter(
      (candidate) => candidate.residentId === resident!.id,
    );
    expect(visit?.attempts).toHaveLength(1);
  }, 20_000);

  it('when Redis is back, then the running worker queues from MongoDB what the turns could not: the item timers and the event reminder', async () => {
    await redis.start();
    await waitFor(
      async () =>
        (await worker.meetings.queue.getJob(
          meetingJobIds.itemTimer(runningMeetingId, 1, 'end'),
        )) !== undefined &&
        (await worker.jobs.queues.schedule.getJob(scheduleJobIds.eventReminder(sentEventId))) !==
          undefined,
      'the item timers and the event reminder to be queued again',
    );
  }, 30_000);

  it('when Redis comes back empty, then the running worker rebuilds meeting timers and event reminders that only MongoDB holds', async () => {
    // As a web process that died with its adds in flight leaves them: stored, never queued.
    const meeting = await db().meetings.create({
      areaId: estate.area.id,
      coordinatorId: mette.id,
      title: 'Ekstra møde',
      startsAt: clock.now(),
      status: 'running',
      items: [{ title: 'Velkommen', timeboxMinutes: 5 }],
    });
    await db().meetings.update(meeting.id, {
      currentItem: 0,
      items: [{ title: 'Velkommen', timeboxMinutes: 5, status: 'running', startedAt: clock.now() }],
    });
    const event = await db().communityEvents.create({
      areaIds: [estate.area.id],
      title: 'Sommerfest',
      startsAt: new Date('2027-06-20T15:00:00+02:00'),
      createdBy: mette.id,
      invitedPersonIds: [birgit.id],
    });
    await db().communityEvents.markSent(event.id, clock.now());

    await redis.kill();
    await redis.start();

    await waitFor(
      async () =>
        (await worker.meetings.queue.getJob(meetingJobIds.itemTimer(meeting.id, 0, 'end'))) !==
          undefined &&
        (await worker.jobs.queues.schedule.getJob(scheduleJobIds.eventReminder(event.id))) !==
          undefined,
      'the meeting timers and the event reminder rebuilt from MongoDB',
    );
  }, 30_000);
});
