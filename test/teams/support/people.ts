import type { NaboDatabase } from '../../../models/database.js';
import type { Person } from '../../../models/types.js';
import type { TestEstate } from '../../support/estate.js';
import type { TeamsUser } from './harness.js';

/** An ambassador of the estate who uses Teams as `user`. */
export function teamsAmbassador(
  db: NaboDatabase,
  estate: TestEstate,
  user: TeamsUser,
  extra: { locale?: 'da' | 'en' } = {},
): Promise<Person> {
  return db.people.add({
    name: 'Birgit Sørensen',
    roles: [{ areaId: estate.area.id, role: 'ambassador' }],
    identities: [{ platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId }],
    volunteerAgreementAt: new Date('2026-01-01T00:00:00Z'),
    confidentialityAt: new Date('2026-01-01T00:00:00Z'),
    ...(extra.locale ? { locale: extra.locale } : {}),
  });
}
