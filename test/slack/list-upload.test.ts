import { readFile } from 'node:fs/promises';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/fake-slack-api.js';
import { TEAM, useSlackHarness } from './support/harness.js';
import { buttonPress, directChannelOf, directMessage } from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db);

/**
 * The coordinator drops the housing organisation's monthly list into the DM with Nabo: the file
 * is fetched from Slack with the bot's token, previewed, and imported only after "Godkend".
 */
describe('the monthly list uploaded in Slack', () => {
  it('when a coordinator shares the list in the DM, then a preview comes back and "Godkend" imports it', async () => {
    const estate = await createEstate(db());
    const user = 'U0COORD1';
    await db().people.add({
      name: 'Mette Holm',
      roles: [{ areaId: estate.area.id, role: 'coordinator' }],
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: user }],
    });
    const csv = await readFile('test/fixtures/residents/tilflyttere-2026-11-excel.csv');
    const download = nock('https://files.slack.com', {
      reqheaders: { authorization: /^Bearer xoxb-/ },
    })
      .get('/files-pri/T0NABO-F1/tilflyttere.csv')
      .reply(200, csv);

    await slack.postEvent(
      directMessage(user, '', {
        subtype: 'file_share',
        files: [
          {
            id: 'F1',
            name: 'tilflyttere.csv',
            mimetype: 'text/csv',
            size: csv.length,
            url_private: 'https://files.slack.com/files-pri/T0NABO-F1/tilflyttere.csv',
          },
        ],
      }),
    );

    expect(download.isDone()).toBe(true);
    const [preview] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(preview!)).toContain('Intet er gemt endnu');
    expect(await db().residents.listUnassigned(estate.area.id)).toEqual([]);
    const approve = buttonsOf(preview!).find((button) => button.label.startsWith('Godkend'))!;
    slack.api.reset();

    await slack.postInteraction(
      buttonPress({
        user,
        channel: directChannelOf(user),
        messageTs: '1790000000.000009',
        actionId: approve.actionId,
        value: approve.value,
        label: approve.label,
      }),
    );

    const stored = await db().residents.listUnassigned(estate.area.id);
    expect(stored.length).toBeGreaterThan(0);
    const [confirmation] = slack.api.callsTo('chat.postMessage');
    expect(visibleText(confirmation!)).toMatch(/husstand(e)? er gemt/);
  });
});
