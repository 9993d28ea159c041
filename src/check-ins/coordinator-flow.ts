import type { CheckIn, Person } from '../../models/types.js';
import { refuseCoordinatorOnly } from '../core/coordinator-guard.js';
import { sourceEventOf, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { OutboundMessage } from '../core/outbound.js';
import { AWAY_FROM_EVENTS_MONTHS, awayFromEvents } from '../events/community-events.js';
import type { Turn } from '../core/turn.js';
import type { Catalog } from '../i18n/catalog.js';
import { formatDay, type Locale } from '../i18n/locale.js';
import { CHECK_IN_COORDINATOR_FLOW_NAME } from './alerts.js';
import { answerForReading } from './questions.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { areaIdsWithRole, firstName, isCoordinator, isCoordinatorOf } from '../meetings/access.js';

/**
 * The coordinator's side of check-ins: "check-in med Birgit" asks Birgit the questions now;
 * "svar fra Birgit" shows her latest answers; the alert's buttons lower her number of visits or
 * keep it. Answers are for the coordinators of the ambassador's area only: an ambassador who
 * asks, for anyone, is told so kindly.
 */
export const CHECK_IN_COORDINATOR_FLOW = CHECK_IN_COORDINATOR_FLOW_NAME;

const REQUEST =
  /^(?:(?:start|hold|book)\s+)?(?:check-?\s?in|samtale|individuel samtale)\s+(?:med|with)\s+(.{1,60})$|^check\s+in\s+(?:med|with)\s+(.{1,60})$/iu;
const READ =
  /^(?:(?:vis|se|show|read|læs|laes)\s+)?(?:svar(?:ene)?|answers|samtale(?:n)?|check-?in)\s+(?:fra|from|med|with|for|af)\s+(.{1,60})$/iu;

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const trimmed = text.trim().replace(/[.!?]+$/, '');
  const request = REQUEST.exec(trimmed);
  if (request) {
    await requestCheckIn(turn, (request[1] ?? request[2] ?? '').trim());
    return true;
  }
  const read = READ.exec(trimmed);
  if (read?.[1]) {
    await readAnswers(turn, read[1].trim());
    return true;
  }
  return false;
}

/** The ambassador meant by a name, among the areas the coordinator coordinates. */
async function findAmbassador(turn: Turn, name: string): Promise<Person | null> {
  const wanted = foldDiacritics(name);
  const candidates = (
    await Promise.all(
      areaIdsWithRole(turn.person, 'coordinator').map((areaId) =>
        turn.deps.db.people.listByArea(areaId, 'ambassador'),
      ),
    )
  ).flat();
  const exact = candidates.filter((person) => foldDiacritics(person.name) === wanted);
  const byFirst = candidates.filter((person) => foldDiacritics(firstName(person.name)) === wanted);
  const matches = exact.length > 0 ? exact : byFirst;
  const unique = [...new Map(matches.map((person) => [person.id, person])).values()];
  if (unique.length === 1) return unique[0] ?? null;
  await turn.say(
    unique.length === 0
      ? turn.text.ambassadorNotFound(name)
      : turn.text.ambassadorAmbiguous(name, unique.map((person) => person.name).join(', ')),
  );
  return null;
}

async function requestCheckIn(turn: Turn, name: string): Promise<void> {
  if (!isCoordinator(turn.person)) {
    await refuseCoordinatorOnly(
      turn,
      'check-in:request',
      undefined,
      turn.text.onlyCoordinatorsCheckIn(),
    );
    return;
  }
  const ambassador = await findAmbassador(turn, name);
  if (!ambassador) return;
  const shown = firstName(ambassador.name);
  const pending = await turn.deps.db.checkIns.findPendingForPerson(ambassador.id);
  const event = sourceEventOf(turn);
  // This very request opened it (a resumed turn): it goes on as the first time, not "already".
  const ours = pending !== null && event !== undefined && pending.sourceEvent === event;
  if (pending && !ours) {
    await turn.say(turn.text.checkInAlreadyPending(shown));
    return;
  }
  const timers = turn.deps.checkInTimers;
  if (!timers) {
    await turn.say(turn.text.checkInUnavailable());
    return;
  }
  const areaId =
    ambassador.roles.find(
      (role) => role.role === 'ambassador' && isCoordinatorOf(turn.person, role.areaId),
    )?.areaId ?? '';
  const checkIn =
    pending ??
    (await turn.deps.db.checkIns.create({
      personId: ambassador.id,
      areaId,
      due: turn.now,
      reason: 'on_demand',
      requestedBy: turn.person.id,
      ...(event ? { sourceEvent: event } : {}),
    }));
  await timers.begin(checkIn.id);
  turn.deps.logger.info({ checkInId: checkIn.id }, 'check-in requested by a coordinator');
  await turn.say(turn.text.checkInRequested(shown));
}

