import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { AUTH_OFF, newUser, textFrom, useTeamsHarness } from './support/harness.js';

/** Teams accepts only the organisation's own tenants; others are ignored and audit-logged. */
const OWN_TENANT = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db, {
  config: { ...AUTH_OFF, allowedTenants: [OWN_TENANT] },
});

describe('Teams tenants', () => {
  it('when a message comes from a tenant that is not allowed, then nothing is answered and the refusal is audit-logged', async () => {
    const stranger = newUser('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb');

    const response = await teams.deliver(textFrom(stranger, 'mine besøg'));

    expect(response.status).toBe(200);
    expect(connector.calls).toEqual([]);
    const audit = await db().auditEvents.listForSubject(
      'workspace',
      'teams:bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb',
    );
    expect(audit.map((entry) => entry.action)).toEqual(['platform.workspace_refused']);
  });

  it('when a message comes from the own tenant, then the bot answers', async () => {
    const colleague = newUser(OWN_TENANT);

    await teams.deliver(textFrom(colleague, 'hjælp'));

    expect(connector.calls).toHaveLength(1);
  });
});
