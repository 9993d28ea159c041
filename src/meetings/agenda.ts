import type { AgendaItem } from '../../models/types.js';
import { NaboError } from '../../kernel/errors.js';
import { MAX_AGENDA_ITEMS, MAX_TIMEBOX_MINUTES } from './parse-agenda.js';

/**
 * The agenda as a list of timeboxed items, and the edits a coordinator makes in chat ("tilføj
 * punkt", "flyt punkt 3 op", "fjern punkt 2", "punkt 2 15 min"). Items are numbered from 1 as
 * people see them. Pure: every edit returns a new list. During a meeting, items already
 * discussed (or under way) stay where they are; only what is still ahead can change.
 */

export type AgendaEditProblem =
  | 'no_such_item'
  | 'item_already_started'
  | 'cannot_move_further'
  | 'timebox_out_of_range'
  | 'agenda_full';

export class AgendaEditError extends NaboError {
  readonly problem: AgendaEditProblem;

  constructor(problem: AgendaEditProblem, message: string) {
    super('INVALID_INPUT', message);
    this.name = 'AgendaEditError';
    this.problem = problem;
  }
}

export type MoveTarget = 'up' | 'down' | number;

export function totalMinutes(items: readonly Pick<AgendaItem, 'timeboxMinutes'>[]): number {
  return items.reduce((sum, item) => sum + item.timeboxMinutes, 0);
}

/** How many minutes the items run over the planned length; 0 when they fit or none is planned. */
export function overrunMinutes(
  plannedMinutes: number | undefined | null,
  items: readonly Pick<AgendaItem, 'timeboxMinutes'>[],
): number {
  if (plannedMinutes === undefined || plannedMinutes === null) return 0;
  return Math.max(0, totalMinutes(items) - plannedMinutes);
}

export function endsAt(startsAt: Date, items: readonly Pick<AgendaItem, 'timeboxMinutes'>[]): Date {
  return new Date(startsAt.getTime() + totalMinutes(items) * 60_000);
}

/** When each item is planned to start, if the meeting keeps to its timeboxes. */
export function itemStarts(
  startsAt: Date,
  items: readonly Pick<AgendaItem, 'timeboxMinutes'>[],
): Date[] {
  let at = startsAt.getTime();
  return items.map((item) => {
    const start = new Date(at);
    at += item.timeboxMinutes * 60_000;
    return start;
  });
}

export function newItem(title: string, timeboxMinutes: number): AgendaItem {
  assertTimebox(timeboxMinutes);
  return { title, timeboxMinutes, status: 'pending' };
}

export function addItem(items: readonly AgendaItem[], item: AgendaItem): AgendaItem[] {
  if (items.length >= MAX_AGENDA_ITEMS) {
    throw new AgendaEditError('agenda_full', `An agenda holds at most ${MAX_AGENDA_ITEMS} items`);
  }
  assertTimebox(item.timeboxMinutes);
  return [...items, item];
}

export function removeItem(items: readonly AgendaItem[], number: number): AgendaItem[] {
  const index = pendingIndex(items, number);
  return items.filter((_, position) => position !== index);
}

export function retimeItem(
  items: readonly AgendaItem[],
  number: number,
  timeboxMinutes: number,
): AgendaItem[] {
  const index = indexOf(items, number);
  if (items[index]?.status === 'done') {
    throw new AgendaEditError('item_already_started', `Item ${number} is already done`);
  }
  assertTimebox(timeboxMinutes);
  return items.map((item, position) => (position === index ? { ...item, timeboxMinutes } : item));
}

export function moveItem(
  items: readonly AgendaItem[],
  number: number,
  to: MoveTarget,
): AgendaItem[] {
  const from = pendingIndex(items, number);
  const target = to === 'up' ? from - 1 : to === 'down' ? from + 1 : to - 1;
  const firstMovable = items.findIndex((item) => item.status === 'pending');
  if (target < firstMovable || target >= items.length || target === from) {
    throw new AgendaEditError('cannot_move_further', `Item ${number} cannot move there`);
  }
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  if (item) moved.splice(target, 0, item);
  return moved;
}

function indexOf(items: readonly AgendaItem[], number: number): number {
  if (!Number.isInteger(number) || number < 1 || number > items.length) {
    throw new AgendaEditError('no_such_item', `There is no item ${number}`);
  }
  return number - 1;
}

function pendingIndex(items: readonly AgendaItem[], number: number): number {
  const index = indexOf(items, number);
  if (items[index]?.status !== 'pending') {
    throw new AgendaEditError('item_already_started', `Item ${number} has already started`);
  }
  return index;
}

function assertTimebox(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TIMEBOX_MINUTES) {
    throw new AgendaEditError(
      'timebox_out_of_range',
      `A timebox is 1 to ${MAX_TIMEBOX_MINUTES} minutes, got ${minutes}`,
    );
  }
}
