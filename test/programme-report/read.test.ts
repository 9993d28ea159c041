import { beforeAll, describe, expect, it } from 'vitest';
import { programmeReport } from '../../src/programme-report/index.js';
import { useTestDatabase } from '../support/database.js';
import { seedProgramme, type SeededEstate } from './support/seed-programme.js';

/**
 * The bulk read behind the report, against the embedded MongoDB: which records each window
 * brings, judged by the figures they make.
 */

const db = useTestDatabase({ now: () => new Date('2026-12-10T09:00:00.000Z') });
let estate: SeededEstate;

beforeAll(async () => {
  estate = await seedProgramme(db(), 'solbakken-read');
});

const ask = (from: string, to: string) =>
  programmeReport(db(), {
    areas: [estate.area],
    range: { from, to },
    requestedBy: { platform: 'system' },
  });

describe('the programme report read', () => {
  it('when only November is asked for, then a try at 00:30 on 1 November (local) on an October household still makes its ambassador active in November', async () => {
    const report = await ask('2026-11', '2026-11');
    expect(report.areas[0]?.months).toEqual([
      expect.objectContaining({
        month: '2026-11',
        movedIn: 6,
        activeAmbassadors: 2,
        checkInsHeld: 1,
      }),
    ]);
  });

  it('when only October is asked for, then that late try is not October activity, though its household counts as met', async () => {
    const report = await ask('2026-10', '2026-10');
    expect(report.areas[0]?.months).toEqual([
      expect.objectContaining({
        month: '2026-10',
        movedIn: 7,
        met: 5,
        activeAmbassadors: 2,
        meetingsHeld: 1,
        checkInsHeld: 0,
      }),
    ]);
  });

  it('when a month without anything is asked for, then it is there with zeros and empty rates', async () => {
    const report = await ask('2026-12', '2026-12');
    expect(report.areas[0]?.months).toEqual([
      {
        month: '2026-12',
        movedIn: 0,
        visited: 0,
        met: 0,
        folderOnly: 0,
        declined: 0,
        notReached: 0,
        inProgress: 0,
        contactRatePercent: null,
        medianDaysToFirstTry: null,
        activeAmbassadors: 0,
        meetingsHeld: 0,
        checkInsHeld: 0,
        accompanimentsOffered: 0,
        wentTogether: 0,
      },
    ]);
  });

  it('when an area id is unknown, then it reads as an area with nothing in it', async () => {
    const [facts] = await db().programmeReport.facts([
      {
        areaId: 'not-an-id',
        moveInFrom: new Date('2026-01-01T00:00:00Z'),
        moveInUntil: new Date('2027-01-01T00:00:00Z'),
        activityFrom: new Date('2026-01-01T00:00:00Z'),
        activityUntil: new Date('2027-01-01T00:00:00Z'),
      },
    ]);
    expect(facts).toEqual({
      areaId: 'not-an-id',
      households: [],
      visits: [],
      meetings: [],
      checkIns: [],
      accompaniments: [],
    });
  });
});
