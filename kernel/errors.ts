/**
 * Every error Nabo raises on purpose is a NaboError with a stable code, so callers (the CLI's exit
 * codes, the chat flows' friendly replies, the logs) can act on the kind of failure without
 * parsing messages. `userFacing` marks errors whose message may be shown to the person as-is.
 */
export type NaboErrorCode =
  | 'CONFIG_INVALID'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_INPUT'
  | 'IMPORT_FAILED'
  | 'FORBIDDEN'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'LIMIT_EXCEEDED'
  | 'INTERNAL';

export class NaboError extends Error {
  readonly code: NaboErrorCode;
  readonly userFacing: boolean;

  constructor(
    code: NaboErrorCode,
    message: string,
    options: { cause?: unknown; userFacing?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NaboError';
    this.code = code;
    this.userFacing = options.userFacing ?? false;
  }
}

/** A mistake the user can fix (bad argument, bad file): shown as is, CLI exit code 1. */
export class UserError extends NaboError {
  constructor(code: NaboErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, userFacing: true });
    this.name = 'UserError';
  }
}

export function isNaboError(error: unknown): error is NaboError {
  return error instanceof NaboError;
}

/**
 * A platform asked us to slow down (HTTP 429 with Retry-After). Not a failure: the sender waits
 * `retryAfterMs` and tries again, and a job does not count it as a failed attempt.
 */
export class RateLimitedError extends NaboError {
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number, options: { cause?: unknown } = {}) {
    super('RATE_LIMITED', message, options);
    this.name = 'RateLimitedError';
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Our own pace refused a send: its pacing token had passed (by more than the pacer tolerates)
 * before the request could leave, so it was not sent — sent late, it would land in the window of
 * the sends paced after it. Nothing went out; the caller takes a new token.
 */
export class SendTooLateError extends RateLimitedError {
  constructor(message: string) {
    super(message, 0);
    this.name = 'SendTooLateError';
  }
}

/**
 * Something was larger than Nabo accepts: a download, an unpacked spreadsheet, a list's rows.
 * `limit` names what was measured, `max` the amount allowed and `counted` how far the count got
 * before reading stopped (so a refusal can be told apart from having read it all first).
 */
export class LimitExceededError extends NaboError {
  readonly limit: string;
  readonly max: number;
  readonly counted: number | undefined;

  constructor(
    limit: string,
    max: number,
    message: string,
    options: { counted?: number; cause?: unknown } = {},
  ) {
    super('LIMIT_EXCEEDED', message, { cause: options.cause, userFacing: true });
    this.name = 'LimitExceededError';
    this.limit = limit;
    this.max = max;
    this.counted = options.counted;
  }
}
