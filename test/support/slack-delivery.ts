/**
 * Slack's side of the Events API, as the tests play it: the signature Slack puts on each
 * delivery, and the delivery itself. No vitest here: the chaos script uses it too.
 */
import { createHmac } from 'node:crypto';

/** The signing secret of the Slack tests' web processes, unless a test names its own. */
export const SIGNING_SECRET = 'test-signing-secret-8f2c';

/** Signs like Slack does (v0 HMAC over `v0:{ts}:{body}`), written out here rather than imported. */
export function signature(
  body: string | Buffer,
  timestamp: number,
  secret = SIGNING_SECRET,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(body);
  return `v0=${hmac.digest('hex')}`;
}

/**
 * The signature's timestamp. The receiver checks it against its own wall clock (five minutes
 * either way, as Bolt does), so this is the one place a test reads the wall clock: both sides
 * read the same one, faked or not.
 */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface Delivery {
  /** Slack's redelivery number (1 to 3), sent with the reason Slack gives most often. */
  retry?: number;
  contentType?: string;
  secret?: string;
}

/** The headers Slack sends with `body`: its content type, timestamp, signature and retry. */
export function slackHeaders(body: string, delivery: Delivery = {}): Record<string, string> {
  const timestamp = nowSeconds();
  const retry = delivery.retry ?? 0;
  return {
    'content-type': delivery.contentType ?? 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(body, timestamp, delivery.secret),
    ...(retry > 0
      ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }
      : {}),
  };
}

/** Slack delivering one event (an object, or a body as sent) to `url`; the HTTP status. */
export async function deliverSlackEvent(
  url: string,
  payload: object | string,
  delivery: Delivery & { timeoutMs?: number } = {},
): Promise<number> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: slackHeaders(body, delivery),
    body,
    ...(delivery.timeoutMs === undefined
      ? {}
      : { signal: AbortSignal.timeout(delivery.timeoutMs) }),
  });
  await response.text();
  return response.status;
}
