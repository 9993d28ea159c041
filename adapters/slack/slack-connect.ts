/**
 * Slack Connect: a channel or DM shared with another organisation's workspace. Residents' data
 * must never be posted where people outside the housing organisation can read it, so such a
 * conversation is marked and the core refuses to show names there.
 *
 * Events carry `is_ext_shared_channel`; a message from someone of another workspace carries their
 * `user_team` / `source_team`; interactivity payloads carry `channel.is_ext_shared` when known.
 */
export function isSharedWithOtherWorkspaces(body: unknown, ownTeamId: string | undefined): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const payload = body as Record<string, unknown>;
  if (payload.is_ext_shared_channel === true) return true;
  const event = asRecord(payload.event);
  const channel = asRecord(payload.channel);
  if (channel.is_ext_shared === true || channel.is_shared === true) return true;
  const teams = [event.user_team, event.source_team, asRecord(payload.user).team_id].filter(
    (team): team is string => typeof team === 'string' && team !== '',
  );
  return ownTeamId !== undefined && teams.some((team) => team !== ownTeamId);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
