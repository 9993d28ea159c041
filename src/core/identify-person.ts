import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { PlatformIdentity } from './inbound.js';

/** Finds the person behind a platform identity; unknown people get undefined and nothing is stored. */
export async function identifyPerson(
  db: NaboDatabase,
  identity: PlatformIdentity,
): Promise<Person | undefined> {
  return (await db.people.findByIdentity(identity)) ?? undefined;
}
