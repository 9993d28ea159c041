import type { ConversationRef } from '../core/inbound.js';

/**
 * Where residents' personal data may be shown. The adapters call these; the rules live here so
 * Slack and Teams apply the same ones and PRIVACY.md can point at one place.
 */

export type ConversationPlacement = Pick<ConversationRef, 'isDirect'> & {
  /**
   * A Slack Connect channel or DM, or a Teams chat with external (guest or federated) members:
   * people from another organisation could read along.
   */
  sharedWithOtherWorkspaces?: boolean;
};

/**
 * Names, addresses and notes go only into a one-to-one conversation with the bot, and never
 * into one that another organisation can see. When in doubt (the adapter could not tell whether
 * it is shared), the adapter passes `sharedWithOtherWorkspaces: true`.
 */
export function mayShowResidentData(conversation: ConversationPlacement): boolean {
  return conversation.isDirect && conversation.sharedWithOtherWorkspaces !== true;
}

/**
 * Whether a Slack workspace (team id) or Teams tenant may use Nabo at all. `allowList`
 * undefined means the operator has not configured one (development, a single-tenant setup);
 * an empty list allows nobody. Ids compare case-insensitively: Teams tenant ids are GUIDs that
 * arrive in either case.
 */
export function isAllowedTenant(
  tenantId: string | undefined,
  allowList: readonly string[] | undefined,
): boolean {
  if (allowList === undefined) return true;
  if (tenantId === undefined || tenantId.trim() === '') return false;
  const wanted = tenantId.trim().toLowerCase();
  return allowList.some((allowed) => allowed.trim().toLowerCase() === wanted);
}

/** Reads an allow-list from a comma-separated setting ("T01ABC, T02DEF"); empty → undefined. */
export function parseAllowList(setting: string | undefined): string[] | undefined {
  const ids = (setting ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids.length > 0 ? ids : undefined;
}
