import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import {
  ambassadorAssignmentMessage,
  coordinatorSummaryMessage,
  summariseAssignment,
  visitsHandedOut,
} from '../../src/assignment/assignment-messages.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { localeOf, zoneOf } from '../../src/core/language-and-zone.js';
import type { UnreachableOn } from '../../src/assignment/messages.js';
import {
  firstAttemptEscalationMessage,
  firstAttemptNudgeMessage,
  revisitReminderMessage,
} from '../../src/visits/reminder-messages.js';
import { eventLine, expectedAt } from '../../src/events/community-events.js';
import type { SendJobData } from '../job-types.js';
import { monthlyProgrammeReport } from '../programme-report-jobs.js';
import type { AssignmentBatches } from './assignment-batch.js';

export interface ComposeContext {
  db: NaboDatabase;
  now: Date;
  reachability: (person: Person) => Promise<UnreachableOn | undefined>;
  /** Hand-out messages compose from their area's batch when given (assignment-batch.ts). */
  batches?: AssignmentBatches;
}

/** The message, and the households it names (for the audit trail: who was shown whom). */
export interface ComposedMessage {
  message: OutboundMessage;
  residentIds: string[];
}

/**
 * Builds the message of a send job from MongoDB as it is now, in the recipient's language.
 * Undefined when there is nothing to say any more: the visit was closed, got another revisit
 * date, or had its first try meanwhile. A message that is no longer true is better not sent.
 */
export async function composeMessage(
  context: ComposeContext,
  person: Person,
  data: SendJobData,
): Promise<ComposedMessage | undefined> {
  const { db } = context;
  const locale = localeOf(person);
  const text = catalogFor(locale);
  switch (data.kind) {
    case 'assignment': {
      const batch = await context.batches?.get(data.areaId, data.month);
      const area = batch ? batch.area : await db.areas.findById(data.areaId);
      if (!area) return undefined;
      const visits = batch
        ? (batch.visitsByAmbassador.get(person.id) ?? [])
        : await visitsHandedOut(db, area, data.month, person.id);
      if (visits.length === 0) return undefined;
      return {
        message: ambassadorAssignmentMessage(text, locale, data.month, visits),
        residentIds: visits.map((visit) => visit.residentId),
      };
    }
    case 'assignment-summary': {
      const area = await db.areas.findById(data.areaId);
      if (!area) return undefined;
      const summary = await summariseAssignment(db, {
        area,
        month: data.month,
        now: context.now,
        reachability: context.reachability,
      });
      return { message: coordinatorSummaryMessage(text, locale, summary), residentIds: [] };
    }
    case 'programme-report': {
      const area = await db.areas.findById(data.areaId);
      if (!area) return undefined;
      return {
        message: await monthlyProgrammeReport(db, area, data.month, locale),
        residentIds: [],
      };
    }
    case 'revisit': {
      const visit = await db.visits.findById(data.visitId);
      if (!visit || visit.status !== 'open' || visit.ambassadorId !== person.id) return undefined;
      if (visit.revisitDate !== data.revisitDate) return undefined;
      return {
        message: revisitReminderMessage(text, locale, visit),
        residentIds: [visit.residentId],
      };
    }
    case 'first-attempt-nudge': {
      const visit = await db.visits.findById(data.visitId);
      if (!visit || visit.status !== 'open' || visit.attempts.length > 0) return undefined;
      if (visit.ambassadorId !== person.id) return undefined;
      const area = await db.areas.findById(visit.areaId);
      return {
        message: firstAttemptNudgeMessage(text, locale, zoneOf(area), visit),
        residentIds: [visit.residentId],
      };
    }
    case 'event-reminder': {
      const event = await db.communityEvents.findById(data.eventId);
      if (!event || event.startsAt.getTime() <= context.now.getTime()) return undefined;
      // Someone who has since said "kommer ikke" is not reminded.
      if (!expectedAt(event).includes(person.id)) return undefined;
      const area = await db.areas.findById(event.areaIds[0] ?? '');
      return {
        message: { text: text.eventReminder(eventLine(event, text, locale, zoneOf(area))) },
        residentIds: [],
      };
    }
    case 'first-attempt-escalation': {
      const visit = await db.visits.findById(data.visitId);
      if (!visit || visit.status !== 'open' || visit.attempts.length > 0) return undefined;
      const [area, ambassador] = await Promise.all([
        db.areas.findById(visit.areaId),
        db.people.findById(visit.ambassadorId),
      ]);
      const movedIn = DateTime.fromISO(visit.resident.moveInDate.toISOString().slice(0, 10), {
        zone: zoneOf(area),
      });
      const days = Math.max(
        0,
        Math.floor(DateTime.fromJSDate(context.now).diff(movedIn, 'days').days),
      );
      return {
        message: firstAttemptEscalationMessage(text, locale, visit, ambassador?.name ?? '?', days),
        residentIds: [visit.residentId],
      };
    }
  }
}
