import { requireCoordinator } from '../core/coordinator-guard.js';
import type { ConversationState, LeftReason } from '../../models/types.js';
import { parseCorpsCommand, type CorpsCommand } from './corps-command.js';
import { findAmbassadors } from './find-ambassador.js';
import { mentionsOf } from './mention.js';
import { isCoordinator } from './roles.js';
import { MAX_MONTHLY_CAPACITY } from '../../kernel/constants.js';
import { forgetStep, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import { chosenArea } from './corps-area.js';
import { addFromText, continueAddition, showAddForm, type PendingAddition } from './corps-add.js';
import {
  LEFT_REASONS,
  applyChanges,
  askWhichAmbassador,
  handBackNow,
  markLeft,
  matchingAmbassadors,
  runPersonCommand,
  showEditForm,
  type PersonCommand,
} from './corps-edit.js';
import { showCorps } from './corps-list.js';
import { CORPS_FLOW, changesFromForm } from './corps-shared.js';

/**
 * The coordinator keeps the ambassador corps in chat: add, correct, pause, let go, and look at
 * everyone at once. Ambassadors who try these commands are told, kindly, that it is the
 * coordinator's job, and nothing changes.
 */
async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const command = parseCorpsCommand(
    text,
    mentionsOf(turn.event).map((mention) => mention.text),
  );
  if (!command) return false;
  if (!isCoordinator(turn.person)) return refuseIfMeantForCorps(turn, command);

  switch (command.kind) {
    case 'list':
      await showCorps(turn);
      return true;
    case 'add':
      await addFromText(turn, command.rest);
      return true;
    default:
      return resolveAndRun(turn, command);
  }
}

async function resolveAndRun(turn: Turn, command: PersonCommand): Promise<boolean> {
  const people = await matchingAmbassadors(turn, command.who);
  if (people.length === 0) {
    // "ret det til ikke hjemme" or "fjern punkt 2" is no person: let the other flows have it.
    // A name that looks like one ("pause Brigitte til …") is answered, so a typo is not lost.
    if (!looksLikeName(command.who)) return false;
    await turn.say(turn.text.corpsAmbassadorNotFound(command.who));
    return true;
  }
  const [only] = people;
  if (people.length > 1 || !only) await askWhichAmbassador(turn, people, command);
  else await runPersonCommand(turn, command, only);
  return true;
}

/**
 * An ambassador writing "tilføj …", "ambassadører" or a command that names someone in their
 * area gets a polite no. Anything else ("ret det til ikke hjemme") is not a corps command at all
 * and goes on to the other flows.
 */
async function refuseIfMeantForCorps(turn: Turn, command: CorpsCommand): Promise<boolean> {
  if (command.kind !== 'list' && command.kind !== 'add') {
    const areaPeople = (
      await Promise.all(
        turn.person.roles.map((role) => turn.deps.db.people.listByArea(role.areaId)),
      )
    ).flat();
    if (findAmbassadors(command.who, areaPeople, mentionsOf(turn.event)).length === 0) return false;
  }
  await requireCoordinator(turn, `${CORPS_FLOW}:${command.kind}`);
  return true;
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  if (!(await requireCoordinator(turn, `${CORPS_FLOW}:${action.step}`))) return;
  const state = turn.held.state;
  switch (action.step) {
    case 'add_area': {
      const area = await chosenArea(turn, action.value);
      const pending = stateData(state, 'add_area')?.pending as PendingAddition | undefined;
      if (!area || !pending) {
        await turn.say(turn.text.nothingChanged());
        return;
      }
      await forgetStep(turn);
      if (source) await turn.replace(source, `✓ ${area.name}`);
      return continueAddition(turn, pending, area);
    }
    case 'pick': {
      const command = stateData(state, 'pick')?.command as PersonCommand | undefined;
      const chosen = await ownAmbassador(turn, action.value);
      if (!command || !chosen) {
        await turn.say(turn.text.nothingChanged());
        return;
      }
      await forgetStep(turn);
      if (source) await turn.replace(source, `✓ ${chosen.name}`);
      return runPersonCommand(turn, command, chosen);
    }
    case 'edit_form': {
      const person = await ownAmbassador(turn, action.value);
      if (person) await showEditForm(turn, person);
      else await showAddForm(turn);
      return;
    }
    case 'leave': {
      const [personId = '', reason = ''] = action.value.split(':');
      const person = await ownAmbassador(turn, personId);
      if (!person || !isLeftReason(reason)) {
        if (source) await turn.replace(source, turn.text.nothingChanged());
        else await turn.say(turn.text.nothingChanged());
        return;
      }
      return markLeft(turn, person, reason, source);
    }
    case 'handback': {
      const [personId = '', when = ''] = action.value.split(':');
      const leaver = await turn.deps.db.people.findById(personId);
      if (!leaver) {
        await turn.say(turn.text.nothingChanged());
        return;
      }
      return handBackNow(turn, leaver, when, source);
    }
    default:
      await turn.say(turn.text.nothingChanged());
  }
}

/** The name, typed after "tilføj @Birgit" showed none. */
async function onReply(turn: Turn, text: string, state: ConversationState): Promise<boolean> {
  if (state.step !== 'add_name' || !isCoordinator(turn.person)) return false;
  const pending = state.data.pending as PendingAddition | undefined;
  const area = await chosenArea(turn, String(state.data.areaId ?? ''));
  const name = text.trim();
  if (!pending || !area || name === '' || name.split(/\s+/).length > 6) return false;
  await forgetStep(turn);
  await continueAddition(turn, { ...pending, name }, area);
  return true;
}

async function onForm(
  turn: Turn,
  formId: string,
  values: Record<string, string>,
  source: MessageRef | undefined,
): Promise<void> {
  if (!(await requireCoordinator(turn, formId))) return;
  const changes = changesFromForm(values);
  if (!changes) {
    await turn.say(turn.text.capacityInvalid(MAX_MONTHLY_CAPACITY));
    return;
  }
  const [, kind, personId = ''] = formId.split(':');
  if (kind === 'add') {
    await continueAddition(turn, { name: changes.name ?? '', identities: [], changes });
    return;
  }
  const person = await ownAmbassador(turn, personId);
  if (!person) {
    await turn.say(turn.text.nothingChanged());
    return;
  }
  await applyChanges(turn, person, changes, source);
}

/** A person id from a button or form, accepted only for an ambassador of the coordinator's areas. */
async function ownAmbassador(turn: Turn, personId: string) {
  const person = await turn.deps.db.people.findById(personId);
  if (!person) return undefined;
  const mine = new Set(
    turn.person.roles.filter((r) => r.role === 'coordinator').map((r) => r.areaId),
  );
  const theirs = person.roles.some((role) => role.role === 'ambassador' && mine.has(role.areaId));
  return theirs ? person : undefined;
}

/** One to three words, the first capitalised, no digits: "Brigitte", "Birgit Sørensen", "@U123". */
function looksLikeName(who: string): boolean {
  return (
    /^(?:<@|<at|@)/.test(who) ||
    (/^\p{Lu}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,2}$/u.test(who.trim()) && !/\d/.test(who))
  );
}

function stateData(state: ConversationState | null, step: string) {
  return state && state.flow === CORPS_FLOW && state.step === step ? state.data : undefined;
}

function isLeftReason(value: string): value is LeftReason {
  return (LEFT_REASONS as readonly string[]).includes(value);
}

export const corpsFlow: Flow = { name: CORPS_FLOW, onMessage, onAction, onReply, onForm };
