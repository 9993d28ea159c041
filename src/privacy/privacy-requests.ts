import { refuseCoordinatorOnly } from '../core/coordinator-guard.js';
import type { Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import { refuseNotPrivate } from '../core/private-guard.js';
import type { Turn } from '../core/turn.js';
import { eraseResident } from './erase-subject.js';
import { exportResident } from './subject-export.js';

/**
 * A coordinator answers a resident's access or erasure request from chat: "udtræk beboer <id>"
 * or "slet beboer <id>" (English: "export resident <id>", "erase resident <id>"), then confirms
 * with a button. Only coordinators of the household's area may, only in a private conversation,
 * and the rights are checked again when the button is pressed.
 */
export const PRIVACY_FLOW = 'privacy';

type RequestKind = 'erase' | 'export';

const REQUEST =
  /^\s*(slet|erase|delete|udtræk|udtraek|eksporter|export)\s+(beboer|beboeren|resident)\s+(\S+)\s*$/iu;
const RESIDENT_ID = /^[0-9a-f]{24}$/i;

export function parsePrivacyRequest(
  text: string,
): { kind: RequestKind; residentId: string } | undefined {
  const match = REQUEST.exec(text);
  if (!match) return undefined;
  const verb = (match[1] ?? '').toLowerCase();
  const kind: RequestKind = ['slet', 'erase', 'delete'].includes(verb) ? 'erase' : 'export';
  return { kind, residentId: match[3] ?? '' };
}

/** The resident when the person coordinates its area; otherwise says so and gives undefined. */
async function residentForCoordinator(turn: Turn, residentId: string) {
  const resident = RESIDENT_ID.test(residentId)
    ? await turn.deps.db.residents.findById(residentId)
    : null;
  const coordinates = resident
    ? turn.person.roles.some(
        (role) => role.role === 'coordinator' && role.areaId === resident.areaId,
      )
    : false;
  // One answer for "no such household" and "not yours": the reply must not confirm it exists.
  if (!resident || !coordinates) {
    await refuseCoordinatorOnly(
      turn,
      'privacy:request',
      resident?.areaId,
      turn.text.privacyNotYourResident(),
    );
    return undefined;
  }
  return resident;
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const request = parsePrivacyRequest(text);
  if (!request) return false;
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, `privacy:${request.kind}`);
    return true;
  }
  if (!RESIDENT_ID.test(request.residentId)) {
    await turn.say(turn.text.privacyBadId(request.residentId));
    return true;
  }
  const resident = await residentForCoordinator(turn, request.residentId);
  if (!resident) return true;
  const isErase = request.kind === 'erase';
  await turn.say({
    text: isErase
      ? turn.text.privacyConfirmErase(resident.id)
      : turn.text.privacyConfirmExport(resident.id),
    choices: [
      {
        label: isErase ? turn.text.privacyEraseButton() : turn.text.privacyExportButton(),
        action: { flow: PRIVACY_FLOW, step: request.kind, value: resident.id },
        ...(isErase ? { style: 'danger' as const } : { style: 'primary' as const }),
      },
      {
        label: turn.text.privacyCancelButton(),
        action: { flow: PRIVACY_FLOW, step: 'cancel', value: resident.id },
      },
    ],
  });
  return true;
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  if (action.step === 'cancel') {
    if (source) await turn.replace(source, turn.text.privacyCancelled());
    else await turn.say(turn.text.privacyCancelled());
    return;
  }
  if (action.step !== 'erase' && action.step !== 'export') return;
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, `privacy:${action.step}`);
    return;
  }
  const resident = await residentForCoordinator(turn, action.value);
  if (!resident) return;
  // The question loses its buttons, so the request cannot be confirmed twice by accident.
  if (source) await turn.replace(source, `✓ ${resident.id}`);
  const requester = { actorId: turn.person.id, platform: turn.event.conversation.platform };

  if (action.step === 'export') {
    const exported = await exportResident(turn.deps.db, resident.id, requester, turn.now);
    turn.deps.logger.info({ residentId: resident.id }, 'resident export sent in chat');
    await turn.say(turn.text.privacyExportIntro());
    await turn.say(JSON.stringify(exported, null, 2));
    return;
  }

  const erased = await eraseResident(turn.deps.db, resident.id, requester, turn.now);
  // Reminders waiting in Redis; finished jobs (ids only) go with the nightly retention run.
  for (const visitId of erased.jobReferences.slice(1)) {
    await turn.deps.reminders?.cancel(visitId);
  }
  turn.deps.logger.info(
    {
      residentId: resident.id,
      erased: erased.erased,
      notesDeleted: erased.notesDeleted,
      openVisitsClosed: erased.openVisitsClosed,
    },
    'resident erasure requested in chat',
  );
  await turn.say(
    erased.erased
      ? turn.text.privacyErased(erased.notesDeleted, erased.openVisitsClosed)
      : turn.text.privacyNothingToErase(),
  );
}

export const privacyRequestsFlow: Flow = { name: PRIVACY_FLOW, onMessage, onAction };
