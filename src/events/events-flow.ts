import { DateTime } from 'luxon';
import type { CommunityEvent, EventAnswer, Person } from '../../models/types.js';
import { isNaboError } from '../../kernel/errors.js';
import { requireCoordinator } from '../core/coordinator-guard.js';
import { sourceEventOf, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { MessageSection, OutboundMessage } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import { ambassadorAreaIds, coordinatedAreaIds } from '../corps/roles.js';
import { catalogFor } from '../i18n/catalog.js';
import { isLocale } from '../i18n/locale.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { firstName } from '../meetings/access.js';
import {
  countAnswers,
  EVENT_ANSWERS,
  eventLine,
  expectedAt,
  invitedPeople,
  inviteesOf,
  isEventAnswer,
} from './community-events.js';
import { eventReminderAt } from './event-reminders.js';
import { parseAnnouncement } from './parse-announcement.js';

/**
 * Phase 2 of the handbook, a community of ambassadors: the coordinator announces a course, talk or
 * social event in her own words; after one look at the preview it goes to every active
 * ambassador of her areas with three buttons (kommer / måske / kommer ikke). Those coming are
 * reminded the day before; at or after the event the coordinator takes attendance, which the
 * status uses to show who has not joined anything for a long while. "arrangementer" shows the
 * coming events — with the answers for the coordinator, with one's own answer and the buttons to
 * change it for an ambassador.
 */
export const EVENTS_FLOW = 'events';

const ANNOUNCE =
  /^(?:arrangement|invitation|inviter(?:\s+til)?|event|invite(?:\s+to)?)\s*[:–—-]?\s+([\s\S]+)$/i;
const OVERVIEW = /^(?:arrangementer|events|tilmeldinger|sign-?ups)[.!?]?$/;
/** Attendance can be taken for events held in this many days before today. */
const ATTENDANCE_DAYS = 30;

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const words = text.trim().replace(/^\/nabo\s+/i, '');
  if (OVERVIEW.test(foldDiacritics(words))) {
    await showOverview(turn);
    return true;
  }
  const announced = ANNOUNCE.exec(words);
  if (!announced) return false;
  if (!(await requireCoordinator(turn, 'events:announce'))) return true;
  await previewAnnouncement(turn, announced[1] ?? '');
  return true;
}

/** The event as a draft and the preview with "Send" — nothing reaches anybody before that press. */
async function previewAnnouncement(turn: Turn, words: string): Promise<void> {
  const parsed = parseAnnouncement(words, { now: turn.now, zone: turn.zone });
  if (!parsed.ok) {
    await turn.say(turn.text.eventProblem(parsed.problem));
    return;
  }
  const areaIds = coordinatedAreaIds(turn.person);
  const [areas, ambassadors] = await Promise.all([
    Promise.all(areaIds.map((id) => turn.deps.db.areas.findById(id))),
    Promise.all(areaIds.map((id) => turn.deps.db.people.listByArea(id, 'ambassador'))),
  ]);
  const invitees = inviteesOf(ambassadors);
  if (invitees.length === 0) {
    await turn.say(turn.text.eventNoInvitees());
    return;
  }
  const source = sourceEventOf(turn);
  const draft = await turn.deps.db.communityEvents.create({
    ...parsed.announcement,
    areaIds,
    createdBy: turn.person.id,
    invitedPersonIds: invitees.map((person) => person.id),
    ...(source ? { sourceEvent: source } : {}),
  });
  const areaNames = areas.flatMap((area) => (area ? [area.name] : [])).join(', ');
  await turn.say({
    text: turn.text.eventPreview(lineFor(turn, draft), invitees.length, areaNames),
    choices: [
      {
        label: turn.text.eventSendButton(),
        style: 'primary',
        action: { flow: EVENTS_FLOW, step: 'send', value: draft.id },
      },
      {
        label: turn.text.eventCancelButton(),
        action: { flow: EVENTS_FLOW, step: 'cancel', value: draft.id },
      },
    ],
  });
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  switch (action.step) {
    case 'send':
      return sendInvitations(turn, action.value, source);
    case 'cancel':
      return cancelDraft(turn, action.value, source);
    case 'answer':
      return recordAnswer(turn, action.value, source);
    case 'attendance':
      return showAttendance(turn, action.value);
    case 'attended':
      return recordAttendance(turn, action.value, source);
    default:
      return;
  }
}

