import type { NaboDatabase } from '../../models/database.js';
import type { Area, Visit } from '../../models/types.js';
import { assignHouseholds, type AssignmentPlan } from './assign-households.js';

export interface MonthlyAssignmentRun {
  area: Area;
  month: string;
  plan: AssignmentPlan;
  /** Visits opened by this run (none for a dry run). */
  opened: Visit[];
  /** Planned households that got an open visit from someone else meanwhile (a concurrent run). */
  skipped: number;
  dryRun: boolean;
}

/**
 * "Hand out this month's new households": plan with `assignHouseholds` on what MongoDB holds now,
 * then open one visit per planned household. Running it again for the same month hands out only
 * what is still unassigned, and counts the visits already opened that month against capacity,
 * so a retry after a crash never gives anyone more than they can take.
 *
 * Messages are not sent here: the jobs layer announces every visit of the month afterwards, so
 * a crash between opening visits and sending loses no announcement.
 */
export async function runMonthlyAssignment(
  db: NaboDatabase,
  input: { area: Area; month: string; now: Date; dryRun?: boolean },
): Promise<MonthlyAssignmentRun> {
  const { area, month, now } = input;
  const plan = await planMonthlyAssignment(db, area, month, now);
  const dryRun = input.dryRun ?? false;
  let opened: Visit[] = [];
  let skipped = 0;
  if (!dryRun) {
    // One bulk insert for the area; the unique open-visit index turns away a household another
    // run handed out first, and that one counts as skipped.
    const saved = await db.visits.openMany(area.id, month, plan.assignments);
    opened = saved.opened;
    skipped = saved.alreadyOpen;
  }
  return { area, month, plan, opened, skipped, dryRun };
}

/** The plan for the area and month as things stand, without changing anything. */
export async function planMonthlyAssignment(
  db: NaboDatabase,
  area: Area,
  month: string,
  now: Date,
): Promise<AssignmentPlan> {
  // Bulk reads only: the unassigned households, the ambassadors and this month's counts, each in
  // one or two commands however many households the area has.
  const [residents, people, openedThisMonth] = await Promise.all([
    db.residents.listUnassigned(area.id),
    db.people.listByArea(area.id, 'ambassador'),
    db.visits.countOpenedInMonth(area.id, month),
  ]);
  return assignHouseholds({ areaId: area.id, month, now, residents, people, openedThisMonth });
}
