import type { NaboDatabase } from '../../models/database.js';
import type { AgendaItem, Meeting, MeetingConversation } from '../../models/types.js';
import { NaboError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import type { MeetingTimerScheduler } from './meeting-timers.js';
import { actualMinutes, type TimerKind } from './timebox.js';

/**
 * Running the network meeting, as the handbook asks: one item at a time, each with its timebox.
 * "start møde" starts the first item and its timers; "næste" records how long the item really
 * took and starts the next; the end (after the last item or "slut møde") closes the meeting.
 * Every step is a conditional write on the meeting's current item, so two "næste" at once, or a
 * timer firing just as the item ends, cannot skip an item.
 */
export interface MeetingRunContext {
  db: NaboDatabase;
  timers: MeetingTimerScheduler | undefined;
  logger: Logger;
  now: Date;
  /**
   * The inbound event moving the meeting on ("næste", "slut møde", a button): kept with the
   * meeting, so the same event run again (a resumed turn) moves it on once, not twice.
   */
  sourceEvent?: string;
}

/** The meeting as this context's event left it, when that event moved it on already. */
function alreadyMovedBy(context: MeetingRunContext, meeting: Meeting): AdvanceResult | null {
  if (!context.sourceEvent || !meeting.sourceEvents?.includes(context.sourceEvent)) return null;
  return meeting.status === 'finished' ? { kind: 'finished', meeting } : { kind: 'next', meeting };
}

export type AdvanceResult =
  | { kind: 'next'; meeting: Meeting }
  | { kind: 'finished'; meeting: Meeting }
  /** Someone else moved the meeting on first; nothing changed. */
  | { kind: 'stale'; meeting: Meeting | null };

export async function startMeeting(
  context: MeetingRunContext,
  meeting: Meeting,
  runBy: string,
  conversation: MeetingConversation,
): Promise<Meeting> {
  if (meeting.items.length === 0) {
    throw new NaboError('INVALID_INPUT', `Meeting ${meeting.id} has no items to run`);
  }
  const items: AgendaItem[] = meeting.items.map((item, index) =>
    index === 0
      ? { ...item, status: 'running', startedAt: context.now }
      : { ...item, status: 'pending' },
  );
  const started = await context.db.meetings.update(
    meeting.id,
    { status: 'running', items, currentItem: 0, runBy, conversation, startedAt: context.now },
    { status: meeting.status },
    context.sourceEvent,
  );
  if (!started) throw new NaboError('CONFLICT', `Meeting ${meeting.id} changed before it started`);
  await scheduleCurrent(context, started);
  context.logger.info({ meetingId: meeting.id, items: items.length }, 'meeting started');
  return started;
}

/** Ends the current item and starts the next one, or finishes after the last. */
export async function advance(
  context: MeetingRunContext,
  meeting: Meeting,
): Promise<AdvanceResult> {
  const before = alreadyMovedBy(context, meeting);
  if (before) return before;
  const index = meeting.currentItem;
  if (meeting.status !== 'running' || index === undefined) return { kind: 'stale', meeting };
  const nextIndex = index + 1;
  const isLast = nextIndex >= meeting.items.length;
  const items = meeting.items.map((item, position): AgendaItem => {
    if (position === index) return finishItem(item, context.now);
    if (position === nextIndex) return { ...item, status: 'running', startedAt: context.now };
    return item;
  });
  const changes = isLast
    ? { items, status: 'finished' as const, currentItem: null, endedAt: context.now }
    : { items, currentItem: nextIndex };
  const updated = await context.db.meetings.update(
    meeting.id,
    changes,
    { status: 'running', currentItem: index },
    context.sourceEvent,
  );
  if (!updated) return { kind: 'stale', meeting: await context.db.meetings.findById(meeting.id) };
  await context.timers?.cancelItem(meeting.id, index);
  if (isLast) {
    context.logger.info({ meetingId: meeting.id }, 'meeting finished after its last item');
    return { kind: 'finished', meeting: updated };
  }
  await scheduleCurrent(context, updated);
  return { kind: 'next', meeting: updated };
}

/** "slut møde": the current item ends now; items not reached stay pending in the record. */
export async function endMeeting(
  context: MeetingRunContext,
  meeting: Meeting,
): Promise<AdvanceResult> {
  const before = alreadyMovedBy(context, meeting);
  if (before) return before;
  const index = meeting.currentItem;
  if (meeting.status !== 'running' || index === undefined) return { kind: 'stale', meeting };
  const items = meeting.items.map((item, position) =>
    position === index ? finishItem(item, context.now) : item,
  );
  const updated = await context.db.meetings.update(
    meeting.id,
    { items, status: 'finished', currentItem: null, endedAt: context.now },
    { status: 'running', currentItem: index },
    context.sourceEvent,
  );
  if (!updated) return { kind: 'stale', meeting: await context.db.meetings.findById(meeting.id) };
  await context.timers?.cancelItem(meeting.id, index);
  context.logger.info({ meetingId: meeting.id }, 'meeting ended');
  return { kind: 'finished', meeting: updated };
}

function finishItem(item: AgendaItem, now: Date): AgendaItem {
  return {
    ...item,
    status: 'done',
    actualMinutes: item.startedAt ? actualMinutes(item.startedAt, now) : 0,
  };
}

/** (Re)starts the timers of the current item, e.g. after it was re-timed. */
export async function scheduleCurrent(context: MeetingRunContext, meeting: Meeting): Promise<void> {
  const index = meeting.currentItem;
  const item = index === undefined ? undefined : meeting.items[index];
  if (index === undefined || !item?.startedAt) return;
  await context.timers?.scheduleItem(meeting.id, index, item.startedAt, item.timeboxMinutes);
}

export function currentItemOf(meeting: Meeting): { index: number; item: AgendaItem } | null {
  const index = meeting.currentItem;
  const item = index === undefined ? undefined : meeting.items[index];
  return index !== undefined && item ? { index, item } : null;
}

export interface TimerCheck {
  itemIndex: number;
  kind: TimerKind;
  /** When the item started and its timebox, as they were when the timer was set. */
  startedAt: Date;
  timeboxMinutes: number;
}

/**
 * A timer speaks only for the item it was set for, as it was then: a later item, a re-timed
 * item, or an ended meeting make it a no-op.
 */
export function timerStillApplies(meeting: Meeting | null, timer: TimerCheck): boolean {
  if (!meeting || meeting.status !== 'running' || meeting.currentItem !== timer.itemIndex) {
    return false;
  }
  const item = meeting.items[timer.itemIndex];
  return (
    item !== undefined &&
    item.status === 'running' &&
    item.startedAt?.getTime() === timer.startedAt.getTime() &&
    item.timeboxMinutes === timer.timeboxMinutes
  );
}
