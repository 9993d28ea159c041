import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../kernel/logger.js';
import { SlackRequestError } from './errors.js';
import { ACK_DEADLINE_MS, MAX_BODY_BYTES } from './limits.js';
import { checkSlackBody } from './body-schema.js';
import { parseSlackBody, type SlackBody } from './parse-body.js';
import { readLimitedBody } from './read-body.js';
import { verifySlackSignature } from './verify-request.js';
import type { WorkTracker } from './work-tracker.js';

/**
 * Given to listeners in Bolt's context under ACKNOWLEDGE: `true` once the event is stored (or
 * needs no storing), 200; `false` when it could not be stored, 503 so that Slack sends it again.
 */
export type SlackAcknowledge = (stored: boolean) => void;
export const ACKNOWLEDGE = 'naboAcknowledge';

export interface HttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Now in ms, for the signature window; injectable for tests. */
  nowMs: () => number;
  tracker: WorkTracker;
  /** True while the bot's backlog is full: requests are refused with 503 and Slack retries. */
  isOverloaded?: () => boolean;
  maxBodyBytes?: number;
}

/**
 * Slack's HTTP requests (events, interactivity, slash commands) on one Express route, handed to
 * Bolt as `ReceiverEvent`s. It does what Bolt's receivers do — verify the signature over the raw
 * body, parse, answer when the listener acks — plus what they do not: a body limit enforced while
 * reading, 400 instead of a crash on bodies that do not parse, an injectable clock, and tracking
 * of the work that continues after the ack so tests can wait for it instead of sleeping.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: HttpReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.options.tracker.settled();
  }

  handler(): RequestHandler {
    return (request, response) => {
      void this.handle(request, response);
    };
  }

  private async handle(request: Request, response: Response): Promise<void> {
    let body: SlackBody;
    try {
      const rawBody = await readLimitedBody(request, this.options.maxBodyBytes ?? MAX_BODY_BYTES);
      verifySlackSignature({
        signingSecret: this.options.signingSecret,
        timestamp: header(request, 'x-slack-request-timestamp'),
        signature: header(request, 'x-slack-signature'),
        rawBody,
        nowMs: this.options.nowMs(),
      });
      body = parseSlackBody(rawBody, header(request, 'content-type'));
      checkSlackBody(body);
    } catch (error) {
      this.refuse(response, error);
      return;
    }

    // The Events API checks the URL once with a challenge; the command endpoint pings for SSL.
    if (body.type === 'url_verification') {
      response.status(200).json({ challenge: body.challenge });
      return;
    }
    if (body.ssl_check !== undefined) {
      response.status(200).end();
      return;
    }
    if (this.options.isOverloaded?.()) {
      this.options.logger.warn(
        { platform: 'slack' },
        'Slack request refused: too many turns waiting',
      );
      response.status(503).end();
      return;
    }
    this.dispatch(body, request, response);
  }

  private dispatch(body: SlackBody, request: Request, response: Response): void {
    const app = this.app;
    if (!app) {
      response.status(503).end();
      return;
    }
    let acked = false;
    const respond = (payload: unknown, status = 200): void => {
      if (acked) return;
      acked = true;
      clearTimeout(deadline);
      if (payload === undefined || payload === '') response.status(status).end();
      else if (typeof payload === 'string')
        response.status(status).type('text/plain').send(payload);
      else response.status(status).json(payload);
    };
    // Slack retries what is not acknowledged within 3 s. A request still unanswered here was
    // not stored in time (MongoDB slow or down): 503, never a 200 for an event Nabo may not have.
    const deadline = setTimeout(() => {
      if (!acked)
        this.options.logger.warn({ platform: 'slack' }, 'Slack request not acknowledged in time');
      respond(undefined, 503);
    }, ACK_DEADLINE_MS);
    deadline.unref();

    // Bolt acknowledges Events API requests itself before any listener runs, i.e. before the
    // event is stored. Their 200 waits for the listener's `acknowledge` (after the inbox write).
    const boltAcksTooEarly = body.type === 'event_callback';
    const acknowledge: SlackAcknowledge = (stored) => respond(undefined, stored ? 200 : 503);
    const retryNum = Number(header(request, 'x-slack-retry-num'));
    const event: ReceiverEvent = {
      body,
      ack: async (payload?: unknown) => {
        if (!boltAcksTooEarly) respond(payload);
      },
      customProperties: { [ACKNOWLEDGE]: acknowledge },
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(header(request, 'x-slack-retry-reason')
        ? { retryReason: header(request, 'x-slack-retry-reason') }
        : {}),
    };
    this.options.tracker.track(
      app
        .processEvent(event)
        .catch((error: unknown) => {
          this.options.logger.error(
            { platform: 'slack', err: error },
            'Slack event processing failed',
          );
        })
        .finally(() => respond(undefined)),
    );
  }

  private refuse(response: Response, error: unknown): void {
    if (error instanceof SlackRequestError) {
      this.options.logger.warn(
        { platform: 'slack', status: error.status, reason: error.message },
        'Slack request refused',
      );
      // An oversize body is not read to its end: close the connection instead of draining it.
      if (error.status === 413) response.set('Connection', 'close');
      response.status(error.status).end();
      return;
    }
    this.options.logger.error({ platform: 'slack', err: error }, 'Slack request failed');
    response.status(500).end();
  }
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
