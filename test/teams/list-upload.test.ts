import { readFile } from 'node:fs/promises';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { zipBomb } from '../resident-list/support/workbooks.js';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/cards.js';
import {
  activityFrom,
  newUser,
  submitFrom,
  useTeamsHarness,
  type TeamsUser,
} from './support/harness.js';

/**
 * The coordinator drops the monthly list into the personal chat with Nabo in Teams: the file is
 * fetched from its download URL, previewed, and imported only after "Godkend".
 */
const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db);

describe('the monthly list uploaded in Teams', () => {
  it('when a coordinator sends the list in personal chat, then a preview comes back and "Godkend" imports it', async () => {
    const estate = await createEstate(db());
    const user = newUser();
    await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: estate.area.id, role: 'coordinator' }],
      identities: [{ platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId }],
    });
    const csv = await readFile('test/fixtures/residents/tilflyttere-2026-11.csv');
    const download = nock('https://files.example.test').get('/download/7').reply(200, csv);

    await teams.deliver(
      activityFrom(user, {
        text: '',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'tilflyttere.csv',
            content: {
              downloadUrl: 'https://files.example.test/download/7',
              uniqueId: 'u7',
              fileType: 'csv',
            },
          },
        ],
      }),
    );

    expect(download.isDone()).toBe(true);
    const preview = connector.calls.find((call) => call.method === 'POST');
    expect(visibleText(preview?.body ?? {})).toContain('Intet er gemt endnu');
    expect(await db().residents.listUnassigned(estate.area.id)).toEqual([]);
    const approve = buttonsOf(preview?.body ?? {}).find((button) =>
      button.title.startsWith('Godkend'),
    );
    connector.clear();

    await teams.deliver(submitFrom(user, approve?.data, preview?.resultId ?? ''));

    expect((await db().residents.listUnassigned(estate.area.id)).length).toBeGreaterThan(0);
    const confirmation = connector.calls.find((call) => call.method === 'POST');
    expect(visibleText(confirmation?.body ?? {})).toMatch(/husstand(e)? er gemt/);
  });
});

/** A coordinator of a fresh estate, in Teams. */
async function coordinator(): Promise<{ user: TeamsUser; areaId: string }> {
  const estate = await createEstate(db());
  const user = newUser();
  await db().people.add({
    name: 'Mette Holm',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId }],
  });
  return { user, areaId: estate.area.id };
}

/** The file as Teams hands it over: a pre-authorised download URL in the attachment. */
function fileFrom(user: TeamsUser, name: string, downloadUrl: string, fileType: string) {
  return activityFrom(user, {
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name,
        content: { downloadUrl, uniqueId: name, fileType },
      },
    ],
  });
}

/** What the bot wrote in this person's chat, one entry per message. */
function repliesTo(user: TeamsUser): string[] {
  return connector.calls
    .filter((call) => call.method === 'POST' && call.conversationId === user.conversationId)
    .map((call) => visibleText(call.body));
}

describe('a resident list that cannot be read, in Teams', () => {
  it('when the download link cannot be reached, then the coordinator gets one line saying the file could not be fetched', async () => {
    const { user, areaId } = await coordinator();
    // A real refusal, not a scripted one: nothing listens on port 1 of this machine.
    const unreachable = 'https://127.0.0.1:1/download/unreachable';

    await teams.deliver(fileFrom(user, 'tilflyttere.csv', unreachable, 'csv'));

    const replies = repliesTo(user);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Jeg kunne ikke hente filen');
    expect(await db().residents.listUnassigned(areaId)).toEqual([]);
  });

  it('when the download link answers 404, then the coordinator gets the same one line', async () => {
    const { user } = await coordinator();
    nock('https://files.example.test').get('/download/gone').reply(404);

    await teams.deliver(
      fileFrom(user, 'tilflyttere.xlsx', 'https://files.example.test/download/gone', 'xlsx'),
    );

    expect(repliesTo(user)).toEqual([expect.stringContaining('Jeg kunne ikke hente filen')]);
  });

  it('when a 1 MB .xlsx that inflates to 1 GB is sent, then it is refused in one line and nothing is stored', async () => {
    const { user, areaId } = await coordinator();
    const bomb = zipBomb(1024, 'small');
    nock('https://files.example.test').get('/download/bomb').reply(200, bomb.file);

    await teams.deliver(
      fileFrom(user, 'tilflyttere.xlsx', 'https://files.example.test/download/bomb', 'xlsx'),
    );

    const replies = repliesTo(user);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('over 48 MB, når det pakkes ud');
    expect(await db().residents.listUnassigned(areaId)).toEqual([]);
  });

  it('when the file is larger than Teams downloads allow, then the coordinator is told its size limit', async () => {
    const { user } = await coordinator();
    nock('https://files.example.test')
      .get('/download/huge')
      .reply(200, Buffer.alloc(6 * 1024 * 1024, 0x41));

    await teams.deliver(
      fileFrom(user, 'tilflyttere.csv', 'https://files.example.test/download/huge', 'csv'),
    );

    expect(repliesTo(user)).toEqual([expect.stringContaining('Filen er for stor (over 5 MB)')]);
  });
});
