import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SlackRequestError } from '../../adapters/slack/errors.js';
import { verifySlackSignature } from '../../adapters/slack/verify-request.js';

const secret = 'shhh';
const body = Buffer.from('{"type":"event_callback","text":"blåbær"}');
const at = 1_790_000_000;

function signed(timestamp: number, raw: Buffer = body): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`;
}

function verify(
  nowSeconds: number,
  overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {},
): void {
  verifySlackSignature({
    signingSecret: secret,
    timestamp: String(at),
    signature: signed(at),
    rawBody: body,
    nowMs: nowSeconds * 1000,
    ...overrides,
  });
}

describe('Slack request signatures (v0)', () => {
  it('when the signature matches within the window, then the request passes', () => {
    expect(() => verify(at)).not.toThrow();
    expect(() => verify(at + 300)).not.toThrow();
    expect(() => verify(at - 300)).not.toThrow();
  });

  it('when the clock is more than five minutes from the timestamp, either way, then it is refused with 401', () => {
    expect(() => verify(at + 301)).toThrow(SlackRequestError);
    expect(() => verify(at - 301)).toThrow(
      expect.objectContaining({ status: 401, code: 'FORBIDDEN' }),
    );
  });

  it('when a header is missing or malformed, then it is refused', () => {
    expect(() => verify(at, { signature: undefined })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    expect(() => verify(at, { timestamp: undefined })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    expect(() => verify(at, { timestamp: '17e8' })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
    expect(() => verify(at, { signature: 'v0=abc' })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });

  it('when one byte of the body differs, then it is refused', () => {
    const changed = Buffer.from(body);
    changed[changed.length - 2] = 0x41;
    expect(() => verify(at, { rawBody: changed })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });

  it('when signed with another secret, then it is refused', () => {
    const other = `v0=${createHmac('sha256', 'other').update(`v0:${at}:`).update(body).digest('hex')}`;
    expect(() => verify(at, { signature: other })).toThrow(
      expect.objectContaining({ status: 401 }),
    );
  });
});
