import type { Turn } from './turn.js';

/**
 * Coordinator-only actions (the corps, the monthly list, the welcome folder, follow-ups) pass
 * through here. Allowed when the person coordinates the area in question, or any area when none
 * is named. Otherwise they hear, kindly, that it is the coordinator's job; nothing changes; and
 * the refusal goes into the audit trail (ids only), where a coordinator can see who tried what.
 */
export async function requireCoordinator(
  turn: Turn,
  action: string,
  areaId?: string,
): Promise<boolean> {
  const allowed = turn.person.roles.some(
    (role) => role.role === 'coordinator' && (areaId === undefined || role.areaId === areaId),
  );
  if (allowed) return true;
  await turn.deps.db.auditEvents.record({
    actorId: turn.person.id,
    action: 'chat.coordinator_only_refused',
    subjectType: areaId ? 'area' : 'person',
    subjectId: areaId ?? turn.person.id,
    platform: turn.event.conversation.platform,
    details: { tried: action },
  });
  await turn.say(turn.text.coordinatorOnly());
  return false;
}
