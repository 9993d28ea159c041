import { describe, expect, it } from 'vitest';
import type {
  AttemptFact,
  HouseholdFact,
  ProgrammeFacts,
  VisitFact,
} from '../../models/database.js';
import { areaFigures, median, type ReportArea } from '../../src/programme-report/figures.js';

/**
 * Each figure against hand-built records. No database and no clock: the figures are a pure
 * function of the records and the months asked for.
 */

const copenhagen: ReportArea = {
  id: 'a'.repeat(24),
  key: 'gellerup',
  name: 'Gellerup',
  timeZone: 'Europe/Copenhagen',
  settings: { firstAttemptDeadlineDays: 14 },
};

let households = 0;
function household(moveIn: string, extra: Partial<HouseholdFact> = {}): HouseholdFact {
  households += 1;
  return {
    id: `h${households}`,
    moveInDate: new Date(`${moveIn}T00:00:00.000Z`),
    anonymised: false,
    doNotVisit: false,
    ...extra,
  };
}

function attempt(at: string, outcome: AttemptFact['outcome'], folderLeft: boolean | null = null) {
  return { at: new Date(at), outcome, folderLeft };
}

function visit(
  of: HouseholdFact,
  attempts: AttemptFact[],
  closed?: VisitFact['closingReason'],
  ambassadorId = 'amb-1',
): VisitFact {
  return {
    residentId: of.id,
    ambassadorId,
    status: closed ? 'closed' : 'open',
    closingReason: closed ?? null,
    folderLeft: attempts.some((a) => a.folderLeft === true)
      ? true
      : attempts.some((a) => a.folderLeft === false)
        ? false
        : null,
    attempts,
  };
}

function facts(parts: Partial<ProgrammeFacts>): ProgrammeFacts {
  return {
    areaId: copenhagen.id,
    households: [],
    visits: [],
    meetings: [],
    checkIns: [],
    accompaniments: [],
    ...parts,
  };
}

const november = { from: '2026-11', to: '2026-11' };

