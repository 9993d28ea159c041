import type { IncomingMessage } from 'node:http';
import { SlackRequestError } from './errors.js';

/**
 * Reads a request body up to `maxBytes`. A declared Content-Length above the limit is refused
 * before a byte is read; a body without one (chunked) is counted while it streams and refused the
 * moment it passes the limit, so an oversize body is never held in memory whole.
 */
export function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) {
      return Promise.reject(new SlackRequestError(400, 'Malformed Content-Length'));
    }
    if (length > maxBytes) {
      return Promise.reject(new SlackRequestError(413, 'Slack request body too large'));
    }
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (error: Error | undefined, body?: Buffer): void => {
      if (finished) return;
      finished = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(body ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop reading; the caller answers 413 and closes the connection.
        request.pause();
        finish(new SlackRequestError(413, 'Slack request body too large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(undefined, Buffer.concat(chunks, received));
    const onError = (error: Error): void =>
      finish(new SlackRequestError(400, 'Request stream failed', { cause: error }));
    const onAborted = (): void => finish(new SlackRequestError(400, 'Request aborted'));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}
