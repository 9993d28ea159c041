import { consoleIdentity } from '../../adapters/console/platform.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Person, Visit } from '../../models/types.js';
import { createInboundPipeline, type InboundPipeline } from '../../src/core/pipeline.js';
import { fixedClock } from '../../kernel/clock.js';
import type { ConversationRef, InboundEvent } from '../../src/core/inbound.js';
import { allFlows } from '../../src/core/all-flows.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { createLogger } from '../../kernel/logger.js';
import { revisitReminderMessage } from '../../src/visits/reminder-messages.js';
import type { ReminderScheduler } from '../../src/visits/reminder-scheduler.js';
import { revisitReminderAt } from '../../src/visits/reminder-times.js';
import { choicesOf, RecordingAdapter, textOf, testPlatforms } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
const clock = fixedClock('2026-11-27T19:30:00+01:00');
const adapter = new RecordingAdapter();
const scheduled: Array<{ visitId: string; at: Date }> = [];
const cancelled: string[] = [];
const reminders: ReminderScheduler = {
  async scheduleRevisit(visitId, at) {
    scheduled.push({ visitId, at });
  },
  async cancel(visitId) {
    cancelled.push(visitId);
  },
};
let bot: InboundPipeline;
let area: Area;
let birgit: Person;
let visits: Visit[];
let sequence = 0;
const conversation: ConversationRef = {
  platform: 'console',
  key: 'console:birgit',
  isDirect: true,
  address: {},
};

beforeAll(async () => {
  const estate = await createEstate(db());
  area = estate.area;
  birgit = await estate.ambassador('Birgit Hansen', 'birgit');
  const residents = await estate.assign(birgit, [
    { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
    { names: ['Amal Yusuf'], address: 'Gudrunsvej 12' },
  ]);
  visits = [];
  for (const resident of residents) {
    const open = (await db().visits.listOpenForAmbassador(birgit.id)).find(
      (visit) => visit.residentId === resident.id,
    )!;
    visits.push(
      await db().visits.recordAttempt(open.id, {
        outcome: 'not_home',
        folderLeft: true,
        revisitDate: '2026-11-27',
      }),
    );
  }
  bot = createInboundPipeline(
    {
      db: db(),
      platforms: testPlatforms(adapter),
      clock,
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logger: createLogger({ level: 'silent' }),
      reminders,
    },
    allFlows,
  );
});

/** The reminder as the job sends it, then a press on one of its buttons. */
async function remindAndPress(visit: Visit, label: string): Promise<string> {
  const withResident = (await db().visits.findById(visit.id))!;
  const reminder = revisitReminderMessage(catalogFor('da'), 'da', withResident);
  const ref = await adapter.send(conversation, reminder);
  const choice = choicesOf(reminder).find((candidate) => candidate.label.includes(label));
  if (!choice) throw new Error(`no button ${label}`);
  const before = adapter.sent.length;
  const event: InboundEvent = {
    kind: 'action',
    action: choice.action,
    source: ref,
    eventId: `evt-${++sequence}`,
    actor: consoleIdentity('birgit'),
    conversation,
    receivedAt: clock.now(),
  };
  await bot.handle(event);
  return adapter.sent
    .slice(before)
    .map((entry) => textOf(entry.message))
    .join('\n');
}

describe('answering a revisit reminder', () => {
  it('when "remind me in 2 days" is pressed, then the visit gets a new date and a new daytime reminder', async () => {
    const answer = await remindAndPress(visits[0]!, 'Mind mig om 2 dage');
    expect(answer).toMatch(/Jeg minder dig om det igen søndag 29\. november/);
    expect((await db().visits.findById(visits[0]!.id))?.revisitDate).toBe('2026-11-29');
    expect(scheduled).toEqual([
      { visitId: visits[0]!.id, at: revisitReminderAt(area, '2026-11-29') },
    ]);
    // The reminder's buttons are gone, so it cannot be answered twice.
    expect(adapter.sent.at(-2)?.replacedBy).toEqual({ text: '✓ Mind mig om 2 dage' });
  });

  it('when "I will try today" is pressed, then the household comes with its report buttons', async () => {
    const answer = await remindAndPress(visits[0]!, 'Jeg prøver i dag');
    expect(answer).toMatch(/Ove Christensen — Gudrunsvej 10, 1\. th/);
    expect(answer).toMatch(/\[Mødt\]/);
  });

  it('when "close – folder delivered" is pressed, then the visit is closed as folder delivered, not met', async () => {
    const answer = await remindAndPress(visits[1]!, 'Afslut');
    expect(answer).toMatch(/afsluttet som «mappe afleveret, ikke mødt»/);
    const closed = await db().visits.findById(visits[1]!.id);
    expect(closed).toMatchObject({ status: 'closed', closingReason: 'folder_delivered_not_met' });
    expect(cancelled).toEqual([visits[1]!.id]);
  });

  it('when an old reminder of a closed visit is pressed, then nothing changes and the bot says so', async () => {
    const answer = await remindAndPress(visits[1]!, 'Mind mig');
    expect(answer).toMatch(/allerede afsluttet/);
    expect(scheduled).toHaveLength(1);
  });
});
