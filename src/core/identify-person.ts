import type { NaboDatabase } from '../../models/database.js';
import type { Person } from '../../models/types.js';
import type { PlatformIdentity } from './inbound.js';

/** Finds the person behind a platform identity; unknown people get undefined and nothing is stored. */
export async function identifyPerson(
  db: NaboDatabase,
  identity: PlatformIdentity,
): Promise<Person | undefined> {
  switch (identity.platform) {
    case 'slack':
      return (await db.people.findBySlack(identity.teamId, identity.userId)) ?? undefined;
    case 'teams':
      return (await db.people.findByTeams(identity.tenantId, identity.aadObjectId)) ?? undefined;
    case 'console':
      return (await db.people.findByConsoleHandle(identity.handle)) ?? undefined;
  }
}
