import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type {
  ActionPayload,
  ConversationRef,
  InboundEvent,
  Mention,
  MessageRef,
  PersonEvent,
  PlatformIdentity,
  SharedFile,
} from '../../src/core/inbound.js';
import { sharedFile, type TeamsFileAttachment } from './files.js';
import { teamsIdentity } from './identity.js';

/**
 * Teams activities as the core's inbound events. Pure: no I/O, so every mapping is tested
 * without a server. What the core has no use for (typing, reactions, edits, deletions, other
 * invokes) comes back as `ignored` and is answered 200 without a word.
 */

export const ADAPTIVE_CARD_ACTION_INVOKE = 'adaptiveCard/action';

export type Interpreted =
  | { kind: 'event'; event: InboundEvent; reference: ConversationReference }
  | { kind: 'ignored'; reason: string };

export interface InterpretOptions {
  receivedAt: Date;
}

/** Limits on what a card submit may carry back; anything beyond is not ours. */
const MAX_PAYLOAD_FIELD = 500;
const MAX_FORM_FIELDS = 50;

export function interpretActivity(activity: Activity, options: InterpretOptions): Interpreted {
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  const conversation = conversationOf(activity, reference);
  switch (activity.type) {
    case 'message':
      return messageEvent(activity, conversation, reference, options);
    case 'invoke':
      return invokeEvent(activity, conversation, reference, options);
    case 'conversationUpdate': {
      const botAdded = (activity.membersAdded ?? []).some(
        (member) => member.id === activity.recipient?.id,
      );
      return botAdded
        ? installed(activity, conversation, reference, options)
        : { kind: 'ignored', reason: 'conversation_update' };
    }
    case 'installationUpdate':
      return activity.action === 'add' || activity.action === 'add-upgrade'
        ? installed(activity, conversation, reference, options)
        : { kind: 'ignored', reason: 'installation_update' };
    default:
      return { kind: 'ignored', reason: activity.type || 'unknown' };
  }
}

/**
 * The bot was installed (personal app) or added to a team or group chat. Teams sends both a
 * conversationUpdate and an installationUpdate for one install: both carry the same event id,
 * one per conversation, so the pipeline greets once.
 */
function installed(
  activity: Activity,
  conversation: ConversationRef,
  reference: ConversationReference,
  options: InterpretOptions,
): Interpreted {
  return {
    kind: 'event',
    event: {
      kind: 'installed',
      eventId: `welcome:${conversation.key}`,
      actor: identityOf(activity),
      workspaceId: tenantOf(activity),
      conversation,
      receivedAt: options.receivedAt,
    },
    reference,
  };
}

/** The tenant of an activity: on the conversation, or (older clients) in channelData. */
export function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const channelTenant =
    typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined;
  return activity.conversation?.tenantId ?? channelTenant;
}

/** `teams:<conversation id>`; a personal chat with the bot is the only direct conversation. */
export function conversationOf(
  activity: Activity,
  reference: ConversationReference,
): ConversationRef {
  return {
    platform: 'teams',
    key: conversationKey(activity.conversation.id),
    isDirect: activity.conversation.conversationType === 'personal',
    address: reference as unknown as Record<string, unknown>,
  };
}

export function conversationKey(conversationId: string): string {
  return `teams:${conversationId}`;
}

/** The person behind an activity: their Entra ID object id in their tenant. */
export function identityOf(activity: Activity): PlatformIdentity | undefined {
  const tenantId = tenantOf(activity);
  const aadObjectId = activity.from?.aadObjectId;
  if (!tenantId || !aadObjectId) return undefined;
  return teamsIdentity(tenantId, aadObjectId);
}

function messageEvent(
  activity: Activity,
  conversation: ConversationRef,
  reference: ConversationReference,
  options: InterpretOptions,
): Interpreted {
  const actor = identityOf(activity);
  if (!actor) return { kind: 'ignored', reason: 'no_identity' };
  const base = { eventId: activity.id ?? '', actor, conversation, receivedAt: options.receivedAt };
  const source = sourceOf(activity, conversation);

  // Action.Submit: the card's data arrives as `value` on a message.
  if (activity.value !== undefined && activity.value !== null) {
    const submitted = submittedEvent(activity.value, base, source);
    return submitted
      ? { kind: 'event', event: submitted, reference }
      : { kind: 'ignored', reason: 'foreign_submit' };
  }

  // Like Slack, a channel or group chat is only Nabo's business when someone @mentions it.
  if (!conversation.isDirect && !mentionsBot(activity)) {
    return { kind: 'ignored', reason: 'not_mentioned' };
  }

  if (conversation.isDirect) {
    const file = firstFile(activity);
    if (file) return { kind: 'event', event: { ...base, kind: 'file', file }, reference };
  }

  const { text, mentions } = readMentions(activity, actor.workspaceId);
  if (text === '') return { kind: 'ignored', reason: 'empty_message' };
  return {
    kind: 'event',
    event: { ...base, kind: 'message', text, ...(mentions.length > 0 ? { mentions } : {}) },
    reference,
  };
}

