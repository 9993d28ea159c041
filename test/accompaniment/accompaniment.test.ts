import { beforeEach, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import type { Person } from '../../models/types.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import type { PersonNotifier } from '../../src/core/turn.js';
import { Chat, said, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';

/**
 * Phase 3 of the handbook: Birgit meets a new resident who wants to join the dinner club. She is
 * asked to go along the first time; when she cannot, Ahmed — who named the dinner club among his
 * interests — is asked, learns whom it is about, and records how it went.
 */
const db = useTestDatabase();

class RecordingNotifier implements PersonNotifier {
  readonly sent = new Map<string, OutboundMessage[]>();
  async sendToPerson(personId: string, message: OutboundMessage) {
    this.sent.set(personId, [...(this.sent.get(personId) ?? []), message]);
    return 'sent' as const;
  }
}

let estate: TestEstate;
let notifier: RecordingNotifier;
let ahmed: Person;
let handle = 0;

const chatAs = (name: string) => new Chat(db(), consoleIdentity(`${name}-${handle}`), { notifier });

beforeEach(async () => {
  handle += 1;
  notifier = new RecordingNotifier();
  estate = await createEstate(db());
  const birgit = await estate.ambassador('Birgit Sørensen', `birgit-${handle}`);
  ahmed = await estate.ambassador('Ahmed Hassan', `ahmed-${handle}`);
  await estate.coordinator('Mette Holm', `mette-${handle}`);
  await estate.ambassador('Lise Nielsen', `lise-${handle}`);
  await estate.assign(birgit, [
    { names: ['Fatima Ali'], address: 'Gudrunsvej 12', unit: 'st. tv' },
  ]);
  await db().welcomeFolders.replace(estate.area.id, {
    contacts: [],
    activities: [{ name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' }],
  });
});

describe('going along the first time (følgeskab)', () => {
  it('when an ambassador names her interests, then they are kept in her own words', async () => {
    const answer = said(
      await chatAs('ahmed').write('mine interesser: madklub, lektiehjælp og taler arabisk'),
    );
    expect(answer).toContain('Dine interesser: madklub, lektiehjælp, taler arabisk');
    expect((await db().people.findById(ahmed.id))?.interests).toEqual([
      'madklub',
      'lektiehjælp',
      'taler arabisk',
    ]);
  });

  it('when a note says the resident wants to join the dinner club, then the visitor is asked to go along, and her answer and how it went are recorded', async () => {
    const birgit = chatAs('birgit');
    const answer = said(await birgit.write('mødte Fatima, hun vil gerne med i madklubben'));
    expect(answer).toContain('📅 Madklub: torsdag kl. 17:30, fælleshuset');
    expect(answer).toContain('Vil du følges med beboeren til Madklub første gang?');
    expect(said(await birgit.press('Ja, jeg følges med'))).toContain(
      'Tryk bagefter, hvordan det gik',
    );
    expect(said(await birgit.press('Fulgtes ad'))).toContain('Noteret for Madklub: fulgtes ad');
    const [offer] = await db().accompaniments.listCreatedBetween(
      [estate.area.id],
      new Date(0),
      new Date('2100-01-01T00:00:00Z'),
    );
    expect(offer).toMatchObject({ topic: 'Madklub', status: 'accepted', outcome: 'went_together' });
  });

  it('when the visitor cannot, then an ambassador with that interest is asked, learns whom it is about and records how it went', async () => {
    await chatAs('ahmed').write('mine interesser: madklub, lektiehjælp');
    const birgit = chatAs('birgit');
    await birgit.write('mødte Fatima, hun vil gerne med i madklubben');
    expect(said(await birgit.press('Nej tak'))).toContain('Jeg spørger Ahmed');

    const [offer] = notifier.sent.get(ahmed.id) ?? [];
    expect(textOf(offer!)).toContain('Birgit har mødt en ny beboer, der gerne vil med til Madklub');
    // The resident's name and address are not in the offer, only after Ahmed says yes.
    expect(textOf(offer!)).not.toContain('Fatima');
    const ahmedsChat = chatAs('ahmed');
    await ahmedsChat.receive(offer!);
    expect(said(await ahmedsChat.press('Ja, jeg følges med'))).toContain(
      'Det er Fatima Ali, Gudrunsvej 12, st. tv.',
    );
    await ahmedsChat.press('Klarede det selv');

    // Birgit's stale "Nej tak" changes nothing now.
    const stale = birgit.adapter.sent.find((entry) =>
      entry.message.choices?.some((choice) => choice.label === 'Nej tak'),
    )!;
    const again = await birgit.deliver({
      kind: 'action',
      eventId: `stale-${handle}`,
      actor: consoleIdentity(`birgit-${handle}`),
      conversation: stale.conversation,
      receivedAt: birgit.clock.now(),
      action: stale.message.choices!.find((choice) => choice.label === 'Nej tak')!.action,
      source: stale.ref,
    });
    expect(said(again)).toContain('allerede besvaret eller givet videre');
    const [stored] = await db().accompaniments.listCreatedBetween(
      [estate.area.id],
      new Date(0),
      new Date('2100-01-01T00:00:00Z'),
    );
    expect(stored).toMatchObject({
      status: 'accepted',
      outcome: 'went_alone',
      offeredTo: ahmed.id,
    });
  });

  it('when nobody else named the interest, then the visitor hears the coordinator has it', async () => {
    const birgit = chatAs('birgit');
    await birgit.write('mødte Fatima, hun vil gerne med i madklubben');
    expect(said(await birgit.press('Nej tak'))).toContain('koordinatoren har den på sin liste');
    expect(notifier.sent.size).toBe(0);
  });
});

describe('extra roles for ambassadors who take on more', () => {
  it('when Mette gives Ahmed the role of mentor, then it shows in the corps, and she can take it back', async () => {
    const mette = chatAs('mette');
    expect(said(await mette.write('giv Ahmed rollen mentor'))).toContain(
      'Ahmed har nu rollen «mentor»',
    );
    await mette.write('giv Ahmed rollen følgeskab');
    expect(said(await mette.write('ambassadører'))).toContain('roller: mentor, følgeskab');
    expect(said(await mette.write('fjern rollen mentor fra Ahmed'))).toContain(
      'Ahmed har ikke længere rollen «mentor» (roller: følgeskab)',
    );
    expect((await db().people.findById(ahmed.id))?.extraRoles).toEqual(['følgeskab']);
  });

  it('when an ambassador tries to give roles, then it is the coordinator’s job and nothing changes', async () => {
    expect(said(await chatAs('birgit').write('giv Ahmed rollen mentor'))).toMatch(/koordinator/i);
    expect((await db().people.findById(ahmed.id))?.extraRoles).toBeUndefined();
  });
});
