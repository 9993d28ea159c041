import { describe, expect, it } from 'vitest';
import { objectIdPaths } from '../../models/repositories/privacy.js';
import { meetingSchema } from '../../models/schemas/meeting.js';
import { visitSchema } from '../../models/schemas/visit.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();

describe('privacy repository (contract)', () => {
  it('when schemas are read, then their ObjectId fields are found, nested ones included', () => {
    expect(objectIdPaths(visitSchema)).toEqual(
      expect.arrayContaining(['areaId', 'residentId', 'ambassadorId', 'noteBy', 'attempts.noteBy']),
    );
    expect(objectIdPaths(meetingSchema)).toEqual(
      expect.arrayContaining(['items.owner', 'actionItems.owner']),
    );
  });

  it('when a household is anonymised twice, then the second call changes nothing and says so', async () => {
    const estate = await createEstate(db());
    await db().residents.importMany(estate.area.id, [
      {
        names: ['Ove Christensen'],
        address: 'Gudrunsvej 10',
        moveInDate: '2026-11-17',
        source: { list: 'nov.csv', row: 2 },
      },
    ]);
    const [resident] = await db().residents.listUnassigned(estate.area.id);
    const at = new Date('2027-06-01T00:00:00Z');

    expect(await db().privacy.anonymiseResident(resident!.id, { at, erasure: false })).toBe(true);
    expect(await db().privacy.anonymiseResident(resident!.id, { at, erasure: true })).toBe(false);

    const stored = await db().privacy.storedResident(resident!.id);
    expect(stored).toMatchObject({
      id: resident!.id,
      names: [],
      address: '',
      naturalKey: `anonymised|${resident!.id}`,
      source: { list: '', row: 0 },
    });
    expect(stored).not.toHaveProperty('erasedAt');
    // The same list imported again is a new household: the old keys no longer match it.
    const again = await db().residents.importMany(estate.area.id, [
      {
        names: ['Ove Christensen'],
        address: 'Gudrunsvej 10',
        moveInDate: '2026-11-17',
        source: { list: 'nov.csv', row: 2 },
      },
    ]);
    expect(again.inserted).toBe(1);
  });

  it('when documents in several collections name an id, then `referencing` finds each of them', async () => {
    const estate = await createEstate(db());
    const ambassador = await estate.ambassador('Birgit Sørensen', `b${Date.now()}`);
    const [resident] = await estate.assign(ambassador, [
      { names: ['Jonas Madsen'], address: 'Gudrunsvej 12' },
    ]);
    await db().checkIns.create({
      personId: ambassador.id,
      areaId: estate.area.id,
      due: new Date(),
    });

    const found = await db().privacy.referencing([ambassador.id]);

    expect(found.map((entry) => entry.collection).sort()).toEqual(['CheckIn', 'Visit']);
    const visits = await db().privacy.referencing([resident!.id]);
    expect(visits).toEqual([
      { collection: 'Visit', documents: [expect.objectContaining({ residentId: resident!.id })] },
    ]);
  });
});
