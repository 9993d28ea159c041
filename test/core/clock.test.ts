import { describe, expect, it } from 'vitest';
import {
  clockStartingAt,
  fixedClock,
  parseNow,
  processClock,
  systemClock,
} from '../../kernel/clock.js';

describe('a process clock that starts at a given moment', () => {
  it('when five minutes pass after the start, then the clock says five minutes after the start', () => {
    const real = fixedClock('2030-06-01T08:00:00Z');
    const clock = clockStartingAt(new Date('2026-12-31T22:58:00Z'), real);
    expect(clock.now().toISOString()).toBe('2026-12-31T22:58:00.000Z');
    real.advance(5 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-12-31T23:03:00.000Z');
  });

  it('when no start is configured, then the process runs on the system clock', () => {
    expect(processClock(undefined)).toBe(systemClock);
  });

  it('when a moment is written without an offset, then it is read in the estate time zone', () => {
    expect(parseNow('2027-03-28T03:00', 'Europe/Copenhagen')?.toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(parseNow('yesterday', 'Europe/Copenhagen')).toBeUndefined();
  });
});
