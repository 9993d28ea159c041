import type {
  ConversationRef,
  MessageRef,
  PersonEvent,
  PlatformIdentity,
} from '../../src/core/inbound.js';
import { conversationRef, isDirectChannel, messageRef, type SlackAddress } from './address.js';
import { decodeAction, submittedValues } from './blocks.js';
import { sharedFile, type SlackFileInfo } from './files.js';
import { decodeSlackText, mentionsIn, withoutMention } from './text.js';

/**
 * Slack payloads → the core's one inbound event type. Each mapper returns the event and, when
 * the payload reveals it, the person's DM with the bot (so the adapter need not open it again) —
 * or a reason to ignore the payload. Mappers never call the core. Event ids are namespaced by
 * kind ("event:Ev1", "action:U1:1700000000.1"): retries and replays carry the same one.
 */
export type Mapped =
  | {
      kind: 'event';
      event: PersonEvent;
      /** The person's DM with the bot, when this payload reveals it. */
      directChannel?: { teamId: string; userId: string; channel: string };
    }
  | { kind: 'ignore'; reason: string };

export interface MapperContext {
  /** The bot's clock, for receivedAt. */
  now(): Date;
  /** The receiver's clock (ms), for the age of trigger ids. */
  nowMs(): number;
  /** Opens (or finds) the person's DM with the bot. */
  openDirectChannel(userId: string): Promise<string>;
}

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const ignore = (reason: string): Mapped => ({ kind: 'ignore', reason });

/** A Slack user in their workspace (team), as the core and the people store know them. */
export function slackIdentity(teamId: string, userId: string): PlatformIdentity {
  return { platform: 'slack', workspaceId: teamId, userId };
}

function base(
  eventId: string,
  teamId: string,
  userId: string,
  conversation: ConversationRef,
  context: MapperContext,
) {
  return {
    eventId,
    actor: slackIdentity(teamId, userId),
    conversation,
    receivedAt: context.now(),
  };
}

/** Messages from bots (ours included) and edits, deletions, joins… are not people talking to us. */
function fromBotOrSystem(event: Json): string | undefined {
  if (event.bot_id !== undefined || event.bot_profile !== undefined) return 'from a bot';
  const subtype = str(event.subtype);
  if (subtype !== undefined && subtype !== 'file_share') return `subtype ${subtype}`;
  return undefined;
}

/** The parts of an Events API message from a person that every mapper needs. */
function personMessage(
  payload: object,
  kind: 'message' | 'mention',
):
  | { body: Json; event: Json; teamId: string; userId: string; channel: string; eventId: string }
  | { ignored: Mapped } {
  const body = obj(payload);
  const event = obj(body.event);
  const skip = fromBotOrSystem(event);
  if (skip) return { ignored: ignore(skip) };
  const teamId = str(body.team_id) ?? str(event.team);
  const userId = str(event.user);
  const channel = str(event.channel);
  const eventId = str(body.event_id);
  if (!teamId || !userId || !channel || !eventId) {
    return { ignored: ignore(`incomplete ${kind} event`) };
  }
  return { body, event, teamId, userId, channel, eventId };
}

/**
 * A message written in a thread carries the thread's ts: the answer goes there. The conversation
 * stays the channel's, so a question asked in the thread and answered below it is one exchange.
 */
function threadOf(event: Json): { threadTs?: string } {
  const threadTs = str(event.thread_ts);
  return threadTs ? { threadTs } : {};
}

// ── Events API ──────────────────────────────────────────────────────────────────────────────────

