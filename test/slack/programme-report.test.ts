import nock from 'nock';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import {
  SEEDED_PERSONAL_DATA,
  seedProgramme,
  type SeededEstate,
} from '../programme-report/support/seed-programme.js';
import { useTestDatabase } from '../support/database.js';
import { visibleText } from './support/fake-slack-api.js';
import { TEAM, useSlackHarness } from './support/harness.js';
import { directMessage, slashCommand } from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db, { clock: fixedClock('2026-12-10T10:00:00+01:00') });
const METTE = 'U0METTERPT';
const KAREN = 'U0KARENRPT';
let estate: SeededEstate;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken-slack');
  await db().people.add({
    name: 'Mette Kjær',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'slack', workspaceId: TEAM, userId: METTE }],
  });
  await db().people.add({
    name: 'Karen Ambassadør',
    roles: [{ areaId: estate.area.id, role: 'ambassador' }],
    identities: [{ platform: 'slack', workspaceId: TEAM, userId: KAREN }],
    volunteerAgreementAt: new Date('2026-01-01T00:00:00Z'),
    confidentialityAt: new Date('2026-01-01T00:00:00Z'),
  });
});

/** Slack's upload host, as nock: records the bytes the bot sent to each upload URL. */
function uploadHost(): Buffer[] {
  const bodies: Buffer[] = [];
  nock('https://files.slack.com')
    .post(/^\/upload\/v1\//)
    .reply(async (request: Request) => {
      bodies.push(Buffer.from(await request.arrayBuffer()));
      return [200, 'OK'];
    });
  return bodies;
}

describe('the programme report on Slack', () => {
  it('when Mette writes "rapport", then the chart is uploaded into her DM as a PNG and the figures follow', async () => {
    const uploads = uploadHost();
    const response = await slack.postEvent(directMessage(METTE, 'rapport'));
    expect(response.status).toBe(200);

    const [ticket] = slack.api.callsTo('files.getUploadURLExternal');
    expect(ticket?.params).toMatchObject({ filename: 'nabo-rapport-2026-01-2026-12.png' });
    expect(ticket?.params.alt_text).toContain('Solbakken');
    expect(uploads).toHaveLength(1);
    const png = uploads[0]!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBeGreaterThan(0);
    expect(png.readUInt32BE(20)).toBeGreaterThan(0);
    expect(Number(ticket?.params.length)).toBe(png.length);
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(png.readUInt32BE(16));

    const [complete] = slack.api.callsTo('files.completeUploadExternal');
    expect(complete?.params.channel_id).toBeTruthy();
    expect(JSON.parse(complete?.params.files ?? '[]')).toEqual([
      { id: ticket?.response.file_id, title: 'nabo-rapport-2026-01-2026-12.png' },
    ]);
    // The picture first, then the table under it.
    const methods = slack.api.calls.map((call) => call.method);
    expect(methods.indexOf('files.completeUploadExternal')).toBeLessThan(
      methods.indexOf('chat.postMessage'),
    );
    const text = slack.api.callsTo('chat.postMessage').map(visibleText).join('\n');
    expect(text).toContain('Programrapport for Solbakken');
    expect(text).toMatch(/okt\. 26\s+7\s+6\s+5\s+<5/);
    for (const personal of SEEDED_PERSONAL_DATA) {
      expect(text).not.toContain(personal);
      expect(slack.logs.text()).not.toContain(personal);
    }
  });

  it('when Mette types "/nabo rapport", then the same report comes', async () => {
    const uploads = uploadHost();
    await slack.postCommand(slashCommand(METTE, 'rapport'));
    expect(uploads).toHaveLength(1);
    expect(slack.api.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('when an ambassador writes "rapport", then nothing is uploaded and she hears it is the coordinator\'s', async () => {
    await slack.postEvent(directMessage(KAREN, 'rapport'));
    expect(slack.api.callsTo('files.getUploadURLExternal')).toEqual([]);
    const text = slack.api.callsTo('chat.postMessage').map(visibleText).join('\n');
    expect(text).not.toContain('Solbakken');
    expect(text).toContain('koordinatoren');
  });
});
