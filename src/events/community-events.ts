import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { CommunityEvent, EventAnswer, Person } from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import { formatDay, type Locale } from '../i18n/locale.js';
import type { EventCounts } from './messages.js';

/** How an event reads in a message: "📅 Kursus … — torsdag 14. januar kl. 17.00–19.00, i fælleshuset". */
export function eventLine(
  event: CommunityEvent,
  text: Catalog,
  locale: Locale,
  zone: string,
): string {
  const clock = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('HH.mm');
  return text.eventLine(
    event.title,
    formatDay(event.startsAt, locale, zone),
    clock(event.startsAt),
    event.endsAt ? clock(event.endsAt) : null,
    event.place,
  );
}

export function countAnswers(event: CommunityEvent): EventCounts {
  const counts: EventCounts = { coming: 0, maybe: 0, notComing: 0, unanswered: 0 };
  for (const invitation of event.invitations) {
    if (invitation.answer === 'coming') counts.coming += 1;
    else if (invitation.answer === 'maybe') counts.maybe += 1;
    else if (invitation.answer === 'not_coming') counts.notComing += 1;
    else counts.unanswered += 1;
  }
  return counts;
}

/** Who is reminded the day before and asked about at the door of the event: all but the no's. */
export function expectedAt(event: CommunityEvent): string[] {
  return event.invitations
    .filter((invitation) => invitation.answer === 'coming' || invitation.answer === 'maybe')
    .map((invitation) => invitation.personId);
}

/**
 * The people invited to these events, by id: one read of each area's ambassadors rather than
 * one per invitee (an area's whole corps is invited, so nothing is read in vain).
 */
export async function invitedPeople(
  db: NaboDatabase,
  events: readonly CommunityEvent[],
): Promise<Map<string, Person>> {
  const areaIds = [...new Set(events.flatMap((event) => event.areaIds))];
  const invited = new Set(
    events.flatMap((event) => event.invitations.map((invitation) => invitation.personId)),
  );
  const corps = await Promise.all(areaIds.map((id) => db.people.listByArea(id, 'ambassador')));
  return new Map(
    corps
      .flat()
      .filter((person) => invited.has(person.id))
      .map((person) => [person.id, person]),
  );
}

/** Active ambassadors of the areas, each once: who an event is for. */
export function inviteesOf(ambassadorsByArea: readonly Person[][]): Person[] {
  const seen = new Map<string, Person>();
  for (const person of ambassadorsByArea.flat()) {
    if (person.status.state === 'active') seen.set(person.id, person);
  }
  return [...seen.values()];
}

export const EVENT_ANSWERS: readonly EventAnswer[] = ['coming', 'maybe', 'not_coming'];

export function isEventAnswer(value: string): value is EventAnswer {
  return (EVENT_ANSWERS as readonly string[]).includes(value);
}

/**
 * Ambassadors who have not attended an event for `months` (and were with the programme that
 * long), for the coordinator's status: the handbook's worry is the volunteer who drifts away.
 */
export function inactiveSince(
  ambassadors: readonly Person[],
  lastAttended: ReadonlyMap<string, Date>,
  now: Date,
  months: number,
): Person[] {
  const cutoff = DateTime.fromJSDate(now).minus({ months }).toJSDate();
  return ambassadors.filter(
    (person) =>
      person.status.state === 'active' &&
      person.createdAt <= cutoff &&
      (lastAttended.get(person.id) ?? new Date(0)) < cutoff,
  );
}

/** How long without an event before the status names an ambassador. */
export const AWAY_FROM_EVENTS_MONTHS = 3;

/**
 * The area's ambassadors who have not come to any event for three months. Nothing to say until
 * the area has taken attendance at an event in that time: an area that holds no events, or does
 * not record who came, would otherwise list everybody.
 */
export async function awayFromEvents(
  db: NaboDatabase,
  areaId: string,
  ambassadors: readonly Person[],
  now: Date,
): Promise<Person[]> {
  const since = DateTime.fromJSDate(now).minus({ months: AWAY_FROM_EVENTS_MONTHS }).toJSDate();
  const held = await db.communityEvents.listStartedBetween([areaId], since, now);
  const attendanceTaken = held.some((event) =>
    event.invitations.some((invitation) => invitation.attended !== undefined),
  );
  if (!attendanceTaken) return [];
  const last = await db.communityEvents.lastAttended(ambassadors.map((person) => person.id));
  return inactiveSince(ambassadors, last, now, AWAY_FROM_EVENTS_MONTHS);
}
