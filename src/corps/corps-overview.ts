import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import { assignmentMonthOf } from '../assignment/assignment-month.js';

/** One line of the corps list: who, how they are doing, how much they carry this month. */
export interface CorpsMember {
  person: Person;
  state: 'active' | 'paused' | 'awaiting_agreement';
  /** Visits handed to them this month. */
  thisMonth: number;
  /** Open visits, whatever the month. */
  open: number;
}

export interface CorpsOverview {
  areaId: string;
  areaName: string;
  members: CorpsMember[];
  /** People who have left: counted, not listed (their names stay in the history). */
  left: number;
}

export async function corpsOverview(
  db: NaboDatabase,
  areaId: string,
  now: Date,
): Promise<CorpsOverview | undefined> {
  const area = await db.areas.findById(areaId);
  if (!area) return undefined;
  const month = assignmentMonthOf(now, area.timeZone);
  const [people, visits] = await Promise.all([
    db.people.listByArea(areaId, 'ambassador'),
    db.visits.listByArea(areaId),
  ]);
  const members: CorpsMember[] = people
    .filter((person) => person.status.state !== 'left')
    .map((person) => {
      const theirs = visits.filter((visit) => visit.ambassadorId === person.id);
      return {
        person,
        state: !person.confidentialityAt
          ? 'awaiting_agreement'
          : isPaused(person, now)
            ? 'paused'
            : 'active',
        thisMonth: theirs.filter((visit) => visit.assignmentMonth === month).length,
        open: theirs.filter((visit) => visit.status === 'open').length,
      };
    });
  return {
    areaId,
    areaName: area.name,
    members,
    left: people.length - members.length,
  };
}

function isPaused(person: Person, now: Date): boolean {
  return (
    person.status.state === 'paused' &&
    (person.status.pausedUntil === undefined || person.status.pausedUntil > now)
  );
}
