import { consoleIdentity } from '../../adapters/console/platform.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerWelcomeFolderCommands } from '../../adapters/cli/commands/welcome-folder.js';
import { activitiesForMonth } from '../../src/welcome-folder/activities-for-month.js';
import { Chat, said } from '../support/conversation.js';
import { runCli, useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
const fixtures = join(import.meta.dirname, '../fixtures/welcome-folder');
let handles = 0;

async function estateWithPeople() {
  const estate = await createEstate(db());
  const metteHandle = `mette-${++handles}`;
  const birgitHandle = `birgit-${++handles}`;
  const lucyHandle = `lucy-${++handles}`;
  await estate.coordinator('Mette Holm', metteHandle);
  await estate.ambassador('Birgit Sørensen', birgitHandle);
  await estate.ambassador('Lucy Brown', lucyHandle, { locale: 'en' });
  return {
    estate,
    mette: new Chat(db(), consoleIdentity(metteHandle)),
    birgit: new Chat(db(), consoleIdentity(birgitHandle)),
    lucy: new Chat(db(), consoleIdentity(lucyHandle)),
  };
}

describe('The welcome folder in the pocket', () => {
  it('when the coordinator writes contacts, activities and the gift, then ambassadors get them by asking', async () => {
    const { estate, mette, birgit, lucy } = await estateWithPeople();

    expect(
      said(await mette.write('kontakt: varmemester Jens, 12 34 56 78, hverdage 7-15')),
    ).toContain(
      'Gemt i velkomstmappen som varmemesteren: varmemester Jens: 12 34 56 78 (hverdage 7-15)',
    );
    await mette.write('aktivitet: madklub, torsdag 17:30, fælleshuset');
    await mette.write('gave: gavekort til Kvarterhusets café');

    expect(said(await birgit.write('varmemesterens nummer?'))).toBe(
      '📞 varmemester Jens: 12 34 56 78 (hverdage 7-15)',
    );
    expect(said(await birgit.write('hvornår er der madklub?'))).toBe(
      '📅 madklub: torsdag kl. 17:30, fælleshuset',
    );
    expect(said(await lucy.write('who do I call about a broken lamp?'))).toBe(
      "That's a job for the caretaker:\n📞 varmemester Jens: 12 34 56 78 (hverdage 7-15)",
    );
    expect(said(await lucy.write('when is the dinner club?'))).toBe(
      '📅 madklub: Thursdays at 17:30, fælleshuset',
    );
    expect(said(await birgit.write('hvad er gaven?'))).toContain('gavekort til Kvarterhusets café');
    const folder = await db().welcomeFolders.get(estate.area.id);
    expect(folder.activities).toEqual([
      { name: 'madklub', weekday: 4, time: '17:30', place: 'fælleshuset' },
    ]);
  });

  it('when a contact is written again or removed, then the folder keeps one line per person', async () => {
    const { estate, mette } = await estateWithPeople();
    await mette.write('kontakt: varmemester Jens, 12 34 56 78');
    await mette.write('kontakt: varmemester Jens, 87 65 43 21, hverdage 8-14');
    expect((await db().welcomeFolders.get(estate.area.id)).contacts).toEqual([
      { kind: 'caretaker', name: 'varmemester Jens', phone: '87 65 43 21', hours: 'hverdage 8-14' },
    ]);
    expect(said(await mette.write('fjern kontakt varmemester Jens'))).toContain('er fjernet');
    expect((await db().welcomeFolders.get(estate.area.id)).contacts).toEqual([]);
    expect(said(await mette.write('fjern aktivitet yoga'))).toContain('kan ikke finde «yoga»');
  });

  it('when the folder has no answer, then the ambassador is told to ask the coordinator', async () => {
    const { birgit } = await estateWithPeople();
    expect(said(await birgit.write('lægevagtens nummer?'))).toContain(
      'ingen kontakt til lægevagten endnu. Spørg din koordinator',
    );
  });

  it('when anyone writes "velkomstmappe", then the whole folder is shown', async () => {
    const { mette, birgit } = await estateWithPeople();
    await mette.write('kontakt: Lægevagten, 70 11 31 31');
    await mette.write('aktivitet: lektiecafé, tirsdag kl. 15, biblioteket');
    const shown = said(await birgit.write('velkomstmappe'));
    expect(shown).toContain('📁 Velkomstmappen for Testparken');
    expect(shown).toContain('📞 Lægevagten: 70 11 31 31');
    expect(shown).toContain('📅 lektiecafé: tirsdag kl. 15:00, biblioteket');
  });

  it('when an ambassador reports a visit that mentions a lamp, then it is recorded, not answered as a question', async () => {
    const { estate } = await estateWithPeople();
    const handle = `karen-${++handles}`;
    const karen = await estate.ambassador('Karen Holm', handle);
    await estate.assign(karen, [
      { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
    ]);
    const answer = said(
      await new Chat(db(), consoleIdentity(handle)).write(
        'mødte dem, lampen i køkkenet er i stykker',
      ),
    );
    expect(answer).toContain('Noteret: du mødte Ove Christensen');
  });

  it('when the CLI loads a JSON or CSV file, then the folder is replaced and ambassadors can ask', async () => {
    const { estate, birgit } = await estateWithPeople();

    const json = await runCli(
      db,
      [registerWelcomeFolderCommands],
      ['folder', 'load', join(fixtures, 'gellerup.json'), '--area', estate.area.key],
    );
    expect(json.error).toBeUndefined();
    expect(json.lines).toEqual([
      `Loaded the welcome folder of ${estate.area.key}: 4 contacts, 3 activities, a welcome gift.`,
    ]);
    expect(json.closed).toBe(json.opened);
    expect(said(await birgit.write('hvem er formand for bestyrelsen?'))).toContain(
      'Formand Lise Berg',
    );

    const csv = await runCli(
      db,
      [registerWelcomeFolderCommands],
      ['folder', 'load', join(fixtures, 'gellerup.csv'), '--area', estate.area.key],
    );
    expect(csv.error).toBeUndefined();
    const folder = await db().welcomeFolders.get(estate.area.id);
    expect(folder.contacts.map((c) => c.kind)).toEqual(['caretaker', 'doctor_on_call']);
    expect(folder.activities).toEqual([
      { name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' },
    ]);
    expect(folder.gift).toBe('gavekort til caféen');
  });

  it('when the file is bad or the area unknown, then the CLI says so and nothing changes', async () => {
    const { estate } = await estateWithPeople();
    const bad = await runCli(
      db,
      [registerWelcomeFolderCommands],
      ['folder', 'load', join(fixtures, 'bad.json'), '--area', estate.area.key],
    );
    expect(String(bad.error)).toContain('contacts.0.name');
    expect(bad.opened).toBe(0);
    const unknown = await runCli(
      db,
      [registerWelcomeFolderCommands],
      ['folder', 'load', join(fixtures, 'gellerup.json'), '--area', 'nowhere'],
    );
    expect(String(unknown.error)).toContain("Unknown area 'nowhere'");
    expect((await db().welcomeFolders.get(estate.area.id)).contacts).toEqual([]);
  });

  it('when the monthly message asks for this month’s activities, then weekly ones come with their dates', async () => {
    const { estate } = await estateWithPeople();
    await db().welcomeFolders.replace(estate.area.id, {
      contacts: [],
      activities: [
        { name: 'Madklub', weekday: 4, time: '17:30', place: 'fælleshuset' },
        { name: 'Loppemarked', when: 'første lørdag', place: 'pladsen' },
      ],
    });
    const activities = await activitiesForMonth(db(), estate.area.id, '2026-12');
    expect(activities[0]?.dates).toEqual([
      '2026-12-03',
      '2026-12-10',
      '2026-12-17',
      '2026-12-24',
      '2026-12-31',
    ]);
    expect(activities[1]).toMatchObject({ name: 'Loppemarked', when: 'første lørdag', dates: [] });
  });
});
