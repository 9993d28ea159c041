import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { Chat, choicesOf, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { revisitReminderMessage } from '../../src/visits/reminder-messages.js';

const db = useTestDatabase();

// The chats stand on Friday 27 November 2026, 10:00 in Copenhagen.
const CHRISTENSEN = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
};
const MADSEN = { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' };
const ALI = { names: ['Fatima Ali', 'Yusuf Ali'], address: 'Gudrunsvej 12', unit: 'st. tv' };

async function ambassadorWith(households: Array<typeof CHRISTENSEN>, settings = {}) {
  const estate = await createEstate(db(), settings);
  const handle = `amb${Math.random().toString(36).slice(2, 8)}`;
  const ambassador = await estate.ambassador('Birgit Sørensen', handle);
  const residents = await estate.assign(ambassador, households);
  const chat = new Chat(db(), consoleIdentity(handle));
  return { estate, ambassador, residents, chat };
}

async function openVisitOf(ambassadorId: string, residentId: string) {
  const open = await db().visits.listOpenForAmbassador(ambassadorId);
  return open.find((visit) => visit.residentId === residentId);
}

describe('reporting a visit in your own words', () => {
  it('when the ambassador has one open visit and writes "ikke hjemme, lagde mappen i postkassen", then it is recorded and confirmed in one line with the next try', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);

    const answer = said(await chat.write('ikke hjemme, lagde mappen i postkassen'));

    expect(answer).toContain(
      'Ove og Else Christensen var ikke hjemme, og mappen ligger i postkassen',
    );
    expect(answer).toContain('Næste forsøg: mandag 30. november');
    const visit = await openVisitOf(ambassador.id, residents[0]!.id);
    expect(visit?.attempts).toHaveLength(1);
    expect(visit).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
      revisitDate: '2026-11-30',
    });
  });

  it('when the ambassador met them and writes what they want, then the visit closes with the note', async () => {
    const { ambassador, chat } = await ambassadorWith([CHRISTENSEN]);

    const answer = said(await chat.write('mødte dem, de vil gerne med i madklubben'));

    expect(answer).toContain('du mødte Ove og Else Christensen');
    expect(answer).toContain('madklubben');
    expect(await db().visits.listOpenForAmbassador(ambassador.id)).toEqual([]);
    const [closed] = await db().visits.listByArea(
      (await db().people.findById(ambassador.id))!.roles[0]!.areaId,
      { status: 'closed' },
    );
    expect(closed).toMatchObject({
      closingReason: 'met',
      note: expect.stringContaining('madklubben'),
    });
  });

  it('when they were home but asked to come back on Wednesday, then it is postponed to next Wednesday', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);

    const answer = said(await chat.write('var hjemme men havde ikke tid, kommer igen onsdag'));

    expect(answer).toContain('bad dig komme igen');
    expect(answer).toContain('onsdag 2. december');
    expect(await openVisitOf(ambassador.id, residents[0]!.id)).toMatchObject({
      outcome: 'postponed',
      revisitDate: '2026-12-02',
    });
  });

  it('when the ambassador has several open visits and does not say which, then the bot asks with a button per household and records after the choice', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);

    const question = await chat.write('ingen hjemme, lagde mappen');
    expect(said(question)).toContain('Hvilken husstand');
    expect(choicesOf(question[0]!).map((choice) => choice.label)).toEqual([
      'Ove og Else Christensen, Gudrunsvej 10, 1. th',
      'Jonas Madsen, Gudrunsvej 10, 3. tv',
    ]);
    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);

    const answer = said(await chat.press('Jonas Madsen'));

    expect(answer).toContain('Jonas Madsen var ikke hjemme');
    expect(await openVisitOf(ambassador.id, residents[1]!.id)).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
    });
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
    // The answered question lost its buttons.
    const asked = chat.adapter.sent.find((entry) =>
      entry.message.text.includes('Hvilken husstand'),
    );
    expect(asked?.replacedBy?.text).toContain('Jonas Madsen');
    expect(choicesOf(asked!.replacedBy!)).toEqual([]);
  });

  it('when the report names the household, then the bot picks it even with typos', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN, ALI]);

    await chat.write('modte familien christiansen, super søde');

    expect(await openVisitOf(ambassador.id, residents[0]!.id)).toBeUndefined();
    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);
  });

  it('when the outcome is unclear, then nothing is recorded and the bot asks how it went, keeping the note', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);

    const question = await chat.write('var forbi Christensen i dag, de vil gerne med i madklubben');
    expect(said(question)).toContain('Hvordan gik det hos Ove og Else Christensen?');
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);

    await chat.press('Mødt');

    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed).toMatchObject({ outcome: 'met', note: expect.stringContaining('madklubben') });
  });

  it('when a text is not about a visit, then nothing is recorded and one question with buttons comes back', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);

    const answer = await chat.write('blablabla qwerty');

    expect(answer).toHaveLength(1);
    expect(choicesOf(answer[0]!).map((choice) => choice.label)).toEqual(['Mine besøg', 'Hjælp']);
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
  });
});

