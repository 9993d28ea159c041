import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckIn, Person } from '../../models/types.js';
import { isCheckInDue } from '../../src/check-ins/cadence.js';
import { said, textOf } from '../support/conversation.js';
import { fixedClock } from '../../kernel/clock.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';
import {
  startHarness,
  type Harness,
  type MeetingChat,
} from '../meetings/support/meeting-harness.js';

/**
 * Check-ins (individuelle samtaler) through the chat, with the questions, reminders and alerts
 * running as BullMQ jobs on real Redis. "Now" is Friday 27 November 2026, 10:00 in Copenhagen.
 */
const NOW = '2026-11-27T10:00:00+01:00';
// The store stamps its records on the harness's clock, so createdAt and "now" agree.
const clock = fixedClock(NOW);
const db = useTestDatabase({ now: () => clock.now() });
const HOUR = 60 * 60_000;

let harness: Harness;
let estate: TestEstate;
let mette: Person;
let birgit: Person;
let ahmed: Person;
let coordinator: MeetingChat;
let ambassador: MeetingChat;
let handles = 0;

beforeEach(async () => {
  clock.set(NOW);
  harness = await startHarness(db(), clock);
  estate = await createEstate(db());
  handles += 1;
  mette = await estate.coordinator('Mette Sørensen', `mette-ci-${handles}`);
  birgit = await estate.ambassador('Birgit Holm', `birgit-ci-${handles}`);
  ahmed = await estate.ambassador('Ahmed Yusuf', `ahmed-ci-${handles}`, { locale: 'en' });
  coordinator = harness.chat(mette);
  ambassador = harness.chat(birgit);
});

afterEach(async () => {
  await harness.close();
});

async function birgitsCheckIn(): Promise<CheckIn> {
  const [checkIn] = await db().checkIns.listForPerson(birgit.id);
  if (!checkIn) throw new Error('no check-in');
  return checkIn;
}

async function askBirgit(): Promise<void> {
  expect(said(await coordinator.write('check-in med Birgit'))).toContain(
    'Jeg sender Birgit et par korte spørgsmål nu',
  );
  await harness.settle();
}

