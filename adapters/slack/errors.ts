import { NaboError, type NaboErrorCode } from '../../kernel/errors.js';

/**
 * A request Slack (or someone pretending to be Slack) sent that the adapter refuses. It carries
 * the HTTP status to answer with, so the receiver has one place that turns refusals into codes.
 */
export class SlackRequestError extends NaboError {
  readonly status: 400 | 401 | 413;

  constructor(status: 400 | 401 | 413, message: string, options: { cause?: unknown } = {}) {
    const code: NaboErrorCode = status === 401 ? 'FORBIDDEN' : 'INVALID_INPUT';
    super(code, message, options);
    this.name = 'SlackRequestError';
    this.status = status;
  }
}

/** A Web API call that failed: `slackError` is Slack's own code (`user_not_found`, …). */
export class SlackApiError extends NaboError {
  readonly slackError: string;
  readonly method: string;
  /** Set for rate limits: how long Slack asked us to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: NaboErrorCode,
    method: string,
    slackError: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(code, `Slack ${method} failed: ${slackError}`, { cause: options.cause });
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isSlackApiError(error: unknown): error is SlackApiError {
  return error instanceof SlackApiError;
}
