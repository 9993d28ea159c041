import { DateTime } from 'luxon';
import { MAX_MONTHLY_CAPACITY } from '../../kernel/constants.js';
import type { ConversationState } from '../../models/types.js';
import type { Flow } from '../core/flow.js';
import { forgetStep, rememberStep } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import { catalogFor } from '../i18n/catalog.js';
import { formatDay, type Locale } from '../i18n/locale.js';

/**
 * Volunteers decide how much they give: "pause til 1. januar", "jeg kan tage 3 om måneden",
 * "english please". A misread pause would silently stop someone's households, so pauses and
 * capacity changes are confirmed with a button first; the language switch is harmless and
 * happens at once.
 */
export const AVAILABILITY_FLOW = 'availability';

type Change = { kind: 'pause'; until: string } | { kind: 'capacity'; perMonth: number };

function encode(change: Change): string {
  return change.kind === 'pause' ? `pause:${change.until}` : `capacity:${change.perMonth}`;
}

function decode(value: string): Change | undefined {
  const [kind, argument = ''] = value.split(':');
  if (kind === 'pause' && /^\d{4}-\d{2}-\d{2}$/.test(argument)) return { kind, until: argument };
  if (kind === 'capacity' && /^\d+$/.test(argument)) return { kind, perMonth: Number(argument) };
  return undefined;
}

async function askToConfirm(turn: Turn, change: Change, question: string): Promise<void> {
  await rememberStep(turn, AVAILABILITY_FLOW, 'confirm', { change: encode(change) });
  await turn.say({
    text: question,
    choices: [
      {
        label: turn.text.yes(),
        action: { flow: AVAILABILITY_FLOW, step: 'confirm', value: encode(change) },
        style: 'primary',
      },
      { label: turn.text.no(), action: { flow: AVAILABILITY_FLOW, step: 'confirm', value: 'no' } },
    ],
  });
}

export async function askToPause(turn: Turn, until: string | null): Promise<void> {
  const today = DateTime.fromJSDate(turn.now, { zone: turn.zone }).toISODate() ?? '';
  if (!until || until <= today) {
    await turn.say(turn.text.pauseNeedsDate());
    return;
  }
  await askToConfirm(
    turn,
    { kind: 'pause', until },
    turn.text.confirmPause(formatDay(until, turn.locale, turn.zone)),
  );
}

export async function askToSetCapacity(turn: Turn, perMonth: number): Promise<void> {
  if (!Number.isInteger(perMonth) || perMonth < 1 || perMonth > MAX_MONTHLY_CAPACITY) {
    await turn.say(turn.text.capacityOutOfRange(MAX_MONTHLY_CAPACITY));
    return;
  }
  await askToConfirm(turn, { kind: 'capacity', perMonth }, turn.text.confirmCapacity(perMonth));
}

export async function resume(turn: Turn): Promise<void> {
  await turn.deps.db.people.resume(turn.person.id);
  await turn.say(turn.text.resumed());
}

export async function switchLanguage(turn: Turn, locale: Locale): Promise<void> {
  await turn.deps.db.people.setLocale(turn.person.id, locale);
  // Answer in the language just chosen.
  await turn.say(catalogFor(locale).languageSet());
}

async function apply(turn: Turn, change: Change): Promise<void> {
  if (change.kind === 'pause') {
    const until = DateTime.fromISO(change.until, { zone: turn.zone }).startOf('day').toJSDate();
    await turn.deps.db.people.pause(turn.person.id, until);
    await turn.say(turn.text.paused(formatDay(change.until, turn.locale, turn.zone)));
  } else {
    await turn.deps.db.people.setCapacity(turn.person.id, change.perMonth);
    await turn.say(turn.text.capacitySet(change.perMonth));
  }
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  await forgetStep(turn);
  const change = decode(action.value);
  if (source) await turn.replace(source, `✓ ${change ? turn.text.yes() : turn.text.no()}`);
  if (change) await apply(turn, change);
  else await turn.say(turn.text.nothingChanged());
}

/** "ja" / "nej" typed instead of tapped. */
async function onReply(turn: Turn, text: string, state: ConversationState): Promise<boolean> {
  const answer = text.trim().toLocaleLowerCase('da');
  const change = decode(String(state.data.change ?? ''));
  if (/^(ja|jo|yes|ok|okay|yep|jep)\b/.test(answer) && change) {
    await forgetStep(turn);
    await apply(turn, change);
    return true;
  }
  if (/^(nej|no|nope|ellers tak)\b/.test(answer)) {
    await forgetStep(turn);
    await turn.say(turn.text.nothingChanged());
    return true;
  }
  return false;
}

export const availabilityFlow: Flow = { name: AVAILABILITY_FLOW, onAction, onReply };
