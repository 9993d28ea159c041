import { BOT_USER, TEAM } from './harness.js';

/** Slack payloads shaped like the recorded ones in Slack's documentation, trimmed to what matters. */

let sequence = 0;
const nextId = (): string => `${Date.now().toString(36)}${(++sequence).toString(36)}`.toUpperCase();

export function directChannelOf(user: string): string {
  return `D${user}`;
}

export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${nextId()}`) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0NABO',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true }],
  };
}

export function directMessage(user: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = `1790000${String(++sequence).padStart(3, '0')}.000100`;
  return eventEnvelope({
    type: 'message',
    channel: directChannelOf(user),
    channel_type: 'im',
    user,
    text,
    ts,
    event_ts: ts,
    team: TEAM,
    ...extra,
  });
}

export function homeOpened(user: string) {
  return eventEnvelope({
    type: 'app_home_opened',
    user,
    channel: directChannelOf(user),
    tab: 'home',
    event_ts: `1790001${String(++sequence).padStart(3, '0')}.000100`,
  });
}

export function buttonPress(options: {
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  value: string;
  label: string;
}) {
  return {
    type: 'block_actions',
    user: { id: options.user, username: 'birgit', team_id: TEAM },
    api_app_id: 'A0NABO',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: options.channel,
      is_ephemeral: false,
    },
    trigger_id: `${nextId()}.trigger`,
    team: { id: TEAM, domain: 'testparken' },
    channel: { id: options.channel, name: 'directmessage' },
    message: { type: 'message', ts: options.messageTs, user: BOT_USER, bot_id: 'B0BOT' },
    response_url: 'https://hooks.slack.com/actions/T0NABO/1/abc',
    actions: [
      {
        action_id: options.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: options.label, emoji: true },
        value: options.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`,
      },
    ],
  };
}

export function slashCommand(
  user: string,
  text: string,
  channel = 'C0GENERAL',
): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'testparken',
    channel_id: channel,
    channel_name: 'general',
    user_id: user,
    user_name: 'birgit',
    command: '/nabo',
    text,
    api_app_id: 'A0NABO',
    response_url: 'https://hooks.slack.com/commands/T0NABO/1/abc',
    trigger_id: `${nextId()}.trigger`,
  };
}
