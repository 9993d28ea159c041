import type { Area, ConversationState } from '../../models/types.js';
import { eventKeyOf, type ActionPayload, type IncomingFile, type MessageRef } from './inbound.js';
import type { Turn } from './turn.js';

/**
 * A conversation flow: one story the bot can hold with a person ("report a visit", "show my
 * visits"). Buttons come back as actions addressed to the flow by name; a flow that asked a
 * question in words keeps its place in the persisted conversation state and gets the next text.
 */
export interface Flow {
  readonly name: string;
  /**
   * Its buttons and forms may be answered in a channel or group chat: they name no resident.
   * Otherwise the pipeline refuses them outside a one-to-one conversation (private-guard.ts).
   */
  readonly answersInGroups?: boolean;
  /** A button or card choice addressed to this flow. */
  onAction?(turn: Turn, action: ActionPayload, source: MessageRef | undefined): Promise<void>;
  /**
   * The next text message while this flow holds the conversation. Returns false when the text is
   * not an answer to the pending question, so the bot treats it as a fresh message.
   */
  onReply?(turn: Turn, text: string, state: ConversationState): Promise<boolean>;
  /**
   * A fresh message that no pending question claimed. Feature flows (meetings, the corps, the
   * welcome folder) recognise their own commands here and return true when they handled it;
   * the bot tries them in order before its general intents.
   */
  onMessage?(turn: Turn, text: string): Promise<boolean>;
  /** A file shared with the bot (e.g. the monthly list); true when handled. */
  onFile?(turn: Turn, file: IncomingFile): Promise<boolean>;
  /** A submitted form whose id starts with `${name}:`. */
  onForm?(
    turn: Turn,
    formId: string,
    values: Record<string, string>,
    source: MessageRef | undefined,
  ): Promise<void>;
}

/** How long an unanswered question keeps its place before the conversation starts afresh. */
export const CONVERSATION_STATE_TTL_SECONDS = 24 * 60 * 60;

export async function rememberStep(
  turn: Turn,
  flow: string,
  step: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  turn.held.state = await turn.deps.db.conversationStates.save({
    personId: turn.person.id,
    conversationKey: turn.event.conversation.key,
    flow,
    step,
    data,
    ttlSeconds: CONVERSATION_STATE_TTL_SECONDS,
  });
}

export async function forgetStep(turn: Turn): Promise<void> {
  await turn.deps.db.conversationStates.clear(turn.person.id, turn.event.conversation.key);
  turn.held.state = null;
}

/** An area the turn holds (one the person has a role in), or else as MongoDB has it. */
export async function areaOf(turn: Turn, areaId: string): Promise<Area | null> {
  return (
    turn.held.areas.find((area) => area.id === areaId) ??
    (await turn.deps.db.areas.findById(areaId))
  );
}

/** The conversation's pending question, as this turn holds it (read once at its start). */
export function conversationState(turn: Turn): ConversationState | null {
  return turn.held.state;
}

/**
 * The turn's event as effects keep it (`<platform>:<event id>`), so a resumed or retried turn of
 * the same event finds what it stored and does not store it again; none for synthetic events.
 */
export function sourceEventOf(turn: Turn): string | undefined {
  return turn.event.eventId === '' ? undefined : eventKeyOf(turn.event);
}

/** `{ sourceEvent }` for spreading into a write's input; empty for synthetic events. */
export function sourceEventField(turn: Turn): { sourceEvent?: string } {
  const event = sourceEventOf(turn);
  return event ? { sourceEvent: event } : {};
}