describe('which household, from the words and the conversation', () => {
  it('when one message reports two households, then both are recorded and confirmed together in one reply, and "fortryd" takes both back', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN, ALI]);

    const answer = await chat.write('Ove og Jonas ikke hjemme, mappe lagt begge steder');

    expect(answer).toHaveLength(1);
    expect(said(answer)).toContain(
      'Ove og Else Christensen var ikke hjemme, og mappen ligger i postkassen',
    );
    expect(said(answer)).toContain('Jonas Madsen var ikke hjemme, og mappen ligger i postkassen');
    for (const resident of residents.slice(0, 2)) {
      expect(await openVisitOf(ambassador.id, resident.id)).toMatchObject({
        outcome: 'not_home',
        folderLeft: true,
        attempts: [expect.anything()],
      });
    }
    expect((await openVisitOf(ambassador.id, residents[2]!.id))?.attempts).toHaveLength(0);

    const undone = said(await chat.write('fortryd'));
    expect(undone).toContain('Ove og Else Christensen');
    expect(undone).toContain('Jonas Madsen');
    for (const resident of residents) {
      expect((await openVisitOf(ambassador.id, resident.id))?.attempts).toHaveLength(0);
    }
  });

  it("when the name is on nobody's list, then Nabo says so, offers the list and records nothing", async () => {
    const kristensen = {
      names: ['Peter Kristensen', 'Lene Kristensen'],
      address: 'Sigridsvej 3',
      unit: '1. tv',
    };
    const { ambassador, residents, chat } = await ambassadorWith([kristensen]);

    const answer = await chat.write('ikke hjemme hos Jens Christensen');

    expect(said(answer)).toContain(
      'Jens Christensen er ikke på din liste. Hvilken husstand handler det om?',
    );
    expect(choicesOf(answer[0]!).map((choice) => choice.label)).toEqual([
      'Peter og Lene Kristensen, Sigridsvej 3, 1. tv',
    ]);
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
  });

  it('when a report counts minutes like an agenda, then it is still a report', async () => {
    const { ambassador, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);

    const answer = said(await chat.write('snakkede med Ove i 10 min, Jonas i 5 min'));

    expect(answer).toContain('du mødte Ove og Else Christensen');
    expect(answer).toContain('du mødte Jonas Madsen');
    expect(await db().visits.listOpenForAmbassador(ambassador.id)).toEqual([]);
  });

  it('when one of two households in a message has no clear outcome, then the other is recorded and Nabo asks about that one', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);

    const answer = said(await chat.write('Ove mødt, Jonas har fået mappen'));

    expect(answer).toContain('du mødte Ove og Else Christensen');
    expect(answer).toContain('Hvordan gik det hos Jonas Madsen?');
    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);

    expect(said(await chat.press('Ikke hjemme – mappe lagt'))).toContain(
      'Jonas Madsen var ikke hjemme',
    );
    expect(await openVisitOf(ambassador.id, residents[1]!.id)).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
    });
  });

  it('when the words name a household whose visit is already closed, then Nabo says so and records nothing', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    await chat.write('mødte Ove og Else, de var søde');

    const answer = said(await chat.write('Ove ikke hjemme i dag'));
    // In lower case and without a verb after it, the name must not fall to the one open visit.
    const again = said(await chat.write('ove og else mødt igen'));

    expect(answer).toContain('Besøget hos Ove og Else Christensen er allerede afsluttet');
    expect(again).toContain('Besøget hos Ove og Else Christensen er allerede afsluttet');
    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed?.attempts).toHaveLength(1);
    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);
  });

  it('when a reminder about one household just arrived, then a bare "ikke hjemme igen" is about that one', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    const madsen = await openVisitOf(ambassador.id, residents[1]!.id);
    await db().visits.markPrompted(madsen!.id, new Date('2026-11-27T09:00:00+01:00'));

    expect(said(await chat.write('ikke hjemme igen'))).toContain('Jonas Madsen var ikke hjemme');
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
  });

  it('when "Jeg prøver i dag" is pressed on a reminder, then the next bare report is about that household', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    const christensen = await db().visits.findById(
      (await openVisitOf(ambassador.id, residents[0]!.id))!.id,
    );
    await chat.receive(revisitReminderMessage(catalogFor('da'), 'da', christensen!));
    await chat.press('Jeg prøver i dag');

    expect(said(await chat.write('mødte dem endelig 🎉'))).toContain(
      'du mødte Ove og Else Christensen',
    );
    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);
  });

  it('when the reminder is a day old, then a bare report is asked about again', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    const madsen = await openVisitOf(ambassador.id, residents[1]!.id);
    await db().visits.markPrompted(madsen!.id, new Date('2026-11-26T09:00:00+01:00'));

    expect(said(await chat.write('ikke hjemme igen'))).toContain('Hvilken husstand');
  });

  it('when a household was just reported, then the next bare message is about it, unless it names another', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    await chat.write('ingen hjemme hos madsen');

    expect(said(await chat.write('han kom hjem lidt efter, vi fik en god snak'))).toContain(
      'du mødte Jonas Madsen',
    );
    expect(said(await chat.write('christensen takkede nej'))).toContain(
      'Ove og Else Christensen takkede nej',
    );
    expect((await db().visits.listOpenForAmbassador(ambassador.id)).length).toBe(0);
    expect(residents).toHaveLength(2);
  });
});

