import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../models/types.js';
import { fixedClock } from '../../kernel/clock.js';
import { statusMonth } from '../../src/status/status-flow.js';
import { said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';
import { startHarness, type Harness } from './support/meeting-harness.js';

/**
 * "status": the coordinator's view of the month — visits, check-ins and the next meeting — and
 * an ambassador's own short numbers. The households were handed out on 2 November; "now" is
 * Sunday 20 December 2026. The store stamps its records on the same clock.
 */
const HANDED_OUT = '2026-11-02T09:00:00+01:00';
const NOW = '2026-12-20T10:00:00+01:00';
const clock = fixedClock(HANDED_OUT);
const db = useTestDatabase({ now: () => clock.now() });

let harness: Harness;
let estate: TestEstate;
let mette: Person;
let birgit: Person;
let lise: Person;
let handles = 0;

beforeEach(async () => {
  clock.set(HANDED_OUT);
  estate = await createEstate(db());
  handles += 1;
  mette = await estate.coordinator('Mette Sørensen', `mette-st-${handles}`);
  birgit = await estate.ambassador('Birgit Holm', `birgit-st-${handles}`);
  lise = await estate.ambassador('Lise Berg', `lise-st-${handles}`);
  await estate.assign(birgit, [
    { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
    { names: ['Fatima Ali'], address: 'Gudrunsvej 12', unit: 'st. tv' },
    { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
  ]);
  await estate.assign(lise, [{ names: ['Sara Holm'], address: 'Sigridsvej 3', unit: '2. th' }]);
  const [met, notHome] = await db().visits.listOpenForAmbassador(birgit.id);
  await db().visits.recordAttempt(met?.id ?? '', { outcome: 'met', folderLeft: true });
  await db().visits.recordAttempt(notHome?.id ?? '', {
    outcome: 'not_home',
    folderLeft: true,
    revisitDate: '2026-12-22',
  });
  const [lisesVisit] = await db().visits.listOpenForAmbassador(lise.id);
  await db().visits.recordAttempt(lisesVisit?.id ?? '', { outcome: 'met', folderLeft: true });

  const answered = await db().checkIns.create({
    personId: birgit.id,
    areaId: estate.area.id,
    due: new Date('2026-11-10T09:00:00Z'),
  });
  await db().checkIns.update(answered.id, { step: 'talk' });
  await db().checkIns.answer(answered.id, {
    key: 'talk',
    answer: 'yes',
    nextStep: null,
    at: new Date('2026-11-10T10:00:00Z'),
    flag: 'wants_talk',
  });
  const missed = await db().checkIns.create({
    personId: lise.id,
    areaId: estate.area.id,
    due: new Date('2026-11-12T09:00:00Z'),
  });
  await db().checkIns.update(missed.id, { status: 'missed' });
  await db().meetings.create({
    areaId: estate.area.id,
    title: 'Netværksmøde',
    startsAt: new Date('2027-01-14T16:00:00Z'),
    status: 'planned',
    items: [{ title: 'Velkommen', timeboxMinutes: 5 }],
  });
  clock.set(NOW);
  harness = await startHarness(db(), clock);
});

afterEach(async () => {
  await harness.close();
});

describe('status', () => {
  it('when the coordinator asks for November, then visits, check-ins and the next meeting are counted', async () => {
    const status = said(await harness.chat(mette).write('status november'));
    expect(status).toContain('Status for Testparken, november 2026');
    expect(status).toContain(
      'Besøg: 4 fordelt · 3 forsøgt · 2 mødt · 3 med mappe · 0 ikke truffet · 1 genbesøg venter · 1 over fristen',
    );
    expect(status).toContain(
      '• Birgit: 3 fordelt, 2 forsøgt, 1 mødt, 2 med mappe, 0 ikke truffet, 1 genbesøg, 1 over fristen ⚠️',
    );
    expect(status).toContain('• Lise: 1 fordelt, 1 forsøgt, 1 mødt');
    expect(status).toContain('Samtaler: 1 gennemført · 1 ubesvaret · 1 med flag · 0 i gang');
    expect(status).toContain('Næste møde: Netværksmøde torsdag 14. januar kl. 17:00 (1 punkter).');
  });

  it('when an ambassador asks, then they get only their own numbers', async () => {
    const status = said(await harness.chat(birgit).write('status november'));
    expect(status).toContain('Dine tal for november 2026: 3 fordelt, 1 mødt, 3 åbne lige nu.');
    expect(status).not.toContain('Lise');
  });

  it('when a month is named, then the one just past is meant', () => {
    const now = new Date(NOW);
    expect(statusMonth('', now, 'Europe/Copenhagen')).toBe('2026-12');
    expect(statusMonth('december', now, 'Europe/Copenhagen')).toBe('2026-12');
    expect(statusMonth('januar', now, 'Europe/Copenhagen')).toBe('2026-01');
    expect(statusMonth('last month', now, 'Europe/Copenhagen')).toBe('2026-11');
    expect(statusMonth('for besøg', now, 'Europe/Copenhagen')).toBeNull();
  });
});
