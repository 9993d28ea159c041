/**
 * Retries of calls to the Bot Connector (send, update). Teams asks bots to retry 412, 429, 502
 * and 504 with exponential backoff, and to honour Retry-After on 429. botbuilder's HTTP pipeline
 * would retry on its own as well; cloud-adapter.ts removes that policy so this module is the one
 * place that decides how often and how long, and tests can run it without waiting.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 504]);

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injectable so tests never wait; the default is a real timer. */
  sleep(ms: number): Promise<void>;
  /** 0 ≤ random() < 1, for the jitter. */
  random(): number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** A Retry-After longer than this is not waited for inside a request: the caller fails instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** The HTTP status of a failed connector call (botbuilder throws a RestError with statusCode). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After of a failed call in milliseconds (seconds or an HTTP date), if the server sent one. */
export function retryAfterMs(error: unknown, now: () => number = Date.now): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => unknown } } })
    ?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

export interface RetryNotice {
  attempt: number;
  status: number;
  delayMs: number;
}

/**
 * Runs `operation` and retries it on the statuses above. The delay is "full jitter" exponential
 * backoff, so many replicas throttled at once do not come back in step; on 429 it is at least
 * the Retry-After the connector asked for.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const status = statusOf(error);
      if (
        status === undefined ||
        !RETRYABLE_STATUSES.has(status) ||
        attempt >= policy.maxAttempts
      ) {
        throw error;
      }
      const delayMs = delayBefore(attempt, status, error, policy);
      if (delayMs === undefined) throw error;
      onRetry?.({ attempt, status, delayMs });
      await policy.sleep(delayMs);
    }
  }
}

function delayBefore(
  attempt: number,
  status: number,
  error: unknown,
  policy: RetryPolicy,
): number | undefined {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = Math.floor(policy.random() * ceiling);
  if (status !== 429) return jitter;
  const asked = retryAfterMs(error);
  if (asked === undefined) return jitter;
  if (asked > MAX_RETRY_AFTER_MS) return undefined;
  // Honour the server's wait, plus a little jitter so throttled replicas spread out.
  return asked + Math.floor(policy.random() * policy.baseDelayMs);
}
