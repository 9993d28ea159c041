import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingJobIds } from '../../jobs/meetings/index.js';
import type { Meeting, Person } from '../../models/types.js';
import { said, textOf } from '../support/conversation.js';
import { fixedClock } from '../../kernel/clock.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';
import { startHarness, type Harness, type MeetingChat } from './support/meeting-harness.js';

/**
 * A coordinator plans a network meeting in chat: writes the agenda in plain words, confirms it,
 * edits it, and the agenda goes to the ambassadors two days before. Real Redis, embedded MongoDB.
 * "Now" is Friday 27 November 2026, 10:00 in Copenhagen.
 */
const NOW = '2026-11-27T10:00:00+01:00';
// The store stamps its records on the harness's clock, so createdAt and "now" agree.
const clock = fixedClock(NOW);
const db = useTestDatabase({ now: () => clock.now() });
const AGENDA =
  'Netværksmøde 12/12 kl 17-18:30: Velkommen 5 min; Erfaringer fra besøg 20 min; Oplæg om kulturmøder 30 min; Evt. 10 min';

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
  mette = await estate.coordinator('Mette Sørensen', `mette-${handles}`);
  birgit = await estate.ambassador('Birgit Holm', `birgit-${handles}`);
  ahmed = await estate.ambassador('Ahmed Yusuf', `ahmed-${handles}`, { locale: 'en' });
  coordinator = harness.chat(mette);
  ambassador = harness.chat(birgit);
  harness.chat(ahmed, { locale: 'en' });
});

afterEach(async () => {
  await harness.close();
});

async function onlyMeeting(): Promise<Meeting> {
  const meetings = await db().meetings.listByArea(estate.area.id);
  expect(meetings).toHaveLength(1);
  return meetings[0] as Meeting;
}

