import type { NaboDatabase } from '../../../models/database.js';
import type { Person, Resident } from '../../../models/types.js';
import { createEstate, type Household, type TestEstate } from '../../support/estate.js';
import { newUser, type TeamsUser } from './harness.js';

/** An ambassador of the estate who uses Teams as `user`. */
export function teamsAmbassador(
  estate: TestEstate,
  user: TeamsUser,
  extra: { locale?: 'da' | 'en' } = {},
): Promise<Person> {
  return estate.ambassador(
    'Birgit Sørensen',
    { platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId },
    extra,
  );
}

/** A couple who moved in this month: their names and address must stay in personal chat. */
export const CHRISTENSEN: Household = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
  moveInDate: '2026-11-18',
};

/** A new Teams user who is the ambassador of a fresh estate, with these households to visit. */
export async function ambassadorWith(
  db: NaboDatabase,
  households: Household[],
): Promise<{ estate: TestEstate; user: TeamsUser; person: Person; residents: Resident[] }> {
  const estate = await createEstate(db);
  const user = newUser();
  const person = await teamsAmbassador(estate, user);
  const residents = households.length > 0 ? await estate.assign(person, households) : [];
  return { estate, user, person, residents };
}
