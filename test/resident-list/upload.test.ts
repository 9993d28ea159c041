import { consoleIdentity } from '../../adapters/console/platform.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NaboDatabase } from '../../models/database.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { residentWorkbook, sendFile, uploaded } from '../corps/support/chat-extras.js';

const db = useTestDatabase();
const fixtures = join(import.meta.dirname, '../fixtures/resident-list');
const fixture = (name: string) => readFileSync(join(fixtures, name));
let handles = 0;

/**
 * An estate as last month left it: Ove and Else were visited at Gudrunsvej 10, 1. th; Karen
 * Jensen was visited at Gudrunsvej 14, 2. th (the flat that now has a new name on the list).
 */
async function estateWithLastMonth() {
  const estate = await createEstate(db());
  const birgit = await estate.ambassador('Birgit Sørensen', `birgit-${++handles}`);
  await estate.assign(birgit, [
    {
      names: ['Ove Christensen', 'Else Christensen'],
      address: 'Gudrunsvej 10',
      unit: '1. th',
      moveInDate: '2026-11-03',
    },
    { names: ['Karen Jensen'], address: 'Gudrunsvej 14', unit: '2. th', moveInDate: '2026-10-01' },
  ]);
  const handle = `mette-${++handles}`;
  await estate.coordinator('Mette Holm', handle);
  const actor = consoleIdentity(handle);
  return { estate, birgit, actor, chat: new Chat(db(), actor) };
}

async function storedCount(database: NaboDatabase, areaId: string): Promise<number> {
  const [visits, waiting] = await Promise.all([
    database.visits.listByArea(areaId),
    database.residents.listUnassigned(areaId),
  ]);
  return visits.length + waiting.length;
}

const excelCsv = () =>
  uploaded('tilflyttere-2026-12-excel.csv', fixture('tilflyttere-2026-12-excel.csv'), {
    mimeType: 'text/csv',
  });

