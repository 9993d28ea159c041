import type { Area } from '../../models/types.js';
import { rememberStep } from '../core/flow.js';
import type { Turn } from '../core/turn.js';
import { coordinatedAreaIds } from './roles.js';

/**
 * Most coordinators run one area; some run two. A change that belongs to one area (a new
 * ambassador, the monthly list, a folder entry) asks which, with one button per area, and keeps
 * what was said so far in the conversation state until the answer comes.
 */
export async function coordinatedAreas(turn: Turn): Promise<Area[]> {
  const areas = await Promise.all(
    coordinatedAreaIds(turn.person).map((id) => turn.deps.db.areas.findById(id)),
  );
  return areas.filter((area): area is Area => area !== null);
}

/** The one area, or undefined after asking which (the answer comes back as `step` on `flow`). */
export async function areaOrAsk(
  turn: Turn,
  flow: string,
  step: string,
  pending: Record<string, unknown>,
): Promise<Area | undefined> {
  const areas = await coordinatedAreas(turn);
  if (areas.length === 1) return areas[0];
  if (areas.length === 0) {
    await turn.say(turn.text.coordinatorOnly());
    return undefined;
  }
  await rememberStep(turn, flow, step, pending);
  await turn.say({
    text: turn.text.whichArea(),
    choices: areas.map((area) => ({ label: area.name, action: { flow, step, value: area.id } })),
  });
  return undefined;
}

/** An area id from a button, accepted only when the person coordinates it. */
export async function chosenArea(turn: Turn, areaId: string): Promise<Area | undefined> {
  if (!coordinatedAreaIds(turn.person).includes(areaId)) return undefined;
  return (await turn.deps.db.areas.findById(areaId)) ?? undefined;
}
