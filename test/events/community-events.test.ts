import { beforeEach, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import type { Person } from '../../models/types.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import type { PersonNotifier } from '../../src/core/turn.js';
import { Chat, said, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';

/**
 * Phase 2 of the handbook: Mette announces a course in her own words, the ambassadors answer
 * with buttons, she sees who is coming, and after the evening she takes attendance. "Now" is
 * Monday 30 November 2026; the course is on Thursday 14 January 2027.
 */
const NOW = '2026-11-30T10:00:00+01:00';
const AFTER_THE_COURSE = '2027-01-15T09:00:00+01:00';
const ANNOUNCEMENT = 'arrangement: kursus i konfliktnedtrapning 14/1 kl 17-19 i fælleshuset';
/** The store's own clock: everybody joined the programme on 1 September. */
const db = useTestDatabase({ now: () => new Date('2026-09-01T09:00:00Z') });

/** Records what the bot sends people outside the conversation, by person id. */
class RecordingNotifier implements PersonNotifier {
  readonly sent = new Map<string, OutboundMessage[]>();
  unreachable = new Set<string>();
  async sendToPerson(personId: string, message: OutboundMessage) {
    if (this.unreachable.has(personId)) return 'unreachable' as const;
    this.sent.set(personId, [...(this.sent.get(personId) ?? []), message]);
    return 'sent' as const;
  }
}

let estate: TestEstate;
let notifier: RecordingNotifier;
let birgit: Person;
let lise: Person;
let reminders: Array<{ eventId: string; at: Date }>;
let handle = 0;

function chatAs(name: string, now = NOW): Chat {
  return new Chat(db(), consoleIdentity(`${name}-${handle}`), {
    now,
    notifier,
    eventReminders: {
      scheduleEventReminder: async (eventId, at) => {
        reminders.push({ eventId, at });
      },
    },
  });
}

/** The ambassador's chat with the invitation she was sent arriving in it. */
async function invitationFor(person: Person, name: string): Promise<Chat> {
  const chat = chatAs(name);
  const [invitation] = notifier.sent.get(person.id) ?? [];
  if (!invitation) throw new Error(`${name} got no invitation`);
  await chat.receive(invitation);
  return chat;
}

beforeEach(async () => {
  handle += 1;
  notifier = new RecordingNotifier();
  reminders = [];
  estate = await createEstate(db());
  await estate.coordinator('Mette Sørensen', `mette-${handle}`);
  birgit = await estate.ambassador('Birgit Holm', `birgit-${handle}`);
  lise = await estate.ambassador('Lise Berg', `lise-${handle}`, { locale: 'en' });
});

describe('a course for the ambassadors', () => {
  it('when Mette announces it in her own words, then she sees a preview and nobody is invited before she presses Send', async () => {
    const mette = chatAs('mette');
    const preview = said(await mette.write(ANNOUNCEMENT));
    expect(preview).toContain(
      'Kursus i konfliktnedtrapning — torsdag 14. januar kl. 17.00–19.00, i fælleshuset',
    );
    expect(preview).toContain('2 ambassadører i Testparken');
    expect(preview).toContain('[Send invitationen]');
    expect(notifier.sent.size).toBe(0);

    const sent = said(await mette.press('Send invitationen'));
    expect(sent).toContain('Invitationen er sendt til 2 ambassadører');
    expect(textOf(notifier.sent.get(birgit.id)![0]!)).toContain('Mette inviterer');
    expect(textOf(notifier.sent.get(birgit.id)![0]!)).toContain('[Kommer]');
    // Lise reads English: the invitation comes in her language.
    expect(textOf(notifier.sent.get(lise.id)![0]!)).toContain('Mette invites you');
    expect(textOf(notifier.sent.get(lise.id)![0]!)).toContain('[Not coming]');
    // Those coming hear from Nabo again at 10:00 the day before.
    expect(reminders.map((reminder) => reminder.at)).toEqual([
      new Date('2027-01-13T10:00:00+01:00'),
    ]);
  });

  it('when Send is pressed again on the stale preview, then nobody is invited twice', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    const preview = mette.adapter.sent.at(-1)!;
    await mette.press('Send invitationen');
    const send = preview.message.choices!.find((choice) => choice.label === 'Send invitationen')!;
    await mette.deliver({
      kind: 'action',
      eventId: 'replayed-send',
      actor: consoleIdentity(`mette-${handle}`),
      conversation: preview.conversation,
      receivedAt: new Date(NOW),
      action: send.action,
      source: preview.ref,
    });
    expect(notifier.sent.get(birgit.id)).toHaveLength(1);
    expect(notifier.sent.get(lise.id)).toHaveLength(1);
    expect(reminders).toHaveLength(1);
  });

  it('when Mette cancels the preview, then nothing is sent and the event is not listed', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    expect(said(await mette.press('Annullér'))).toBe('');
    expect(textOf(mette.adapter.sent.at(-1)!.replacedBy!)).toBe('Invitationen er ikke sendt.');
    expect(notifier.sent.size).toBe(0);
    expect(said(await mette.write('arrangementer'))).toContain('ingen kommende arrangementer');
  });

  it('when the ambassadors answer with the buttons, then Mette sees who is coming and who has not answered', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    await mette.press('Send invitationen');
    const birgitsChat = await invitationFor(birgit, 'birgit');
    const answered = said(await birgitsChat.press('Kommer'));
    expect(answered).toContain('Dit svar: kommer');
    expect(answered).toContain('påmindelse dagen før');

    const overview = said(await mette.write('arrangementer'));
    expect(overview).toContain('1 kommer · 0 måske · 0 kommer ikke · 1 har ikke svaret');
    expect(overview).toContain('Kommer: Birgit');

    // Birgit changes her mind from her own overview.
    expect(said(await birgitsChat.write('arrangementer'))).toContain('Dit svar: kommer');
    await birgitsChat.press('Kommer ikke');
    expect(said(await mette.write('arrangementer'))).toContain(
      '0 kommer · 0 måske · 1 kommer ikke · 1 har ikke svaret',
    );
  });

  it('when the date or the time is missing, then Mette is asked for it with an example and nothing is stored', async () => {
    const mette = chatAs('mette');
    expect(
      said(await mette.write('arrangement: kursus i konfliktnedtrapning i fælleshuset')),
    ).toContain('Hvilken dag er det?');
    expect(said(await mette.write('arrangement: kursus i konfliktnedtrapning 14/1'))).toContain(
      'Hvad er klokken?',
    );
    expect(said(await mette.write('arrangementer'))).toContain('ingen kommende arrangementer');
  });

  it('when an ambassador tries to announce an event, then she hears it is the coordinator’s job and nobody is invited', async () => {
    const birgitsChat = chatAs('birgit');
    expect(said(await birgitsChat.write(ANNOUNCEMENT))).toMatch(/koordinator/i);
    expect(notifier.sent.size).toBe(0);
  });

  it('when an ambassador cannot be reached, then Mette is told whom to tell herself', async () => {
    notifier.unreachable.add(lise.id);
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    expect(said(await mette.press('Send invitationen'))).toContain(
      'Invitationen er sendt til 1 ambassadør. Jeg kunne ikke nå Lise',
    );
  });
});

