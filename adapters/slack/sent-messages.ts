import type { SlackApi } from './web-api.js';

/**
 * What Nabo sent is found on Slack again by the send key in the message's metadata: a turn run
 * again after a crash (its reply) and a job's send claimed before a crash (its message) both
 * look before they post, so nobody gets the same message twice.
 */

/** The event type of the metadata a message carries its send key in. */
export const SEND_KEY_EVENT_TYPE = 'nabo_send';

export interface SendKeyMetadata {
  event_type: typeof SEND_KEY_EVENT_TYPE;
  event_payload: { send_key: string };
}

export function sendKeyMetadata(sendKey: string): SendKeyMetadata {
  return { event_type: SEND_KEY_EVENT_TYPE, event_payload: { send_key: sendKey } };
}

/** Pages of 200 messages looked through; a send is looked for minutes after it was made. */
const FIND_SENT_PAGES = 5;

interface SlackMessage {
  ts?: unknown;
  metadata?: { event_type?: unknown; event_payload?: { send_key?: unknown } };
}

/** The ts of the message in the channel (or the thread) that carries the send key, if any. */
export async function findTsBySendKey(
  api: SlackApi,
  where: { channel: string; threadTs?: string | undefined },
  sendKey: string,
  since: Date,
): Promise<string | undefined> {
  // A minute's slack for the difference between our clock and Slack's.
  const oldest = (Math.max(0, since.getTime() - 60_000) / 1_000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < FIND_SENT_PAGES; page += 1) {
    const result = await api.call(
      where.threadTs ? 'conversations.replies' : 'conversations.history',
      {
        channel: where.channel,
        ...(where.threadTs ? { ts: where.threadTs } : {}),
        oldest,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      },
    );
    const messages = Array.isArray(result.messages) ? (result.messages as SlackMessage[]) : [];
    const found = messages.find(
      (candidate) =>
        candidate.metadata?.event_type === SEND_KEY_EVENT_TYPE &&
        candidate.metadata.event_payload?.send_key === sendKey,
    );
    if (found && typeof found.ts === 'string') return found.ts;
    cursor = (result.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
    if (!cursor) return undefined;
  }
  return undefined;
}
