import { requireCoordinator } from '../core/coordinator-guard.js';
import type { FollowUp } from '../../models/types.js';
import { coordinatedAreaIds } from '../corps/roles.js';
import type { Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { MessageSection, OutboundMessage } from '../core/outbound.js';
import { refuseNotPrivate } from '../core/private-guard.js';
import type { Turn } from '../core/turn.js';
import { isNaboError } from '../../kernel/errors.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { formatShortDate } from '../i18n/locale.js';
import { householdAddress } from '../visits/households.js';

/**
 * "opfølgninger": the coordinator's list of follow-ups from visits (a broken lamp, a wish to join
 * the dinner club), each with a button to close it once it is dealt with.
 */
export const FOLLOW_UP_FLOW = 'followup';

const COMMAND =
  /^(?:vis |se |show )?(?:opfoelgninger|opfoelgning|opfolgninger|follow ?-?ups?)[.!?]?$/;

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  if (!COMMAND.test(foldDiacritics(text.trim().replace(/^\/nabo\s+/i, '')))) return false;
  if (!(await requireCoordinator(turn, 'follow-ups:list'))) return true;
  // Follow-ups name the household's address: one-to-one chats only.
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, 'follow-ups:list');
    return true;
  }
  await turn.say(await followUpList(turn));
  return true;
}

/** The open follow-ups of every area the coordinator runs, one section each with its button. */
async function followUpList(turn: Turn): Promise<OutboundMessage> {
  const sections: MessageSection[] = [];
  const titles: string[] = [];
  for (const areaId of coordinatedAreaIds(turn.person)) {
    const area = await turn.deps.db.areas.findById(areaId);
    const open = await turn.deps.db.followUps.listOpen(areaId);
    if (!area || open.length === 0) continue;
    titles.push(turn.text.followUpsTitle(area.name, open.length));
    for (const followUp of open) sections.push(await section(turn, followUp, area.timeZone));
  }
  if (sections.length === 0) return { text: turn.text.followUpsNone() };
  return { text: titles.join('\n'), sections };
}

async function section(turn: Turn, followUp: FollowUp, zone: string): Promise<MessageSection> {
  const [visit, author] = await Promise.all([
    turn.deps.db.visits.findById(followUp.visitId),
    turn.deps.db.people.findById(followUp.createdBy),
  ]);
  // Addresses, not names: enough to act on, and the list may be read over a shoulder.
  const address = visit ? householdAddress(visit.resident) : '—';
  const by = author ? (author.name.split(/\s+/)[0] ?? author.name) : '—';
  return {
    text: turn.text.followUpLine(
      turn.text.followUpKindLabel(followUp.kind),
      followUp.topic,
      address,
      by,
      formatShortDate(followUp.createdAt, turn.locale, zone),
    ),
    choices: [
      {
        label: turn.text.followUpCloseButton(),
        action: { flow: FOLLOW_UP_FLOW, step: 'close', value: followUp.id },
      },
    ],
  };
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const followUp = await turn.deps.db.followUps.findById(action.value);
  if (!followUp) {
    await turn.say(turn.text.coordinatorOnly());
    return;
  }
  if (!(await requireCoordinator(turn, 'follow-ups:close', followUp.areaId))) return;
  try {
    await turn.deps.db.followUps.close(followUp.id, turn.person.id, turn.now);
  } catch (error) {
    if (isNaboError(error) && error.code === 'CONFLICT') {
      await turn.say(turn.text.followUpAlreadyClosed());
      return;
    }
    throw error;
  }
  turn.deps.logger.info({ followUpId: followUp.id }, 'follow-up closed');
  // The list loses the closed line, so its button cannot be pressed twice.
  if (source) await turn.replace(source, await followUpList(turn));
  await turn.say(turn.text.followUpClosed(followUp.topic));
}

export const followUpFlow: Flow = { name: FOLLOW_UP_FLOW, onMessage, onAction };
