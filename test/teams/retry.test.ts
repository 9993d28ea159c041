import { describe, expect, it } from 'vitest';
import { retryAfterMs, withRetry, type RetryPolicy } from '../../adapters/teams/retry.js';

class ConnectorError extends Error {
  constructor(
    readonly statusCode: number,
    retryAfter?: string,
  ) {
    super(`connector answered ${statusCode}`);
    this.response = {
      headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) },
    };
  }
  readonly response: { headers: { get(name: string): string | undefined } };
}

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    maxAttempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    waits,
    ...overrides,
  };
}

/** An operation that fails with the given errors, then succeeds. */
function failing(...errors: Error[]) {
  let calls = 0;
  const operation = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'sent';
  };
  return { operation, calls: () => calls };
}

describe('connector retries', () => {
  it('when the connector throttles with Retry-After, then the wait is at least what it asked for', async () => {
    const retry = policy();
    const op = failing(new ConnectorError(429, '3'));

    await expect(withRetry(op.operation, retry)).resolves.toBe('sent');

    expect(op.calls()).toBe(2);
    expect(retry.waits).toEqual([3_000 + 250]);
  });

  it('when transient errors repeat, then the backoff grows exponentially with jitter and stays capped', async () => {
    const retry = policy({ maxAttempts: 6, maxDelayMs: 3_000 });
    const op = failing(...[502, 504, 412, 429, 502].map((status) => new ConnectorError(status)));

    await expect(withRetry(op.operation, retry)).resolves.toBe('sent');

    // random() = 0.5 → half of min(cap, base · 2^(attempt-1)).
    expect(retry.waits).toEqual([250, 500, 1_000, 1_500, 1_500]);
  });

  it('when the attempts run out, then the last error is thrown', async () => {
    const retry = policy({ maxAttempts: 3 });
    const op = failing(...Array.from({ length: 5 }, () => new ConnectorError(429)));

    await expect(withRetry(op.operation, retry)).rejects.toMatchObject({ statusCode: 429 });
    expect(op.calls()).toBe(3);
  });

  it.each([400, 401, 403, 404, 413, 500])(
    'when the connector answers %i, then it is not retried',
    async (status) => {
      const retry = policy();
      const op = failing(new ConnectorError(status));

      await expect(withRetry(op.operation, retry)).rejects.toMatchObject({ statusCode: status });
      expect(op.calls()).toBe(1);
      expect(retry.waits).toEqual([]);
    },
  );

  it('when Retry-After asks for longer than a minute, then the request fails instead of hanging', async () => {
    const op = failing(new ConnectorError(429, '3600'));
    await expect(withRetry(op.operation, policy())).rejects.toMatchObject({ statusCode: 429 });
    expect(op.calls()).toBe(1);
  });

  it('when Retry-After is an HTTP date, then it is read as the time until then', () => {
    const now = Date.parse('2026-11-27T09:00:00Z');
    expect(retryAfterMs(new ConnectorError(429, 'Fri, 27 Nov 2026 09:00:05 GMT'), () => now)).toBe(
      5_000,
    );
    expect(retryAfterMs(new ConnectorError(429))).toBeUndefined();
    expect(retryAfterMs(new Error('no response'))).toBeUndefined();
  });
});
