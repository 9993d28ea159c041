import { sourceEventOf, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import {
  answerQuestion,
  answeredBy,
  type AnswerResult,
  type CheckInContext,
} from './hold-check-in.js';
import {
  CHECK_IN_FLOW,
  MAX_ANSWER_LENGTH,
  TEXT_QUESTIONS,
  isQuestion,
  questionMessage,
  typedAnswer,
} from './questions.js';
import type { CheckInQuestion } from './messages.js';
import { intentOf } from '../core/turn-intent.js';
import { recognizeMeetingCommand } from '../meetings/meeting-commands.js';

/**
 * The ambassador's side of a check-in. The questions arrive from the jobs (on the cadence, or
 * when the coordinator asks); answers come back as buttons or words. Words answer the open
 * question unless they are one of Nabo's commands: "ferie til 3. januar" still pauses, "mine
 * besøg" still lists the visits.
 */
const COMMAND_INTENTS = new Set([
  'pause',
  'resume',
  'capacity',
  'my_visits',
  'help',
  'undo',
  'language',
]);

function context(turn: Turn): CheckInContext {
  return {
    db: turn.deps.db,
    timers: turn.deps.checkInTimers,
    logger: turn.deps.logger,
    now: turn.now,
  };
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const separator = action.value.indexOf(':');
  const checkInId = action.value.slice(0, separator);
  const answer = action.value.slice(separator + 1);
  if (!isQuestion(action.step) || separator < 0) {
    await turn.say(turn.text.notUnderstood());
    return;
  }
  const result = await answerQuestion(
    context(turn),
    turn.person,
    checkInId,
    action.step,
    answer,
    sourceEventOf(turn),
  );
  if (source && result.kind !== 'not_yours') {
    const label = questionMessage({ id: checkInId }, action.step, turn.text).choices?.find(
      (choice) => choice.action.value === action.value,
    )?.label;
    await turn.replace(source, `${turn.text.checkInQuestion(action.step)}\n✓ ${label ?? answer}`);
  }
  await continueAfter(turn, result);
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  // Held from the start of the turn: no lookup on messages of someone without an open check-in.
  const checkIn = turn.held.openCheckIn;
  if (!checkIn || !isQuestion(checkIn.step)) return false;
  // This very message was answered already (a resumed turn): not an answer to the next question.
  const source = sourceEventOf(turn);
  const before = source ? answeredBy(checkIn, source) : null;
  if (before) {
    await continueAfter(turn, before);
    return true;
  }
  const question: CheckInQuestion = checkIn.step;
  const intent = intentOf(turn, text);
  if (COMMAND_INTENTS.has(intent.kind) || recognizeMeetingCommand(text)) return false;
  const answer = typedAnswer(question, text);
  if (answer === null) {
    // A button question answered in other words: ask again, saying which words work.
    if (TEXT_QUESTIONS.has(question)) return false;
    const again = questionMessage(checkIn, question, turn.text);
    await turn.say({ ...again, text: `${turn.text.checkInHowToAnswer(question)}\n${again.text}` });
    return true;
  }
  if (answer.length > MAX_ANSWER_LENGTH) {
    await turn.say(turn.text.answerTooLong());
    return true;
  }
  await continueAfter(
    turn,
    await answerQuestion(context(turn), turn.person, checkIn.id, question, answer, source),
  );
  return true;
}

async function continueAfter(turn: Turn, result: AnswerResult): Promise<void> {
  switch (result.kind) {
    case 'next':
      await turn.say(questionMessage(result.checkIn, result.question, turn.text));
      return;
    case 'finished':
      await turn.say(turn.text.checkInThanks(result.checkIn.flags.includes('wants_talk')));
      return;
    case 'already_answered':
      await turn.say(turn.text.checkInAlreadyAnswered());
      await turn.say(questionMessage(result.checkIn, result.question, turn.text));
      return;
    case 'closed':
      await turn.say(turn.text.checkInClosed());
      return;
    case 'not_yours':
      await turn.say(turn.text.checkInNotYours());
  }
}

export const checkInConversationFlow: Flow = { name: CHECK_IN_FLOW, onAction, onMessage };
