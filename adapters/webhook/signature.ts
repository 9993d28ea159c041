import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Both directions are signed the same way: `x-nabo-signature: sha256=<hex>`, an HMAC-SHA256 of
 * the raw body with the shared secret. The comparison is constant-time, and an event carries its
 * own id, so a replayed request is handled once by the pipeline.
 */
export const SIGNATURE_HEADER = 'x-nabo-signature';

export function sign(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function isSignedBy(secret: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(sign(secret, body));
  const received = Buffer.from(signature);
  return received.length === expected.length && timingSafeEqual(received, expected);
}
