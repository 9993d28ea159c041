import type { AgendaItem, Meeting } from '../../models/types.js';

/**
 * The clock of a running meeting: when an item's warnings fall due, how long it really took, and
 * the summary that sets planned minutes against actual ones.
 */

export type TimerKind = 'warn80' | 'end';

/** The warning comes when 80 % of the timebox is used, so there is time to round off. */
export const WARNING_SHARE = 0.8;

export function timerDueAt(startedAt: Date, timeboxMinutes: number, kind: TimerKind): Date {
  const share = kind === 'warn80' ? WARNING_SHARE : 1;
  return new Date(startedAt.getTime() + Math.round(timeboxMinutes * share * 60_000));
}

/** Minutes left when the warning comes, rounded so "1 min" is never "0 min". */
export function minutesLeftAtWarning(timeboxMinutes: number): number {
  return Math.max(1, Math.round(timeboxMinutes * (1 - WARNING_SHARE)));
}

/** Whole minutes spent on an item, never negative (a clock that stepped back). */
export function actualMinutes(startedAt: Date, endedAt: Date): number {
  return Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000));
}

export interface SummaryRow {
  number: number;
  title: string;
  plannedMinutes: number;
  /** null for an item the meeting never reached. */
  actualMinutes: number | null;
  notes: string[];
}

export interface MeetingSummary {
  rows: SummaryRow[];
  /** All items' timeboxes: what the agenda promised. */
  plannedTotal: number;
  /** Minutes actually spent on the items that were discussed. */
  actualTotal: number;
  /** Actual minus planned, for the items that were discussed (positive = over time). */
  differenceOnDiscussed: number;
  skipped: number;
}

export function summarise(meeting: Pick<Meeting, 'items'>): MeetingSummary {
  const rows = meeting.items.map((item, index) => row(item, index));
  const discussed = rows.filter((entry) => entry.actualMinutes !== null);
  const actualTotal = discussed.reduce((sum, entry) => sum + (entry.actualMinutes ?? 0), 0);
  const plannedDiscussed = discussed.reduce((sum, entry) => sum + entry.plannedMinutes, 0);
  return {
    rows,
    plannedTotal: rows.reduce((sum, entry) => sum + entry.plannedMinutes, 0),
    actualTotal,
    differenceOnDiscussed: actualTotal - plannedDiscussed,
    skipped: rows.length - discussed.length,
  };
}

function row(item: AgendaItem, index: number): SummaryRow {
  return {
    number: index + 1,
    title: item.title,
    plannedMinutes: item.timeboxMinutes,
    actualMinutes: item.status === 'done' ? (item.actualMinutes ?? 0) : null,
    notes: (item.notes ?? '').split('\n').filter((line) => line.trim() !== ''),
  };
}
