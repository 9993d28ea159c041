import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;
const NOW = '2026-11-27T10:00:00+01:00';

async function coordinatorWithNewAmbassador() {
  const estate = await createEstate(db());
  const handle = `mette-paper-${++handles}`;
  await estate.coordinator('Mette Holm', handle);
  const chat = new Chat(db(), consoleIdentity(handle), { now: NOW });
  await chat.write('tilføj ambassadør Hanne Larsen');
  const [hanne] = await db().people.listByArea(estate.area.id, 'ambassador');
  return { estate, chat, hanne: hanne! };
}

describe('an agreement signed on paper, said in chat', () => {
  it('when the coordinator writes "Hanne har skrevet under på papir", then Hanne may get households and is not asked to confirm in chat', async () => {
    const { chat, hanne } = await coordinatorWithNewAmbassador();
    expect(hanne.confidentialityAt).toBeUndefined();

    const answer = said(await chat.write('Hanne Larsen har skrevet under på papir'));

    expect(answer).toContain('Hanne Larsen har skrevet under på papir');
    const stored = await db().people.findById(hanne.id);
    expect(stored?.confidentialityAt).toEqual(new Date(NOW));
    expect(stored?.volunteerAgreementAt).toEqual(new Date(NOW));
    const audit = await db().auditEvents.listForSubject('person', hanne.id);
    expect(audit.map((event) => event.action)).toContain('person.agreement_on_paper');
    // Her first message is an ordinary one: no agreement to confirm.
    const hanneChat = new Chat(db(), consoleIdentity(consoleHandleOf(hanne) ?? ''), { now: NOW });
    expect(said(await hanneChat.write('hej'))).not.toContain('tavshedspligt');

    expect(said(await chat.write('papiraftale Hanne'))).toContain('allerede sagt ja');
  });

  it('when an ambassador writes it about a colleague, then nothing changes', async () => {
    const { estate, hanne } = await coordinatorWithNewAmbassador();
    const colleague = await estate.ambassador('Birgit Sørensen', `birgit-paper-${++handles}`);
    const chat = new Chat(db(), consoleIdentity(consoleHandleOf(colleague) ?? ''), { now: NOW });

    const answer = said(await chat.write('Hanne Larsen har skrevet under på papir'));

    expect(answer).toContain('koordinatoren');
    expect((await db().people.findById(hanne.id))?.confidentialityAt).toBeUndefined();
  });
});