describe('an ambassador erased from the programme', () => {
  it('when her traces are erased, then she is taken off the invitations with her answer', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    await mette.press('Send invitationen');
    await (await invitationFor(birgit, 'birgit')).press('Kommer');
    expect((await db().privacy.deletePersonTraces(birgit.id)).eventInvitations).toBe(1);
    expect(said(await mette.write('arrangementer'))).toContain(
      '0 kommer · 0 måske · 0 kommer ikke · 1 har ikke svaret',
    );
  });
});

describe('attendance and who has not joined anything for a while', () => {
  it('when Mette takes attendance after the course, then who came is recorded and the status names the one who has not joined anything', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    await mette.press('Send invitationen');
    await (await invitationFor(birgit, 'birgit')).press('Kommer');
    await (await invitationFor(lise, 'lise')).press('Maybe');

    const later = chatAs('mette', AFTER_THE_COURSE);
    const overview = said(await later.write('arrangementer'));
    expect(overview).toContain('Afholdt for nylig');
    const sheet = said(await later.press('Tag fremmøde'));
    expect(sheet).toContain('Birgit: —');
    expect(sheet).toContain('Lise: —');
    await later.press('Kom');
    const marked = textOf(later.adapter.sent.at(-1)!.replacedBy!);
    expect(marked).toContain('Birgit: kom ✅');

    const [event] = await db().communityEvents.listStartedBetween(
      [estate.area.id],
      new Date('2027-01-01T00:00:00Z'),
      new Date(AFTER_THE_COURSE),
    );
    expect(event?.invitations.find((entry) => entry.personId === birgit.id)?.attended).toBe(true);
    expect(
      event?.invitations.find((entry) => entry.personId === lise.id)?.attended,
    ).toBeUndefined();

    const status = said(await later.write('status'));
    expect(status).toContain('Ikke været med til et arrangement i 3 måneder: Lise —');
    expect(status).not.toMatch(/arrangement i 3 måneder:.*Birgit/);

    // Reading Lise's check-in, Mette hears it too; Birgit's says nothing of it.
    for (const person of [lise, birgit]) {
      await db().checkIns.create({
        personId: person.id,
        areaId: estate.area.id,
        due: new Date('2027-01-10T09:00:00Z'),
      });
    }
    expect(said(await later.write('svar fra Lise'))).toContain(
      'Lise har ikke været med til et arrangement i 3 måneder',
    );
    expect(said(await later.write('svar fra Birgit'))).not.toContain(
      'været med til et arrangement',
    );
  });

  it('when no attendance has been taken, then the status names nobody as away from events', async () => {
    const mette = chatAs('mette');
    await mette.write(ANNOUNCEMENT);
    await mette.press('Send invitationen');
    const status = said(await chatAs('mette', AFTER_THE_COURSE).write('status'));
    expect(status).toContain('Status for Testparken');
    expect(status).not.toContain('Ikke været med til et arrangement');
  });
});
