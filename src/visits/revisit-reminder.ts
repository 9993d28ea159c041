import type { VisitWithResident } from '../../models/types.js';
import type { Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import { areaOf } from '../core/flow.js';
import { withResidentData } from '../core/outbound.js';
import { formatDay } from '../i18n/locale.js';
import { REVISIT_FLOW, SNOOZE_DAYS } from './reminder-messages.js';
import { daysFromToday, revisitReminderAt } from './reminder-times.js';
import { householdName } from './households.js';
import { askWhatTheyWant } from '../core/help.js';
import { visitSection } from './my-visits.js';

/**
 * The answer to a revisit reminder ("Tid til et nyt forsøg hos …?"). The ambassador either goes
 * today (and gets the report buttons), asks to be reminded in a couple of days (the visit gets
 * a new revisit date and a new reminder), or closes the visit: the folder is in the mailbox and
 * that is enough.
 */
async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const [visitId = '', extra] = action.value.split(':');
  switch (action.step) {
    case 'today':
      return tryAgainToday(turn, visitId, source);
    case 'later':
      return remindLater(turn, visitId, Number(extra ?? SNOOZE_DAYS), source);
    case 'close':
      return closeWithFolderDelivered(turn, visitId, source);
    default:
      return askWhatTheyWant(turn);
  }
}

async function tryAgainToday(
  turn: Turn,
  visitId: string,
  source: MessageRef | undefined,
): Promise<void> {
  const visit = await ownOpenVisit(turn, visitId);
  if (!visit) return;
  await answered(turn, source, turn.text.revisitTodayButton());
  await turn.deps.db.visits.markPrompted(visit.id, turn.now);
  await turn.say(
    withResidentData({ text: turn.text.revisitToday(), sections: [visitSection(turn, visit)] }),
  );
}

async function remindLater(
  turn: Turn,
  visitId: string,
  days: number,
  source: MessageRef | undefined,
): Promise<void> {
  const visit = await ownOpenVisit(turn, visitId);
  if (!visit) return;
  const area = await areaOf(turn, visit.areaId);
  if (!area) throw new Error(`visit ${visit.id} refers to a missing area`);
  const snooze = Number.isInteger(days) && days >= 1 && days <= 14 ? days : SNOOZE_DAYS;
  const revisitDate = daysFromToday(area, turn.now, snooze);
  await turn.deps.db.visits.setRevisitDate(visit.id, revisitDate);
  await turn.deps.reminders?.scheduleRevisit(visit.id, revisitReminderAt(area, revisitDate));
  turn.deps.logger.info({ visitId: visit.id, days: snooze }, 'revisit reminder snoozed');
  await answered(turn, source, turn.text.revisitLaterButton(snooze));
  await turn.say(turn.text.revisitSnoozed(formatDay(revisitDate, turn.locale, area.timeZone)));
}

async function closeWithFolderDelivered(
  turn: Turn,
  visitId: string,
  source: MessageRef | undefined,
): Promise<void> {
  const visit = await ownOpenVisit(turn, visitId);
  if (!visit) return;
  await turn.deps.db.visits.close(visit.id, 'folder_delivered_not_met');
  await turn.deps.reminders?.cancel(visit.id);
  turn.deps.logger.info({ visitId: visit.id }, 'visit closed from a revisit reminder');
  await answered(turn, source, turn.text.revisitCloseButton());
  await turn.say(
    withResidentData(
      turn.text.revisitClosedByAmbassador(householdName(visit.resident.names, turn.locale)),
    ),
  );
}

/** Only the ambassador's own open visit can be answered; an old reminder says so kindly. */
async function ownOpenVisit(turn: Turn, visitId: string): Promise<VisitWithResident | undefined> {
  const visit = await turn.deps.db.visits.findById(visitId);
  if (!visit || visit.ambassadorId !== turn.person.id || visit.status !== 'open') {
    await turn.say(turn.text.revisitNoLongerOpen());
    return undefined;
  }
  return visit;
}

/** The reminder loses its buttons, so it cannot be answered twice. */
async function answered(turn: Turn, source: MessageRef | undefined, label: string): Promise<void> {
  if (source) await turn.replace(source, `✓ ${label}`);
}

export const revisitReminderFlow: Flow = { name: REVISIT_FLOW, onAction };
