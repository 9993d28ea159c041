import type {
  ActionPayload,
  ConversationRef,
  PersonEvent,
  PlatformIdentity,
} from '../../src/core/inbound.js';

/**
 * The webhook's JSON → the core's inbound event. The chat system says who wrote (a user in a
 * workspace), in which conversation, and what they did:
 *
 *   { "id": "evt-1", "workspace": "acme", "user": "u1",
 *     "conversation": { "id": "c1", "direct": true },
 *     "type": "message", "text": "mine besøg" }
 *   { …, "type": "action", "action": { "flow": "report", "step": "outcome", "value": "…" },
 *     "source": "m3" }
 *   { …, "type": "form", "form": { "id": "corps:add", "values": { "name": "…" } } }
 */
export const WEBHOOK_PLATFORM = 'webhook';

export type Mapped = { kind: 'event'; event: PersonEvent } | { kind: 'ignore'; reason: string };

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && value.length <= 1_000 ? value : undefined;

export function webhookIdentity(workspaceId: string, userId: string): PlatformIdentity {
  return { platform: WEBHOOK_PLATFORM, workspaceId, userId };
}

/** `webhook:<workspace>:<conversation>`: stable and storable. */
export function conversationOf(
  workspaceId: string,
  id: string,
  isDirect: boolean,
): ConversationRef {
  return {
    platform: WEBHOOK_PLATFORM,
    key: `${WEBHOOK_PLATFORM}:${workspaceId}:${id}`,
    isDirect,
    address: { workspace: workspaceId, conversation: id },
  };
}

export function mapEvent(payload: unknown, receivedAt: Date): Mapped {
  const body = obj(payload);
  const id = str(body.id);
  const workspace = str(body.workspace);
  const user = str(body.user);
  const conversation = obj(body.conversation);
  const conversationId = str(conversation.id);
  if (!id || !workspace || !user || !conversationId) {
    return { kind: 'ignore', reason: 'incomplete event' };
  }
  const base = {
    eventId: id,
    actor: webhookIdentity(workspace, user),
    // Only the chat system knows whether others can read along; it says so, or it is not direct.
    conversation: conversationOf(workspace, conversationId, conversation.direct === true),
    receivedAt,
  };
  switch (body.type) {
    case 'message': {
      const text = str(body.text)?.trim();
      return text
        ? { kind: 'event', event: { ...base, kind: 'message', text } }
        : { kind: 'ignore', reason: 'empty message' };
    }
    case 'action': {
      const action = actionOf(obj(body.action));
      if (!action) return { kind: 'ignore', reason: 'not a Nabo button' };
      const source = str(body.source);
      return {
        kind: 'event',
        event: {
          ...base,
          kind: 'action',
          action,
          source: source ? { conversationKey: base.conversation.key, id: source } : undefined,
        },
      };
    }
    case 'form': {
      const form = obj(body.form);
      const formId = str(form.id);
      if (!formId) return { kind: 'ignore', reason: 'form without an id' };
      const values = Object.fromEntries(
        Object.entries(obj(form.values)).flatMap(([key, value]) =>
          typeof value === 'string' ? [[key, value]] : [],
        ),
      );
      return {
        kind: 'event',
        event: { ...base, kind: 'form_submit', formId, values, source: undefined },
      };
    }
    default:
      return { kind: 'ignore', reason: 'unknown event type' };
  }
}

function actionOf(action: Json): ActionPayload | undefined {
  const flow = str(action.flow);
  const step = str(action.step);
  const value = typeof action.value === 'string' ? action.value : undefined;
  return flow && step && value !== undefined ? { flow, step, value } : undefined;
}
