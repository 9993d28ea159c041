import { beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../../models/types.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let visit: Visit;

beforeAll(async () => {
  const estate = await createEstate(db());
  const birgit = await estate.ambassador('Birgit', 'birgit-rd');
  await estate.assign(birgit, [{ names: ['Ove'], address: 'Datovej 1' }]);
  const [open] = await db().visits.listOpenForAmbassador(birgit.id);
  if (!open) throw new Error('no open visit');
  visit = open;
});

describe('visits (contract): moving the next try', () => {
  it('when an open visit gets a new revisit date, then it is stored without a new attempt', async () => {
    const moved = await db().visits.setRevisitDate(visit.id, '2026-12-03');
    expect(moved).toMatchObject({ revisitDate: '2026-12-03', attempts: [] });
  });

  it('when the date is not a calendar date, then INVALID_INPUT', async () => {
    await expect(db().visits.setRevisitDate(visit.id, '2026-02-30')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('when the visit is closed, then CONFLICT; when unknown, then NOT_FOUND', async () => {
    await db().visits.close(visit.id, 'met');
    await expect(db().visits.setRevisitDate(visit.id, '2026-12-04')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(db().visits.setRevisitDate('0'.repeat(24), '2026-12-04')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
