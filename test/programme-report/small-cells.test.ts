import { describe, expect, it } from 'vitest';
import type { MonthFigures } from '../../src/programme-report/figures.js';
import { FEW, protectMonth } from '../../src/programme-report/small-cells.js';

function month(figures: Partial<MonthFigures>): MonthFigures {
  const base: MonthFigures = {
    month: '2026-11',
    movedIn: 0,
    visited: 0,
    met: 0,
    declined: 0,
    folderOnly: 0,
    notReached: 0,
    inProgress: 0,
    contactRate: null,
    medianDaysToFirstTry: null,
    firstTryHouseholds: 0,
    activeAmbassadors: 0,
    meetingsHeld: 0,
    checkInsHeld: 0,
    accompanimentsOffered: 0,
    wentTogether: 0,
  };
  const merged = { ...base, ...figures };
  return {
    ...merged,
    contactRate: merged.movedIn === 0 ? null : merged.met / merged.movedIn,
  };
}

describe('small cells ("<5")', () => {
  it('when a household cell holds 1 to 4, then it shows "<5"; 0 and 5 or more are shown', () => {
    const shown = protectMonth(
      month({
        movedIn: 24,
        visited: 4,
        met: 5,
        folderOnly: 0,
        declined: 1,
        notReached: 6,
        inProgress: 12,
      }),
    );
    expect(shown.visited).toBe(FEW);
    expect(shown.folderOnly).toBe(0);
    expect(shown.declined).toBe(FEW);
    expect(shown.movedIn).toBe(24);
  });

  it('when exactly one outcome is "<5" and moved in is shown, then the smallest other outcome is hidden too', () => {
    const shown = protectMonth(
      month({
        movedIn: 24,
        visited: 20,
        met: 12,
        folderOnly: 3,
        declined: 0,
        notReached: 6,
        inProgress: 3 + 0,
      }),
    );
    // met 12 + folder 3 + not reached 6 + in progress 3 = 24: two are "<5" already, nothing more.
    expect([shown.met, shown.folderOnly, shown.notReached, shown.inProgress]).toEqual([
      12,
      FEW,
      6,
      FEW,
    ]);

    const single = protectMonth(
      month({
        movedIn: 26,
        visited: 20,
        met: 12,
        folderOnly: 3,
        declined: 0,
        notReached: 5,
        inProgress: 6,
      }),
    );
    // Folder only alone would be 26 - 12 - 5 - 6 = 3: not reached (the smallest other) goes too.
    expect([
      single.met,
      single.folderOnly,
      single.declined,
      single.notReached,
      single.inProgress,
    ]).toEqual([12, FEW, 0, FEW, 6]);
  });

  it('when met is "<5", then the contact rate is "<5" too, else a whole per cent', () => {
    expect(protectMonth(month({ movedIn: 20, met: 3, inProgress: 17 })).contactRatePercent).toBe(
      FEW,
    );
    expect(protectMonth(month({ movedIn: 30, met: 7, inProgress: 23 })).contactRatePercent).toBe(
      23,
    );
  });

  it('when fewer than 5 households moved in, then every household cell and rate shows "<5"', () => {
    const shown = protectMonth(
      month({
        movedIn: 3,
        visited: 3,
        met: 2,
        folderOnly: 1,
        medianDaysToFirstTry: 4,
        firstTryHouseholds: 3,
      }),
    );
    expect(shown).toMatchObject({
      movedIn: FEW,
      visited: FEW,
      met: FEW,
      folderOnly: FEW,
      declined: 0,
      contactRatePercent: FEW,
      medianDaysToFirstTry: FEW,
    });
  });

  it('when the median rests on 4 households, then it shows "<5"; on 5, the days', () => {
    expect(
      protectMonth(month({ movedIn: 10, met: 10, medianDaysToFirstTry: 6, firstTryHouseholds: 4 }))
        .medianDaysToFirstTry,
    ).toBe(FEW);
    expect(
      protectMonth(
        month({ movedIn: 10, met: 10, medianDaysToFirstTry: 6.5, firstTryHouseholds: 5 }),
      ).medianDaysToFirstTry,
    ).toBe(6.5);
  });

  it('when nobody moved in, then rate and median are empty, not "<5"', () => {
    const shown = protectMonth(month({ activeAmbassadors: 2, meetingsHeld: 1, checkInsHeld: 3 }));
    expect(shown).toMatchObject({
      movedIn: 0,
      contactRatePercent: null,
      medianDaysToFirstTry: null,
    });
  });

  it('when ambassadors, meetings or check-ins are few, then they are shown as they are (no households)', () => {
    const shown = protectMonth(month({ activeAmbassadors: 2, meetingsHeld: 1, checkInsHeld: 3 }));
    expect([shown.activeAmbassadors, shown.meetingsHeld, shown.checkInsHeld]).toEqual([2, 1, 3]);
  });
});
