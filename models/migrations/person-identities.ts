import type { Collection } from 'mongoose';
import { identityKey } from '../identities.js';
import type { PlatformIdentity } from '../types.js';

/**
 * Until the set of platforms was opened, a person's identities were one field per platform:
 * `identities: { slack: { teamId, userId }, teams: { tenantId, aadObjectId }, console: { handle } }`.
 * This rewrites such documents into today's list (`[{ platform, workspaceId, userId }]`) with
 * the keys the unique index reads. A migrated database has nothing left to match, so it runs at
 * every connect and costs one indexless query there.
 */
export async function migratePersonIdentities(people: Collection): Promise<number> {
  const stored = people.find(
    {
      $or: [
        { 'identities.slack': { $exists: true } },
        { 'identities.teams': { $exists: true } },
        { 'identities.console': { $exists: true } },
        { identities: {} },
      ],
    },
    { projection: { identities: 1 } },
  );
  let migrated = 0;
  for await (const doc of stored) {
    const identities = fromPerPlatformFields((doc.identities ?? {}) as Stored);
    await people.updateOne(
      { _id: doc._id },
      identities.length > 0
        ? { $set: { identities, identityKeys: identities.map(identityKey) } }
        : { $set: { identities: [] }, $unset: { identityKeys: '' } },
    );
    migrated += 1;
  }
  return migrated;
}

type Stored = Record<string, unknown>;

function fromPerPlatformFields(old: Stored): PlatformIdentity[] {
  const field = (entry: unknown, name: string): string => {
    const value = (entry as Stored | undefined)?.[name];
    return typeof value === 'string' ? value : '';
  };
  const candidates: PlatformIdentity[] = [
    {
      platform: 'slack',
      workspaceId: field(old.slack, 'teamId'),
      userId: field(old.slack, 'userId'),
    },
    {
      platform: 'teams',
      workspaceId: field(old.teams, 'tenantId'),
      userId: field(old.teams, 'aadObjectId'),
    },
    // The terminal has one workspace, which its adapter calls 'local'.
    { platform: 'console', workspaceId: 'local', userId: field(old.console, 'handle') },
  ];
  return candidates.filter((identity) => identity.workspaceId !== '' && identity.userId !== '');
}
