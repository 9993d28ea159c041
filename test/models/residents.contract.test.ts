import { beforeAll, describe, expect, it } from 'vitest';
import type { Area, NewResident } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
let area: Area;
let otherArea: Area;

function household(overrides: Partial<NewResident> = {}): NewResident {
  return {
    names: ['Ove Christensen', 'Else Christensen'],
    address: 'Gudrunsvej 10',
    unit: '1. th',
    stairwell: '10',
    moveInDate: '2026-11-03',
    languageHints: ['da'],
    source: { list: 'tilflyttere-2026-11.csv', row: 2 },
    ...overrides,
  };
}

beforeAll(async () => {
  area = await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
  otherArea = await db().areas.create({ key: 'trige', name: 'Trige' });
});

describe('residents (contract)', () => {
  it('when new households are imported, then each is stored once with its source', async () => {
    const result = await db().residents.importMany(area.id, [
      household(),
      household({
        names: ['Jonas Madsen'],
        unit: '3. tv',
        moveInDate: '2026-11-10',
        source: { list: 'tilflyttere-2026-11.csv', row: 3 },
      }),
    ]);
    expect(result).toEqual({ inserted: 2, skippedDuplicates: 0 });
    const [ove] = await db().residents.listUnassigned(area.id);
    expect(ove).toMatchObject({
      areaId: area.id,
      names: ['Ove Christensen', 'Else Christensen'],
      address: 'Gudrunsvej 10',
      unit: '1. th',
      stairwell: '10',
      languageHints: ['da'],
      source: { list: 'tilflyttere-2026-11.csv', row: 2 },
      doNotVisit: false,
    });
    expect(ove?.moveInDate).toEqual(new Date('2026-11-03T00:00:00.000Z'));
    expect(await db().residents.findById(ove!.id)).toEqual(ove);
  });

  it('when the same list is imported again, then nothing is stored twice', async () => {
    const again = await db().residents.importMany(area.id, [
      household({ names: ['Else Christensen', 'ove christensen'], unit: '1.th' }),
      household({
        names: ['Jonas Madsen'],
        unit: '3. tv',
        moveInDate: '2026-11-10',
        source: { list: 'tilflyttere-2026-12.csv', row: 7 },
      }),
      household({ names: ['Sara Holm'], address: 'Gudrunsvej 14', unit: '2. th' }),
    ]);
    expect(again).toEqual({ inserted: 1, skippedDuplicates: 2 });
    expect(await db().residents.listUnassigned(area.id)).toHaveLength(3);
  });

  it('when a batch holds the same household twice, then it is stored once', async () => {
    const twice = household({ names: ['Hanne Jørgensen'], address: 'Sigridsvej 5' });
    expect(await db().residents.importMany(area.id, [twice, twice])).toEqual({
      inserted: 1,
      skippedDuplicates: 1,
    });
  });

  it('when the same household moves into another area, then it is another record', async () => {
    expect(await db().residents.importMany(otherArea.id, [household()])).toEqual({
      inserted: 1,
      skippedDuplicates: 0,
    });
  });

  it('when a row lacks a name, an address or a valid date, then INVALID_INPUT and nothing is written', async () => {
    const before = (await db().residents.listUnassigned(area.id)).length;
    const good = household({ names: ['Kasper Andersen'], unit: 'st. th' });
    for (const bad of [
      household({ names: [' '] }),
      household({ address: '' }),
      household({ moveInDate: '2026-02-31' }),
    ]) {
      await expect(db().residents.importMany(area.id, [good, bad])).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(await db().residents.listUnassigned(area.id)).toHaveLength(before);
  });

  it('when nothing is given, then nothing happens', async () => {
    expect(await db().residents.importMany(area.id, [])).toEqual({
      inserted: 0,
      skippedDuplicates: 0,
    });
  });

  it('when a household is marked do-not-visit or already has a visit, then it is not unassigned', async () => {
    const loeget = await db().areas.create({ key: 'loeget', name: 'Løget' });
    await db().residents.importMany(loeget.id, [
      household({ names: ['A'], unit: '1. tv', moveInDate: '2026-11-20' }),
      household({ names: ['B'], unit: '2. tv', moveInDate: '2026-11-01', doNotVisit: true }),
      household({ names: ['C'], unit: '3. tv', moveInDate: '2026-11-05' }),
      household({ names: ['D'], unit: '4. tv', moveInDate: '2026-11-02' }),
    ]);
    const ambassador = await db().people.add({
      name: 'Birgit Sørensen',
      roles: [{ areaId: loeget.id, role: 'ambassador' }],
    });
    const unassigned = await db().residents.listUnassigned(loeget.id);
    expect(unassigned.map((resident) => resident.names[0])).toEqual(['D', 'C', 'A']);
    const visit = await db().visits.open(unassigned[0]!.id, ambassador.id, '2026-12');
    expect((await db().residents.listUnassigned(loeget.id)).map((r) => r.names[0])).toEqual([
      'C',
      'A',
    ]);
    // A closed visit still counts: the household has had its turn.
    await db().visits.close(visit.id, 'met');
    expect(await db().residents.listUnassigned(loeget.id)).toHaveLength(2);
  });

  it('when an id is unknown or malformed, then null', async () => {
    expect(await db().residents.findById('65f0000000000000000000ff')).toBeNull();
    expect(await db().residents.findById('nope')).toBeNull();
    expect(await db().residents.listUnassigned('nope')).toEqual([]);
  });
});