describe('long messages', () => {
  it('when a report is up to 2,000 characters, then its note is kept whole', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN]);
    const story = 'de fortalte om deres børnebørn og om haven '.repeat(45).trim();
    const text = `mødte dem, ${story}`.slice(0, 2000);
    expect(text.length).toBeGreaterThan(1900);

    await chat.write(text);

    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed?.note).toBe(text.slice('mødte dem, '.length).trim());
  });

  it.each([
    ['2,001 characters', 2001],
    ['1 MB', 1_000_000],
  ])(
    'when a report is %s long, then nothing is recorded and the ambassador is asked to shorten it',
    async (_name, length) => {
      const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);
      const text = `mødte dem, ${'og vi snakkede længe '.repeat(Math.ceil(length / 20))}`.slice(
        0,
        length,
      );

      const answer = said(await chat.write(text));

      expect(answer).toContain('Din besked er for lang til, at jeg kan gemme den');
      expect(answer).toContain('højst 2.000');
      expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
    },
  );
});

describe('buttons on the list of visits', () => {
  it('when "Ikke hjemme – mappe lagt" is pressed, then the attempt is recorded and the list loses that household\'s buttons', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    const list = await chat.write('mine besøg');
    expect(said(list)).toContain('Du har 2 åbne besøg');
    expect(said(list)).toContain(
      'Ove og Else Christensen — Gudrunsvej 10, 1. th · flyttede ind 1. nov.',
    );

    await chat.press('Ikke hjemme – mappe lagt');

    expect(await openVisitOf(ambassador.id, residents[0]!.id)).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
    });
    const updated = chat.adapter.sent[0]!.replacedBy!;
    expect(updated.sections?.at(-1)?.text).toBe(
      '✓ Ove og Else Christensen: Ikke hjemme – mappe lagt',
    );
    expect(updated.sections?.at(-1)?.choices).toBeUndefined();
  });

  it('when a button of an already closed visit is pressed again, then nothing more is recorded', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN]);
    await chat.write('mine besøg');
    const button = choicesOf(chat.adapter.sent[0]!.message)[0]!;
    await chat.press('Mødt');

    const again = said(
      await chat.deliver({
        eventId: 'replayed-click',
        actor: consoleIdentity('x'),
        conversation: chat.adapter.sent[0]!.conversation,
        receivedAt: new Date(),
        kind: 'action',
        action: button.action,
        source: undefined,
      }),
    );

    expect(again).not.toContain('Noteret');
    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed?.attempts).toHaveLength(1);
  });

  it("when an ambassador presses a button for another ambassador's household, then it is refused and nothing changes", async () => {
    const { estate, residents } = await ambassadorWith([CHRISTENSEN]);
    const other = await estate.ambassador('Ahmed Hassan', 'ahmed-other');
    const intruder = new Chat(db(), consoleIdentity('ahmed-other'));
    const visit = (await db().visits.listByArea(estate.area.id))[0]!;

    const answer = said(
      await intruder.deliver({
        eventId: 'foreign-click',
        actor: consoleIdentity('ahmed-other'),
        conversation: {
          platform: 'console',
          key: 'console:ahmed-other',
          isDirect: true,
          address: {},
        },
        receivedAt: new Date(),
        kind: 'action',
        action: { flow: 'report', step: 'outcome', value: `${visit.id}:met` },
        source: undefined,
      }),
    );

    expect(answer).toContain('kan jeg ikke finde blandt dine');
    expect(answer).not.toContain('Christensen');
    expect((await db().visits.listByArea(estate.area.id))[0]?.attempts).toHaveLength(0);
    expect(other.id).not.toBe(visit.ambassadorId);
    expect(residents).toHaveLength(1);
  });
});

