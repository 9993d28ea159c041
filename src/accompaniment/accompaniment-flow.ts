import type { Accompaniment, AccompanimentOutcome, Person } from '../../models/types.js';
import { isNaboError } from '../../kernel/errors.js';
import type { Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Choice, OutboundMessage } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import { catalogFor, type Catalog } from '../i18n/catalog.js';
import { isLocale } from '../i18n/locale.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { firstName } from '../meetings/access.js';
import { householdAddress, householdName } from '../visits/households.js';

/**
 * Phase 3 of the handbook, roles grown from interests. An ambassador keeps her interests and
 * strengths in her own words ("mine interesser: madklub, lektiehjælp, taler arabisk"). When a
 * visit note says a resident wants to join an activity, the ambassador who visited is asked
 * whether she will go along the first time (følgeskab); if she says no, an ambassador who named
 * that interest is asked instead. The one who goes records how it went — fulgtes ad, kom ikke,
 * klarede det selv — which the programme report counts.
 */
export const ACCOMPANIMENT_FLOW = 'accompany';

const INTERESTS = /^(?:mine\s+|my\s+)?(?:interesser|interests)\s*[:–-]\s*([\s\S]*)$/i;
const OUTCOMES: readonly AccompanimentOutcome[] = ['went_together', 'did_not_come', 'went_alone'];

/** Called after a visit note showed an interest in a folder activity: asks the visitor first. */
export async function offerAccompaniment(
  turn: Turn,
  visit: { id: string; areaId: string },
  topic: string,
): Promise<void> {
  const { accompaniment, created } = await turn.deps.db.accompaniments.offer({
    areaId: visit.areaId,
    visitId: visit.id,
    topic,
    offeredTo: turn.person.id,
  });
  // A note read again (a correction) does not ask again.
  if (!created) return;
  await turn.say(askMessage(turn.text, accompaniment, turn.text.accompanyAsk(topic)));
}

function askMessage(text: Catalog, accompaniment: Accompaniment, ask: string): OutboundMessage {
  return {
    text: ask,
    choices: [
      {
        label: text.accompanyYes(),
        style: 'primary',
        action: { flow: ACCOMPANIMENT_FLOW, step: 'yes', value: accompaniment.id },
      },
      {
        label: text.accompanyNo(),
        action: { flow: ACCOMPANIMENT_FLOW, step: 'no', value: accompaniment.id },
      },
    ],
  };
}

function outcomeChoices(text: Catalog, accompaniment: Accompaniment): Choice[] {
  return OUTCOMES.map((outcome) => ({
    label: text.accompanyOutcomeLabel(outcome),
    action: { flow: ACCOMPANIMENT_FLOW, step: 'outcome', value: `${accompaniment.id}:${outcome}` },
  }));
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const match = INTERESTS.exec(text.trim());
  if (!match) return false;
  const interests = (match[1] ?? '')
    .split(/,|;|\n|\s+og\s+|\s+and\s+/i)
    .map((interest) => interest.trim().replace(/[.!]+$/, ''))
    .filter(Boolean);
  if (interests.length === 0) {
    await turn.say(turn.text.interestsEmpty());
    return true;
  }
  const person = await turn.deps.db.people.setInterests(turn.person.id, interests);
  await turn.say(turn.text.interestsSaved(person.interests ?? []));
  return true;
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  try {
    if (action.step === 'yes') await accept(turn, action.value, source);
    else if (action.step === 'no') await decline(turn, action.value, source);
    else if (action.step === 'outcome') await recordOutcome(turn, action.value, source);
  } catch (error) {
    // A stale or repeated button, or one meant for someone else: nothing changes.
    if (isNaboError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      await turn.say(turn.text.accompanyNotYours());
      return;
    }
    throw error;
  }
}

/** The pressed message keeps the choice without its buttons; the answer follows it. */
async function answerWith(
  turn: Turn,
  source: MessageRef | undefined,
  chosen: string,
  message: OutboundMessage,
) {
  if (source) await turn.replace(source, `✓ ${chosen}`);
  await turn.say(message);
}

async function accept(turn: Turn, id: string, source: MessageRef | undefined) {
  const accompaniment = await turn.deps.db.accompaniments.answer(id, turn.person.id, true);
  const visit = await turn.deps.db.visits.findById(accompaniment.visitId);
  const choices = outcomeChoices(turn.text, accompaniment);
  // The visitor knows the household; another ambassador learns it now, in a 1:1 chat only.
  if (!visit || visit.ambassadorId === turn.person.id) {
    await answerWith(turn, source, turn.text.accompanyYes(), {
      text: turn.text.accompanyAccepted(accompaniment.topic),
      choices,
    });
    return;
  }
  if (!turn.mayShowPersonalData) {
    await answerWith(turn, source, turn.text.accompanyYes(), { text: turn.text.privateOnly() });
    return;
  }
  const household = `${householdName(visit.resident.names, turn.locale)}, ${householdAddress(visit.resident)}`;
  await answerWith(turn, source, turn.text.accompanyYes(), {
    text: turn.text.accompanyAcceptedWith(accompaniment.topic, household),
    choices,
  });
}

async function decline(turn: Turn, id: string, source: MessageRef | undefined) {
  const declined = await turn.deps.db.accompaniments.answer(id, turn.person.id, false);
  const next = await nextAmbassador(turn, declined);
  if (next && turn.deps.notifier) {
    const passed = await turn.deps.db.accompaniments.passOn(declined.id, next.id);
    const text = catalogFor(isLocale(next.locale) ? next.locale : turn.locale);
    const delivered = await turn.deps.notifier.sendToPerson(
      next.id,
      askMessage(
        text,
        passed,
        text.accompanyOfferToOther(firstName(turn.person.name), passed.topic),
      ),
    );
    if (delivered === 'sent') {
      await answerWith(turn, source, turn.text.accompanyNo(), {
        text: turn.text.accompanyPassedOn(firstName(next.name)),
      });
      return;
    }
  }
  await answerWith(turn, source, turn.text.accompanyNo(), {
    text: turn.text.accompanyNobodyElse(),
  });
}

/** An active ambassador of the area who named the activity among her interests and has not said no. */
async function nextAmbassador(turn: Turn, accompaniment: Accompaniment): Promise<Person | null> {
  const topic = foldDiacritics(accompaniment.topic);
  const ambassadors = await turn.deps.db.people.listByArea(accompaniment.areaId, 'ambassador');
  return (
    ambassadors.find(
      (person) =>
        person.status.state === 'active' &&
        !accompaniment.declinedBy.includes(person.id) &&
        (person.interests ?? []).some((interest) => {
          const folded = foldDiacritics(interest);
          return folded.includes(topic) || topic.includes(folded);
        }),
    ) ?? null
  );
}

async function recordOutcome(turn: Turn, value: string, source: MessageRef | undefined) {
  const [id = '', outcome = ''] = value.split(':');
  if (!(OUTCOMES as readonly string[]).includes(outcome)) return;
  const recorded = await turn.deps.db.accompaniments.recordOutcome(
    id,
    turn.person.id,
    outcome as AccompanimentOutcome,
  );
  await answerWith(turn, source, turn.text.accompanyOutcomeLabel(outcome as AccompanimentOutcome), {
    text: turn.text.accompanyOutcomeRecorded(recorded.topic, outcome as AccompanimentOutcome),
  });
}

export const accompanimentFlow: Flow = { name: ACCOMPANIMENT_FLOW, onMessage, onAction };
