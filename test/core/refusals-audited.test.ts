import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import type { InboundEvent } from '../../src/core/inbound.js';
import { MEETING_RUN_FLOW } from '../../src/meetings/run-flow.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';

/**
 * Every refusal leaves exactly one audit entry — who, what, when, where — and never what was
 * written. Counted in the audit collection itself, so a refusal that writes none, or two, fails.
 */
const db = useTestDatabase();
let client: MongoClient;

beforeAll(async () => {
  client = new MongoClient(db.uri());
  await client.connect();
});

afterAll(async () => {
  await client?.close();
});

async function auditEntries(): Promise<Document[]> {
  return client.db(db.dbName()).collection('auditevents').find({}).sort({ _id: 1 }).toArray();
}

let handles = 0;
const handle = (role: string) => `${role}-refused-${++handles}`;

/** A button from a channel, as a crafted payload would bring it. */
function buttonFromChannel(who: string, flow: string, step: string, value: string): InboundEvent {
  return {
    kind: 'action',
    eventId: `refusal-${++handles}`,
    actor: consoleIdentity(who),
    conversation: {
      platform: 'console',
      key: `console:channel-${who}`,
      isDirect: false,
      address: {},
    },
    receivedAt: new Date('2026-11-27T09:00:00Z'),
    action: { flow, step, value },
    source: undefined,
  };
}

interface Case {
  name: string;
  action: string;
  /** Runs the refused attempt; returns what the person wrote and the bot's reply. */
  attempt(estate: TestEstate, other: TestEstate): Promise<{ written: string; reply: string }>;
  /** Words of what was written that must not reach the audit trail (names, addresses, ids). */
  content: string[];
}

const cases: Case[] = [
  {
    name: 'an unknown person writes',
    content: ['Gudrunsvej', 'besøg'],
    action: 'platform.unknown_person_refused',
    async attempt() {
      const written = 'mine besøg hos Gudrunsvej 10';
      const chat = new Chat(db(), consoleIdentity(handle('stranger')));
      return { written, reply: said(await chat.write(written)) };
    },
  },
  {
    name: 'an ambassador pauses someone (coordinator only)',
    content: ['Ahmed', 'februar'],
    action: 'chat.coordinator_only_refused',
    async attempt(estate) {
      const me = handle('amb');
      await estate.ambassador('Birgit Sørensen', me);
      await estate.ambassador('Ahmed Karimi', handle('amb'));
      const written = 'pause Ahmed til 1. februar';
      return { written, reply: said(await new Chat(db(), consoleIdentity(me)).write(written)) };
    },
  },
  {
    name: 'an ambassador plans a meeting',
    content: ['Netværksmøde', 'Velkommen', 'Erfaringer'],
    action: 'chat.coordinator_only_refused',
    async attempt(estate) {
      const me = handle('amb');
      await estate.ambassador('Birgit Sørensen', me);
      const written = 'Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer 20 min';
      return { written, reply: said(await new Chat(db(), consoleIdentity(me)).write(written)) };
    },
  },
  {
    name: 'an ambassador asks for a check-in',
    content: ['Ahmed'],
    action: 'chat.coordinator_only_refused',
    async attempt(estate) {
      const me = handle('amb');
      await estate.ambassador('Birgit Sørensen', me);
      const written = 'check-in med Ahmed';
      return { written, reply: said(await new Chat(db(), consoleIdentity(me)).write(written)) };
    },
  },
  {
    name: "a coordinator asks for another area's household",
    content: ['udtræk', 'Christensen'],
    action: 'chat.area_refused',
    async attempt(estate, other) {
      const me = handle('coord');
      await estate.coordinator('Mette Holm', me);
      await db().residents.importMany(other.area.id, [
        {
          names: ['Ove Christensen'],
          address: 'Gudrunsvej 10',
          unit: '',
          moveInDate: '2026-11-01',
          source: { list: 'test', row: 1 },
        },
      ]);
      const [resident] = await db().residents.listUnassigned(other.area.id);
      const written = `udtræk beboer ${resident!.id}`;
      return { written, reply: said(await new Chat(db(), consoleIdentity(me)).write(written)) };
    },
  },
  {
    name: "a coordinator presses another area's meeting button",
    content: ['Netværksmøde', 'Velkommen'],
    action: 'chat.area_refused',
    async attempt(estate, other) {
      const me = handle('coord');
      await estate.coordinator('Mette Holm', me);
      const meeting = await db().meetings.create({
        areaId: other.area.id,
        title: 'Netværksmøde',
        startsAt: new Date('2026-12-12T16:00:00Z'),
        items: [{ title: 'Velkommen', timeboxMinutes: 5 }],
        coordinatorId: (await other.coordinator('Lone Berg', handle('coord'))).id,
      });
      const chat = new Chat(db(), consoleIdentity(me));
      const reply = said(
        await chat.deliver({
          ...buttonFromChannel(me, MEETING_RUN_FLOW, 'next', `${meeting.id}:0`),
          conversation: { platform: 'console', key: `console:${me}`, isDirect: true, address: {} },
        }),
      );
      return { written: '', reply };
    },
  },
  {
    name: 'an ambassador asks for their visits in a channel',
    content: ['besøg'],
    action: 'chat.not_private_refused',
    async attempt(estate) {
      const me = handle('amb');
      await estate.ambassador('Birgit Sørensen', me);
      const written = 'mine besøg';
      const chat = new Chat(db(), consoleIdentity(me), { isDirect: false });
      return { written, reply: said(await chat.write(written)) };
    },
  },
  {
    name: 'a report button arrives from a channel',
    content: ['0123456789abcdef01234567'],
    action: 'chat.not_private_refused',
    async attempt(estate) {
      const me = handle('amb');
      await estate.ambassador('Birgit Sørensen', me);
      const chat = new Chat(db(), consoleIdentity(me));
      const reply = said(
        await chat.deliver(
          buttonFromChannel(me, 'report', 'outcome', '0123456789abcdef01234567:met:0'),
        ),
      );
      return { written: '0123456789abcdef01234567', reply };
    },
  },
];

describe('refusals are audited', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))(
    'when %s, then exactly one audit entry says who, what, when and where, without content',
    async (_name, entry) => {
      const estate = await createEstate(db());
      const other = await createEstate(db());
      const before = (await auditEntries()).length;

      const { written, reply } = await entry.attempt(estate, other);

      const added = (await auditEntries()).slice(before);
      const refusals = added.filter((doc) => String(doc.action).endsWith('_refused'));
      expect(reply.length).toBeGreaterThan(0);
      expect(refusals.map((doc) => doc.action)).toEqual([entry.action]);
      const [refusal] = refusals;
      expect(refusal).toMatchObject({ platform: 'console', at: expect.any(Date) });
      expect(refusal?.subjectId).toBeDefined();
      if (entry.action.startsWith('chat.')) {
        expect(refusal?.actorId).toBeDefined();
        expect(refusal?.details).toMatchObject({
          tried: expect.any(String),
          where: expect.any(String),
        });
      }
      expect(written === '' || !JSON.stringify(refusal).includes(written)).toBe(true);
      for (const word of entry.content) expect(JSON.stringify(refusal)).not.toContain(word);
    },
  );
});
