import { createHmac, timingSafeEqual } from 'node:crypto';
import { SlackRequestError } from './errors.js';
import { SIGNATURE_WINDOW_SECONDS } from './limits.js';

export interface SignedRequest {
  signingSecret: string;
  /** `x-slack-request-timestamp`: seconds since the epoch. */
  timestamp: string | undefined;
  /** `x-slack-signature`: `v0=<hex hmac>`. */
  signature: string | undefined;
  /** The body exactly as received: the signature covers bytes, not a re-serialised object. */
  rawBody: Buffer;
  /** Now, in ms; injectable so tests can stand on either side of the window. */
  nowMs: number;
}

const VERSION = 'v0';

/**
 * Slack's request signing, v0: HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the signing
 * secret. A timestamp more than five minutes away in either direction is refused, so a captured
 * request cannot be replayed later (Bolt accepts future timestamps; we do not, because a clock
 * that far ahead is as suspicious as one behind). The comparison is constant-time.
 */
export function verifySlackSignature(request: SignedRequest): void {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) {
    throw new SlackRequestError(401, 'Slack request without signature headers');
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new SlackRequestError(401, 'Slack request with a malformed timestamp');
  }
  const ageSeconds = Math.abs(Math.floor(request.nowMs / 1000) - Number(timestamp));
  if (ageSeconds > SIGNATURE_WINDOW_SECONDS) {
    throw new SlackRequestError(401, 'Slack request timestamp outside the 5-minute window');
  }
  const expected = Buffer.from(
    expectedSignature(request.signingSecret, timestamp, request.rawBody),
  );
  const received = Buffer.from(signature);
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new SlackRequestError(401, 'Slack request signature does not match');
  }
}

function expectedSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${VERSION}:${timestamp}:`);
  hmac.update(rawBody);
  return `${VERSION}=${hmac.digest('hex')}`;
}
