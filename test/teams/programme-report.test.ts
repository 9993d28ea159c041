import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SEEDED_PERSONAL_DATA,
  seedProgramme,
  type SeededEstate,
} from '../programme-report/support/seed-programme.js';
import { useTestDatabase } from '../support/database.js';
import { visibleText } from './support/cards.js';
import { newUser, textFrom, useTeamsHarness } from './support/harness.js';

const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db, { now: '2026-12-10T10:00:00+01:00' });
const mette = newUser();
const karen = newUser();
let estate: SeededEstate;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken-teams');
  await db().people.add({
    name: 'Mette Kjær',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'teams', workspaceId: mette.tenantId, userId: mette.aadObjectId }],
  });
  await db().people.add({
    name: 'Karen Ambassadør',
    roles: [{ areaId: estate.area.id, role: 'ambassador' }],
    identities: [{ platform: 'teams', workspaceId: karen.tenantId, userId: karen.aadObjectId }],
    volunteerAgreementAt: new Date('2026-01-01T00:00:00Z'),
    confidentialityAt: new Date('2026-01-01T00:00:00Z'),
  });
});

interface Attachment {
  contentType?: string;
  contentUrl?: string;
  name?: string;
}

describe('the programme report on Teams', () => {
  it('when Mette writes "rapport", then the chart comes as an inline PNG attachment and the figures follow', async () => {
    connector.clear();
    await teams.deliver(textFrom(mette, 'rapport'));
    const mine = connector.calls.filter((call) => call.conversationId === mette.conversationId);
    const [first, ...rest] = mine;
    const [attachment] = (first?.body.attachments ?? []) as Attachment[];
    expect(attachment).toMatchObject({
      contentType: 'image/png',
      name: 'nabo-rapport-2026-01-2026-12.png',
    });
    const prefix = 'data:image/png;base64,';
    expect(attachment?.contentUrl?.startsWith(prefix)).toBe(true);
    const png = Buffer.from(attachment!.contentUrl!.slice(prefix.length), 'base64');
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBeGreaterThan(0);
    expect(decoded.height).toBeGreaterThan(0);
    expect(String(first?.body.summary)).toContain('Solbakken');

    const text = rest.map((call) => visibleText(call.body)).join('\n');
    expect(text).toContain('Programrapport for Solbakken');
    expect(text).toMatch(/okt\. 26\s+7\s+6\s+5\s+<5/);
    for (const personal of SEEDED_PERSONAL_DATA) expect(text).not.toContain(personal);
  });

  it('when Teams refuses the picture as too large, then the figures still come', async () => {
    connector.clear();
    connector.failNext({ status: 413 });
    await teams.deliver(textFrom(mette, 'rapport'));
    const text = connector.calls
      .filter((call) => call.conversationId === mette.conversationId)
      .map((call) => visibleText(call.body))
      .join('\n');
    expect(text).toContain('Programrapport for Solbakken');
  });

  it('when an ambassador writes "rapport", then no picture is sent and she hears it is the coordinator\'s', async () => {
    connector.clear();
    await teams.deliver(textFrom(karen, 'rapport'));
    const mine = connector.calls.filter((call) => call.conversationId === karen.conversationId);
    expect(mine.some((call) => JSON.stringify(call.body).includes('image/png'))).toBe(false);
    expect(mine.map((call) => visibleText(call.body)).join('\n')).toContain('koordinatoren');
  });
});
