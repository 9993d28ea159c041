import { recognizeIntent } from '../interpret/index.js';
import type { Intent } from '../interpret/types.js';
import type { Turn } from './turn.js';

/** The intent each turn's text was read as, so flows that ask again do not read it again. */
const readIntents = new WeakMap<Turn, { text: string; intent: Intent }>();

/**
 * What the turn's message asks of the bot (recognizeIntent, in the turn's now and zone). A
 * message is read once per turn: a flow that looks before the dispatcher does (is it a question
 * for the welcome folder? an answer to a check-in?) and the dispatcher get the same reading.
 */
export function intentOf(turn: Turn, text: string): Intent {
  const known = readIntents.get(turn);
  if (known !== undefined && known.text === text) return known.intent;
  const intent = recognizeIntent(text, { now: turn.now, zone: turn.zone });
  readIntents.set(turn, { text, intent });
  return intent;
}