async function ownEvent(turn: Turn, eventId: string, tried: string) {
  const event = await turn.deps.db.communityEvents.findById(eventId);
  if (!event) {
    await turn.say(turn.text.eventGone());
    return null;
  }
  return (await requireCoordinator(turn, tried, event.areaIds[0])) ? event : null;
}

async function sendInvitations(turn: Turn, eventId: string, source: MessageRef | undefined) {
  const event = await ownEvent(turn, eventId, 'events:send');
  if (!event) return;
  // Claimed first: a second press of a stale "Send" finds it sent and invites nobody twice.
  if (!(await turn.deps.db.communityEvents.markSent(event.id, turn.now))) {
    await turn.say(turn.text.eventSent(event.invitations.length, []));
    return;
  }
  const unreachable: string[] = [];
  let sent = 0;
  const people = await invitedPeople(turn.deps.db, [event]);
  for (const invitation of event.invitations) {
    const person = people.get(invitation.personId);
    if (!person) continue;
    const delivered = turn.deps.notifier
      ? await turn.deps.notifier.sendToPerson(person.id, invitationFor(turn, event, person))
      : 'unreachable';
    if (delivered === 'sent') sent += 1;
    else unreachable.push(firstName(person.name));
  }
  const reminderAt = eventReminderAt(event.startsAt, turn.zone, turn.now);
  if (reminderAt) await turn.deps.eventReminders?.scheduleEventReminder(event.id, reminderAt);
  turn.deps.logger.info(
    { eventId: event.id, invited: event.invitations.length, sent },
    'event invitations sent',
  );
  if (source) await turn.replace(source, lineFor(turn, event));
  await turn.say(turn.text.eventSent(sent, unreachable));
}

async function cancelDraft(turn: Turn, eventId: string, source: MessageRef | undefined) {
  const event = await ownEvent(turn, eventId, 'events:cancel');
  if (!event) return;
  await turn.deps.db.communityEvents.deleteDraft(event.id);
  if (source) await turn.replace(source, turn.text.eventCancelled());
  else await turn.say(turn.text.eventCancelled());
}

/** The invitation in the invitee's own language, with the three answers as buttons. */
function invitationFor(turn: Turn, event: CommunityEvent, person: Person): OutboundMessage {
  const locale = isLocale(person.locale) ? person.locale : turn.locale;
  const text = catalogFor(locale);
  return {
    text: text.eventInvitation(
      firstName(turn.person.name),
      eventLine(event, text, locale, turn.zone),
    ),
    choices: answerChoices(event.id, text),
  };
}

function answerChoices(eventId: string, text: Turn['text']) {
  return EVENT_ANSWERS.map((answer) => ({
    label: text.eventAnswerLabel(answer),
    ...(answer === 'coming' ? { style: 'primary' as const } : {}),
    action: { flow: EVENTS_FLOW, step: 'answer', value: `${eventId}:${answer}` },
  }));
}

async function recordAnswer(turn: Turn, value: string, source: MessageRef | undefined) {
  const [eventId = '', answer = ''] = value.split(':');
  if (!isEventAnswer(answer)) return;
  let event: CommunityEvent;
  try {
    event = await turn.deps.db.communityEvents.answer(
      eventId,
      turn.person.id,
      answer,
      turn.now,
      sourceEventOf(turn),
    );
  } catch (error) {
    if (isNaboError(error) && error.code === 'NOT_FOUND') {
      await turn.say(turn.text.eventNotInvited());
      return;
    }
    throw error;
  }
  // The buttons go once answered ("arrangementer" brings them back to change the answer); the
  // answer follows as a message of its own, as after every button.
  if (source) await turn.replace(source, lineFor(turn, event));
  await turn.say(turn.text.eventAnswered(lineFor(turn, event), answer as EventAnswer));
}

async function showOverview(turn: Turn): Promise<void> {
  const coordinated = coordinatedAreaIds(turn.person);
  if (coordinated.length > 0) {
    await turn.say(await coordinatorOverview(turn, coordinated));
    return;
  }
  const events = (
    await turn.deps.db.communityEvents.listUpcoming(ambassadorAreaIds(turn.person), turn.now)
  ).filter((event) => event.invitations.some((entry) => entry.personId === turn.person.id));
  if (events.length === 0) {
    await turn.say(turn.text.eventsNone());
    return;
  }
  await turn.say({
    text: turn.text.eventsTitle(),
    sections: events.map((event) => ({
      text: `${lineFor(turn, event)}\n${turn.text.eventOwnAnswer(
        event.invitations.find((entry) => entry.personId === turn.person.id)?.answer,
      )}`,
      choices: answerChoices(event.id, turn.text),
    })),
  });
}

