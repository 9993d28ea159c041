import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { Chat, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import {
  SEEDED_PERSONAL_DATA,
  seedProgramme,
  type SeededEstate,
} from './support/seed-programme.js';

const NOW = '2026-12-10T10:00:00+01:00';
const db = useTestDatabase();
let estate: SeededEstate;
let ambassadorId: string;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken-chat');
  const second = await db().areas.create({ key: 'bakkehuset-chat', name: 'Bakkehuset' });
  await db().people.add({
    name: 'Mette Kjær',
    roles: [
      { areaId: estate.area.id, role: 'coordinator' },
      { areaId: second.id, role: 'coordinator' },
    ],
    identities: [consoleIdentity('mette-report')],
  });
  ambassadorId = (
    await db().people.add({
      name: 'Karen Ambassadør',
      roles: [{ areaId: estate.area.id, role: 'ambassador' }],
      identities: [consoleIdentity('karen-report')],
      volunteerAgreementAt: new Date('2026-01-01T00:00:00Z'),
      confidentialityAt: new Date('2026-01-01T00:00:00Z'),
    })
  ).id;
});

function imageOf(messages: OutboundMessage[]) {
  const withImage = messages.find((message) => message.image);
  expect(withImage?.image).toBeDefined();
  return withImage!.image!;
}

describe('the programme report in chat', () => {
  it('when the coordinator writes "rapport for 2026", then she gets the chart and the figures of both her areas side by side', async () => {
    const chat = new Chat(db(), consoleIdentity('mette-report'), { now: NOW });
    const answer = await chat.write('rapport for 2026');
    const image = imageOf(answer);
    const png = PNG.sync.read(image.png);
    expect(png.width).toBeGreaterThan(0);
    expect(png.height).toBeGreaterThan(0);
    expect(image.fileName).toBe('nabo-rapport-2026-01-2026-12.png');
    expect(image.altText).toContain('Solbakken, Bakkehuset');
    const text = answer.map(textOf).join('\n');
    expect(text).toContain('Programrapport for Solbakken, Bakkehuset');
    // October in Solbakken: 7 moved in, 6 visited, 5 met, contact rate 71 %.
    expect(text).toMatch(/okt\. 26\s+7\s+6\s+5\s+<5/);
    expect(text).toContain(' 71 ');
    for (const personal of SEEDED_PERSONAL_DATA) expect(text).not.toContain(personal);
  });

  it('when she writes "Programrapport", or "report" in English, then the last 12 months come', async () => {
    const chat = new Chat(db(), consoleIdentity('mette-report'), { now: NOW });
    const answer = await chat.write('Programrapport');
    expect(imageOf(answer).fileName).toBe('nabo-rapport-2026-01-2026-12.png');
    const english = new Chat(db(), consoleIdentity('mette-report'), { now: NOW });
    await english.write('english please');
    const inEnglish = await english.write('report');
    expect(imageOf(inEnglish).fileName).toBe('nabo-report-2026-01-2026-12.png');
    expect(inEnglish.map(textOf).join('\n')).toContain('Programme report for Solbakken');
    await english.write('dansk tak');
  });

  it('when an ambassador writes "rapport", then she is told it is the coordinator\'s and gets no figures', async () => {
    const chat = new Chat(db(), consoleIdentity('karen-report'), { now: NOW });
    const answer = await chat.write('rapport');
    expect(answer.some((message) => message.image)).toBe(false);
    expect(answer.map(textOf).join('\n')).not.toContain('Solbakken');
    const refusals = await db().auditEvents.listForSubject('person', ambassadorId);
    expect(refusals.map((event) => event.action)).toContain('chat.coordinator_only_refused');
  });

  it('when she asks for a year that has not begun, then she hears so', async () => {
    const chat = new Chat(db(), consoleIdentity('mette-report'), { now: NOW });
    const answer = await chat.write('rapport for 2028');
    expect(answer.some((message) => message.image)).toBe(false);
    expect(answer.map(textOf).join('\n')).toContain('ikke begyndt');
  });
});