/** Action.Execute (Universal Actions) arrives as an invoke carrying the same data. */
function invokeEvent(
  activity: Activity,
  conversation: ConversationRef,
  reference: ConversationReference,
  options: InterpretOptions,
): Interpreted {
  if (activity.name !== ADAPTIVE_CARD_ACTION_INVOKE) return { kind: 'ignored', reason: 'invoke' };
  const actor = identityOf(activity);
  if (!actor) return { kind: 'ignored', reason: 'no_identity' };
  const data = (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data;
  const base = { eventId: activity.id ?? '', actor, conversation, receivedAt: options.receivedAt };
  const submitted = submittedEvent(data, base, sourceOf(activity, conversation));
  return submitted
    ? { kind: 'event', event: submitted, reference }
    : { kind: 'ignored', reason: 'foreign_submit' };
}

type EventBase = Pick<PersonEvent, 'eventId' | 'actor' | 'conversation' | 'receivedAt'>;

/** A Nabo button (`{nabo: {flow, step, value}}`) or form (`{nabo: {form}, ...inputs}`). */
function submittedEvent(
  data: unknown,
  base: EventBase,
  source: MessageRef | undefined,
): PersonEvent | undefined {
  if (!isRecord(data) || !isRecord(data.nabo)) return undefined;
  const nabo = data.nabo;
  const action = asActionPayload(nabo);
  if (action) return { ...base, kind: 'action', action, source };
  if (isShortString(nabo.form)) {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(data).slice(0, MAX_FORM_FIELDS + 1)) {
      if (key === 'nabo') continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values[key] = String(value);
      }
    }
    return { ...base, kind: 'form_submit', formId: nabo.form, values, source };
  }
  return undefined;
}

function asActionPayload(nabo: Record<string, unknown>): ActionPayload | undefined {
  const { flow, step, value } = nabo;
  if (isShortString(flow) && isShortString(step) && isShortString(value))
    return { flow, step, value };
  return undefined;
}

/** The card a button was pressed on: Teams sets replyToId to that message's activity id. */
function sourceOf(activity: Activity, conversation: ConversationRef): MessageRef | undefined {
  return activity.replyToId
    ? { conversationKey: conversation.key, id: activity.replyToId }
    : undefined;
}

function firstFile(activity: Activity): SharedFile | undefined {
  for (const attachment of (activity.attachments ?? []) as TeamsFileAttachment[]) {
    const file = sharedFile(attachment);
    if (file) return file;
  }
  return undefined;
}

/**
 * In channels and group chats the bot only hears messages that @mention it, and the mention is
 * part of the text ("<at>Nabo</at> mine besøg"); it is not part of what the person asks. Other
 * people's mentions ("tilføj ambassadør <at>Birgit</at>") carry who they are in the activity's
 * entities: the text shows their name, and the mention says whom the coordinator means. A
 * mention without a directory id is left as written; it names nobody Nabo could know.
 */
export function readMentions(
  activity: Activity,
  tenantId: string,
): { text: string; mentions: Mention[] } {
  let text = activity.text ?? '';
  const mentions: Mention[] = [];
  for (const entity of activity.entities ?? []) {
    const mention = entity as {
      type?: string;
      mentioned?: { id?: string; aadObjectId?: unknown };
      text?: unknown;
    };
    if (mention.type !== 'mention' || typeof mention.text !== 'string' || mention.text === '') {
      continue;
    }
    if (mention.mentioned?.id === activity.recipient?.id) {
      text = text.split(mention.text).join('');
      continue;
    }
    const aad = mention.mentioned?.aadObjectId ?? aadFromUserId(mention.mentioned?.id);
    if (typeof aad === 'string' && /^[0-9a-f-]{36}$/i.test(aad)) {
      const name = mention.text.replace(/<\/?at>/g, '').trim();
      text = text.split(mention.text).join(name);
      mentions.push({ identity: teamsIdentity(tenantId, aad), text: name, label: name });
    }
  }
  return { text: text.trim(), mentions };
}

/** Whether the activity @mentions the bot itself (not only other people). */
export function mentionsBot(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  if (!botId) return false;
  return (activity.entities ?? []).some((entity) => {
    const mention = entity as { type?: string; mentioned?: { id?: string } };
    return mention.type === 'mention' && mention.mentioned?.id === botId;
  });
}

/** Teams user ids of the form "29:…" carry no AAD id; "8:orgid:<guid>" does. */
function aadFromUserId(id: string | undefined): string | undefined {
  const match = /^8:orgid:([0-9a-f-]{36})$/i.exec(id ?? '');
  return match?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PAYLOAD_FIELD;
}