describe('planning a network meeting in chat', () => {
  it('when the coordinator writes an agenda, then Nabo shows its times and total and stores it once confirmed', async () => {
    const shown = said(await coordinator.write(AGENDA));
    expect(shown).toContain('Netværksmøde — lørdag 12. december, 17:00–18:05, 65 min');
    expect(shown).toContain('1. Velkommen — 5 min (17:00)');
    expect(shown).toContain('4. Evt. — 10 min (17:55)');
    expect(shown).toContain('Mødet er planlagt til 90 min.');
    expect(shown).toContain('[Gem dagsorden]');
    expect((await onlyMeeting()).status).toBe('draft');

    const saved = said(await coordinator.press('Gem dagsorden'));
    expect(saved).toContain('Dagsordenen er gemt');
    expect(saved).toContain('torsdag 10. december');
    const meeting = await onlyMeeting();
    expect(meeting).toMatchObject({
      status: 'planned',
      plannedMinutes: 90,
      coordinatorId: mette.id,
    });
    expect(meeting.items.map((item) => [item.title, item.timeboxMinutes])).toEqual([
      ['Velkommen', 5],
      ['Erfaringer fra besøg', 20],
      ['Oplæg om kulturmøder', 30],
      ['Evt.', 10],
    ]);
    expect(await harness.delayedIds()).toContain(meetingJobIds.agenda(meeting.id));
  });

  it('when the agenda starts "Dagsorden mandag d. 7. december kl. 18.15" with the items on the lines below, then it gets its start and end', async () => {
    const timed = said(
      await coordinator.write(
        'Dagsorden mandag d. 7. december kl. 18.15\nVelkommen 5 min\nErfaringer fra besøg 20 min\nEvt. 10 min',
      ),
    );
    expect(timed).toContain('mandag 7. december, 18:15–18:50, 35 min');

    const clocked = said(
      await coordinator.write(
        'Dagsorden mandag d. 7. december kl. 18.15\n18.15 Velkommen\n18.20 Erfaringer fra besøg\n18.45-19.00 Evt.',
      ),
    );
    expect(clocked).toContain('mandag 7. december, 18:15–19:00, 45 min');
    expect(clocked).toContain('2. Erfaringer fra besøg — 25 min (18:20)');

    const untimed = said(
      await coordinator.write(
        'Dagsorden mandag d. 7. december kl. 18.15\n1. Velkomst\n2. Erfaringer fra besøg',
      ),
    );
    expect(untimed).toContain('mandag 7. december, 18:15–18:35');
    expect(untimed).toContain('Velkomst');
  });

  it('when items are added, moved, removed and re-timed, then the agenda follows and warns when it overruns', async () => {
    await coordinator.write(AGENDA);
    await coordinator.press('Gem dagsorden');

    expect(said(await coordinator.write('tilføj punkt: Kaffe 10 min'))).toContain(
      '17:00–18:15, 75 min',
    );
    expect(said(await coordinator.write('flyt punkt 5 op'))).toContain('4. Kaffe — 10 min (17:55)');
    expect(said(await coordinator.write('fjern punkt 2'))).not.toContain('Erfaringer fra besøg');
    expect(said(await coordinator.write('punkt 2 45 min'))).toContain(
      '2. Oplæg om kulturmøder — 45 min (17:05)',
    );
    const overrun = said(await coordinator.write('punkt 1 40 min'));
    expect(overrun).toContain(
      'Punkterne varer 105 min, men mødet er sat til 90 min — 15 min for meget',
    );

    expect((await onlyMeeting()).items.map((item) => [item.title, item.timeboxMinutes])).toEqual([
      ['Velkommen', 40],
      ['Oplæg om kulturmøder', 45],
      ['Kaffe', 10],
      ['Evt.', 10],
    ]);
    expect(said(await coordinator.write('fjern punkt 9'))).toContain('Der er intet punkt 9');
    expect(said(await coordinator.write('tilføj punkt Sang'))).toContain(
      'Punkt 5 fik 10 min. Skriv fx «punkt 5 15 min»',
    );
  });

  it('when an agenda lacks its time, then Nabo asks and goes on with the answer', async () => {
    expect(said(await coordinator.write('Dagsorden\nVelkommen 5 min\nKaffe 10 min'))).toContain(
      'Hvornår er mødet?',
    );
    const shown = said(await coordinator.write('12/12 kl 17'));
    expect(shown).toContain('lørdag 12. december, 17:00–17:15, 15 min');
    expect(shown).toContain('[Gem dagsorden]');
  });

  it('when the coordinator discards a draft, then it is gone', async () => {
    await coordinator.write(AGENDA);
    expect(said(await coordinator.press('Kassér'))).toContain('Dagsordenen er kasseret');
    expect(await db().meetings.listByArea(estate.area.id)).toEqual([]);
  });

  it('when the coordinator uses the form, then the submitted agenda is shown for confirmation', async () => {
    const [reply] = await coordinator.write('ny dagsorden');
    const form = reply?.form;
    expect(form?.fields.map((field) => field.id)).toEqual([
      'title',
      'date',
      'start',
      'planned',
      'items',
    ]);
    const last = coordinator.adapter.sent.at(-1);
    const shown = said(
      await coordinator.deliver({
        eventId: 'form-1',
        actor: consoleIdentity(consoleHandleOf(mette) ?? ''),
        conversation: last?.conversation ?? {
          platform: 'console',
          key: 'x',
          isDirect: true,
          address: {},
        },
        receivedAt: new Date(NOW),
        kind: 'form_submit',
        formId: form?.id ?? '',
        values: {
          title: 'Netværksmøde',
          date: '2026-12-12',
          start: '17:00',
          planned: '60',
          items: 'Velkommen 5 min\nOplæg ½ time\nEvt. 10 min',
        },
        source: last?.ref,
      }),
    );
    expect(shown).toContain('lørdag 12. december, 17:00–17:45, 45 min');
    expect(shown).toContain('Mødet er planlagt til 60 min.');
    expect((await onlyMeeting()).items).toHaveLength(3);
  });

  it('when an English-speaking coordinator writes in English, then Nabo answers in English', async () => {
    await db().people.setLocale(mette.id, 'en');
    const english = harness.chat((await db().people.findById(mette.id)) as Person, {
      locale: 'en',
    });
    const shown = said(
      await english.write(
        'Network meeting Dec 12 5pm: Welcome 5 min; Experiences 1 hour; AOB half an hour',
      ),
    );
    expect(shown).toContain('Network meeting — Saturday 12 December, 17:00–18:35, 95 min');
    expect(shown).toContain('[Save agenda]');
  });

  it('when an ambassador writes an agenda or edits one, then Nabo politely says the coordinator plans', async () => {
    expect(said(await ambassador.write(AGENDA))).toContain(
      'Det er koordinatoren, der lægger dagsordenen',
    );
    expect(said(await ambassador.write('flyt punkt 1 op'))).toContain(
      'Det er koordinatoren, der lægger dagsordenen',
    );
    expect(await db().meetings.listByArea(estate.area.id)).toEqual([]);
  });
});

