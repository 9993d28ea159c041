import type { Area } from '../../models/types.js';
import { catalogFor } from '../i18n/catalog.js';
import type { Turn } from '../core/turn.js';

/** Empty doors in a row after which the coordinator hears about it, once per run of them. */
export const EMPTY_DOOR_STREAK = 5;

/**
 * An ambassador who finds nobody home time after time may be knocking at the wrong hours or be
 * losing heart: when her latest tries (across all her households) reach EMPTY_DOOR_STREAK empty
 * doors in a row, the area's coordinators are nudged to have a word. Exactly at the streak, and
 * once per run: the run is known by its first empty door and claimed in the send ledger, so a
 * fifth report taken back with «fortryd» and given again, or a turn resumed after a crash, does
 * not nudge her coordinators a second time. Only her name and the count: no household.
 */
export async function nudgeOnEmptyDoors(turn: Turn, area: Area): Promise<void> {
  const notifier = turn.deps.notifier;
  if (!notifier) return;
  const db = turn.deps.db;
  const visits = [
    ...(await db.visits.listOpenForAmbassador(turn.person.id)),
    ...(await db.visits.listRecentlyClosedForAmbassador(turn.person.id, EMPTY_DOOR_STREAK * 2)),
  ];
  const tries = visits
    .flatMap((visit) => visit.attempts)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  let streak = 0;
  for (const attempt of tries) {
    if (attempt.outcome !== 'not_home') break;
    streak += 1;
  }
  if (streak !== EMPTY_DOOR_STREAK) return;
  const firstOfRun = tries[streak - 1]!;
  const key = `empty-doors:${turn.person.id}:${firstOfRun.at.toISOString()}`;
  // At most once: a nudge lost in a crash is a smaller harm than one that comes twice.
  if (!(await db.sendLedger.claim(key))) return;
  await db.sendLedger.markSent(key);
  const coordinators = (await db.people.listByArea(area.id, 'coordinator')).filter(
    (person) => person.status.state !== 'left',
  );
  for (const coordinator of coordinators) {
    const text = catalogFor(coordinator.locale);
    await notifier.sendToPerson(coordinator.id, {
      text: text.emptyDoorsNudge(turn.person.name, streak),
    });
  }
  turn.deps.logger.info(
    { ambassadorId: turn.person.id, streak, coordinators: coordinators.length },
    'coordinator nudged about empty doors',
  );
}