describe('undo and corrections', () => {
  it('when the ambassador writes "fortryd" after a report, then the report is removed and the visit is open again', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);
    await chat.write('mødte dem');
    expect(await openVisitOf(ambassador.id, residents[0]!.id)).toBeUndefined();

    const answer = said(await chat.write('fortryd'));

    expect(answer).toContain('Fortrudt');
    expect((await openVisitOf(ambassador.id, residents[0]!.id))?.attempts).toHaveLength(0);
    expect(said(await chat.write('fortryd'))).toContain('ikke noget at fortryde');
  });

  it('when Nabo is asking how it went and the ambassador writes "fortryd", then the report before the question is taken back', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    await chat.write('Jonas Madsen var ikke hjemme, lagde mappen');
    expect(
      said(await chat.write('var forbi Christensen i dag, de vil gerne med i madklubben')),
    ).toContain('Hvordan gik det');

    expect(said(await chat.write('fortryd'))).toContain('Jonas Madsen');

    expect((await openVisitOf(ambassador.id, residents[1]!.id))?.attempts).toHaveLength(0);
    expect(said(await chat.write('fortryd'))).toContain('ikke noget at fortryde');
  });

  it('when the ambassador corrects "nej, jeg lagde ikke mappen", then the latest report is amended, not doubled', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN]);
    await chat.write('ikke hjemme, lagde mappen i postkassen');

    const answer = said(await chat.write('nej, jeg lagde ikke mappen'));

    expect(answer).toContain('retter');
    const visit = await openVisitOf(ambassador.id, residents[0]!.id);
    expect(visit?.attempts).toHaveLength(1);
    expect(visit).toMatchObject({ outcome: 'not_home', folderLeft: false });
  });
});

