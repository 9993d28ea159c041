import { DateTime } from 'luxon';
import type { NaboDatabase } from '../../models/database.js';
import type { WelcomeActivity } from '../../models/types.js';

/** An activity of the folder with the days it happens in one month. */
export interface MonthActivity extends WelcomeActivity {
  /** 'YYYY-MM-DD' of each weekly occurrence in the month; empty for activities without a weekday. */
  dates: string[];
}

/**
 * This month's activities of an area's welcome folder, for the monthly hand-out message ("what's
 * on this month" to tell new residents about). Weekly activities get their dates in the month;
 * irregular ones ("første lørdag") come with their own words in `when` and no dates.
 */
export async function activitiesForMonth(
  db: NaboDatabase,
  areaId: string,
  month: string,
): Promise<MonthActivity[]> {
  const folder = await db.welcomeFolders.get(areaId);
  return folder.activities.map((activity) => ({
    ...activity,
    dates: activity.weekday === undefined ? [] : weekdaysOfMonth(month, activity.weekday),
  }));
}

export function weekdaysOfMonth(month: string, weekday: number): string[] {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' });
  if (!start.isValid) return [];
  const dates: string[] = [];
  for (let day = start; day.month === start.month; day = day.plus({ days: 1 })) {
    if (day.weekday === weekday) dates.push(day.toISODate() ?? '');
  }
  return dates;
}
