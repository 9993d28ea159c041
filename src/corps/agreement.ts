import type { ConversationState } from '../../models/types.js';
import { awaitsAgreement } from './roles.js';
import { AGREEMENT_FLOW, CONFIRM_STEP, confirmAgreementChoice, welcomeMessage } from './welcome.js';
import { forgetStep, rememberStep, sourceEventField, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';

/**
 * A new ambassador's first steps: the welcome (what Nabo is) and the volunteer agreement with its
 * confidentiality duty. Until they confirm, Nabo shows them no resident and the monthly hand-out
 * skips them; everything else (help, the welcome folder) works from the first message.
 */

const SHOWN_STEP = 'shown';

/**
 * The gate used by "mine besøg" and visit reports: true (and the person is asked to confirm)
 * when the person may not see residents yet.
 */
export async function holdUntilAgreed(turn: Turn): Promise<boolean> {
  if (!awaitsAgreement(turn.person)) return false;
  await turn.say({
    text: turn.text.agreementNeeded(),
    choices: [confirmAgreementChoice(turn.person)],
  });
  return true;
}

/** The first message from an ambassador who has not confirmed gets the welcome, once a day. */
async function onMessage(turn: Turn): Promise<boolean> {
  if (!awaitsAgreement(turn.person)) return false;
  const state = turn.held.state;
  if (state?.flow === AGREEMENT_FLOW) return false;
  const areaId = turn.person.roles.find((role) => role.role === 'ambassador')?.areaId;
  const area = areaId ? await turn.deps.db.areas.findById(areaId) : null;
  await rememberStep(turn, AGREEMENT_FLOW, SHOWN_STEP);
  await turn.say(welcomeMessage(turn.person, area?.name ?? ''));
  return true;
}

/** "jeg bekræfter" typed instead of tapped. A bare "ja" is not enough for a duty of silence. */
async function onReply(turn: Turn, text: string, state: ConversationState): Promise<boolean> {
  if (state.step !== SHOWN_STEP || !awaitsAgreement(turn.person)) return false;
  if (
    !/^\s*(jeg )?(bekræfter|bekraefter|accepterer|confirm|i confirm|i agree|agree)\b/i.test(text)
  ) {
    return false;
  }
  await confirm(turn, undefined);
  return true;
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  // The button carries the person it was meant for: nobody confirms on someone else's behalf.
  if (action.step !== CONFIRM_STEP || action.value !== turn.person.id) {
    await turn.say(turn.text.nothingChanged());
    return;
  }
  await confirm(turn, source);
}

async function confirm(turn: Turn, source: MessageRef | undefined): Promise<void> {
  const already = !awaitsAgreement(turn.person);
  if (!already) {
    await turn.deps.db.people.confirmAgreement(turn.person.id, turn.now);
    await turn.deps.db.auditEvents.record({
      actorId: turn.person.id,
      action: 'person.agreement_confirmed',
      subjectType: 'person',
      subjectId: turn.person.id,
      platform: turn.event.conversation.platform,
      ...sourceEventField(turn),
    });
    turn.deps.logger.info({ personId: turn.person.id }, 'volunteer agreement confirmed');
  }
  const state = turn.held.state;
  if (state?.flow === AGREEMENT_FLOW) await forgetStep(turn);
  if (source) await turn.replace(source, `✓ ${turn.text.agreementConfirmButton()}`);
  await turn.say(already ? turn.text.agreementAlready() : turn.text.agreementConfirmed());
}

export const agreementFlow: Flow = { name: AGREEMENT_FLOW, onMessage, onReply, onAction };
