import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { CheckIn, Meeting, MeetingConversation, Person } from '../../models/types.js';
import { alertMessage } from '../../src/check-ins/alerts.js';
import { isAvailableForCheckIn, isCheckInDue, latestDue } from '../../src/check-ins/cadence.js';
import { CHECK_IN_REMINDER_AFTER_MS } from '../../src/check-ins/check-in-timers.js';
import {
  askFirstQuestion,
  handleQuietCheckIn,
  openingMessages,
  type CheckInContext,
} from '../../src/check-ins/hold-check-in.js';
import { questionMessage } from '../../src/check-ins/questions.js';
import type { Clock } from '../../kernel/clock.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { proposalMessage } from '../../src/meetings/proposal-message.js';
import { catalogFor, type Catalog } from '../../src/i18n/catalog.js';
import { formatDay, type Locale } from '../../src/i18n/locale.js';
import { localeOf, zoneOf } from '../../src/core/language-and-zone.js';
import type { Logger } from '../../kernel/logger.js';
import { firstName } from '../../src/meetings/access.js';
import { agendaLines, clockTime, meetingTitle } from '../../src/meetings/agenda-message.js';
import { timerStillApplies } from '../../src/meetings/run-meeting.js';
import { minutesLeftAtWarning } from '../../src/meetings/timebox.js';
import type { BullmqMeetingTimers } from './bullmq-meeting-timers.js';
import { meetingSendKeys, type MeetingJobData } from './meeting-job-types.js';

/** Where a job's message goes: a person, and the conversation to use when there is one. */
export interface DeliveryTarget {
  personId: string;
  /** The running meeting's conversation (the coordinator who started it). */
  conversation?: MeetingConversation;
}

/** Sends one message; throws to have the job retried (the send ledger keeps it to one). */
export type Deliver = (to: DeliveryTarget, message: OutboundMessage) => Promise<void>;

export interface MeetingProcessorDeps {
  db: NaboDatabase;
  deliver: Deliver;
  timers: BullmqMeetingTimers;
  clock: Clock;
  logger: Logger;
  /** Default zone when an area is missing (the process's NABO_TIMEZONE). */
  timeZone: string;
}

/**
 * Runs one job of the meetings queue. Every job first reads the current state from MongoDB and
 * does nothing when it no longer applies (a timer for an item already left, an agenda already
 * sent, a check-in already answered); every message goes through the send ledger, so a retry or
 * a second worker never sends it twice.
 */
