import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../models/types.js';
import { overrunMinutes, totalMinutes } from '../../src/meetings/agenda.js';
import {
  actualMinutes,
  minutesLeftAtWarning,
  summarise,
  timerDueAt,
} from '../../src/meetings/timebox.js';

const item = (
  title: string,
  timeboxMinutes: number,
  rest: Partial<AgendaItem> = {},
): AgendaItem => ({
  title,
  timeboxMinutes,
  status: 'pending',
  ...rest,
});

describe('the arithmetic of a meeting', () => {
  it('when items were discussed or not, then planned and actual minutes add up per item and in all', () => {
    const summary = summarise({
      items: [
        item('Velkommen', 5, { status: 'done', actualMinutes: 7, notes: 'a\nb' }),
        item('Erfaringer', 20, { status: 'done', actualMinutes: 18 }),
        item('Oplæg', 30, { status: 'pending' }),
      ],
    });
    expect(summary.plannedTotal).toBe(55);
    expect(summary.actualTotal).toBe(25);
    expect(summary.differenceOnDiscussed).toBe(0);
    expect(summary.skipped).toBe(1);
    expect(summary.rows.map((row) => row.actualMinutes)).toEqual([7, 18, null]);
    expect(summary.rows[0]?.notes).toEqual(['a', 'b']);
  });

  it('when a timebox runs, then the warning comes at 80 % and the end at 100 %', () => {
    const started = new Date('2026-12-12T16:00:00Z');
    expect(timerDueAt(started, 20, 'warn80').toISOString()).toBe('2026-12-12T16:16:00.000Z');
    expect(timerDueAt(started, 20, 'end').toISOString()).toBe('2026-12-12T16:20:00.000Z');
    expect(minutesLeftAtWarning(20)).toBe(4);
    expect(minutesLeftAtWarning(2)).toBe(1);
    expect(actualMinutes(started, new Date('2026-12-12T16:07:29Z'))).toBe(7);
    expect(actualMinutes(started, new Date('2026-12-12T15:59:00Z'))).toBe(0);
  });

  it('when the items exceed the planned length, then the overrun is the difference', () => {
    const items = [item('a', 40), item('b', 65)];
    expect(totalMinutes(items)).toBe(105);
    expect(overrunMinutes(90, items)).toBe(15);
    expect(overrunMinutes(120, items)).toBe(0);
    expect(overrunMinutes(undefined, items)).toBe(0);
  });
});