async function readAnswers(turn: Turn, name: string): Promise<void> {
  if (!isCoordinator(turn.person)) {
    await turn.say(turn.text.checkInAnswersPrivate());
    return;
  }
  const ambassador = await findAmbassador(turn, name);
  if (!ambassador) return;
  const latest = (await turn.deps.db.checkIns.listForPerson(ambassador.id)).find((checkIn) =>
    isCoordinatorOf(turn.person, checkIn.areaId),
  );
  if (!latest) {
    await turn.say(turn.text.noCheckInYet(firstName(ambassador.name)));
    return;
  }
  await turn.say(
    await withEventsNote(
      turn,
      answersMessage(latest, ambassador, turn.text, turn.locale, turn.zone),
      ambassador,
      latest.areaId,
    ),
  );
}

/**
 * The check-in is where the coordinator looks at one ambassador: she also hears when that
 * ambassador has not been to any event for a long while (phase 2 of the handbook).
 */
async function withEventsNote(
  turn: Turn,
  message: OutboundMessage,
  ambassador: Person,
  areaId: string,
): Promise<OutboundMessage> {
  const away = await awayFromEvents(turn.deps.db, areaId, [ambassador], turn.now);
  if (away.length === 0) return message;
  return {
    ...message,
    text: `${message.text}\n${turn.text.checkInAwayFromEvents(firstName(ambassador.name), AWAY_FROM_EVENTS_MONTHS)}`,
  };
}

export function answersMessage(
  checkIn: CheckIn,
  ambassador: Person,
  text: Catalog,
  locale: Locale,
  zone: string,
): OutboundMessage {
  const lines = checkIn.answers.map((answer) =>
    text.checkInAnswerLine(
      text.checkInQuestionLabel(answer.key),
      answerForReading(answer.key, answer.answer, text),
    ),
  );
  return {
    text: [
      text.checkInAnswersTitle(
        firstName(ambassador.name),
        formatDay(checkIn.due, locale, zone),
        text.checkInStatusWord(checkIn.status),
      ),
      ...(lines.length > 0 ? lines : [text.checkInNoAnswersYet()]),
    ].join('\n'),
  };
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const [checkInId = '', decision = ''] = action.value.split(':');
  const checkIn = await turn.deps.db.checkIns.findById(checkInId);
  // The same answer for a check-in that does not exist and one that is not theirs to read.
  if (!checkIn || !isCoordinatorOf(turn.person, checkIn.areaId)) {
    await turn.say(turn.text.checkInAnswersPrivate());
    return;
  }
  const ambassador = await turn.deps.db.people.findById(checkIn.personId);
  if (!ambassador) return;
  if (action.step === 'show') {
    await turn.say(
      await withEventsNote(
        turn,
        answersMessage(checkIn, ambassador, turn.text, turn.locale, turn.zone),
        ambassador,
        checkIn.areaId,
      ),
    );
    return;
  }
  if (action.step === 'capacity') await decideCapacity(turn, checkIn, ambassador, decision, source);
}

/** "Færre besøg" lowers the ambassador's monthly number only when the coordinator agrees. */
async function decideCapacity(
  turn: Turn,
  checkIn: CheckIn,
  ambassador: Person,
  decision: string,
  source: MessageRef | undefined,
): Promise<void> {
  const shown = firstName(ambassador.name);
  if (checkIn.capacityDecision) {
    await turn.say(turn.text.capacityAlreadyDecided());
    return;
  }
  const lower = decision === 'lower';
  const recorded = await turn.deps.db.checkIns.update(
    checkIn.id,
    { capacityDecision: lower ? 'lowered' : 'kept' },
    {},
  );
  if (!recorded) return;
  const perMonth = lower ? Math.max(0, ambassador.monthlyCapacity - 1) : ambassador.monthlyCapacity;
  if (lower) await turn.deps.db.people.setCapacity(ambassador.id, perMonth);
  turn.deps.logger.info(
    { checkInId: checkIn.id, lowered: lower },
    'capacity decided after a check-in',
  );
  if (source) {
    const label = lower
      ? turn.text.lowerCapacityButton(perMonth)
      : turn.text.keepCapacityButton(perMonth);
    await turn.replace(
      source,
      `${turn.text.alertFewerVisits(shown, ambassador.monthlyCapacity)}\n✓ ${label}`,
    );
  }
  await turn.say(
    lower ? turn.text.capacityLowered(shown, perMonth) : turn.text.capacityKept(shown, perMonth),
  );
}

export const checkInCoordinatorFlow: Flow = {
  name: CHECK_IN_COORDINATOR_FLOW,
  onMessage,
  onAction,
};
