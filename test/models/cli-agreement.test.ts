import { describe, expect, it } from 'vitest';
import { registerAreaCommands } from '../../adapters/cli/commands/area.js';
import { registerPersonCommands } from '../../adapters/cli/commands/person.js';
import { runMonthlyAssignment } from '../../src/assignment/run-monthly-assignment.js';
import { runCli, useTestDatabase } from '../support/database.js';

/** The CLI's "now" is 2026-11-30 10:00 Copenhagen (CLI_NOW). */
const db = useTestDatabase();
const nabo = (...args: string[]) =>
  runCli(db, [registerAreaCommands, registerPersonCommands], args);

let areas = 0;

async function areaWithHouseholds(): Promise<string> {
  const key = `paper-${++areas}`;
  await nabo('area', 'create', key, '--name', 'Papirparken');
  const area = (await db().areas.findByKey(key))!;
  await db().residents.importMany(
    area.id,
    [1, 2, 3].map((row) => ({
      names: [`Beboer ${row}`],
      address: `Papirvej ${row}`,
      unit: 'st.',
      moveInDate: '2026-11-10',
      source: { list: 'test', row },
    })),
  );
  return key;
}

async function handedOut(key: string): Promise<Map<string, number>> {
  const area = (await db().areas.findByKey(key))!;
  const run = await runMonthlyAssignment(db(), {
    area,
    month: '2026-12',
    now: new Date('2026-12-01T08:00:00Z'),
  });
  const counts = new Map<string, number>();
  for (const visit of run.opened)
    counts.set(visit.ambassadorId, (counts.get(visit.ambassadorId) ?? 0) + 1);
  return counts;
}

describe('nabo person add --agreement-signed', () => {
  it('when an ambassador signed on paper, then she gets households at the next hand-out without confirming in chat; one without it gets none', async () => {
    const key = await areaWithHouseholds();
    const paper = await nabo(
      'person',
      'add',
      '--area',
      key,
      '--name',
      'Hanne Papir',
      '--role',
      'ambassador',
      '--agreement-signed',
      '2026-10-15',
    );
    expect(paper.error).toBeUndefined();
    expect(paper.lines[0]).toContain('agreement signed on paper 2026-10-15');
    const unsigned = await nabo(
      'person',
      'add',
      '--area',
      key,
      '--name',
      'Ulla Uden',
      '--role',
      'ambassador',
    );
    expect(unsigned.error).toBeUndefined();

    const area = (await db().areas.findByKey(key))!;
    const people = await db().people.listByArea(area.id, 'ambassador');
    const hanne = people.find((person) => person.name === 'Hanne Papir')!;
    const ulla = people.find((person) => person.name === 'Ulla Uden')!;
    // The start of 15 October in Copenhagen.
    expect(hanne.confidentialityAt).toEqual(new Date('2026-10-14T22:00:00Z'));
    expect(hanne.volunteerAgreementAt).toEqual(new Date('2026-10-14T22:00:00Z'));

    const counts = await handedOut(key);
    expect(counts.get(hanne.id)).toBeGreaterThan(0);
    expect(counts.get(ulla.id)).toBeUndefined();
    const audit = await db().auditEvents.listForSubject('person', hanne.id);
    expect(audit.map((event) => event.action)).toContain('person.agreement_on_paper');
  });

  it('when the date is no date or still to come, then nothing is added', async () => {
    const key = await areaWithHouseholds();
    const malformed = await nabo(
      'person',
      'add',
      '--area',
      key,
      '--name',
      'X',
      '--role',
      'ambassador',
      '--agreement-signed',
      '15-10-2026',
    );
    expect(malformed.error).toMatchObject({ code: 'commander.invalidArgument' });
    const future = await nabo(
      'person',
      'add',
      '--area',
      key,
      '--name',
      'Y',
      '--role',
      'ambassador',
      '--agreement-signed',
      '2026-12-01',
    );
    expect(future.error).toMatchObject({ name: 'UserError', code: 'INVALID_INPUT' });
    const area = (await db().areas.findByKey(key))!;
    expect(await db().people.listByArea(area.id)).toEqual([]);
  });
});
