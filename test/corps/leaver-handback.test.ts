import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { Chat, said, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;
const NOW = '2026-11-27T10:00:00+01:00';

/** Birgit has three households: two nobody has tried, one she met. Ahmed has room for more. */
async function estateWithLeaver() {
  const estate = await createEstate(db());
  const mette = `mette-leave-${++handles}`;
  await estate.coordinator('Mette Holm', mette);
  const birgit = await estate.ambassador('Birgit Sørensen', `birgit-leave-${handles}`);
  const ahmed = await estate.ambassador('Ahmed Rahimi', `ahmed-leave-${handles}`);
  const residents = await estate.assign(birgit, [
    { names: ['Ove Christensen'], address: 'Gudrunsvej 10' },
    { names: ['Fatima Al-Sayed'], address: 'Gudrunsvej 12' },
    { names: ['Jens Kløvermark'], address: 'Gudrunsvej 14' },
  ]);
  const [tried] = (await db().visits.listOpenForAmbassador(birgit.id)).filter(
    (visit) => visit.residentId === residents[2]!.id,
  );
  await db().visits.recordAttempt(tried!.id, {
    at: new Date('2026-11-20T15:00:00Z'),
    outcome: 'not_home',
    folderLeft: true,
  });
  const chat = new Chat(db(), consoleIdentity(mette), { now: NOW });
  return { estate, birgit, ahmed, residents, chat };
}

/** The question's message as it reads now: pressing a button replaces it with the answer. */
function questionNow(chat: Chat): string {
  const entry = chat.adapter.sent.at(-1)!;
  return textOf(entry.replacedBy ?? entry.message);
}

describe('when an ambassador leaves', () => {
  it('then her untried households go back to the pool, and "Ja, fordel nu" hands them to another ambassador at once', async () => {
    const { estate, birgit, ahmed, residents, chat } = await estateWithLeaver();

    await chat.write('Birgit er stoppet');
    const asked = said(await chat.press('Stoppet'));

    expect(asked).toContain('2 husstande, som Birgit ikke havde nået, er lagt tilbage i puljen');
    expect(asked).toContain('[Ja, fordel nu]');
    expect(asked).toContain('[Senere]');
    const pool = await db().residents.listUnassigned(estate.area.id);
    expect(pool.map((resident) => resident.id).sort()).toEqual(
      [residents[0]!.id, residents[1]!.id].sort(),
    );
    // The door she tried stays hers, with its history.
    const kept = await db().visits.listOpenForAmbassador(birgit.id);
    expect(kept.map((visit) => visit.residentId)).toEqual([residents[2]!.id]);

    await chat.press('Ja, fordel nu');
    const done = questionNow(chat);

    expect(done).toContain('2 husstande er fordelt til 1 ambassadør');
    const ahmeds = await db().visits.listOpenForAmbassador(ahmed.id);
    expect(ahmeds.map((visit) => visit.residentId).sort()).toEqual(
      [residents[0]!.id, residents[1]!.id].sort(),
    );
    expect(await db().residents.listUnassigned(estate.area.id)).toEqual([]);
  });

  it('then "Senere" leaves them in the pool for the next hand-out', async () => {
    const { estate, ahmed, chat } = await estateWithLeaver();

    await chat.write('Birgit er stoppet');
    await chat.press('Flyttet');
    await chat.press('Senere');
    const answer = questionNow(chat);

    expect(answer).toContain('venter i puljen');
    expect(await db().residents.listUnassigned(estate.area.id)).toHaveLength(2);
    expect(await db().visits.listOpenForAmbassador(ahmed.id)).toEqual([]);
  });
});