/** `message.im`: a person writes to the bot, or shares a file, in their DM. */
export function mapDirectMessage(payload: object, context: MapperContext): Mapped {
  const envelope = personMessage(payload, 'message');
  if ('ignored' in envelope) return envelope.ignored;
  const { event, teamId, userId, channel, eventId } = envelope;
  if (!isDirectChannel(channel, str(event.channel_type))) return ignore('not a direct message');

  const address: SlackAddress = { teamId, channel, surface: 'message', userId, ...threadOf(event) };
  const conversation = conversationRef(address, true);
  const common = base(`event:${eventId}`, teamId, userId, conversation, context);
  const directChannel = { teamId, userId, channel };

  if (str(event.subtype) === 'file_share') {
    const files = Array.isArray(event.files) ? event.files : [];
    const file = files.length > 0 ? sharedFile(obj(files[0]) as SlackFileInfo) : undefined;
    if (!file) return ignore('file share without a downloadable file');
    return { kind: 'event', event: { ...common, kind: 'file', file }, directChannel };
  }
  const raw = str(event.text) ?? '';
  const text = decodeSlackText(raw).trim();
  if (text === '') return ignore('empty message');
  const mentions = mentionsIn(raw, teamId);
  return {
    kind: 'event',
    event: { ...common, kind: 'message', text, ...(mentions.length > 0 ? { mentions } : {}) },
    directChannel,
  };
}

/** `app_mention`: "@Nabo mine besøg" in a channel. The mention of the bot itself is removed. */
export function mapMention(payload: object, context: MapperContext): Mapped {
  const envelope = personMessage(payload, 'mention');
  if ('ignored' in envelope) return envelope.ignored;
  const { body, event, teamId, userId, channel, eventId } = envelope;
  const authorizations = Array.isArray(body.authorizations) ? body.authorizations : [];
  const botUserId = str(obj(authorizations[0]).user_id);
  const raw = withoutMention(str(event.text) ?? '', botUserId);
  const text = decodeSlackText(raw).trim();
  const mentions = mentionsIn(raw, teamId);
  const address: SlackAddress = { teamId, channel, surface: 'message', userId, ...threadOf(event) };
  const conversation = conversationRef(address, isDirectChannel(channel, str(event.channel_type)));
  const common = base(`event:${eventId}`, teamId, userId, conversation, context);
  // "@Nabo" alone is a request for help, as a bare "/nabo" is.
  const event_: PersonEvent =
    text === ''
      ? { ...common, kind: 'command', name: 'nabo', text: '' }
      : { ...common, kind: 'message', text, ...(mentions.length > 0 ? { mentions } : {}) };
  return { kind: 'event', event: event_ };
}

/** `app_home_opened` on the Home tab: the answer is published as the Home view. */
export function mapHomeOpened(payload: object, context: MapperContext): Mapped {
  const body = obj(payload);
  const event = obj(body.event);
  if (str(event.tab) !== 'home') return ignore('messages tab opened');
  const teamId = str(body.team_id);
  const userId = str(event.user);
  const channel = str(event.channel);
  const eventId = str(body.event_id);
  if (!teamId || !userId || !channel || !eventId) return ignore('incomplete app_home_opened event');
  // The Home belongs to the person alone, like their DM (whose id `channel` is).
  const conversation = conversationRef({ teamId, channel, surface: 'home', userId }, true);
  return {
    kind: 'event',
    event: {
      ...base(`event:${eventId}`, teamId, userId, conversation, context),
      kind: 'home_opened',
    },
    directChannel: { teamId, userId, channel },
  };
}

// ── Interactivity ───────────────────────────────────────────────────────────────────────────────

function teamOf(body: Json): string | undefined {
  return str(obj(body.team).id) ?? str(obj(body.user).team_id) ?? str(body.team_id);
}

/**
 * `block_actions`: a button press. On a message, its answer goes to the same channel and the
 * message can be edited; on the Home tab, answers go to the person's DM and the Home is
 * republished.
 */
