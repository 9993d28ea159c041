import { auditRefusal } from './refusals.js';
import type { Turn } from './turn.js';

/**
 * Coordinator-only actions (the corps, the monthly list, the welcome folder, follow-ups,
 * meetings, check-ins) pass through here. Allowed when the person coordinates the area in
 * question, or any area when none is named. Otherwise they hear, kindly, that it is the
 * coordinator's job; nothing changes; and the refusal goes into the audit trail (ids only), where
 * a coordinator can see who tried what.
 */
export async function requireCoordinator(
  turn: Turn,
  action: string,
  areaId?: string,
  reply?: string,
): Promise<boolean> {
  const allowed = turn.person.roles.some(
    (role) => role.role === 'coordinator' && (areaId === undefined || role.areaId === areaId),
  );
  if (allowed) return true;
  await refuseCoordinatorOnly(turn, action, areaId, reply);
  return false;
}

/**
 * The refusal itself, for a flow that has decided already (or must not say why: a household of
 * another area is answered as if unknown). A coordinator of another area is an area refusal
 * (`chat.area_refused`); anyone else a role refusal (`chat.coordinator_only_refused`).
 */
export async function refuseCoordinatorOnly(
  turn: Turn,
  action: string,
  areaId?: string,
  reply: string = turn.text.coordinatorOnly(),
): Promise<void> {
  const coordinatesElsewhere = turn.person.roles.some((role) => role.role === 'coordinator');
  await auditRefusal(turn, {
    action:
      areaId !== undefined && coordinatesElsewhere
        ? 'chat.area_refused'
        : 'chat.coordinator_only_refused',
    subjectType: areaId ? 'area' : 'person',
    subjectId: areaId ?? turn.person.id,
    tried: action,
  });
  await turn.say(reply);
}
