import type { ConversationRef, MessageRef } from '../../src/core/inbound.js';
import { NaboError } from '../../kernel/errors.js';

/**
 * What the adapter keeps in a ConversationRef's address to answer there: the channel, and for
 * the App Home the user whose Home to publish; a trigger (from a click or a command) lets a form
 * open as a modal for three seconds.
 */
export interface SlackAddress {
  teamId: string;
  channel: string;
  /** 'home': answers are published as the person's Home tab instead of posted in the channel. */
  surface: 'message' | 'home';
  userId?: string;
  triggerId?: string;
  /** When the trigger arrived (ms, the receiver's clock), to know whether it still works. */
  triggerAt?: number;
  /** The thread the person wrote in: answers go to the same thread. */
  threadTs?: string;
}

/** What a ConversationLink stores: enough to post to the person's DM later. */
export interface SlackLinkAddress {
  teamId: string;
  channel: string;
}

export function conversationKey(teamId: string, channel: string): string {
  return `slack:${teamId}:${channel}`;
}

/** The workspace of a conversation key (`slack:{team}:{channel}`). */
export function teamOfConversationKey(key: string): string {
  const [platform, teamId] = key.split(':', 3);
  if (platform !== 'slack' || !teamId) {
    throw new NaboError('INVALID_INPUT', `Not a Slack conversation: ${key}`);
  }
  return teamId;
}

/** DMs with the bot are `im` channels, whose ids start with D. */
export function isDirectChannel(channel: string, channelType?: string): boolean {
  return channelType === 'im' || (channelType === undefined && channel.startsWith('D'));
}

export function conversationRef(address: SlackAddress, isDirect: boolean): ConversationRef {
  return {
    platform: 'slack',
    key: conversationKey(address.teamId, address.channel),
    isDirect,
    address: { ...address },
  };
}

export function slackAddressOf(conversation: ConversationRef): SlackAddress {
  const address = conversation.address;
  const teamId = address.teamId;
  const channel = address.channel;
  if (
    conversation.platform !== 'slack' ||
    typeof teamId !== 'string' ||
    typeof channel !== 'string'
  ) {
    throw new NaboError('INVALID_INPUT', `Not a Slack conversation: ${conversation.key}`);
  }
  return {
    teamId,
    channel,
    surface: address.surface === 'home' ? 'home' : 'message',
    ...(typeof address.userId === 'string' ? { userId: address.userId } : {}),
    ...(typeof address.triggerId === 'string' ? { triggerId: address.triggerId } : {}),
    ...(typeof address.triggerAt === 'number' ? { triggerAt: address.triggerAt } : {}),
    ...(typeof address.threadTs === 'string' ? { threadTs: address.threadTs } : {}),
  };
}

export function linkAddressOf(address: unknown): SlackLinkAddress | undefined {
  if (typeof address !== 'object' || address === null) return undefined;
  const { teamId, channel } = address as Record<string, unknown>;
  return typeof teamId === 'string' && typeof channel === 'string'
    ? { teamId, channel }
    : undefined;
}

// ── Message references ──────────────────────────────────────────────────────────────────────────

/**
 * A posted message is `{channel}:{ts}`; the Home tab is `home:{user}` (one view per person); an
 * open modal is `view:{view id}`. Channel ids never read "home" or "view".
 */
export type SlackMessageTarget =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'home'; userId: string }
  | { kind: 'view'; viewId: string };

export function messageRef(conversationKeyValue: string, target: SlackMessageTarget): MessageRef {
  const id =
    target.kind === 'home'
      ? `home:${target.userId}`
      : target.kind === 'view'
        ? `view:${target.viewId}`
        : `${target.channel}:${target.ts}`;
  return { conversationKey: conversationKeyValue, id };
}

export function targetOf(ref: MessageRef): SlackMessageTarget {
  const [first = '', second = ''] = ref.id.split(':', 2);
  if (first === 'home' && second) return { kind: 'home', userId: second };
  if (first === 'view' && second) return { kind: 'view', viewId: second };
  if (first && second) return { kind: 'message', channel: first, ts: second };
  throw new NaboError('INVALID_INPUT', `Not a Slack message reference: ${ref.id}`);
}