export async function mapBlockAction(payload: object, context: MapperContext): Promise<Mapped> {
  const body = obj(payload);
  const actions = Array.isArray(body.actions) ? body.actions : [];
  const pressed = obj(actions[0]);
  const actionId = str(pressed.action_id);
  const action = actionId ? decodeAction(actionId, str(pressed.value)) : undefined;
  if (!action) return ignore('not a Nabo button');
  const teamId = teamOf(body);
  const userId = str(obj(body.user).id);
  const actionTs = str(pressed.action_ts) ?? str(obj(body.container).message_ts);
  if (!teamId || !userId || !actionTs) return ignore('incomplete block_actions payload');
  const container = obj(body.container);
  const trigger = triggerOf(body, context);

  let channel: string | undefined;
  let source: MessageRef | undefined;
  let surfaceIsHome = false;
  if (str(container.type) === 'message') {
    channel = str(obj(body.channel).id) ?? str(container.channel_id);
    const ts = str(container.message_ts);
    if (channel && ts)
      source = messageRef(`slack:${teamId}:${channel}`, { kind: 'message', channel, ts });
  } else if (str(container.type) === 'view' && str(obj(body.view).type) === 'home') {
    channel = await context.openDirectChannel(userId);
    source = messageRef(`slack:${teamId}:${channel}`, { kind: 'home', userId });
    surfaceIsHome = true;
  }
  if (!channel) return ignore('button outside a message or the Home tab');

  const isDirect = surfaceIsHome || isDirectChannel(channel);
  const conversation = conversationRef(
    { teamId, channel, surface: 'message', userId, ...trigger, ...threadOf(container) },
    isDirect,
  );
  return {
    kind: 'event',
    event: {
      ...base(`action:${userId}:${actionTs}`, teamId, userId, conversation, context),
      kind: 'action',
      action,
      source,
    },
    ...(isDirect ? { directChannel: { teamId, userId, channel } } : {}),
  };
}

/** `view_submission`: a modal's form; the metadata says which conversation it belongs to. */
export function mapViewSubmission(payload: object, context: MapperContext): Mapped {
  const body = obj(payload);
  const view = obj(body.view);
  const formId = str(view.callback_id);
  const teamId = teamOf(body);
  const userId = str(obj(body.user).id);
  const viewId = str(view.id);
  if (!formId || !teamId || !userId || !viewId) return ignore('incomplete view_submission payload');
  let metadata: Json = {};
  try {
    metadata = obj(JSON.parse(str(view.private_metadata) ?? '{}'));
  } catch {
    return ignore('modal without Nabo metadata');
  }
  const channel = str(metadata.channel);
  if (!channel) return ignore('modal without a conversation');
  const isDirect = isDirectChannel(channel);
  const conversation = conversationRef({ teamId, channel, surface: 'message', userId }, isDirect);
  const submissionId = str(body.trigger_id) ?? `${viewId}:${str(view.hash) ?? ''}`;
  return {
    kind: 'event',
    event: {
      ...base(`view:${submissionId}`, teamId, userId, conversation, context),
      kind: 'form_submit',
      formId,
      values: submittedValues(view.state),
      source: undefined,
    },
  };
}

/**
 * `/nabo …`: answered in the person's DM with the bot wherever it was typed, because the bot is
 * rarely a member of the channel, and the answers may name residents.
 */
export async function mapSlashCommand(payload: object, context: MapperContext): Promise<Mapped> {
  const body = obj(payload);
  const teamId = str(body.team_id);
  const userId = str(body.user_id);
  const triggerId = str(body.trigger_id);
  if (!teamId || !userId || !triggerId) return ignore('incomplete slash command');
  const channel = await context.openDirectChannel(userId);
  const conversation = conversationRef(
    { teamId, channel, surface: 'message', userId, triggerId, triggerAt: context.nowMs() },
    true,
  );
  const text = decodeSlackText(str(body.text) ?? '').trim();
  return {
    kind: 'event',
    event: {
      ...base(`command:${triggerId}`, teamId, userId, conversation, context),
      kind: 'command',
      name: 'nabo',
      text,
    },
    directChannel: { teamId, userId, channel },
  };
}

function triggerOf(body: Json, context: MapperContext): { triggerId?: string; triggerAt?: number } {
  const triggerId = str(body.trigger_id);
  return triggerId ? { triggerId, triggerAt: context.nowMs() } : {};
}
