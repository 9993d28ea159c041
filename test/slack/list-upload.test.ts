import { readFile } from 'node:fs/promises';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { listParsesRunning } from '../../src/resident-list/parse-in-worker.js';
import { zipBomb } from '../resident-list/support/workbooks.js';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/fake-slack-api.js';
import { TEAM, deliverSlackEvent, useSlackHarness } from './support/harness.js';
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

let coordinators = 0;

/** A coordinator of a fresh estate, known by their Slack user id. */
async function coordinator(): Promise<{ user: string; areaId: string }> {
  const estate = await createEstate(db());
  const user = `U0COORD${++coordinators}X`;
  await db().people.add({
    name: 'Mette Holm',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'slack', workspaceId: TEAM, userId: user }],
  });
  return { user, areaId: estate.area.id };
}

/** A file shared in the coordinator's DM; Slack's download URL is /files-pri/T0NABO-<id>/<name>. */
function fileShare(user: string, id: string, name: string, size: number, mimetype?: string) {
  return directMessage(user, '', {
    subtype: 'file_share',
    files: [
      {
        id,
        name,
        ...(mimetype ? { mimetype } : {}),
        size,
        url_private: `https://files.slack.com/files-pri/T0NABO-${id}/${name}`,
      },
    ],
  });
}

/** What the bot wrote in this DM, one entry per message. */
function repliesIn(user: string): string[] {
  return slack.api
    .callsTo('chat.postMessage')
    .filter((call) => call.params.channel === directChannelOf(user))
    .map((call) => visibleText(call));
}

/** Posts a signed event and returns once Slack's ack is in, without waiting for the turn. */
function postEventOnly(payload: object): Promise<number> {
  return deliverSlackEvent(slack.url, payload);
}

describe('a resident list that cannot be read, in Slack', () => {
  it('when Slack answers the download with 404, then the coordinator gets one line saying the file could not be fetched', async () => {
    const { user, areaId } = await coordinator();
    const download = nock('https://files.slack.com')
      .get('/files-pri/T0NABO-F404/tilflyttere.csv')
      .reply(404, 'file_not_found');

    await slack.postEvent(fileShare(user, 'F404', 'tilflyttere.csv', 900, 'text/csv'));

    expect(download.isDone()).toBe(true);
    const replies = repliesIn(user);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Jeg kunne ikke hente filen');
    expect(replies[0]).not.toContain('\n');
    expect(await db().residents.listUnassigned(areaId)).toEqual([]);
    const logged = slack.logs.lines.find(
      (line) => line.msg === 'resident list could not be downloaded',
    );
    expect(logged).toMatchObject({ err: { code: 'DEPENDENCY_UNAVAILABLE' } });
  });

  it('when the .xlsx is broken, then the coordinator gets one line saying what to send instead', async () => {
    const { user } = await coordinator();
    const broken = Buffer.from('PK\u0003\u0004 this was cut off in the middle of sending');
    nock('https://files.slack.com').get('/files-pri/T0NABO-FBAD/liste.xlsx').reply(200, broken);

    await slack.postEvent(fileShare(user, 'FBAD', 'liste.xlsx', broken.length));

    const replies = repliesIn(user);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('kunne ikke finde nogen rækker');
  });

  it('when a 1 MB .xlsx that inflates to 1 GB is shared, then it is refused in one line, and Slack and /healthz are answered while it is being read', async () => {
    const { user, areaId } = await coordinator();
    const bomb = zipBomb(1024, 'small');
    nock('https://files.slack.com')
      .get('/files-pri/T0NABO-FBOMB/tilflyttere.xlsx')
      .reply(200, bomb.file);
    const stranger = 'U0STRANGER9';

    expect(
      await postEventOnly(fileShare(user, 'FBOMB', 'tilflyttere.xlsx', bomb.file.length)),
    ).toBe(200);
    while (listParsesRunning() === 0) await new Promise((resolve) => setImmediate(resolve));

    // Answers that arrive while the bomb is still being read: the web process's thread is free.
    let answeredDuringRead = 0;
    const health = await fetch(slack.url.replace('/slack/events', '/healthz'));
    if (listParsesRunning() > 0) answeredDuringRead += 1;
    expect(health.status).toBe(200);
    expect(await postEventOnly(directMessage(stranger, 'hej'))).toBe(200);
    while (repliesIn(stranger).length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (listParsesRunning() > 0) answeredDuringRead += 1;
    await slack.platform.settled();

    expect(answeredDuringRead).toBe(2);
    const replies = repliesIn(user);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('over 48 MB, når det pakkes ud');
    expect(await db().residents.listUnassigned(areaId)).toEqual([]);
  });
});
