import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import { connectDatabase, type NaboDatabase } from '../../models/database.js';
import { auditResidentRead } from '../../src/privacy/audit.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { CommandCounter } from '../support/command-counter.js';
import { Chat, said } from '../support/conversation.js';
import { seedPhrasingEstate, type SeededEstate } from '../support/phrasing-estate.js';
import { describeCommands, isBookkeeping } from './support.js';

/**
 * MongoDB round trips of one turn, counted at the driver (issue 15): a hosted MongoDB is 1–2 ms
 * away, so every command is felt. Birgit has the demo's four households. Counted: the commands
 * the turn itself sends; the pipeline's bookkeeping (processed-event marker, inbox) is counted
 * apart and may not grow either.
 *
 * Before: 12 / 11 / 9 commands, then 5 / 5 / 3, then 4 / 4 / 3. Now 3 / 3 / 2: the pipeline
 * reads the message ahead of its turn and brings the visits it will need along with the person
 * and their state (one aggregate) — the open households for "mine besøg", and the recently closed
 * ones too for a report. A report then records the attempt and audits it. The memory for "fortryd" rides on the attempt (its conversation and report key), so
 * with no question pending the conversation state is not written at all.
 */
const REPORT = ['aggregate people', 'findAndModify visits', 'insert auditevents'];
const counter = new CommandCounter();
let server: EmbeddedMongo | undefined;
let db: NaboDatabase;
let estate: SeededEstate;
let chat: Chat;

beforeAll(async () => {
  const realUri = process.env.MONGODB_URI;
  if (!realUri) server = await startEmbeddedMongo({ port: 0 });
  db = await connectDatabase(realUri || (server?.uri ?? ''), {
    dbName: `nabo_turns_${Math.random().toString(36).slice(2, 10)}`,
    commandListener: counter.listener,
  });
  estate = await seedPhrasingEstate(db);
  chat = new Chat(db, consoleIdentity(estate.handles.birgit));
  // Her first message of the day: the link to her chat is stored once, not on every turn.
  await chat.write('hej');
});

afterAll(async () => {
  await db.drop();
  await db.close();
  await server?.stop();
});

async function turn(text: string) {
  const counted = await counter.count(() => chat.write(text));
  const own = counted.commands.filter((command) => !isBookkeeping(command));
  return {
    answer: said(counted.result),
    own: describeCommands(own),
    bookkeeping: counted.commands.length - own.length,
  };
}

describe('MongoDB commands of one turn (Birgit, four open households)', () => {
  it('when Birgit answers a reminder about the Christensens with "ikke hjemme, lagde mappen", then it is recorded in 3 commands', async () => {
    const christensen = await estate.visitOf('christensen');
    await db.visits.markPrompted(christensen.id, chat.clock.now());
    const { answer, own, bookkeeping } = await turn('ikke hjemme, lagde mappen');
    expect(answer).toContain('Ove og Else Christensen var ikke hjemme');
    expect((await estate.visitOf('christensen')).attempts).toHaveLength(1);
    expect(own).toEqual(REPORT);
    expect(bookkeeping).toBeLessThanOrEqual(2);
  });

  it('when Birgit reports a visit naming the household ("Jonas Madsen var ikke hjemme, lagde mappen"), then it is recorded in 3 commands', async () => {
    const { answer, own, bookkeeping } = await turn('Jonas Madsen var ikke hjemme, lagde mappen');
    expect(answer).toContain('Jonas Madsen var ikke hjemme');
    expect((await estate.visitOf('madsen')).attempts).toHaveLength(1);
    expect(own).toEqual(REPORT);
    expect(bookkeeping).toBeLessThanOrEqual(2);
  });

  it('when Birgit writes "mine besøg", then her four households are listed in 2 commands: read with her at the start of the turn, and the audit trail', async () => {
    const { answer, own, bookkeeping } = await turn('mine besøg');
    expect(answer).toContain('Du har 4 åbne besøg');
    expect(answer).toContain('Kasper Andersen');
    expect(own).toEqual(['aggregate people', 'insert auditevents']);
    expect(bookkeeping).toBeLessThanOrEqual(2);
    // Each household shown is still on its own line of the audit trail.
    const madsen = await estate.visitOf('madsen');
    const trail = await db.auditEvents.listForSubject('resident', madsen.residentId);
    expect(trail.filter((entry) => entry.action === 'visits.listed')).toHaveLength(1);
  });

  it('when Birgit is not understood and presses "Mine besøg", then the list comes in 2 commands too', async () => {
    await chat.write('blå banan');
    const counted = await counter.count(() => chat.press('Mine besøg'));
    const own = counted.commands.filter((command) => !isBookkeeping(command));
    expect(said(counted.result)).toContain('Du har 4 åbne besøg');
    expect(describeCommands(own)).toEqual(['aggregate people', 'insert auditevents']);
  });

  it('when four turns show households at the same moment, then the first writes its audit entries alone and the other three together in one more command, each household still on its own line', async () => {
    const visits = await Promise.all(
      (['christensen', 'madsen', 'andersen', 'christensen'] as const).map((name) =>
        estate.visitOf(name),
      ),
    );
    const { commands } = await counter.count(() =>
      Promise.all(
        visits.map((visit, index) =>
          auditResidentRead(db, {
            actorId: estate.people.birgit.id,
            platform: 'console',
            residentIds: [visit.residentId],
            action: `visits.listed.together.${index}`,
          }),
        ),
      ),
    );
    expect(describeCommands(commands)).toEqual(['insert auditevents', 'insert auditevents']);
    const christensen = await estate.visitOf('christensen');
    const trail = await db.auditEvents.listForSubject('resident', christensen.residentId);
    expect(trail.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['visits.listed.together.0', 'visits.listed.together.3']),
    );
  });

  it('when Birgit writes "fortryd" after those reports, then the latest one (Jonas Madsen) is taken back, and a second "fortryd" takes back nothing more', async () => {
    expect(said(await chat.write('fortryd'))).toContain('Jonas Madsen');
    expect((await estate.visitOf('madsen')).attempts).toHaveLength(0);
    expect(said(await chat.write('fortryd'))).toContain('ikke noget at fortryde');
    expect((await estate.visitOf('christensen')).attempts).toHaveLength(1);
  });
});
