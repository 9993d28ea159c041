import { DateTime } from 'luxon';
import type { CheckIn, Person } from '../../models/types.js';

/**
 * When each ambassador is asked for a check-in: every `checkInEveryWeeks` weeks, on a day of the
 * cycle fixed by their person id, so a corps of 46 is not asked on the same morning. Someone whose
 * day was missed (the worker was down, they were on holiday) is asked at the next daily run.
 */
export const DEFAULT_CHECK_IN_EVERY_WEEKS = 6;

/** A stable number from the id (FNV-1a): the same person always gets the same day of the cycle. */
export function cycleOffsetDays(personId: string, cycleDays: number): number {
  let hash = 0x811c9dc5;
  for (const character of personId) {
    hash ^= character.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % cycleDays;
}

export interface CadenceInput {
  personId: string;
  /** The local calendar day being planned. */
  today: DateTime;
  everyWeeks: number;
  /** Due time of the person's latest check-in, if any. */
  lastDue: Date | undefined;
}

export function isCheckInDue(input: CadenceInput): boolean {
  if (!Number.isFinite(input.everyWeeks) || input.everyWeeks <= 0) return false;
  const cycleDays = Math.round(input.everyWeeks * 7);
  // Whole days since 1970-01-01 of the local calendar day, independent of the zone's offset.
  const dayNumber = Math.round(
    DateTime.fromISO(input.today.toISODate() ?? '', { zone: 'utc' }).toMillis() / 86_400_000,
  );
  const isTheirDay = (dayNumber + cycleOffsetDays(input.personId, cycleDays)) % cycleDays === 0;
  if (!input.lastDue) return isTheirDay;
  const daysSince = input.today.diff(DateTime.fromJSDate(input.lastDue), 'days').days;
  // On their day, unless one was just held (on demand); and never more than a week overdue.
  return (isTheirDay && daysSince >= cycleDays - 7) || daysSince >= cycleDays + 7;
}

/** Ambassadors who take part: not left, and not on a break that lasts beyond now. */
export function isAvailableForCheckIn(person: Person, now: Date): boolean {
  if (person.status.state === 'left') return false;
  if (person.status.state === 'paused') {
    return person.status.pausedUntil !== undefined && person.status.pausedUntil <= now;
  }
  return true;
}

export function latestDue(checkIns: readonly CheckIn[]): Date | undefined {
  return checkIns.reduce<Date | undefined>(
    (latest, checkIn) => (!latest || checkIn.due > latest ? checkIn.due : latest),
    undefined,
  );
}
