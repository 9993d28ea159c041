import { sourceEventField } from '../core/flow.js';
import type { Area } from '../../models/types.js';
import { assignmentMonthOf } from './assignment-month.js';
import { runMonthlyAssignment } from './run-monthly-assignment.js';
import type { Turn } from '../core/turn.js';
import { catalogFor } from '../i18n/catalog.js';
import { localeOf } from '../core/language-and-zone.js';

/**
 * "Fordel nu": the monthly hand-out at once, for the households just imported. Visits are opened
 * by the same service the scheduled job uses, so capacity, the confidentiality rule and
 * "never twice" hold the same. The scheduled announcement for this month may already have gone
 * out, so each ambassador who got households is told through the notifier — in a line without
 * any resident's name: the names wait behind "mine besøg", in their direct chat.
 */
export async function assignNow(turn: Turn, area: Area): Promise<void> {
  const month = assignmentMonthOf(turn.now, area.timeZone);
  const run = await runMonthlyAssignment(turn.deps.db, { area, month, now: turn.now });
  const perAmbassador = new Map<string, number>();
  for (const visit of run.opened) {
    perAmbassador.set(visit.ambassadorId, (perAmbassador.get(visit.ambassadorId) ?? 0) + 1);
  }
  await turn.deps.db.auditEvents.record({
    actorId: turn.person.id,
    action: 'assignment.run_from_chat',
    subjectType: 'area',
    subjectId: area.id,
    platform: turn.event.conversation.platform,
    ...sourceEventField(turn),
    details: { month, opened: run.opened.length, unassigned: run.plan.unassigned.length },
  });
  if (run.opened.length === 0) {
    await turn.say(turn.text.assignmentNothing());
    return;
  }
  const lines: string[] = [];
  for (const [ambassadorId, count] of perAmbassador) {
    const ambassador = await turn.deps.db.people.findById(ambassadorId);
    if (!ambassador) continue;
    lines.push(`${ambassador.name.split(/\s+/)[0] ?? ambassador.name} ${count}`);
    await nudge(turn, ambassadorId, localeOf(ambassador), count);
  }
  await turn.say(turn.text.assignmentDone(run.opened.length, lines, run.plan.unassigned.length));
}

async function nudge(
  turn: Turn,
  personId: string,
  locale: 'da' | 'en',
  count: number,
): Promise<void> {
  if (!turn.deps.notifier) return;
  try {
    await turn.deps.notifier.sendToPerson(personId, {
      text: catalogFor(locale).assignmentNudge(count),
    });
  } catch (error) {
    turn.deps.logger.warn({ personId, err: error }, 'assignment nudge could not be sent');
  }
}
