import type { Person, Platform, PlatformIdentity } from './types.js';

/**
 * Pure helpers around people's platform identities, free of mongoose so that the core and the jobs
 * may use them.
 */

/** The person's identity on one platform, if they have one. */
export function identityOn(
  person: Pick<Person, 'identities'>,
  platform: Platform,
): PlatformIdentity | undefined {
  return person.identities.find((identity) => identity.platform === platform);
}

export function sameIdentity(a: PlatformIdentity, b: PlatformIdentity): boolean {
  return a.platform === b.platform && a.workspaceId === b.workspaceId && a.userId === b.userId;
}

/**
 * The identity as one stored string, unique across people (a unique multikey index holds it).
 * JSON keeps ids that contain ':' (Teams user ids do) from running into each other.
 */
export function identityKey(identity: PlatformIdentity): string {
  return JSON.stringify([identity.platform, identity.workspaceId, identity.userId]);
}

/** "slack:T123:U456", for logs and audit entries (ids only, never names). */
export function describeIdentity(identity: PlatformIdentity): string {
  return `${identity.platform}:${identity.workspaceId}:${identity.userId}`;
}
