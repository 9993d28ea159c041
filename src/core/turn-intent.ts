import { recognizeIntent } from '../interpret/index.js';
import type { Intent } from '../interpret/types.js';
import type { Turn } from './turn.js';

interface Reading {
  text: string;
  now: number;
  zone: string;
  intent: Intent;
}

/** The intent each event's text was read as, so flows that ask again do not read it again. */
const readings = new WeakMap<object, Reading>();

/**
 * What the turn's message asks of the bot (recognizeIntent, in the turn's now and zone). A
 * message is read once per turn: a flow that looks before the dispatcher does (is it a question
 * for the welcome folder? an answer to a check-in?) and the dispatcher get the same reading.
 */
export function intentOf(turn: Turn, text: string): Intent {
  return readMessage(turn.event, text, turn.now, turn.zone);
}

/**
 * The same reading before the turn starts, kept for the turn of `event` (same text, now and
 * zone): the pipeline reads a short message ahead to fetch what its answer needs in the turn's
 * first command.
 */
export function readMessage(event: object, text: string, now: Date, zone: string): Intent {
  const known = readings.get(event);
  if (
    known !== undefined &&
    known.text === text &&
    known.now === now.getTime() &&
    known.zone === zone
  ) {
    return known.intent;
  }
  const intent = recognizeIntent(text, { now, zone });
  readings.set(event, { text, now: now.getTime(), zone, intent });
  return intent;
}