describe('The monthly list in chat', () => {
  it('when Excel’s semicolon CSV with BOM arrives, then the preview sorts it into new, known, new names and errors, and nothing is saved', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();

    const [preview] = await sendFile(chat, actor, excelCsv());
    const text = said(preview ? [preview] : []);

    expect(preview?.text).toContain('2 husstande er nye og bliver gemt');
    expect(preview?.text).toContain('2 husstande kender jeg allerede og springer over');
    expect(preview?.text).toContain('2 rækker har fejl');
    expect(text).toContain('linje 3: Amira Hassan, Gudrunsvej 12, st. tv');
    expect(text).toContain('Søren Ørsted, Gudrunsvej 14, 2. th (før: Karen Jensen)');
    expect(text).toContain('linje 2: Ove og Else Christensen');
    expect(text).toContain('linje 6: Amira Hassan'); // twice in the list: the second is skipped
    expect(text).toContain('linje 4: mangler indflytningsdato');
    expect(text).toContain("linje 7: ugyldig dato '31-02-2026'");
    expect(text).toContain('[Godkend (2 husstande)]');
    expect(await storedCount(db(), estate.area.id)).toBe(2);
  });

  it('when the same people at the same flat come with another move-in date, then the preview says so and never calls it a new name', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    // Jonas waits for his first visit (stored, not yet handed out).
    await db().residents.importMany(estate.area.id, [
      {
        names: ['Jonas Madsen'],
        address: 'Sigridsvej 3',
        unit: '2. tv',
        moveInDate: '2026-11-20',
        source: { list: 'november', row: 2 },
      },
    ]);
    const csv = [
      'Navn;Adresse;Lejlighed;Indflytning',
      'Ove og Else Christensen;Gudrunsvej 10;1. th;01-12-2026',
      'Jonas Madsen;Sigridsvej 3;2. tv;02-12-2026',
      'Søren Ørsted;Gudrunsvej 14;2. th;01-12-2026',
    ].join('\n');

    const [preview] = await sendFile(
      chat,
      actor,
      uploaded('december.csv', Buffer.from(csv), { mimeType: 'text/csv' }),
    );
    const text = said(preview ? [preview] : []);

    expect(text).toContain(
      'Samme beboere med en ny indflytningsdato (tjek gerne, om datoen er rettet; de gemmes som en ny husstand):\n' +
        '• Ove og Else Christensen, Gudrunsvej 10, 1. th: indflytning 1. dec. 2026 (før: 3. nov. 2026)\n' +
        '• Jonas Madsen, Sigridsvej 3, 2. tv: indflytning 2. dec. 2026 (før: 20. nov. 2026)',
    );
    // Only the flat with other people on the door sign is "a new name".
    expect(text).toContain(
      'Besøgt før, men med et nyt navn (tjek gerne, at det er nye beboere):\n• Søren Ørsted, Gudrunsvej 14, 2. th (før: Karen Jensen)',
    );
    expect(text).not.toContain('(før: Ove og Else Christensen)');
    expect(text).not.toContain('(før: Jonas Madsen)');
    expect(preview?.text).toContain('3 husstande er nye og bliver gemt');
  });

  it('when the list names a household marked "do not visit", then the preview counts it as known, never as new', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    await db().residents.importMany(estate.area.id, [
      {
        names: ['Poul Hansen'],
        address: 'Sigridsvej 5',
        unit: 'st. th',
        moveInDate: '2026-11-15',
        doNotVisit: true,
        source: { list: 'november', row: 3 },
      },
    ]);
    const csv = [
      'Navn;Adresse;Lejlighed;Indflytning',
      'Poul Hansen;Sigridsvej 5;st. th;15-11-2026',
      'Søren Ørsted;Gudrunsvej 14;2. th;01-12-2026',
    ].join('\n');

    const [preview] = await sendFile(
      chat,
      actor,
      uploaded('december.csv', Buffer.from(csv), { mimeType: 'text/csv' }),
    );

    expect(preview?.text).toContain('1 husstand er ny og bliver gemt');
    expect(preview?.text).toContain('1 husstand kender jeg allerede og springer over');
    expect(said(preview ? [preview] : [])).toContain('[Godkend (1 husstand)]');
  });

  it('when an English-speaking coordinator gets such a list, then the same people are named with their new move-in date', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', `birgit-${++handles}`);
    await estate.assign(birgit, [
      {
        names: ['Ove Christensen', 'Else Christensen'],
        address: 'Gudrunsvej 10',
        unit: '1. th',
        moveInDate: '2026-11-03',
      },
    ]);
    const handle = `mette-en-${++handles}`;
    await estate.coordinator('Mette Holm', handle);
    const actor = consoleIdentity(handle);
    const chat = new Chat(db(), actor);
    await chat.write('english please');
    const csv =
      'Navn;Adresse;Lejlighed;Indflytning\nElse og Ove Christensen;Gudrunsvej 10;1.th;2026-12-01\n';

    const text = said(
      await sendFile(
        chat,
        actor,
        uploaded('december.csv', Buffer.from(csv), { mimeType: 'text/csv' }),
      ),
    );

    expect(text).toContain('The same people with a new move-in date');
    expect(text).toContain(
      '• Else and Ove Christensen, Gudrunsvej 10, 1.th: move-in 1 Dec 2026 (before: 3 Nov 2026)',
    );
    expect(text).not.toContain('new name');
  });

  it('when the coordinator approves, then every good row is saved at once and the hand-out can start', async () => {
    const { estate, birgit, actor, chat } = await estateWithLastMonth();
    await sendFile(chat, actor, excelCsv());

    const approved = said(await chat.press('Godkend'));

    expect(approved).toContain('2 husstande er gemt, 2 husstande var der i forvejen');
    const waiting = await db().residents.listUnassigned(estate.area.id);
    expect(waiting.map((r) => r.names.join(' & ')).sort()).toEqual([
      'Amira Hassan',
      'Søren Ørsted',
    ]);
    const audit = await db().auditEvents.listForSubject('area', estate.area.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'residents.imported',
      details: { inserted: 2, skipped: 2, rowsWithErrors: 2 },
    });

    expect(said(await chat.press('Fordel nu'))).toContain('2 husstande er fordelt: Birgit 2');
    expect(await db().visits.listOpenForAmbassador(birgit.id)).toHaveLength(4);
  });

  it('when "Godkend" is pressed twice, then the second press imports nothing', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    await sendFile(chat, actor, excelCsv());
    const [preview] = chat.adapter.sent.slice(-1);
    await chat.press('Godkend');
    const again = await chat.deliver({
      eventId: 'again',
      actor,
      conversation: preview!.conversation,
      receivedAt: chat.clock.now(),
      kind: 'action',
      action: preview!.message.choices![0]!.action,
      source: undefined,
    });
    expect(said(again)).toContain('ikke længere aktuel');
    expect(await storedCount(db(), estate.area.id)).toBe(4);
  });

  it('when the coordinator cancels, then nothing is saved', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    await sendFile(chat, actor, excelCsv());
    await chat.press('Annullér');
    expect(await storedCount(db(), estate.area.id)).toBe(2);
  });

  it('when saving is cut off half-way, then approving again completes the list and stores nobody twice', async () => {
    const { estate, actor } = await estateWithLastMonth();
    const real = db();
    let failOnce = true;
    // A store that writes the first half of the batch and then loses the connection.
    const flaky: NaboDatabase = {
      ...real,
      residents: {
        ...real.residents,
        async importMany(areaId, residents) {
          if (!failOnce) return real.residents.importMany(areaId, residents);
          failOnce = false;
          await real.residents.importMany(areaId, residents.slice(0, 2));
          throw new Error('connection reset');
        },
      },
    };
    const chat = new Chat(flaky, actor);
    await sendFile(chat, actor, excelCsv());

    expect(said(await chat.press('Godkend'))).toContain('Tryk «Godkend» igen');
    expect(said(await chat.press('Godkend'))).toContain('er gemt');

    const waiting = await real.residents.listUnassigned(estate.area.id);
    expect(waiting.map((r) => r.names.join(' & ')).sort()).toEqual([
      'Amira Hassan',
      'Søren Ørsted',
    ]);
  });

  it('when the list comes as .xlsx, then the first sheet is read with the same rules', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    const xlsx = await residentWorkbook([
      ['Tilflyttere december 2026'],
      ['Navn', 'Adresse', 'Etage', 'Dør', 'Indflytningsdato', 'Sprog'],
      [
        'Ove og Else Christensen',
        'Gudrunsvej 10',
        1,
        'th',
        new Date(Date.UTC(2026, 10, 3)),
        'dansk',
      ],
      ['Maja Holm', 'Gudrunsvej 20', 2, 'tv', new Date(Date.UTC(2026, 11, 5)), 'dansk'],
      ['Ali Rahimi', 'Gudrunsvej 22', 'st', 'th', '07-12-2026', 'persisk'],
      ['', 'Gudrunsvej 24', 1, 'tv', new Date(Date.UTC(2026, 11, 9)), ''],
    ]);

    const [preview] = await sendFile(
      chat,
      actor,
      uploaded('tilflyttere.xlsx', xlsx, {
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    );
    const text = said(preview ? [preview] : []);
    expect(text).toContain('linje 4: Maja Holm, Gudrunsvej 20, 2. tv');
    expect(text).toContain('linje 5: Ali Rahimi, Gudrunsvej 22, st. th');
    expect(text).toContain('linje 3: Ove og Else Christensen');
    expect(text).toContain('linje 6: mangler navn');

    await chat.press('Godkend');
    const waiting = await db().residents.listUnassigned(estate.area.id);
    const maja = waiting.find((r) => r.names[0] === 'Maja Holm');
    expect(maja?.moveInDate.toISOString().slice(0, 10)).toBe('2026-12-05');
    expect(maja?.source).toEqual({ list: 'tilflyttere.xlsx', row: 4 });
  });

  it('when the file is too large, then it is refused before it is downloaded', async () => {
    const { actor, chat } = await estateWithLastMonth();
    const file = uploaded('kæmpe.csv', Buffer.from('navn'), { sizeBytes: 6 * 1024 * 1024 });
    expect(said(await sendFile(chat, actor, file))).toContain('Filen er for stor (over 5 MB)');
    expect(file.downloads).toBe(0);
  });

  it('when the declared size lies, then the downloaded bytes decide', async () => {
    const { actor, chat } = await estateWithLastMonth();
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    const answer = said(await sendFile(chat, actor, uploaded('liste.csv', big, { sizeBytes: 10 })));
    expect(answer).toContain('Filen er for stor');
  });

  it('when the file is no list (a PDF, an old .xls, an empty CSV), then a clear message says what to send', async () => {
    const { estate, actor, chat } = await estateWithLastMonth();
    expect(
      said(await sendFile(chat, actor, uploaded('noter.pdf', fixture('noter.pdf')))),
    ).toContain('Send listen som CSV');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(said(await sendFile(chat, actor, uploaded('liste.xls', ole)))).toContain('.xls');
    expect(said(await sendFile(chat, actor, uploaded('tom.csv', Buffer.from(''))))).toContain(
      'kunne ikke finde nogen rækker',
    );
    expect(
      said(await sendFile(chat, actor, uploaded('falsk.xlsx', Buffer.from('PK not a zip')))),
    ).toContain('kunne ikke finde nogen rækker');
    expect(await storedCount(db(), estate.area.id)).toBe(2);
  });

  it('when the list is shared in a channel, then it is not read', async () => {
    const { actor, chat } = await estateWithLastMonth();
    const file = excelCsv();
    expect(said(await sendFile(chat, actor, file, false))).toContain('privat besked');
    expect(file.downloads).toBe(0);
  });

  it('when an ambassador shares a file, then it is not taken for the list', async () => {
    const { estate } = await estateWithLastMonth();
    const handle = `ahmed-${++handles}`;
    await estate.ambassador('Ahmed Karimi', handle);
    const actor = consoleIdentity(handle);
    const chat = new Chat(db(), actor);
    expect(said(await sendFile(chat, actor, excelCsv()))).toContain('Tak for filen');
    expect(await storedCount(db(), estate.area.id)).toBe(2);
  });

  it('when the coordinator types "importer <path>" in the console, then the file on disk goes through the same preview', async () => {
    const { estate, chat } = await estateWithLastMonth();
    const answer = said(await chat.write(`importer ${join(fixtures, 'ny-liste.csv')}`));
    expect(answer).toContain('1 husstand er ny og bliver gemt');
    await chat.press('Godkend');
    expect(await storedCount(db(), estate.area.id)).toBe(3);
    expect(said(await chat.write('importer /no/such/liste.csv'))).toContain('kan ikke finde filen');
  });

  it('when the same words come from Slack, then no file on the server is opened', async () => {
    const estate = await createEstate(db());
    await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: estate.area.id, role: 'coordinator' }],
      identities: [{ platform: 'slack', workspaceId: 'T9', userId: 'UMETTE99' }],
    });
    const chat = new Chat(db(), { platform: 'slack', workspaceId: 'T9', userId: 'UMETTE99' });
    const answer = said(await chat.write(`importer ${join(fixtures, 'ny-liste.csv')}`));
    expect(answer).not.toContain('bliver gemt');
    expect(await storedCount(db(), estate.area.id)).toBe(0);
  });
});