describe('household figures (by month of moving in)', () => {
  it('when households have different outcomes, then each is counted once in exactly one outcome', () => {
    const met = household('2026-11-02');
    const metOnSecondVisit = household('2026-11-03');
    const declinedWithFolder = household('2026-11-04');
    const folderInMailbox = household('2026-11-05');
    const triesUsedUp = household('2026-11-06');
    const doNotVisit = household('2026-11-07', { doNotVisit: true });
    const openWithoutTry = household('2026-11-08');
    const notHandedOut = household('2026-11-09');
    const openNotHome = household('2026-11-10');
    const all = [
      met,
      metOnSecondVisit,
      declinedWithFolder,
      folderInMailbox,
      triesUsedUp,
      doNotVisit,
      openWithoutTry,
      notHandedOut,
      openNotHome,
    ];
    const visits = [
      visit(met, [attempt('2026-11-04T16:00:00Z', 'met', true)], 'met'),
      // Handed back when the first ambassador left, then met by another one.
      visit(metOnSecondVisit, [attempt('2026-11-05T16:00:00Z', 'not_home')], 'not_reached'),
      visit(metOnSecondVisit, [attempt('2026-11-20T16:00:00Z', 'met')], 'met', 'amb-2'),
      visit(declinedWithFolder, [attempt('2026-11-06T16:00:00Z', 'declined', true)], 'declined'),
      visit(
        folderInMailbox,
        [
          attempt('2026-11-07T16:00:00Z', 'not_home', false),
          attempt('2026-11-10T16:00:00Z', 'not_home', true),
        ],
        'folder_delivered_not_met',
      ),
      visit(
        triesUsedUp,
        [
          attempt('2026-11-08T16:00:00Z', 'not_home', false),
          attempt('2026-11-11T16:00:00Z', 'not_home', false),
        ],
        'not_reached',
      ),
      visit(openWithoutTry, []),
      visit(openNotHome, [attempt('2026-11-12T16:00:00Z', 'not_home', false)]),
    ];

    const [month] = areaFigures(copenhagen, facts({ households: all, visits }), november).months;

    expect(month).toMatchObject({
      month: '2026-11',
      movedIn: 9,
      visited: 6,
      met: 2,
      declined: 1,
      folderOnly: 1,
      notReached: 2,
      inProgress: 3,
    });
    expect(month!.contactRate).toBeCloseTo(2 / 9);
  });

  it('when a household moved in on the last or the first day of a month, then its calendar month counts, whatever the zone', () => {
    const lastOfNovember = household('2026-11-30');
    const firstOfDecember = household('2026-12-01');
    const figures = areaFigures(
      copenhagen,
      facts({ households: [lastOfNovember, firstOfDecember] }),
      { from: '2026-11', to: '2026-12' },
    );
    expect(figures.months.map((m) => [m.month, m.movedIn])).toEqual([
      ['2026-11', 1],
      ['2026-12', 1],
    ]);
  });

  it('when nobody moved in, then the month is there with zeros and no rate or median', () => {
    const figures = areaFigures(copenhagen, facts({}), { from: '2026-10', to: '2026-12' });
    expect(figures.months.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(figures.months[1]).toMatchObject({
      movedIn: 0,
      contactRate: null,
      medianDaysToFirstTry: null,
      activeAmbassadors: 0,
    });
  });

  it('when households moved in outside the months asked for, then they are not counted', () => {
    const figures = areaFigures(
      copenhagen,
      facts({ households: [household('2026-10-31'), household('2026-12-01')] }),
      november,
    );
    expect(figures.months).toHaveLength(1);
    expect(figures.months[0]!.movedIn).toBe(0);
  });
});

describe('median days from moving in to the first try', () => {
  it('when the first try is late in the evening, then its day is the local day in the area', () => {
    const one = household('2026-11-02');
    // 23:30 UTC on 5 November is 00:30 on 6 November in Copenhagen: 4 days after moving in.
    const visits = [visit(one, [attempt('2026-11-05T23:30:00Z', 'not_home')])];
    const [month] = areaFigures(copenhagen, facts({ households: [one], visits }), november).months;
    expect(month!.medianDaysToFirstTry).toBe(4);
    expect(month!.firstTryHouseholds).toBe(1);

    const reykjavik = { ...copenhagen, timeZone: 'Atlantic/Reykjavik' };
    const [there] = areaFigures(reykjavik, facts({ households: [one], visits }), november).months;
    expect(there!.medianDaysToFirstTry).toBe(3);
  });

  it('when a household had several tries and visits, then the earliest try counts', () => {
    const one = household('2026-11-01');
    const visits = [
      visit(one, [attempt('2026-11-20T10:00:00Z', 'met')], 'met', 'amb-2'),
      visit(one, [attempt('2026-11-11T10:00:00Z', 'not_home')], 'not_reached'),
    ];
    const [month] = areaFigures(copenhagen, facts({ households: [one], visits }), november).months;
    expect(month!.medianDaysToFirstTry).toBe(10);
  });

  it('when the counts are even, then the median is the mean of the middle two; a try before moving in is day 0', () => {
    const homes = ['2026-11-10', '2026-11-10', '2026-11-10', '2026-11-10'].map((day) =>
      household(day),
    );
    const visits = [
      visit(homes[0]!, [attempt('2026-11-08T10:00:00Z', 'met')], 'met'), // before: 0
      visit(homes[1]!, [attempt('2026-11-12T10:00:00Z', 'met')], 'met'), // 2
      visit(homes[2]!, [attempt('2026-11-15T10:00:00Z', 'met')], 'met'), // 5
      visit(homes[3]!, [attempt('2026-11-30T10:00:00Z', 'met')], 'met'), // 20
    ];
    const [month] = areaFigures(copenhagen, facts({ households: homes, visits }), november).months;
    expect(month!.medianDaysToFirstTry).toBe(3.5);
    expect(median([7, 1, 3])).toBe(3);
  });

  it('when a household is anonymised, then it counts as visited but not in the median (its day is gone)', () => {
    const kept = household('2026-11-02');
    const anonymised = household('2026-11-01', { anonymised: true, doNotVisit: true });
    const visits = [
      visit(kept, [attempt('2026-11-04T10:00:00Z', 'met')], 'met'),
      visit(anonymised, [attempt('2026-11-25T10:00:00Z', 'met')], 'met'),
    ];
    const [month] = areaFigures(
      copenhagen,
      facts({ households: [kept, anonymised], visits }),
      november,
    ).months;
    expect(month).toMatchObject({ visited: 2, met: 2, firstTryHouseholds: 1 });
    expect(month!.medianDaysToFirstTry).toBe(2);
  });
});

describe('activity figures (by local month of what happened)', () => {
  it('when ambassadors try doors around midnight at the turn of a month, then the local month counts', () => {
    const one = household('2026-11-02');
    const other = household('2026-07-01');
    const visits = [
      visit(one, [
        attempt('2026-11-05T10:00:00Z', 'not_home'),
        attempt('2026-11-09T10:00:00Z', 'not_home'),
      ]),
      // 00:30 on 1 December in Copenhagen (winter time, UTC+1).
      visit(one, [attempt('2026-11-30T23:30:00Z', 'met')], 'met', 'amb-2'),
      // 00:30 on 1 August in Copenhagen (summer time, UTC+2).
      visit(other, [attempt('2026-07-31T22:30:00Z', 'met')], 'met', 'amb-3'),
    ];
    const figures = areaFigures(copenhagen, facts({ households: [one, other], visits }), {
      from: '2026-07',
      to: '2026-12',
    });
    const active = Object.fromEntries(figures.months.map((m) => [m.month, m.activeAmbassadors]));
    expect(active).toEqual({
      '2026-07': 0,
      '2026-08': 1,
      '2026-09': 0,
      '2026-10': 0,
      '2026-11': 1,
      '2026-12': 1,
    });
  });

  it('when meetings and check-ins happen, then only those held count, in the local month', () => {
    const figures = areaFigures(
      copenhagen,
      facts({
        meetings: [
          // 00:15 on 1 January 2027 in Copenhagen.
          {
            status: 'finished',
            startsAt: new Date('2026-12-31T23:00:00Z'),
            startedAt: new Date('2026-12-31T23:15:00Z'),
          },
          {
            status: 'running',
            startsAt: new Date('2026-12-10T16:00:00Z'),
            startedAt: new Date('2026-12-10T16:05:00Z'),
          },
          { status: 'planned', startsAt: new Date('2026-12-12T16:00:00Z'), startedAt: null },
          { status: 'draft', startsAt: new Date('2026-12-14T16:00:00Z'), startedAt: null },
        ],
        checkIns: [
          // 00:30 on 1 November in Copenhagen (winter time began 25 October).
          {
            status: 'answered',
            due: new Date('2026-10-20T09:00:00Z'),
            answeredAt: new Date('2026-10-31T23:30:00Z'),
          },
          {
            status: 'answered',
            due: new Date('2026-12-03T09:00:00Z'),
            answeredAt: new Date('2026-12-04T09:00:00Z'),
          },
          { status: 'missed', due: new Date('2026-12-05T09:00:00Z'), answeredAt: null },
          { status: 'pending', due: new Date('2026-12-06T09:00:00Z'), answeredAt: null },
        ],
      }),
      { from: '2026-10', to: '2027-01' },
    );
    const held = figures.months.map((m) => [m.month, m.meetingsHeld, m.checkInsHeld]);
    expect(held).toEqual([
      ['2026-10', 0, 0],
      ['2026-11', 0, 1],
      ['2026-12', 1, 1],
      ['2027-01', 1, 0],
    ]);
  });

  it('when ambassadors went along with new residents (følgeskab), then the offers and those that went together count in the local month they were made', () => {
    const figures = areaFigures(
      copenhagen,
      facts({
        accompaniments: [
          // 00:30 on 1 December in Copenhagen is still 30 November in UTC.
          { createdAt: new Date('2026-11-30T23:30:00Z'), outcome: 'went_together' },
          { createdAt: new Date('2026-11-12T10:00:00Z'), outcome: 'went_alone' },
          { createdAt: new Date('2026-11-13T10:00:00Z'), outcome: 'went_together' },
          { createdAt: new Date('2026-11-14T10:00:00Z'), outcome: null },
        ],
      }),
      { from: '2026-11', to: '2026-12' },
    );
    expect(figures.months.map((m) => [m.month, m.accompanimentsOffered, m.wentTogether])).toEqual([
      ['2026-11', 3, 1],
      ['2026-12', 1, 1],
    ]);
  });
});
