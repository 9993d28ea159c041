import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { planMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;

/** An ambassador added without confirming (as "tilføj ambassadør" does), with one household. */
async function unconfirmedAmbassadorWithVisit() {
  const estate = await createEstate(db());
  const handle = `nadia-${++handles}`;
  const nadia = await db().people.add({
    name: 'Nadia Omar',
    roles: [{ areaId: estate.area.id, role: 'ambassador' }],
    identities: [consoleIdentity(handle)],
  });
  // Handed out before the rule existed (or by hand): the gate still holds in chat.
  const [resident] = await estate.assign(nadia, [
    { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
  ]);
  return { estate, nadia, resident, chat: new Chat(db(), consoleIdentity(handle)) };
}

describe('The volunteer agreement gate', () => {
  it('when an unconfirmed ambassador asks for their visits, then no household is shown and the confirm button is offered', async () => {
    const { chat } = await unconfirmedAmbassadorWithVisit();

    const first = said(await chat.write('mine besøg'));
    expect(first).toContain('velkommen som naboambassadør');
    expect(first).not.toContain('Jonas');

    const second = said(await chat.write('mine besøg'));
    expect(second).toContain('Før jeg kan vise dig beboere');
    expect(second).not.toContain('Jonas');
    expect(second).toContain('[Jeg bekræfter aftalen og tavshedspligten]');
  });

  it('when an unconfirmed ambassador reports a visit, then nothing is recorded', async () => {
    const { nadia, chat } = await unconfirmedAmbassadorWithVisit();
    await chat.write('hej');

    const answer = said(await chat.write('mødte dem, de var søde'));

    expect(answer).not.toContain('Jonas');
    expect(answer).toContain('bekræfte frivilligaftalen');
    const [visit] = await db().visits.listOpenForAmbassador(nadia.id);
    expect(visit?.attempts).toEqual([]);
  });

  it('when the ambassador presses the confirm button, then both dates are recorded and the households appear', async () => {
    const { nadia, chat } = await unconfirmedAmbassadorWithVisit();
    await chat.write('hej');

    expect(said(await chat.press('Jeg bekræfter'))).toContain('Tak! Du er klar');

    const confirmed = await db().people.findById(nadia.id);
    expect(confirmed?.confidentialityAt?.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(confirmed?.volunteerAgreementAt?.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect(said(await chat.write('mine besøg'))).toContain('Jonas Madsen');
  });

  it('when the button is pressed twice, then the first date stays', async () => {
    const { nadia, chat } = await unconfirmedAmbassadorWithVisit();
    await chat.write('hej');
    await chat.press('Jeg bekræfter');
    chat.clock.advance(60 * 60 * 1000);
    await chat.deliver({
      eventId: 'again',
      actor: consoleIdentity(consoleHandleOf((await db().people.findById(nadia.id))!)!),
      conversation: chat.adapter.sent[0]!.conversation,
      receivedAt: chat.clock.now(),
      kind: 'action',
      action: { flow: 'agreement', step: 'confirm', value: nadia.id },
      source: undefined,
    });
    expect((await db().people.findById(nadia.id))?.confidentialityAt?.toISOString()).toBe(
      '2026-11-27T09:00:00.000Z',
    );
  });

  it('when the monthly hand-out is planned, then the unconfirmed ambassador gets nothing', async () => {
    const { estate, nadia } = await unconfirmedAmbassadorWithVisit();
    await db().residents.importMany(estate.area.id, [
      {
        names: ['Amira Hassan'],
        address: 'Gudrunsvej 12',
        unit: 'st. tv',
        moveInDate: '2026-11-20',
        source: { list: 'test', row: 1 },
      },
    ]);

    const plan = await planMonthlyAssignment(
      db(),
      estate.area,
      '2026-12',
      new Date('2026-12-01T09:00:00Z'),
    );

    expect(plan.assignments).toEqual([]);
    expect(plan.excluded).toContainEqual({ personId: nadia.id, reason: 'no_confidentiality' });
  });

  it('when a confirmed ambassador writes, then no welcome gets in the way', async () => {
    const estate = await createEstate(db());
    const handle = `birgit-${++handles}`;
    const birgit = await estate.ambassador('Birgit Sørensen', handle);
    await estate.assign(birgit, [
      { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
    ]);
    const answer = said(await new Chat(db(), consoleIdentity(handle)).write('mine besøg'));
    expect(answer).toContain('Ove Christensen');
    expect(answer).not.toContain('velkommen som naboambassadør');
  });
});