describe('tries at an empty door', () => {
  it('when nobody is home for the second time, then the visit closes as folder delivered, not met', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN]);
    await chat.write('ikke hjemme, lagde mappen i postkassen');

    const answer = said(await chat.write('stadig ikke hjemme'));

    expect(answer).toContain('mappe afleveret, ikke mødt');
    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed).toMatchObject({ closingReason: 'folder_delivered_not_met' });
  });

  it('when the area allows three tries and nobody answered and no folder was left, then after the third it closes as not reached', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN], { maxAttempts: 3 });
    await chat.write('ikke hjemme, har ikke lagt mappen');
    await chat.write('ikke hjemme igen, lagde ikke mappen');
    expect(await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' })).toEqual([]);

    const answer = said(await chat.write('ingen lukkede op, lagde ikke mappen'));

    expect(answer).toContain('ikke truffet');
    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed).toMatchObject({ closingReason: 'not_reached' });
  });
});

describe('confidentiality at the moment of writing', () => {
  it('when a note records a house-rule breach, then the bot reminds of the duty and drops the note on request', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN]);

    const question = said(await chat.write('mødte dem, de har to katte selvom man kun må have en'));
    expect(question).toContain('tavshedspligten');
    expect(await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' })).toEqual([]);

    await chat.press('Nej, slet noten');

    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed).toMatchObject({ outcome: 'met', note: null });
  });
});

describe('who may see what', () => {
  it('when someone the bot does not know writes, then they get one polite line and nothing is stored', async () => {
    const stranger = new Chat(db(), consoleIdentity('nobody-here'));
    const before = await db().people.findByIdentity(consoleIdentity('nobody-here'));

    const answer = await stranger.write('mødte dem');

    expect(said(answer)).toContain('Bed din koordinator om at tilføje dig');
    expect(before).toBeNull();
    expect(await db().people.findByIdentity(consoleIdentity('nobody-here'))).toBeNull();
    expect(await db().conversationStates.get('nobody-here', 'x')).toBeNull();
  });

  it('when the ambassador asks in a shared channel, then no resident names are posted there', async () => {
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', 'birgit-channel');
    await estate.assign(ambassador, [CHRISTENSEN]);
    const channel = new Chat(db(), consoleIdentity('birgit-channel'), { isDirect: false });

    const answers = said([
      ...(await channel.write('mine besøg')),
      ...(await channel.write('mødte dem')),
    ]);

    expect(answers).not.toContain('Christensen');
    expect(answers).toContain('privat besked');
  });
});

describe('bad input', () => {
  it.each([
    ['an empty message', '   '],
    ['10,000 characters', 'ikke hjemme '.repeat(900).slice(0, 10_000)],
    ['markup', '<!channel> <script>alert(1)</script> *mødte* dem'],
  ])(
    'when the ambassador sends %s, then the bot answers and nothing breaks',
    async (_name, text) => {
      const { chat } = await ambassadorWith([CHRISTENSEN]);
      const answer = await chat.write(text);
      expect(answer.length).toBeGreaterThan(0);
    },
  );

  it('when a note looks like a database query, then it is stored literally', async () => {
    const { residents, chat } = await ambassadorWith([CHRISTENSEN]);

    await chat.write('mødte dem {"$where": "sleep(1000)"}');

    const [closed] = await db().visits.listByArea(residents[0]!.areaId, { status: 'closed' });
    expect(closed?.note).toContain('{"$where": "sleep(1000)"}');
  });
});

describe('conversation state', () => {
  it('when the bot restarts between its question and the answer, then the answer still completes the report', async () => {
    const { ambassador, residents, chat } = await ambassadorWith([CHRISTENSEN, MADSEN]);
    await chat.write('ikke hjemme, lagde mappen, kommer igen på tirsdag');

    // A new bot (as after a restart) that shares nothing with the first but the database.
    const handle = consoleHandleOf((await db().people.findById(ambassador.id))!)!;
    const afterRestart = new Chat(db(), consoleIdentity(handle));
    const answer = said(await afterRestart.write('det var Madsen'));

    expect(answer).toContain('Jonas Madsen var ikke hjemme');
    expect(await openVisitOf(ambassador.id, residents[1]!.id)).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
      revisitDate: '2026-12-01',
    });
  });
});
