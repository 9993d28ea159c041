import { consoleIdentity } from '../../adapters/console/platform.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJobIds } from '../../jobs/delivery/send-keys.js';
import { openJobClient, type JobClient, type RunningJobs } from '../../jobs/start-jobs.js';
import type { Person, Visit } from '../../models/types.js';
import { createInboundPipeline, type InboundPipeline } from '../../src/core/pipeline.js';
import { createPlatformRegistry } from '../../src/core/platform.js';
import { fixedClock } from '../../kernel/clock.js';
import type { ConversationRef } from '../../src/core/inbound.js';
import { allFlows } from '../../src/core/all-flows.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { createLogger } from '../../kernel/logger.js';
import { revisitReminderMessage } from '../../src/visits/reminder-messages.js';
import { choicesOf, RecordingAdapter, textOf, testPlatforms } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { startTestJobs, uniquePrefix, waitFor } from './support/jobs-harness.js';
import { startOwnRedis, type OwnRedis } from './support/own-redis.js';

/** The web process's side: a button pressed while Redis is down, the reminder it asks for. */
const db = useTestDatabase();
const clock = fixedClock('2026-11-27T19:30:00+01:00');
const prefix = uniquePrefix('outage');
const adapter = new RecordingAdapter();
const logger = createLogger({ level: 'silent' });
const conversation: ConversationRef = {
  platform: 'console',
  key: 'console:birgit',
  isDirect: true,
  address: {},
};
let redis: OwnRedis;
let client: JobClient;
let worker: RunningJobs | undefined;
let bot: InboundPipeline;
let birgit: Person;
let visit: Visit;

beforeAll(async () => {
  redis = await startOwnRedis();
  const estate = await createEstate(db());
  birgit = await estate.ambassador('Birgit Hansen', 'birgit');
  const [resident] = await estate.assign(birgit, [
    { names: ['Ove Christensen'], address: 'Gudrunsvej 10' },
  ]);
  const open = (await db().visits.listOpenForAmbassador(birgit.id)).find(
    (candidate) => candidate.residentId === resident!.id,
  )!;
  visit = await db().visits.recordAttempt(open.id, {
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2026-11-27',
  });
  client = openJobClient({
    db: db(),
    redisUrl: redis.url,
    prefix,
    platforms: createPlatformRegistry(),
    clock,
    logger,
    reminderBoundMs: 300,
  });
  bot = createInboundPipeline(
    {
      db: db(),
      platforms: testPlatforms(adapter),
      clock,
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logger,
      reminders: client.reminders,
    },
    allFlows,
  );
});

afterAll(async () => {
  await worker?.queues.obliterate();
  await worker?.close();
  await client?.close();
  await redis?.kill();
});

describe('a reply while Redis is down', () => {
  it('when "remind me in 2 days" is pressed during the outage, then the answer comes at once and the reminder is queued once Redis is back', async () => {
    await redis.kill();
    const reminder = revisitReminderMessage(
      catalogFor('da'),
      'da',
      (await db().visits.findById(visit.id))!,
    );
    const ref = await adapter.send(conversation, reminder);
    const choice = choicesOf(reminder).find((candidate) => candidate.label.includes('2 dage'))!;
    const before = adapter.sent.length;
    await bot.handle({
      kind: 'action',
      action: choice.action,
      source: ref,
      eventId: 'evt-outage-1',
      actor: consoleIdentity('birgit'),
      conversation,
      receivedAt: clock.now(),
    });
    const answer = adapter.sent
      .slice(before)
      .map((entry) => textOf(entry.message))
      .join('\n');
    expect(answer).toMatch(/Jeg minder dig om det igen søndag 29\. november/);
    expect((await db().visits.findById(visit.id))?.revisitDate).toBe('2026-11-29');

    // Redis comes back empty; the worker puts the reminder in from MongoDB.
    await redis.start();
    worker = await startTestJobs(db(), {
      prefix,
      redisUrl: redis.url,
      clock,
      reconcileIntervalMs: 200,
    });
    await waitFor(
      async () =>
        (await worker!.queues.schedule.getJob(scheduleJobIds.revisit(visit.id, '2026-11-29'))) !==
        undefined,
      'the reminder for 29 November to be queued',
    );
  }, 30_000);
});
