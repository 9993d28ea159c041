import type { NaboDatabase } from '../../models/database.js';
import type { FollowUp } from '../../models/types.js';

/**
 * For the coordinator's "status" (meetings): how many follow-ups from visits are still open in
 * the area, oldest first. The text for it is `followUpStatusLine(count)` in the catalog.
 */
export async function openFollowUps(db: NaboDatabase, areaId: string): Promise<FollowUp[]> {
  return db.followUps.listOpen(areaId);
}

export async function countOpenFollowUps(db: NaboDatabase, areaId: string): Promise<number> {
  return (await db.followUps.listOpen(areaId)).length;
}
