import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { NaboError } from '../../kernel/errors.js';
import type { Logger } from '../../kernel/logger.js';
import { asActivity } from './activity-schema.js';
import { TeamsAuthenticationError } from './cloud-adapter.js';
import type { BackgroundWork, Receiver } from './receiver.js';

/**
 * POST /api/messages: the HTTP side of the Teams adapter. The route parses its own JSON with a
 * size limit (the web process has no global body parser), answers 413 for an oversize body, 400
 * for malformed JSON or something that is not an activity, 401 for a refused token, and 200 as
 * soon as the turn's quick part is done. The core's work starts only after the answer is sent.
 */

export const TEAMS_MESSAGES_PATH = '/api/messages';

/** Activities are a few KB; a card submit with a long note stays far below this. */
export const DEFAULT_BODY_LIMIT = '256kb';

export interface MessagesRouteOptions {
  receiver: Receiver;
  schedule(work: BackgroundWork): void;
  logger: Logger;
  bodyLimit?: string | number;
}

export function mountMessagesRoute(app: Express, options: MessagesRouteOptions): void {
  const parseJson = express.json({ limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });

  const handle = async (request: Request, response: Response): Promise<void> => {
    const activity = asActivity(request.body);
    if (!activity) {
      response.status(400).json({ error: 'expected a Bot Framework activity as JSON' });
      return;
    }
    const authorization = request.headers.authorization ?? '';
    let outcome;
    try {
      outcome = await options.receiver.receive(authorization, activity);
    } catch (error) {
      if (error instanceof TeamsAuthenticationError) {
        options.logger.warn({ err: error.cause }, 'teams request refused: not authenticated');
        response.status(401).json({ error: 'unauthorized' });
        return;
      }
      throw error;
    }
    if (outcome.body === undefined) response.status(outcome.status).end();
    else response.status(outcome.status).json(outcome.body);
    if (outcome.after) options.schedule(outcome.after);
  };

  const onError = (
    error: unknown,
    _request: Request,
    response: Response,
    _next: NextFunction,
  ): void => {
    const { type, status } = error as { type?: unknown; status?: unknown };
    if (type === 'entity.too.large') {
      response.status(413).json({ error: 'request body too large' });
    } else if (type === 'entity.parse.failed') {
      response.status(400).json({ error: 'malformed JSON' });
    } else if (error instanceof NaboError && error.code === 'DEPENDENCY_UNAVAILABLE') {
      // The event could not be stored (MongoDB down): Teams delivers it again on a 5xx.
      options.logger.error({ err: error }, 'teams request refused: event not stored');
      response.status(503).json({ error: 'unavailable' });
    } else if (typeof status === 'number' && status >= 400 && status < 500) {
      // Other body-parser refusals: unsupported charset or encoding, aborted upload.
      response.status(status).json({ error: 'bad request' });
    } else {
      options.logger.error({ err: error }, 'teams request failed');
      response.status(500).json({ error: 'internal error' });
    }
  };

  app.post(TEAMS_MESSAGES_PATH, parseJson, handle, onError);
}
