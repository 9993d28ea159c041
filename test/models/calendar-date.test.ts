import { describe, expect, it } from 'vitest';
import {
  calendarDateToUtc,
  isCalendarDate,
  utcToCalendarDate,
} from '../../models/calendar-date.js';

describe('calendar dates', () => {
  it('when a real day is given, then it is stored at UTC midnight and reads back the same', () => {
    const stored = calendarDateToUtc('2026-12-01');
    expect(stored?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(stored && utcToCalendarDate(stored)).toBe('2026-12-01');
  });

  it('when the day does not exist, then it is refused', () => {
    expect(isCalendarDate('2026-02-31')).toBe(false);
    expect(calendarDateToUtc('2026-13-01')).toBeUndefined();
    expect(isCalendarDate('1.12.2026')).toBe(false);
  });

  it('when 29 February falls in a leap year, then it is accepted', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });
});
