import { readFile } from 'node:fs/promises';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/cards.js';
import { FakeConnector } from './support/connector.js';
import {
  activityFrom,
  newUser,
  startTeams,
  submitFrom,
  type TeamsHarness,
} from './support/harness.js';

/**
 * The coordinator drops the monthly list into the personal chat with Nabo in Teams: the file is
 * fetched from its download URL, previewed, and imported only after "Godkend".
 */
const db = useTestDatabase();
const connector = new FakeConnector();
let teams: TeamsHarness;

beforeAll(async () => {
  connector.install();
  teams = await startTeams(db());
});

afterAll(async () => {
  await teams?.close();
});

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
