import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { parsePrivacyRequest } from '../../src/privacy/privacy-requests.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { uniqueHandle } from './support/privacy-harness.js';

const db = useTestDatabase();

const OVE = { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' };
const MADSEN = { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' };

async function estateWithCoordinator() {
  const estate = await createEstate(db());
  const ambassadorHandle = uniqueHandle('a');
  const ambassador = await estate.ambassador('Birgit Sørensen', ambassadorHandle);
  const [ove, madsen] = await estate.assign(ambassador, [OVE, MADSEN]);
  const coordinatorHandle = uniqueHandle('c');
  const coordinator = await estate.coordinator('Lene Holm', coordinatorHandle);
  return {
    estate,
    ambassador,
    coordinator,
    ove: ove!,
    madsen: madsen!,
    ambassadorChat: new Chat(db(), consoleIdentity(ambassadorHandle)),
    coordinatorChat: (isDirect = true) =>
      new Chat(db(), consoleIdentity(coordinatorHandle), { isDirect }),
  };
}

describe('the audit trail of reads and changes in chat', () => {
  it('when an ambassador lists their visits, then each household shown gets an audit entry with who, what, when and where', async () => {
    const { ambassador, ove, madsen, ambassadorChat } = await estateWithCoordinator();

    await ambassadorChat.write('mine besøg');

    for (const resident of [ove, madsen]) {
      const events = await db().auditEvents.listForSubject('resident', resident.id);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'visits.listed',
          actorId: ambassador.id,
          platform: 'console',
          details: { shownTogether: 2 },
          at: expect.any(Date),
        }),
      ]);
    }
  });

  it('when a visit is reported and undone, then both changes are in the household audit trail without the note', async () => {
    const { ove, ambassadorChat } = await estateWithCoordinator();

    await ambassadorChat.write('Ove Christensen: mødte dem, de vil gerne med i madklubben');
    await ambassadorChat.write('fortryd');

    const events = await db().auditEvents.listForSubject('resident', ove.id);
    expect(events.map((event) => event.action)).toEqual(['visit.reported', 'visit.report_undone']);
    expect(JSON.stringify(events)).not.toContain('madklubben');
  });

  it("when a coordinator opens the overview, then the area's audit trail records it", async () => {
    const { estate, coordinator, coordinatorChat } = await estateWithCoordinator();

    await coordinatorChat().write('mine besøg');

    const events = await db().auditEvents.listForSubject('area', estate.area.id);
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'area.overview_viewed', actorId: coordinator.id }),
    );
  });
});

describe('erasure and export requests in chat', () => {
  it('when the coordinator writes "slet beboer <id>" and confirms, then the household is erased and the request audited', async () => {
    const { ove, coordinator, coordinatorChat } = await estateWithCoordinator();
    const chat = coordinatorChat();

    const question = said(await chat.write(`slet beboer ${ove.id}`));
    expect(question).toContain(`Vil du slette alle personoplysninger om beboer ${ove.id}?`);
    expect(question).toContain('[Ja, slet]');
    expect(question).toContain('[Annuller]');
    expect((await db().residents.findById(ove.id))?.names).toEqual(['Ove Christensen']);

    const answer = said(await chat.press('Ja, slet'));

    expect(answer).toContain('✓ Beboerens personoplysninger er slettet');
    expect(answer).toContain('1 åbent besøg lukket');
    expect(await db().residents.findById(ove.id)).toMatchObject({ names: [], address: '' });
    const [request] = (await db().auditEvents.listForSubject('resident', ove.id)).filter(
      (event) => event.action === 'resident.erasure_requested',
    );
    expect(request).toMatchObject({ actorId: coordinator.id, platform: 'console' });
    expect(JSON.stringify(request)).not.toMatch(/Ove|Gudrunsvej/);

    await chat.write(`slet beboer ${ove.id}`);
    expect(said(await chat.press('Ja, slet'))).toContain('Der er intet at slette');
  });

  it('when the coordinator cancels, then nothing changes', async () => {
    const { madsen, coordinatorChat } = await estateWithCoordinator();
    const chat = coordinatorChat();
    await chat.write(`slet beboer ${madsen.id}`);

    await chat.press('Annuller');

    expect(chat.adapter.sent.at(-1)?.replacedBy?.text).toBe('Annulleret. Intet er ændret.');
    expect((await db().residents.findById(madsen.id))?.names).toEqual(['Jonas Madsen']);
  });

  it('when the coordinator asks for "udtræk beboer <id>", then the JSON export arrives in the private chat', async () => {
    const { madsen, coordinatorChat } = await estateWithCoordinator();
    const chat = coordinatorChat();
    await chat.write(`udtræk beboer ${madsen.id}`);

    const answer = await chat.press('Ja, lav udtræk');

    expect(answer[0]?.text).toContain('Her er udtrækket (JSON)');
    const exported = JSON.parse(answer[1]?.text ?? '{}') as { record: { names: string[] } };
    expect(exported.record.names).toEqual(['Jonas Madsen']);
  });

  it('when an ambassador or a coordinator of another area asks, then the same refusal and nothing changes', async () => {
    const { ove, ambassadorChat } = await estateWithCoordinator();
    const other = await createEstate(db());
    const handle = uniqueHandle('o');
    await other.coordinator('Per Berg', handle);

    const fromAmbassador = said(await ambassadorChat.write(`slet beboer ${ove.id}`));
    const fromOther = said(
      await new Chat(db(), consoleIdentity(handle)).write(`erase resident ${ove.id}`),
    );
    const unknown = said(
      await new Chat(db(), consoleIdentity(handle)).write('slet beboer 0123456789abcdef01234567'),
    );

    expect(fromAmbassador).toBe(
      'Jeg kan ikke finde den beboer i et område, hvor du er koordinator.',
    );
    expect(fromOther).toBe(fromAmbassador);
    expect(unknown).toBe(fromAmbassador);
    expect((await db().residents.findById(ove.id))?.names).toEqual(['Ove Christensen']);
  });

  it('when asked in a channel, then the coordinator is sent to a private conversation', async () => {
    const { ove, coordinatorChat } = await estateWithCoordinator();

    const answer = said(await coordinatorChat(false).write(`udtræk beboer ${ove.id}`));

    expect(answer).toContain('kun i en privat besked');
  });

  it('when the words are recognised, then Danish and English both work and other text is left alone', () => {
    const id = '0123456789abcdef01234567';
    expect(parsePrivacyRequest(`Slet beboer ${id}`)).toEqual({ kind: 'erase', residentId: id });
    expect(parsePrivacyRequest(`udtræk beboer ${id}`)).toEqual({ kind: 'export', residentId: id });
    expect(parsePrivacyRequest(`export resident ${id}`)).toEqual({
      kind: 'export',
      residentId: id,
    });
    expect(parsePrivacyRequest('slet min sidste besked')).toBeUndefined();
  });
});
