import { corpsOverview } from './corps-overview.js';
import type { Turn } from '../core/turn.js';
import { formatShortDate } from '../i18n/locale.js';
import { coordinatedAreas } from './corps-area.js';

/** "ambassadører": each area's corps with status, this month's load and languages. */
export async function showCorps(turn: Turn): Promise<void> {
  const blocks: string[] = [];
  for (const area of await coordinatedAreas(turn)) {
    const overview = await corpsOverview(turn.deps.db, area.id, turn.now);
    if (!overview) continue;
    if (overview.members.length === 0) {
      const left = overview.left > 0 ? ` ${turn.text.corpsLeftCount(overview.left)}` : '';
      blocks.push(`${turn.text.corpsEmpty(area.name)}${left}`);
      continue;
    }
    const lines = overview.members.map(
      (member) =>
        turn.text.corpsMemberLine(
          member.person.name,
          turn.text.corpsState(
            member.state,
            member.person.status.pausedUntil
              ? formatShortDate(member.person.status.pausedUntil, turn.locale, area.timeZone)
              : undefined,
          ),
          member.thisMonth,
          member.person.monthlyCapacity,
          member.person.languages,
        ) + (member.person.extraRoles ? turn.text.corpsExtraRoles(member.person.extraRoles) : ''),
    );
    blocks.push(
      [
        turn.text.corpsTitle(area.name, overview.members.length),
        ...lines,
        ...(overview.left > 0 ? [turn.text.corpsLeftCount(overview.left)] : []),
      ].join('\n'),
    );
  }
  await turn.say([...blocks, turn.text.corpsHint()].join('\n\n'));
}