export function createMeetingProcessor(deps: MeetingProcessorDeps) {
  const { db, logger } = deps;

  async function sendOnce(key: string, send: () => Promise<void>): Promise<boolean> {
    if (!(await db.sendLedger.claim(key))) return false;
    try {
      await send();
    } catch (error) {
      await db.sendLedger.markFailed(key);
      throw error;
    }
    await db.sendLedger.markSent(key);
    return true;
  }

  function textFor(person: Person | null | undefined): { text: Catalog; locale: Locale } {
    const locale: Locale = localeOf(person);
    return { text: catalogFor(locale), locale };
  }

  async function zoneOfArea(areaId: string): Promise<string> {
    return zoneOf(await db.areas.findById(areaId), deps.timeZone);
  }

  function checkInContext(): CheckInContext {
    return { db, timers: deps.timers, logger, now: deps.clock.now() };
  }

  // ── Meetings ──────────────────────────────────────────────────────────────────────────────

  async function itemTimer(data: Extract<MeetingJobData, { kind: 'item-timer' }>): Promise<void> {
    const meeting = await db.meetings.findById(data.meetingId);
    const startedAt = new Date(data.startedAt);
    if (!timerStillApplies(meeting, { ...data, kind: data.timer, startedAt }) || !meeting?.runBy) {
      logger.debug(
        { meetingId: data.meetingId, item: data.itemIndex },
        'stale meeting timer dropped',
      );
      return;
    }
    const item = meeting.items[data.itemIndex];
    if (!item) return;
    const runner = await db.people.findById(meeting.runBy);
    const { text } = textFor(runner);
    const message =
      data.timer === 'warn80'
        ? text.timeboxWarning(item.title, minutesLeftAtWarning(item.timeboxMinutes))
        : text.timeboxEnded(item.title, item.timeboxMinutes);
    await sendOnce(
      meetingSendKeys.itemTimer(
        meeting.id,
        data.itemIndex,
        data.timer,
        startedAt,
        data.timeboxMinutes,
      ),
      () => deps.deliver(runnerTarget(meeting), { text: message }),
    );
  }

  function runnerTarget(meeting: Meeting): DeliveryTarget {
    return {
      personId: meeting.runBy ?? meeting.coordinatorId ?? '',
      ...(meeting.conversation ? { conversation: meeting.conversation } : {}),
    };
  }

  /** The agenda goes to every ambassador of the area, each in their language, with an invitation. */
  async function agenda(meetingId: string): Promise<void> {
    const meeting = await db.meetings.findById(meetingId);
    if (!meeting || meeting.status !== 'planned' || meeting.agendaSentAt) return;
    const zone = await zoneOfArea(meeting.areaId);
    const ambassadors = (await db.people.listByArea(meeting.areaId, 'ambassador')).filter(
      (person) => person.status.state !== 'left',
    );
    for (const ambassador of ambassadors) {
      const { text, locale } = textFor(ambassador);
      const context = { text, locale, zone };
      const message = [
        text.agendaInvitation(
          meetingTitle(meeting, text),
          formatDay(meeting.startsAt, locale, zone),
          clockTime(meeting.startsAt, zone),
        ),
        ...agendaLines(meeting, context),
        text.agendaInvitationFooter(),
      ].join('\n');
      await sendOnce(meetingSendKeys.agenda(meeting.id, ambassador.id), () =>
        deps.deliver({ personId: ambassador.id }, { text: message }),
      );
    }
    await db.meetings.update(meeting.id, { agendaSentAt: deps.clock.now() }, { status: 'planned' });
    logger.info({ meetingId: meeting.id, ambassadors: ambassadors.length }, 'agenda sent');
  }

  async function proposal(meetingId: string, proposalId: string): Promise<void> {
    const meeting = await db.meetings.findById(meetingId);
    const proposed = meeting?.proposals.find((entry) => entry.id === proposalId);
    if (!meeting || !proposed || proposed.status !== 'pending') return;
    const zone = await zoneOfArea(meeting.areaId);
    const proposer = await db.people.findById(proposed.proposedBy);
    for (const coordinator of await coordinatorsOf(meeting.areaId, meeting.coordinatorId)) {
      const { text, locale } = textFor(coordinator);
      await sendOnce(meetingSendKeys.proposal(meeting.id, proposalId, coordinator.id), () =>
        deps.deliver(
          { personId: coordinator.id },
          proposalMessage(
            { text, locale, zone },
            meeting,
            proposalId,
            proposer ? firstName(proposer.name) : '?',
          ),
        ),
      );
    }
  }

  /** The meeting's own coordinator when known, else every coordinator of the area. */
  async function coordinatorsOf(areaId: string, preferred?: string): Promise<Person[]> {
    const coordinators = await db.people.listByArea(areaId, 'coordinator');
    const chosen = coordinators.filter((person) => person.id === preferred);
    return (chosen.length > 0 ? chosen : coordinators).filter(
      (person) => person.status.state !== 'left',
    );
  }

  // ── Check-ins ─────────────────────────────────────────────────────────────────────────────

  /** Daily: opens the check-ins that are due today, spread over the cycle per person. */
  async function cadence(): Promise<void> {
    const now = deps.clock.now();
    let opened = 0;
    for (const area of await db.areas.list()) {
      const today = DateTime.fromJSDate(now, { zone: area.timeZone });
      for (const ambassador of await db.people.listByArea(area.id, 'ambassador')) {
        if (!isAvailableForCheckIn(ambassador, now)) continue;
        const history = await db.checkIns.listForPerson(ambassador.id);
        if (history.some((checkIn) => checkIn.status === 'pending')) continue;
        const due = isCheckInDue({
          personId: ambassador.id,
          today,
          everyWeeks: area.settings.checkInEveryWeeks,
          lastDue: latestDue(history),
        });
        if (!due) continue;
        const checkIn = await db.checkIns.create({
          personId: ambassador.id,
          areaId: area.id,
          due: now,
          reason: 'cadence',
        });
        await begin(checkIn.id, checkIn);
        opened += 1;
      }
    }
    logger.info({ opened }, 'check-in cadence ran');
  }

  async function begin(checkInId: string, known?: CheckIn): Promise<void> {
    const checkIn = known ?? (await db.checkIns.findById(checkInId));
    if (!checkIn || checkIn.status !== 'pending') return;
    const person = await db.people.findById(checkIn.personId);
    if (!person || person.status.state === 'left') return;
    // A retry after a failed send finds the question already marked as asked: send it again.
    const asked =
      (await askFirstQuestion(checkInContext(), checkIn)) ??
      (checkIn.answers.length === 0 && checkIn.step !== undefined ? checkIn : null);
    if (!asked) return;
    const { text } = textFor(person);
    await sendOnce(meetingSendKeys.checkInBegin(checkIn.id), async () => {
      for (const message of openingMessages(asked, person, text)) {
        await deps.deliver({ personId: person.id }, message);
      }
    });
  }

  async function quiet(checkInId: string): Promise<void> {
    const outcome = await handleQuietCheckIn(checkInContext(), checkInId);
    switch (outcome.kind) {
      case 'later':
        await deps.timers.scheduleReminder(checkInId, outcome.at);
        return;
      case 'remind': {
        const person = await db.people.findById(outcome.checkIn.personId);
        if (!person) return;
        const { text } = textFor(person);
        await sendOnce(meetingSendKeys.checkInReminder(checkInId), async () => {
          await deps.deliver({ personId: person.id }, { text: text.checkInReminder() });
          await deps.deliver(
            { personId: person.id },
            questionMessage(outcome.checkIn, outcome.question, text),
          );
        });
        await deps.timers.scheduleReminder(
          checkInId,
          new Date(deps.clock.now().getTime() + CHECK_IN_REMINDER_AFTER_MS),
        );
        return;
      }
      default:
        return;
    }
  }

  async function alert(
    checkInId: string,
    flag: Extract<MeetingJobData, { kind: 'check-in-alert' }>['flag'],
  ): Promise<void> {
    const checkIn = await db.checkIns.findById(checkInId);
    if (!checkIn) return;
    const ambassador = await db.people.findById(checkIn.personId);
    if (!ambassador) return;
    for (const coordinator of await coordinatorsOf(checkIn.areaId, checkIn.requestedBy)) {
      const { text } = textFor(coordinator);
      await sendOnce(meetingSendKeys.checkInAlert(checkIn.id, flag, coordinator.id), () =>
        deps.deliver({ personId: coordinator.id }, alertMessage(checkIn, ambassador, flag, text)),
      );
    }
    logger.info({ checkInId: checkIn.id, flag }, 'coordinator alerted');
  }

  return async function process(data: MeetingJobData): Promise<void> {
    switch (data.kind) {
      case 'item-timer':
        return itemTimer(data);
      case 'agenda':
        return agenda(data.meetingId);
      case 'proposal':
        return proposal(data.meetingId, data.proposalId);
      case 'check-in-cadence':
        return cadence();
      case 'check-in-begin':
        return begin(data.checkInId);
      case 'check-in-quiet':
        return quiet(data.checkInId);
      case 'check-in-alert':
        return alert(data.checkInId, data.flag);
    }
  };
}
