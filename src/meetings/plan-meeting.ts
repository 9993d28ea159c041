import type { NaboDatabase } from '../../models/database.js';
import type {
  ActionItem,
  AgendaProposal,
  Meeting,
  MeetingChanges,
  Person,
} from '../../models/types.js';
import { NaboError } from '../../kernel/errors.js';
import { areaIdsWithRole } from './access.js';
import { newItem } from './agenda.js';
import type { ParsedAgendaItem } from './parse-agenda.js';

/**
 * Planning a network meeting: the agenda is stored as a draft while the coordinator looks it
 * over, becomes planned when confirmed, and can be changed until it has been discussed. Open
 * action items of the area's last meeting come along, so nothing agreed is forgotten.
 */

/** A meeting that started this long ago still counts as "the meeting" for edits and actions. */
const RECENT_MS = 12 * 60 * 60_000;

export interface DraftInput {
  areaId: string;
  coordinatorId: string;
  title: string;
  startsAt: Date;
  plannedMinutes: number | null;
  items: readonly ParsedAgendaItem[];
  /** The event whose turn drafts it: the same event again gets the same draft back. */
  sourceEvent?: string;
}

export async function createDraft(db: NaboDatabase, input: DraftInput): Promise<Meeting> {
  const carried = await openActionsOfLastMeeting(db, input.areaId);
  return db.meetings.create({
    areaId: input.areaId,
    coordinatorId: input.coordinatorId,
    title: input.title,
    startsAt: input.startsAt,
    ...(input.plannedMinutes !== null ? { plannedMinutes: input.plannedMinutes } : {}),
    status: 'draft',
    items: input.items.map((item) => newItem(item.title, item.timeboxMinutes)),
    actionItems: carried,
    ...(input.sourceEvent ? { sourceEvent: input.sourceEvent } : {}),
  });
}

async function openActionsOfLastMeeting(db: NaboDatabase, areaId: string): Promise<ActionItem[]> {
  const finished = (await db.meetings.listByArea(areaId)).filter(
    (meeting) => meeting.status === 'finished',
  );
  const last = finished.at(-1);
  if (!last) return [];
  return last.actionItems
    .filter((action) => !action.done)
    .map((action) => ({ ...action, carriedFrom: action.carriedFrom ?? last.id }));
}

/** Meetings of the areas the person coordinates. */
async function coordinatedMeetings(db: NaboDatabase, person: Person): Promise<Meeting[]> {
  const lists = await Promise.all(
    areaIdsWithRole(person, 'coordinator').map((areaId) => db.meetings.listByArea(areaId)),
  );
  return lists.flat();
}

export async function runningMeetingFor(db: NaboDatabase, person: Person): Promise<Meeting | null> {
  return (
    (await coordinatedMeetings(db, person)).find((meeting) => meeting.status === 'running') ?? null
  );
}

/**
 * The meeting a coordinator's edit is about: the one under way, else the draft written last,
 * else the next planned one.
 */
export async function meetingToEdit(
  db: NaboDatabase,
  person: Person,
  now: Date,
): Promise<Meeting | null> {
  const meetings = await coordinatedMeetings(db, person);
  const running = meetings.find((meeting) => meeting.status === 'running');
  if (running) return running;
  const drafts = meetings
    .filter((meeting) => meeting.status === 'draft')
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (drafts.length > 0) return drafts.at(-1) ?? null;
  return nextPlanned(meetings, now);
}

/** The meeting to start: the planned (or draft) one closest to now. */
export async function meetingToStart(
  db: NaboDatabase,
  person: Person,
  now: Date,
): Promise<Meeting | null> {
  const candidates = (await coordinatedMeetings(db, person)).filter(
    (meeting) => meeting.status === 'planned' || meeting.status === 'draft',
  );
  const distance = (meeting: Meeting): number =>
    Math.abs(meeting.startsAt.getTime() - now.getTime());
  return candidates.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/** Where "aktion: …" and "aktion 1 klar" go: the running meeting, else the latest that ended. */
export async function meetingForActions(
  db: NaboDatabase,
  person: Person,
  now: Date,
): Promise<Meeting | null> {
  const meetings = await coordinatedMeetings(db, person);
  const running = meetings.find((meeting) => meeting.status === 'running');
  if (running) return running;
  const upcoming = await meetingToEdit(db, person, now);
  if (upcoming) return upcoming;
  return (
    meetings
      .filter((meeting) => meeting.status === 'finished')
      .sort((a, b) => (a.endedAt?.getTime() ?? 0) - (b.endedAt?.getTime() ?? 0))
      .at(-1) ?? null
  );
}

/** The area's next planned meeting an ambassador can propose topics for. */
export async function upcomingMeetingForAmbassador(
  db: NaboDatabase,
  person: Person,
  now: Date,
): Promise<Meeting | null> {
  const lists = await Promise.all(
    areaIdsWithRole(person, 'ambassador').map((areaId) => db.meetings.listByArea(areaId)),
  );
  return nextPlanned(lists.flat(), now);
}

function nextPlanned(meetings: readonly Meeting[], now: Date): Meeting | null {
  return (
    meetings
      .filter(
        (meeting) =>
          meeting.status === 'planned' && meeting.startsAt.getTime() > now.getTime() - RECENT_MS,
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0] ?? null
  );
}

/**
 * Read, change, write back only if nobody changed the meeting in between; a few tries when an
 * ambassador's proposal or a timer lands at the same moment.
 */
export async function changeMeeting(
  db: NaboDatabase,
  meetingId: string,
  change: (meeting: Meeting) => MeetingChanges,
  sourceEvent?: string,
): Promise<Meeting> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await db.meetings.findById(meetingId);
    if (!current) throw new NaboError('NOT_FOUND', `No meeting with id ${meetingId}`);
    // The same event's change again (a resumed turn): made already, not made twice.
    if (sourceEvent && current.sourceEvents?.includes(sourceEvent)) return current;
    const updated = await db.meetings.update(
      meetingId,
      change(current),
      { updatedAt: current.updatedAt },
      sourceEvent,
    );
    if (updated) return updated;
  }
  throw new NaboError('CONFLICT', `Meeting ${meetingId} changed while it was being edited`);
}

export function newProposal(
  id: string,
  title: string,
  timeboxMinutes: number,
  proposedBy: string,
  at: Date,
): AgendaProposal {
  return { id, title, timeboxMinutes, proposedBy, status: 'pending', at };
}
