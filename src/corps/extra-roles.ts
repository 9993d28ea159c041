import { requireCoordinator } from '../core/coordinator-guard.js';
import type { Flow } from '../core/flow.js';
import type { Turn } from '../core/turn.js';
import { firstName } from '../meetings/access.js';
import { coordinatedAreaIds } from './roles.js';
import { findAmbassadors } from './find-ambassador.js';

/**
 * Phase 3 of the handbook: ambassadors who take on more are given extra roles by the coordinator
 * — «giv Birgit rollen mentor», «fjern rollen mentor fra Birgit». The role is free text in the
 * programme's own words; it shows in «ambassadører».
 */
export const EXTRA_ROLES_FLOW = 'extra-roles';

const GIVE = /^(?:giv|give)\s+(.+?)\s+(?:rollen|the role(?: of)?)\s+(.+?)[.!]?$/i;
const TAKE =
  /^(?:fjern|remove)\s+(?:rollen|the role(?: of)?)\s+(.+?)\s+(?:fra|from)\s+(.+?)[.!]?$/i;

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const words = text.trim();
  const give = GIVE.exec(words);
  const take = give ? null : TAKE.exec(words);
  if (!give && !take) return false;
  if (!(await requireCoordinator(turn, 'corps:extra-role'))) return true;
  const who = (give ? give[1] : take?.[2]) ?? '';
  const role = (give ? give[2] : take?.[1]) ?? '';
  const people = (
    await Promise.all(
      coordinatedAreaIds(turn.person).map((areaId) =>
        turn.deps.db.people.listByArea(areaId, 'ambassador'),
      ),
    )
  ).flat();
  const found = findAmbassadors(
    who,
    people,
    turn.event.kind === 'message' ? turn.event.mentions : undefined,
  );
  const [person] = found;
  if (!person || found.length > 1) {
    await turn.say(turn.text.extraRoleWho(who));
    return true;
  }
  const changed = await turn.deps.db.people.changeExtraRole(person.id, role, take !== null);
  await turn.say(
    take
      ? turn.text.extraRoleRemoved(firstName(changed.name), role.trim(), changed.extraRoles ?? [])
      : turn.text.extraRoleGiven(firstName(changed.name), role.trim(), changed.extraRoles ?? []),
  );
  return true;
}

export const extraRolesFlow: Flow = { name: EXTRA_ROLES_FLOW, onMessage };