async function coordinatorOverview(turn: Turn, areaIds: string[]): Promise<OutboundMessage> {
  const db = turn.deps.db;
  const since = DateTime.fromJSDate(turn.now).minus({ days: ATTENDANCE_DAYS }).toJSDate();
  const [upcoming, recent] = await Promise.all([
    db.communityEvents.listUpcoming(areaIds, turn.now),
    db.communityEvents.listStartedBetween(areaIds, since, turn.now),
  ]);
  if (upcoming.length === 0 && recent.length === 0) return { text: turn.text.eventsNone() };
  const names = await namesOf(turn, [...upcoming, ...recent]);
  const sections: MessageSection[] = upcoming.map((event) => {
    const coming = expectedAt(event).flatMap((id) => names.get(id) ?? []);
    return {
      text: [
        lineFor(turn, event),
        turn.text.eventCounts(countAnswers(event)),
        ...(coming.length > 0 ? [turn.text.eventComingNames(coming)] : []),
      ].join('\n'),
    };
  });
  if (recent.length > 0) sections.push({ text: turn.text.eventsRecent() });
  for (const event of recent) {
    sections.push({
      text: lineFor(turn, event),
      choices: [
        {
          label: turn.text.eventAttendanceButton(),
          action: { flow: EVENTS_FLOW, step: 'attendance', value: event.id },
        },
      ],
    });
  }
  return {
    text: upcoming.length > 0 ? turn.text.eventsTitle() : turn.text.eventsNone(),
    sections,
  };
}

async function showAttendance(turn: Turn, eventId: string): Promise<void> {
  const event = await ownEvent(turn, eventId, 'events:attendance');
  if (event) await turn.say(await attendanceSheet(turn, event));
}

/** One line per person expected (or already marked), each with "Kom" / "Kom ikke". */
async function attendanceSheet(turn: Turn, event: CommunityEvent): Promise<OutboundMessage> {
  const names = await namesOf(turn, [event]);
  const rows = event.invitations.filter(
    (entry) => entry.answer !== 'not_coming' || entry.attended !== undefined,
  );
  return {
    text: turn.text.eventAttendanceTitle(lineFor(turn, event)),
    sections: rows.map((entry) => ({
      text: turn.text.eventAttendancePerson(names.get(entry.personId) ?? '—', entry.attended),
      choices: [
        {
          label: turn.text.eventAttendedButton(),
          action: { flow: EVENTS_FLOW, step: 'attended', value: `${event.id}:${entry.personId}:1` },
        },
        {
          label: turn.text.eventAbsentButton(),
          action: { flow: EVENTS_FLOW, step: 'attended', value: `${event.id}:${entry.personId}:0` },
        },
      ],
    })),
  };
}

async function recordAttendance(turn: Turn, value: string, source: MessageRef | undefined) {
  const [eventId = '', personId = '', came = ''] = value.split(':');
  const event = await ownEvent(turn, eventId, 'events:attendance');
  if (!event) return;
  try {
    const updated = await turn.deps.db.communityEvents.setAttended(
      event.id,
      personId,
      came === '1',
    );
    const sheet = await attendanceSheet(turn, updated);
    if (source) await turn.replace(source, sheet);
    else await turn.say(sheet);
  } catch (error) {
    if (isNaboError(error) && error.code === 'NOT_FOUND') {
      await turn.say(turn.text.eventNotInvited());
      return;
    }
    throw error;
  }
}

async function namesOf(
  turn: Turn,
  events: readonly CommunityEvent[],
): Promise<Map<string, string>> {
  const people = await invitedPeople(turn.deps.db, events);
  return new Map([...people].map(([id, person]) => [id, firstName(person.name)]));
}

function lineFor(turn: Turn, event: CommunityEvent): string {
  return eventLine(event, turn.text, turn.locale, turn.zone);
}

export const eventsFlow: Flow = { name: EVENTS_FLOW, onMessage, onAction };
