import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import { Chat, choicesOf, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();

const CHRISTENSEN = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
};

async function ambassador(locale?: 'da' | 'en') {
  const estate = await createEstate(db());
  const handle = `p${Math.random().toString(36).slice(2, 8)}`;
  const person = await estate.ambassador('Birgit Sørensen', handle, locale ? { locale } : {});
  return { estate, person, chat: new Chat(db(), consoleIdentity(handle)) };
}

describe('help and my visits', () => {
  it('when the ambassador writes "hjælp", then a short Danish help with a button to the visits comes back', async () => {
    const { chat } = await ambassador();
    const [help] = await chat.write('hjælp');
    expect(help?.text).toContain('mine besøg');
    expect(help?.text.split('\n').length).toBeLessThanOrEqual(6);
    expect(choicesOf(help!).map((choice) => choice.label)).toEqual(['Mine besøg']);
  });

  it.each(['testing', 'hej', 'test 123', 'er du der?'])(
    'when the ambassador writes %j, then a short hello says what Nabo does — not a line from the welcome folder',
    async (text) => {
      const { estate, chat } = await ambassador();
      await db().welcomeFolders.replace(estate.area.id, {
        contacts: [{ kind: 'caretaker', name: 'Varmemester Jens', phone: '12 34 56 78' }],
        activities: [],
      });
      const answer = said(await chat.write(text));
      expect(answer).toContain('Hej Birgit 👋 Jeg er Nabo og holder styr på dine velkomstbesøg.');
      expect(answer).toContain('mine besøg');
      expect(answer).not.toContain('12 34 56 78');
    },
  );

  it('when the ambassador has no open visits, then the bot says so and what happens next', async () => {
    const { chat } = await ambassador();
    expect(said(await chat.write('mine besøg'))).toContain('Jeg skriver, når der er nye beboere');
  });

  it('when "mine besog" is written without ø, then the list of open households with buttons comes back', async () => {
    const { estate, person, chat } = await ambassador();
    await estate.assign(person, [CHRISTENSEN]);
    const [list] = await chat.write('mine besog');
    expect(said([list!])).toContain('Ove og Else Christensen — Gudrunsvej 10, 1. th');
    expect(choicesOf(list!).map((choice) => choice.label)).toEqual([
      'Mødt',
      'Ikke hjemme – mappe lagt',
      'Ikke hjemme',
      'Takkede nej',
      'Flyttet / forkert adresse',
    ]);
  });
});

describe('language', () => {
  it('when an ambassador asks for English, then the bot switches and stays in English', async () => {
    const { person, chat } = await ambassador();
    expect(said(await chat.write('english please'))).toContain("I'll write in English");
    expect((await db().people.findById(person.id))?.locale).toBe('en');
    expect(said(await chat.write('my visits'))).toContain('You have no open visits');
  });

  it('when an English-speaking ambassador reports, then the confirmation is in English with an English date', async () => {
    const { estate, person, chat } = await ambassador('en');
    await estate.assign(person, [CHRISTENSEN]);
    const answer = said(await chat.write('not home, left folder'));
    expect(answer).toContain(
      'Noted: Ove and Else Christensen was not home, folder left in the mailbox',
    );
    expect(answer).toContain('Next try: Monday 30 November');
  });
});

describe('availability', () => {
  it('when an ambassador writes "pause til 1. januar" and confirms, then they are paused until that day', async () => {
    const { person, chat } = await ambassador();

    const question = await chat.write('pause til 1. januar');
    expect(said(question)).toContain('fredag 1. januar');
    expect((await db().people.findById(person.id))?.status.state).toBe('active');

    expect(said(await chat.press('Ja'))).toContain('ingen nye besøg før fredag 1. januar');
    const paused = await db().people.findById(person.id);
    expect(paused?.status.state).toBe('paused');
    expect(paused?.status.pausedUntil?.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('when an ambassador says "jeg kan tage 3 om måneden" and answers "ja", then the capacity is 3', async () => {
    const { person, chat } = await ambassador();
    await chat.write('jeg kan tage 3 om måneden');
    expect(said(await chat.write('ja'))).toContain('højst 3 nye husstande');
    expect((await db().people.findById(person.id))?.monthlyCapacity).toBe(3);
  });

  it('when an ambassador declines the confirmation, then nothing changes', async () => {
    const { person, chat } = await ambassador();
    await chat.write('jeg kan tage 2 om måneden');
    await chat.press('Nej');
    expect((await db().people.findById(person.id))?.monthlyCapacity).toBe(4);
  });

  it('when the capacity is out of range, then the bot explains the range and changes nothing', async () => {
    const { person, chat } = await ambassador();
    expect(said(await chat.write('jeg kan tage 99 om måneden'))).toContain('mellem 1 og 30');
    expect((await db().people.findById(person.id))?.monthlyCapacity).toBe(4);
  });
});