describe('before the meeting', () => {
  it('when an ambassador proposes a topic, then the coordinator approves it with a button', async () => {
    await coordinator.write(AGENDA);
    await coordinator.press('Gem dagsorden');

    expect(said(await ambassador.write('tilføj punkt: Affaldssortering 15 min'))).toContain(
      'Jeg har foreslået «Affaldssortering»',
    );
    await harness.settle();
    const announcement = harness.deliveredTo(mette).map(textOf).join('\n');
    expect(announcement).toContain('Birgit foreslår et punkt');
    expect(announcement).toContain('«Affaldssortering» (15 min)');

    expect(said(await coordinator.press('Sæt på dagsordenen'))).toContain(
      '«Affaldssortering» er sat på dagsordenen som punkt 5',
    );
    const meeting = await onlyMeeting();
    expect(meeting.items.at(-1)).toMatchObject({
      title: 'Affaldssortering',
      timeboxMinutes: 15,
      proposedBy: birgit.id,
    });
    expect(meeting.proposals[0]?.status).toBe('approved');
    expect(said(await coordinator.pressAgain('Sæt på dagsordenen'))).toContain(
      'allerede besluttet',
    );
    expect((await onlyMeeting()).items).toHaveLength(5);
  });

  it('when the agenda job comes due two days before, then every ambassador gets it in their language, once', async () => {
    await coordinator.write(AGENDA);
    await coordinator.press('Gem dagsorden');
    const meeting = await onlyMeeting();
    const job = await harness.jobs.queue.getJob(meetingJobIds.agenda(meeting.id));
    // 10 December 17:00 Copenhagen: two days before the meeting.
    expect((job?.timestamp ?? 0) + (job?.opts.delay ?? 0)).toBeGreaterThan(Date.now() - 60_000);
    expect(job?.opts.delay).toBe(
      new Date('2026-12-10T16:00:00Z').getTime() - new Date(NOW).getTime(),
    );

    await harness.run(meetingJobIds.agenda(meeting.id));
    const toBirgit = harness.deliveredTo(birgit).map(textOf).join('\n');
    expect(toBirgit).toContain('📅 Netværksmøde lørdag 12. december kl. 17:00');
    expect(toBirgit).toContain('3. Oplæg om kulturmøder — 30 min (17:25)');
    expect(toBirgit).toContain('tilføj punkt: …');
    expect(harness.deliveredTo(ahmed).map(textOf).join('\n')).toContain(
      'Netværksmøde on Saturday 12 December at 17:00. Here is the agenda:',
    );
    expect(harness.deliveredTo(mette)).toEqual([]);
    expect((await onlyMeeting()).agendaSentAt).toBeInstanceOf(Date);

    // A second trigger (a reconcile, a duplicate job) sends nothing again.
    await harness.jobs.timers.scheduleAgenda(meeting.id, new Date(NOW));
    await harness.settle();
    expect(harness.deliveredTo(birgit)).toHaveLength(1);
  });

  it('when an ambassador asks for the agenda, then they see the next meeting and how to propose', async () => {
    await coordinator.write(AGENDA);
    await coordinator.press('Gem dagsorden');
    const shown = said(await ambassador.write('dagsorden'));
    expect(shown).toContain('1. Velkommen — 5 min (17:00)');
    expect(shown).toContain('tilføj punkt: …');
    expect(shown).not.toContain('Gem dagsorden');
  });
});
