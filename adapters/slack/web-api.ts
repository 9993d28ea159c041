import { webApi } from '@slack/bolt';
import type { Logger } from '../../kernel/logger.js';
import { performance } from 'node:perf_hooks';
import { SendTooLateError, type NaboErrorCode } from '../../kernel/errors.js';
import { SlackApiError } from './errors.js';
import { AUTH_CHECK_CACHE_MS, MAX_RATE_LIMIT_WAIT_MS, RATE_LIMIT_RETRIES } from './limits.js';
import { boltLogger } from './logger.js';
import { keepAliveFetch } from './http-fetch.js';

/** One for every client in the process: its connections to Slack are kept and shared. */
let sharedFetch: typeof fetch | undefined;

/** Slack's answers that mean the token no longer works: the app was removed or the token revoked. */
const AUTH_FAILURES = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
  // Nabo's own: no installation is stored for the workspace (OAuth mode; adapters/slack/workspaces.ts).
  'not_installed',
]);

export function isAuthFailure(slackError: string): boolean {
  return AUTH_FAILURES.has(slackError);
}

export type SlackResult = Record<string, unknown> & { ok?: boolean };

export interface SlackApi {
  /**
   * One Web API call. `retryRateLimited` waits out a 429 (Retry-After, at most 30 s, twice) —
   * right for sends after the request was acknowledged, wrong for anything a person waits on.
   */
  call(
    method: string,
    args: Record<string, unknown>,
    options?: {
      retryRateLimited?: boolean;
      /** `performance.now()` after which the call is not made (SendTooLateError): see SendOptions. */
      notAfter?: number;
    },
  ): Promise<SlackResult>;
  /** Resolves when the token works (auth.test, cached a minute); rejects with the reason otherwise. */
  check(): Promise<void>;
  /** Slack's code for the current token failure (`token_revoked`…), if any. */
  readonly authFailure: string | undefined;
}

export interface SlackApiOptions {
  token: string;
  apiUrl: string | undefined;
  logger: Logger;
  /** Waiting for Retry-After; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Web API client as Nabo uses it. The SDK's own retry loop (up to ~30 minutes by default)
 * would hold a request open long after Slack gave up on it, so it is off: failed calls fail now,
 * and only a 429 on a send is retried, after the wait Slack asked for. A rejected token is logged
 * once, not once per request, and reported by `check()` so /healthz shows it.
 */
export function createSlackApi(options: SlackApiOptions): SlackApi {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: withTrailingSlash(options.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(options.logger, 'slack-web-api'),
    fetch: (sharedFetch ??= keepAliveFetch()),
  });
  let authFailure: string | undefined;
  let lastGoodCheck = Number.NEGATIVE_INFINITY;

  function noteSuccess(): void {
    if (authFailure !== undefined) {
      options.logger.info({ platform: 'slack' }, 'Slack accepts the bot token again');
      authFailure = undefined;
    }
  }

  function noteFailure(method: string, slackError: string): void {
    if (!isAuthFailure(slackError)) return;
    if (authFailure !== slackError) {
      options.logger.error(
        { platform: 'slack', method, slackError },
        'Slack rejected the bot token: reinstall the app or update SLACK_BOT_TOKEN',
      );
    }
    authFailure = slackError;
    lastGoodCheck = Number.NEGATIVE_INFINITY;
  }

  async function callOnce(method: string, args: Record<string, unknown>): Promise<SlackResult> {
    try {
      const result = (await client.apiCall(method, args)) as SlackResult;
      noteSuccess();
      return result;
    } catch (error) {
      throw translate(method, error, noteFailure);
    }
  }

  return {
    get authFailure() {
      return authFailure;
    },
    async call(method, args, callOptions = {}) {
      // The last moment before the request leaves: a paced send past its token goes no further.
      if (callOptions.notAfter !== undefined && performance.now() > callOptions.notAfter) {
        throw new SendTooLateError(
          `Slack ${method}: its pacing token passed before it could leave`,
        );
      }
      const retries = callOptions.retryRateLimited ? RATE_LIMIT_RETRIES : 0;
      for (let attempt = 0; ; attempt++) {
        try {
          return await callOnce(method, args);
        } catch (error) {
          const wait = error instanceof SlackApiError ? error.retryAfterMs : undefined;
          if (wait === undefined || attempt >= retries || wait > MAX_RATE_LIMIT_WAIT_MS)
            throw error;
          options.logger.warn(
            { platform: 'slack', method, retryAfterMs: wait },
            'Slack rate limit: waiting',
          );
          await sleep(wait);
        }
      }
    },
    async check() {
      if (authFailure !== undefined)
        throw new SlackApiError('DEPENDENCY_UNAVAILABLE', 'auth.test', authFailure);
      if (now() - lastGoodCheck < AUTH_CHECK_CACHE_MS) return;
      await callOnce('auth.test', {});
      lastGoodCheck = now();
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function translate(
  method: string,
  error: unknown,
  noteFailure: (method: string, slackError: string) => void,
): SlackApiError {
  if (error instanceof webApi.WebAPIPlatformError) {
    const slackError = String(error.data.error);
    noteFailure(method, slackError);
    return new SlackApiError(codeFor(slackError), method, slackError, { cause: error });
  }
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new SlackApiError('RATE_LIMITED', method, 'ratelimited', {
      cause: error,
      retryAfterMs: Math.max(0, error.retryAfter) * 1000,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return new SlackApiError('DEPENDENCY_UNAVAILABLE', method, `http_${error.statusCode}`, {
      cause: error,
    });
  }
  return new SlackApiError('DEPENDENCY_UNAVAILABLE', method, 'request_failed', { cause: error });
}

function codeFor(slackError: string): NaboErrorCode {
  if (isAuthFailure(slackError)) return 'DEPENDENCY_UNAVAILABLE';
  if (slackError === 'ratelimited') return 'RATE_LIMITED';
  if (/not_found$/.test(slackError)) return 'NOT_FOUND';
  if (
    slackError === 'invalid_arguments' ||
    slackError === 'invalid_blocks' ||
    slackError.startsWith('invalid_')
  ) {
    return 'INVALID_INPUT';
  }
  return 'DEPENDENCY_UNAVAILABLE';
}
