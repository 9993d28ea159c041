import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, Person } from '../../models/types.js';
import {
  coordinatorSummaryMessage,
  summariseAssignment,
} from '../../src/assignment/assignment-messages.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
const NOW = new Date('2026-12-01T08:00:00Z');
let area: Area;
let ambassadors: Person[];

beforeAll(async () => {
  area = await db().areas.create({ key: 'runparken', name: 'Runparken' });
  const agreed = new Date('2026-01-01T00:00:00Z');
  ambassadors = [];
  for (const [name, capacity] of [
    ['Birgit', 2],
    ['Ahmed', 1],
  ] as const) {
    ambassadors.push(
      await db().people.add({
        name,
        roles: [{ areaId: area.id, role: 'ambassador' }],
        monthlyCapacity: capacity,
        confidentialityAt: agreed,
      }),
    );
  }
  await db().people.add({ name: 'Paula', roles: [{ areaId: area.id, role: 'ambassador' }] });
  await db().residents.importMany(
    area.id,
    [1, 2, 3, 4].map((row) => ({
      names: [`Beboer ${row}`],
      address: `Runvej ${row}`,
      moveInDate: `2026-11-0${row}`,
      source: { list: 'test', row },
      doNotVisit: row === 4,
    })),
  );
});

describe('runMonthlyAssignment', () => {
  it('when it is a dry run, then the plan is shown and nothing is stored', async () => {
    const run = await runMonthlyAssignment(db(), {
      area,
      month: '2026-12',
      now: NOW,
      dryRun: true,
    });
    expect(run.plan.assignments).toHaveLength(3);
    expect(run.opened).toEqual([]);
    expect(await db().visits.listByArea(area.id)).toEqual([]);
  });

  it('when it runs, then visits are opened for the month within capacity', async () => {
    const run = await runMonthlyAssignment(db(), { area, month: '2026-12', now: NOW });
    expect(run.opened).toHaveLength(3);
    expect(run.opened.every((visit) => visit.assignmentMonth === '2026-12')).toBe(true);
    const perPerson = (id: string) =>
      run.opened.filter((visit) => visit.ambassadorId === id).length;
    expect(perPerson(ambassadors[0]!.id)).toBe(2);
    expect(perPerson(ambassadors[1]!.id)).toBe(1);
  });

  it('when the month runs again with a new household, then used capacity counts and it stays unassigned', async () => {
    await db().residents.importMany(area.id, [
      {
        names: ['Sen Ankomst'],
        address: 'Runvej 9',
        moveInDate: '2026-11-20',
        source: { list: 'late', row: 1 },
      },
    ]);
    const run = await runMonthlyAssignment(db(), { area, month: '2026-12', now: NOW });
    expect(run.opened).toEqual([]);
    expect(run.plan.unassigned).toEqual([
      { residentId: expect.any(String), reason: 'no_capacity' },
    ]);
  });

  it('when the coordinator reads the summary, then counts, reasons and who is left out are there', async () => {
    const summary = await summariseAssignment(db(), {
      area,
      month: '2026-12',
      now: NOW,
      reachability: async (person) => (person.name === 'Ahmed' ? { platform: 'Teams' } : undefined),
    });
    const text = coordinatorSummaryMessage(catalogFor('da'), 'da', summary).text;
    expect(text).toContain('Fordeling for Runparken, december 2026: 3 husstande er fordelt.');
    expect(text).toContain('• Ahmed: 1 — kan ikke nås på Teams');
    expect(text).toContain('• Birgit: 2');
    expect(text).toContain('• Runvej 9 — ingen ambassadør har plads');
    expect(text).toContain('• Paula: har ikke bekræftet tavshedspligten');
    const english = coordinatorSummaryMessage(catalogFor('en'), 'en', summary).text;
    expect(english).toContain('Ahmed: 1 — cannot be reached on Teams');
  });
});