describe('a check-in with an ambassador', () => {
  it('when Birgit answers every question, then her answers are stored for the coordinator only', async () => {
    await askBirgit();
    const opening = harness.deliveredTo(birgit).map(textOf).join('\n');
    expect(opening).toContain('Hej Birgit 👋 Det er tid til en kort snak');
    expect(opening).toContain('Hvordan går det? Tryk 1 (skidt) til 5 (rigtig godt).');

    expect(said(await ambassador.press('4'))).toContain('Hvad er gået godt siden sidst?');
    expect(said(await ambassador.write('Familien i nr. 10 blev glade for mappen'))).toContain(
      'Er der noget, der har været svært?',
    );
    expect(said(await ambassador.press('Spring over'))).toContain('flere eller færre besøg');
    expect(said(await ambassador.press('Som nu'))).toContain('kursus eller en aktivitet');
    expect(said(await ambassador.press('Kursus om kulturmøder'))).toContain(
      'tale med koordinatoren?',
    );
    expect(said(await ambassador.press('Nej'))).toContain(
      'Tak for dine svar 🙏 Kun din koordinator ser dem.',
    );

    const checkIn = await birgitsCheckIn();
    expect(checkIn).toMatchObject({
      status: 'answered',
      score: 4,
      flags: [],
      followUp: false,
      reason: 'on_demand',
      requestedBy: mette.id,
    });
    expect(checkIn.answers.map((answer) => answer.key)).toEqual([
      'mood',
      'went_well',
      'hard',
      'visits',
      'courses',
      'talk',
    ]);
    await harness.settle();
    expect(harness.deliveredTo(mette)).toEqual([]);

    const answers = said(await coordinator.write('svar fra Birgit'));
    expect(answers).toContain('Samtale med Birgit');
    expect(answers).toContain('• Hvordan går det: 4/5');
    expect(answers).toContain('• Gået godt: Familien i nr. 10 blev glade for mappen');
    expect(answers).toContain('• Svært: (sprunget over)');
    expect(answers).toContain('• Besøg: Som nu');
    expect(answers).toContain('• Vil tale med dig: nej');

    // A wish from the check-in is offered as an item for the next meeting, without a name.
    await coordinator.write('Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer 20 min');
    expect(said(await coordinator.press('Tilføj «Kursus om kulturmøder»'))).toContain(
      '3. Kursus om kulturmøder — 10 min',
    );
  });

  it('when Birgit answers the buttons in words, then the words are taken, and words that answer nothing get the words that work', async () => {
    // The welcome folder knows the dinner club and the caretaker; short answers are still answers.
    await db().welcomeFolders.replace(estate.area.id, {
      contacts: [{ kind: 'caretaker', name: 'Varmemester Jens', phone: '12 34 56 78' }],
      activities: [{ name: 'Madklub', weekday: 4, time: '17:30' }],
    });
    await askBirgit();
    const unclear = said(await ambassador.write('tja, det kommer an på dagen'));
    expect(unclear).toContain('Skriv et tal fra 1 til 5 (fx «4»), eller tryk på en knap.');
    expect(unclear).toContain('Hvordan går det?');
    expect(said(await ambassador.write('fire'))).toContain('Hvad er gået godt siden sidst?');
    const wentWell = said(await ambassador.write('madklubben'));
    expect(wentWell).toContain('Er der noget, der har været svært?');
    expect(wentWell).not.toContain('17:30');
    const skipped = said(await ambassador.write('spring over'));
    expect(skipped).toContain('flere eller færre besøg');
    expect(skipped).not.toContain('12 34 56 78');
    expect(said(await ambassador.write('hmm'))).toContain(
      'Skriv «flere», «som nu» eller «færre», eller tryk på en knap.',
    );
    expect(said(await ambassador.write('lidt flere'))).toContain('kursus eller en aktivitet');
    expect(said(await ambassador.write('nej tak'))).toContain('tale med koordinatoren?');
    expect(said(await ambassador.write('nej'))).toContain('Tak for dine svar');

    const checkIn = await birgitsCheckIn();
    expect(checkIn).toMatchObject({ status: 'answered', score: 4 });
    expect(checkIn.answers.map((answer) => [answer.key, answer.answer])).toEqual([
      ['mood', '4'],
      ['went_well', 'madklubben'],
      ['hard', 'skip'],
      ['visits', 'more'],
      ['courses', 'none'],
      ['talk', 'no'],
    ]);
  });

  it('when an ambassador tries to read someone else’s check-in, then Nabo refuses', async () => {
    await askBirgit();
    await ambassador.press('5');
    const other = harness.chat(ahmed, { locale: 'en' });
    expect(said(await other.write('svar fra Birgit'))).toContain(
      'Only the coordinator can see the answers from check-ins',
    );
    // Even with a button copied from a coordinator's alert.
    const checkIn = await birgitsCheckIn();
    const refused = said(
      await other.deliver({
        eventId: 'forged-1',
        actor: consoleIdentity(consoleHandleOf(ahmed) ?? ''),
        conversation: { platform: 'console', key: 'forged', isDirect: true, address: {} },
        receivedAt: new Date(NOW),
        kind: 'action',
        action: { flow: 'check-in-coordinator', step: 'show', value: checkIn.id },
        source: undefined,
      }),
    );
    expect(refused).toContain('Only the coordinator can see the answers');
    expect(refused).not.toContain('5/5');
    // Nor can he answer Birgit's questions.
    const answered = said(
      await other.deliver({
        eventId: 'forged-2',
        actor: consoleIdentity(consoleHandleOf(ahmed) ?? ''),
        conversation: { platform: 'console', key: 'forged', isDirect: true, address: {} },
        receivedAt: new Date(NOW),
        kind: 'action',
        action: { flow: 'check-in', step: 'went_well', value: `${checkIn.id}:skip` },
        source: undefined,
      }),
    );
    expect(answered).toContain('That check-in is not yours');
    expect((await birgitsCheckIn()).answers).toHaveLength(1);
    expect(said(await other.write('check-in with Birgit'))).toContain(
      'Check-ins are held by the coordinator',
    );
  });

  it('when answers need the coordinator, then they are alerted at once and decide about fewer visits', async () => {
    await askBirgit();
    await ambassador.press('2');
    await harness.settle();
    expect(harness.deliveredTo(mette).map(textOf).join('\n')).toContain(
      '⚠️ Birgit svarede 2/5 på «hvordan går det?»',
    );

    await ambassador.write('Det er svært at finde tid');
    await ambassador.write('Mange er ikke hjemme');
    await ambassador.press('Færre');
    await harness.settle();
    const alert = harness.deliveredTo(mette).map(textOf).join('\n');
    expect(alert).toContain('📉 Birgit vil gerne have færre besøg (nu højst 4 om måneden)');
    expect(alert).toContain('[Sænk til 3]');

    expect(said(await coordinator.press('Sænk til 3'))).toContain(
      'Birgit får nu højst 3 besøg om måneden',
    );
    expect((await db().people.findById(birgit.id))?.monthlyCapacity).toBe(3);
    expect(said(await coordinator.pressAgain('Sænk til 3'))).toContain('allerede besluttet');
    expect((await db().people.findById(birgit.id))?.monthlyCapacity).toBe(3);

    await ambassador.press('Nej tak');
    expect(said(await ambassador.press('Ja'))).toContain('Koordinatoren kontakter dig snart');
    await harness.settle();
    expect(harness.deliveredTo(mette).map(textOf).join('\n')).toContain(
      '💬 Birgit vil gerne tale med dig.',
    );
    const checkIn = await birgitsCheckIn();
    expect(checkIn.flags.sort()).toEqual(['fewer_visits', 'low_score', 'wants_talk']);
    expect(checkIn).toMatchObject({
      followUp: true,
      capacityDecision: 'lowered',
      status: 'answered',
    });
  });

  it('when Redis loses the alert before it went out, then the reconcile sends it once', async () => {
    await askBirgit();
    await harness.jobs.queue.pause();
    await ambassador.press('2');
    await harness.jobs.queue.obliterate({ force: true });
    await harness.jobs.queue.resume();

    await harness.jobs.reconcile();
    await harness.settle();
    await harness.jobs.reconcile();
    await harness.settle();

    const alerts = harness
      .deliveredTo(mette)
      .map(textOf)
      .filter((text) => text.includes('Birgit svarede 2/5'));
    expect(alerts).toHaveLength(1);
  });

  it('when nobody answers, then one reminder comes after 24 hours and then it is missed', async () => {
    await askBirgit();
    const checkIn = await birgitsCheckIn();
    const quiet = (await harness.delayedIds()).filter((id) =>
      id.startsWith(`check-in-${checkIn.id}-quiet`),
    );
    expect(quiet).toEqual([`check-in-${checkIn.id}-quiet-${new Date(NOW).getTime() + 24 * HOUR}`]);

    harness.clock.advance(25 * HOUR);
    await harness.run(quiet[0] ?? '');
    const reminder = harness.deliveredTo(birgit).map(textOf).slice(-2).join('\n');
    expect(reminder).toContain('🔔 Har du 2 minutter til vores lille snak?');
    expect(reminder).toContain('Hvordan går det?');
    expect((await birgitsCheckIn()).remindedAt).toBeInstanceOf(Date);

    const missedCheck = (await harness.delayedIds()).filter((id) =>
      id.startsWith(`check-in-${checkIn.id}-quiet`),
    );
    expect(missedCheck).toHaveLength(1);
    const sentBefore = harness.deliveredTo(birgit).length;
    harness.clock.advance(25 * HOUR);
    await harness.run(missedCheck[0] ?? '');
    expect((await birgitsCheckIn()).status).toBe('missed');
    expect(harness.deliveredTo(birgit)).toHaveLength(sentBefore);
    expect(said(await ambassador.press('4'))).toContain('Den samtale er afsluttet');
  });

  it('when Birgit answers meanwhile, then the reminder waits for a quiet day after her answer', async () => {
    await askBirgit();
    const checkIn = await birgitsCheckIn();
    harness.clock.advance(23 * HOUR);
    await ambassador.press('3');
    harness.clock.advance(2 * HOUR);
    const [quiet] = (await harness.delayedIds()).filter((id) =>
      id.startsWith(`check-in-${checkIn.id}-quiet`),
    );
    await harness.run(quiet ?? '');
    expect((await birgitsCheckIn()).remindedAt).toBeUndefined();
    expect(await harness.delayedIds()).toContain(
      `check-in-${checkIn.id}-quiet-${new Date(NOW).getTime() + 47 * HOUR}`,
    );
  });

  it('when Birgit writes "ferie til 3. januar" mid check-in, then it pauses her instead of being an answer', async () => {
    await askBirgit();
    await ambassador.press('4');
    expect(said(await ambassador.write('ferie til 3. januar'))).toContain('3. januar');
    await ambassador.press('Ja');
    const paused = await db().people.findById(birgit.id);
    expect(paused?.status.state).toBe('paused');
    expect(paused?.status.pausedUntil?.toISOString()).toBe('2027-01-02T23:00:00.000Z');
    const checkIn = await birgitsCheckIn();
    expect(checkIn.step).toBe('went_well');
    expect(checkIn.answers).toHaveLength(1);
  });

  it('when the daily cadence runs on Birgit’s day, then she is asked and a paused ambassador is not', async () => {
    // Find Birgit's day in the six-week cycle, and stand on it.
    const start = DateTime.fromISO('2026-11-27T10:00:00', { zone: 'Europe/Copenhagen' });
    let day = start;
    while (!isCheckInDue({ personId: birgit.id, today: day, everyWeeks: 6, lastDue: undefined })) {
      day = day.plus({ days: 1 });
    }
    harness.clock.set(day.toJSDate());
    await db().people.pause(ahmed.id, new Date('2027-06-01T00:00:00Z'));

    const [cadence] = (await harness.jobs.queue.getDelayed()).filter(
      (job) => job.name === 'check-in-cadence',
    );
    await harness.run(cadence?.id ?? '');
    await harness.settle();
    expect(harness.deliveredTo(birgit).map(textOf).join('\n')).toContain(
      'Det er tid til en kort snak',
    );
    expect(await db().checkIns.listForPerson(ahmed.id)).toEqual([]);
    expect((await birgitsCheckIn()).reason).toBe('cadence');
  });
});
