import type { Person } from '../../../models/types.js';
import type { TestEstate } from '../../support/estate.js';
import type { TeamsUser } from './harness.js';

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
