import { consoleHandleOf, consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { Chat, said, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import {
  RecordingNotifier,
  botWithNotifier,
  messageEvent,
  submitForm,
} from './support/chat-extras.js';

const db = useTestDatabase();
let handles = 0;
const handle = (name: string) => `${name}-${++handles}`;

async function coordinatorChat() {
  const estate = await createEstate(db());
  const coordinatorHandle = handle('mette');
  const coordinator = await estate.coordinator('Mette Holm', coordinatorHandle);
  const actor = consoleIdentity(coordinatorHandle);
  return { estate, coordinator, actor, chat: new Chat(db(), actor) };
}

async function ambassadorsOf(areaId: string) {
  return db().people.listByArea(areaId, 'ambassador');
}

describe('The ambassador corps in chat', () => {
  it('when a coordinator adds an ambassador with details, then they join the corps unconfirmed and the coordinator hears what happens next', async () => {
    const { estate, chat } = await coordinatorChat();

    const answer = said(
      await chat.write(
        'tilføj ambassadør Birgit Sørensen, sprog arabisk og dansk, blok B4, kapacitet 3',
      ),
    );

    const [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit).toMatchObject({
      name: 'Birgit Sørensen',
      languages: ['ar', 'da'],
      block: 'B4',
      monthlyCapacity: 3,
    });
    expect(birgit?.confidentialityAt).toBeUndefined();
    expect(answer).toContain('Birgit Sørensen er med i korpset');
    // No notifier in the console: the welcome comes with Birgit's first message.
    expect(answer).toContain('får velkomsten, første gang');
    expect(answer).toContain('før tavshedspligten er bekræftet');
  });

  it('when the new ambassador then writes for the first time, then the welcome explains Nabo in five lines and asks to confirm in a sixth', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Yusuf Ali');
    const [yusuf] = await ambassadorsOf(estate.area.id);
    const yusufChat = new Chat(db(), consoleIdentity(consoleHandleOf(yusuf!) ?? ''));

    const [welcome] = await yusufChat.write('hej');

    const lines = welcome?.text.split('\n') ?? [];
    expect(lines).toHaveLength(6);
    expect(lines[5]).toContain('bekræfte frivilligaftalen og tavshedspligten');
    expect(welcome?.text).toContain('velkommen som naboambassadør i Testparken');
    expect(welcome?.choices?.[0]?.label).toContain('Jeg bekræfter');
  });

  it('when a Slack coordinator mentions the newcomer, then the identity is taken from the mention and the welcome is sent through the notifier', async () => {
    const estate = await createEstate(db());
    await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: estate.area.id, role: 'coordinator' }],
      identities: [{ platform: 'slack', workspaceId: 'T1', userId: 'UMETTE01' }],
    });
    const notifier = new RecordingNotifier();
    const { bot, adapter } = botWithNotifier(db(), notifier);
    const mette = { platform: 'slack', workspaceId: 'T1', userId: 'UMETTE01' };

    // "tilføj <@UBIRGIT9|birgit> Birgit Sørensen", as the Slack adapter reads it.
    await bot.handle(
      messageEvent(mette, 'tilføj @birgit Birgit Sørensen', [
        {
          identity: { platform: 'slack', workspaceId: 'T1', userId: 'UBIRGIT9' },
          text: '@birgit',
          label: 'birgit',
        },
      ]),
    );

    const birgit = await db().people.findByIdentity({
      platform: 'slack',
      workspaceId: 'T1',
      userId: 'UBIRGIT9',
    });
    expect(birgit?.name).toBe('Birgit Sørensen');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]?.personId).toBe(birgit?.id);
    expect(notifier.sent[0]?.message.text).toContain('Hej Birgit');
    expect(textOf(adapter.sent.at(-1)!.message)).toContain('Jeg har sendt Birgit en velkomst');
  });

  it('when the mention shows no name, then Nabo asks for it once and adds the person with the answer', async () => {
    const estate = await createEstate(db());
    await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: estate.area.id, role: 'coordinator' }],
      identities: [{ platform: 'slack', workspaceId: 'T2', userId: 'UMETTE02' }],
    });
    const chat = new Chat(db(), { platform: 'slack', workspaceId: 'T2', userId: 'UMETTE02' });

    const ahmed = { platform: 'slack', workspaceId: 'T2', userId: 'UAHMED77' };
    expect(
      said(await chat.write('/nabo tilføj @UAHMED77', [{ identity: ahmed, text: '@UAHMED77' }])),
    ).toContain('Hvad hedder den nye ambassadør');
    await chat.write('Ahmed Karimi');

    expect(
      (
        await db().people.findByIdentity({
          platform: 'slack',
          workspaceId: 'T2',
          userId: 'UAHMED77',
        })
      )?.name,
    ).toBe('Ahmed Karimi');
  });

  it('when the coordinator edits in words or with the form, then only the given fields change', async () => {
    const { estate, chat, actor } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen, blok B4');

    expect(said(await chat.write('ret Birgit: kapacitet 2'))).toContain(
      'Birgit Sørensen er opdateret',
    );
    let [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit).toMatchObject({ monthlyCapacity: 2, block: 'B4' });

    const [form] = await chat.write('ret Birgit');
    expect(form?.form?.fields.map((field) => field.id)).toEqual([
      'name',
      'languages',
      'block',
      'stairwell',
      'capacity',
    ]);
    await submitForm(chat, actor, form?.form?.id ?? '', {
      name: 'Birgit Sørensen',
      languages: 'dansk, somali',
      block: '',
      stairwell: '10',
      capacity: '5',
    });
    [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit).toMatchObject({ languages: ['da', 'so'], stairwell: '10', monthlyCapacity: 5 });
    expect(birgit?.block).toBeUndefined();
  });

  it('when the Teams form adds someone, then they join with the form values', async () => {
    const { estate, chat, actor } = await coordinatorChat();
    const [card] = await chat.write('tilføj ambassadør');
    expect(card?.form?.id).toBe('corps:add');

    await submitForm(chat, actor, 'corps:add', {
      name: 'Lise Berg',
      languages: 'en',
      block: '',
      stairwell: '12',
      capacity: '2',
    });

    const [lise] = await ambassadorsOf(estate.area.id);
    expect(lise).toMatchObject({
      name: 'Lise Berg',
      stairwell: '12',
      monthlyCapacity: 2,
      locale: 'en',
    });
  });

  it('when details cannot be read, then nothing changes and an example is given', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen');
    const answer = said(await chat.write('ret Birgit: kapacitet mange'));
    expect(answer).toContain('Intet er ændret');
    expect((await ambassadorsOf(estate.area.id))[0]?.monthlyCapacity).toBe(4);
  });

  it('when the coordinator pauses and resumes an ambassador, then the status follows', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen');

    const paused = said(await chat.write('pause Birgit til 1. februar'));
    let [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit?.status.state).toBe('paused');
    expect(birgit?.status.pausedUntil?.toISOString()).toBe('2027-01-31T23:00:00.000Z');
    expect(paused).toContain('holder pause');

    await chat.write('genoptag Birgit');
    [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit?.status.state).toBe('active');
  });

  it('when the coordinator marks someone as left, then the reason is asked with buttons and recorded', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen');

    const [question] = await chat.write('Birgit er stoppet');
    expect(question?.choices?.map((choice) => choice.label)).toEqual([
      'Flyttet',
      'Stoppet',
      'Andet',
      'Annullér',
    ]);
    await chat.press('Flyttet');

    const [birgit] = await ambassadorsOf(estate.area.id);
    expect(birgit?.status).toMatchObject({ state: 'left', leftReason: 'moved' });
    expect(said(await chat.write('ambassadører'))).toContain('(1 er stoppet)');
  });

  it('when leaving is cancelled, then nothing changes', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen');
    await chat.write('stop Birgit');
    await chat.press('Annullér');
    expect((await ambassadorsOf(estate.area.id))[0]?.status.state).toBe('active');
  });

  it('when the coordinator asks for the corps, then each ambassador shows status, this month and languages', async () => {
    const { estate, chat } = await coordinatorChat();
    const birgit = await estate.ambassador('Birgit Sørensen', handle('birgit'));
    await db().people.updateProfile(birgit.id, { languages: ['da', 'ar'], monthlyCapacity: 3 });
    await estate.assign(birgit, [
      { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
    ]);
    await chat.write('tilføj ambassadør Yusuf Ali');

    const list = said(await chat.write('korps'));

    expect(list).toContain('Testparken: 2 ambassadører');
    expect(list).toContain('• Birgit Sørensen — aktiv · 1/3 denne måned · da, ar');
    expect(list).toContain('• Yusuf Ali — ⏳ mangler at bekræfte tavshedspligt · 0/4 denne måned');
  });

  it('when two ambassadors share a first name, then Nabo asks which one with buttons', async () => {
    const { estate, chat } = await coordinatorChat();
    await chat.write('tilføj ambassadør Birgit Sørensen');
    await chat.write('tilføj ambassadør Birgit Holm');

    const [question] = await chat.write('ret Birgit: kapacitet 2');
    expect(question?.choices).toHaveLength(2);
    await chat.press('Birgit Holm');

    const people = await ambassadorsOf(estate.area.id);
    expect(people.find((p) => p.name === 'Birgit Holm')?.monthlyCapacity).toBe(2);
    expect(people.find((p) => p.name === 'Birgit Sørensen')?.monthlyCapacity).toBe(4);
  });

  it('when an ambassador tries a coordinator command, then they are refused politely and nothing changes', async () => {
    const estate = await createEstate(db());
    const birgitHandle = handle('birgit');
    const birgit = await estate.ambassador('Birgit Sørensen', birgitHandle);
    await estate.ambassador('Ahmed Karimi', handle('ahmed'));
    const chat = new Chat(db(), consoleIdentity(birgitHandle));

    for (const command of [
      'tilføj ambassadør Lise Berg',
      'pause Ahmed til 1. februar',
      'Ahmed er stoppet',
      'ret Ahmed: kapacitet 9',
      'ambassadører',
      'kontakt: varmemester Jens, 12 34 56 78',
      'opfølgninger',
    ]) {
      expect(said(await chat.write(command)), command).toContain('koordinatoren');
    }

    const people = await ambassadorsOf(estate.area.id);
    expect(people.map((p) => [p.name, p.status.state, p.monthlyCapacity])).toEqual([
      ['Ahmed Karimi', 'active', 4],
      ['Birgit Sørensen', 'active', 4],
    ]);
    expect((await db().welcomeFolders.get(estate.area.id)).contacts).toEqual([]);
    expect(birgit.status.state).toBe('active');
  });

  it('when an ambassador writes "ret det til ikke hjemme", then it is not taken for a corps command', async () => {
    const estate = await createEstate(db());
    const birgitHandle = handle('birgit');
    await estate.ambassador('Birgit Sørensen', birgitHandle);
    const chat = new Chat(db(), consoleIdentity(birgitHandle));
    expect(said(await chat.write('ret det til ikke hjemme'))).not.toContain(
      'koordinatoren, der klarer',
    );
  });
});
