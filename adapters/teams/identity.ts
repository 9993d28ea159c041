import type { PlatformIdentity } from '../../src/core/inbound.js';

/**
 * A Teams user in their tenant, by Entra ID object id, as the core and the people store know them.
 * Its own file, free of botbuilder: `nabo person add --teams` parses its option with it, and the
 * CLI must not load the Bot Framework SDK (seconds of start-up) to build three strings.
 */
export function teamsIdentity(tenantId: string, aadObjectId: string): PlatformIdentity {
  return { platform: 'teams', workspaceId: tenantId, userId: aadObjectId };
}
