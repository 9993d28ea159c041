import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cycleOffsetDays, isCheckInDue } from '../../src/check-ins/cadence.js';

const ids = Array.from({ length: 46 }, () => randomBytes(12).toString('hex'));
const start = DateTime.fromISO('2026-11-02T10:00:00', { zone: 'Europe/Copenhagen' });

describe('the check-in cadence', () => {
  it('when a corps of 46 runs on a six-week cycle, then each is asked once and the days are spread', () => {
    const perDay = new Map<number, number>();
    for (const id of ids) {
      const days = Array.from({ length: 42 }, (_, offset) => offset).filter((offset) =>
        isCheckInDue({
          personId: id,
          today: start.plus({ days: offset }),
          everyWeeks: 6,
          lastDue: undefined,
        }),
      );
      expect(days).toHaveLength(1);
      perDay.set(days[0] ?? -1, (perDay.get(days[0] ?? -1) ?? 0) + 1);
    }
    // Spread, not all on one morning.
    expect(perDay.size).toBeGreaterThan(20);
  });

  it('when the same person is planned twice, then they get the same day', () => {
    const id = ids[0] ?? '';
    expect(cycleOffsetDays(id, 42)).toBe(cycleOffsetDays(id, 42));
  });

  it('when a check-in was held recently, then the next waits; when one is long overdue, it comes', () => {
    const id = ids[1] ?? '';
    let day = start;
    while (!isCheckInDue({ personId: id, today: day, everyWeeks: 6, lastDue: undefined })) {
      day = day.plus({ days: 1 });
    }
    const recent = day.minus({ days: 10 }).toJSDate();
    expect(isCheckInDue({ personId: id, today: day, everyWeeks: 6, lastDue: recent })).toBe(false);
    const overdue = day.minus({ days: 60 }).toJSDate();
    expect(
      isCheckInDue({ personId: id, today: day.plus({ days: 1 }), everyWeeks: 6, lastDue: overdue }),
    ).toBe(true);
    expect(isCheckInDue({ personId: id, today: day, everyWeeks: 0, lastDue: undefined })).toBe(
      false,
    );
  });
});
