import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { countOpenFollowUps } from '../../src/follow-ups/status.js';
import { detectFollowUps } from '../../src/follow-ups/detect.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;

async function visitedEstate() {
  const estate = await createEstate(db());
  const birgitHandle = `birgit-${++handles}`;
  const metteHandle = `mette-${++handles}`;
  const birgit = await estate.ambassador('Birgit Sørensen', birgitHandle);
  await estate.coordinator('Mette Holm', metteHandle);
  const [ove] = await estate.assign(birgit, [
    { names: ['Ove Christensen', 'Else Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
  ]);
  await db().welcomeFolders.replace(estate.area.id, {
    contacts: [
      { kind: 'caretaker', name: 'Varmemester Jens', phone: '12 34 56 78', hours: 'hverdage 7-15' },
    ],
    activities: [{ name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' }],
  });
  return {
    estate,
    ove,
    birgit: new Chat(db(), consoleIdentity(birgitHandle)),
    mette: new Chat(db(), consoleIdentity(metteHandle)),
  };
}

describe('Follow-ups from visits', () => {
  it('when a note names a broken lamp and the dinner club, then the ambassador gets the contact and the activity, and the coordinator two follow-ups', async () => {
    const { estate, birgit } = await visitedEstate();

    const answer = said(
      await birgit.write(
        'mødte dem, lyset i køkkenet er i stykker og hun vil gerne med i madklubben',
      ),
    );

    expect(answer).toContain('Noteret: du mødte Ove og Else Christensen');
    expect(answer).toContain(
      'Det klarer varmemesteren:\n📞 Varmemester Jens: 12 34 56 78 (hverdage 7-15)',
    );
    expect(answer).toContain('📅 Madklub: torsdag kl. 17:30, fælleshuset');
    const open = await db().followUps.listOpen(estate.area.id);
    expect(open.map((f) => [f.kind, f.topic, f.contactKind])).toEqual([
      ['interest', 'Madklub', undefined],
      ['problem', 'lyset', 'caretaker'],
    ]);
    expect(await countOpenFollowUps(db(), estate.area.id)).toBe(2);
  });

  it('when the coordinator asks for follow-ups and closes one, then it leaves the list', async () => {
    const { estate, birgit, mette } = await visitedEstate();
    await birgit.write('mødte dem, lampen i køkkenet virker ikke');

    const list = said(await mette.write('opfølgninger'));
    expect(list).toContain('Opfølgninger i Testparken: 1 åben');
    expect(list).toContain('Problem: lampen — Gudrunsvej 10, 1. th (fra Birgit');
    expect(list).not.toContain('Ove');

    expect(said(await mette.press('Luk'))).toContain('Opfølgningen «lampen» er lukket');
    expect(await db().followUps.listOpen(estate.area.id)).toEqual([]);
    expect(said(await mette.write('opfølgninger'))).toContain('ingen åbne opfølgninger');
  });

  it('when a note asks for nothing, then nothing is offered or listed', async () => {
    const { estate, birgit } = await visitedEstate();
    const answer = said(await birgit.write('mødte dem, de var meget søde'));
    expect(answer).not.toContain('opfølgninger');
    expect(await db().followUps.listOpen(estate.area.id)).toEqual([]);
  });

  it.each([
    ['lyset i køkkenet er i stykker', ['problem:lyset']],
    ['vandhanen drypper', ['problem:vandhanen']],
    ['the kitchen light is broken', ['problem:light']],
    ['vil gerne med i madklubben', ['interest:Madklub']],
    ['she would like to join the dinner club', ['interest:Madklub']],
    ['de har en kat', []],
    ['lampen er fin', []],
  ])('«%s» → %j', (note, expected) => {
    const found = detectFollowUps(note, {
      contacts: [],
      activities: [{ name: 'Madklub', weekday: 4 }],
    });
    expect(found.map((f) => `${f.kind}:${f.topic}`)).toEqual(expected);
  });
});
