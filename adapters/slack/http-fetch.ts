import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * The `fetch` the Web API client posts with: node:http over keep-alive connections instead of
 * the global fetch. Every reply a turn sends is one Web API call, and the global fetch (undici:
 * a Request, Headers, web streams and a dispatcher per call) cost the web worker about as much
 * CPU as a MongoDB command. The client only ever posts a url-encoded string and reads the status,
 * a few headers and the body as text, so that is all this does; anything else (a multipart body
 * for a file upload) goes to the global fetch as before.
 *
 * Like fetch with `redirect: 'error'` (the client's setting), a redirect is an error, and the
 * client's abort signal (its timeout) ends the request with the signal's reason.
 */
const IDLE_CONNECTION_MS = 4_000;

export function keepAliveFetch(): typeof fetch {
  // An idle connection is closed after a few seconds (as undici does), before the far end's
  // own idle timeout can close it under a request about to be sent on it.
  const options = { keepAlive: true, timeout: IDLE_CONNECTION_MS };
  const agents = { 'http:': new HttpAgent(options), 'https:': new HttpsAgent(options) };
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const body = init.body;
    const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : null;
    if (url === null || (body !== undefined && body !== null && typeof body !== 'string')) {
      return fetch(input, init);
    }
    const protocol = url.protocol;
    if (protocol !== 'http:' && protocol !== 'https:') return fetch(input, init);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const headers = plainHeaders(init.headers);
    const payload = body === undefined || body === null ? undefined : Buffer.from(body, 'utf8');
    if (payload !== undefined) headers['content-length'] = String(payload.length);
    return new Promise<Response>((resolve, reject) => {
      const send = protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        { method: init.method ?? 'GET', headers, agent: agents[protocol] },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', fail);
          incoming.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const status = incoming.statusCode ?? 0;
            if (init.redirect === 'error' && status >= 300 && status < 400) {
              reject(
                new TypeError(`fetch failed: redirect to ${incoming.headers.location ?? '?'}`),
              );
              return;
            }
            resolve(
              plainResponse(
                url.href,
                status,
                incoming.statusMessage ?? '',
                incoming.headers,
                Buffer.concat(chunks),
              ),
            );
          });
        },
      );
      function fail(error: unknown): void {
        signal?.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? new TypeError('fetch failed', { cause: error }) : error);
      }
      function onAbort(): void {
        outgoing.destroy();
        reject(signal?.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', fail);
      outgoing.end(payload);
    });
  }) as typeof fetch;
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const plain: Record<string, string> = {};
  if (headers === undefined) return plain;
  const pairs: Array<[string, unknown]> =
    headers instanceof Headers
      ? [...headers]
      : Array.isArray(headers)
        ? headers.map(([name, value]): [string, unknown] => [String(name), value])
        : Object.entries(headers);
  for (const [name, value] of pairs) {
    plain[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return plain;
}

/** The part of a fetch Response the Web API client reads: status, headers, body. */
function plainResponse(
  url: string,
  status: number,
  statusText: string,
  raw: IncomingHttpHeaders,
  body: Buffer,
): Response {
  const entries = (): Array<[string, string]> =>
    Object.entries(raw).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    );
  const headers = {
    get: (name: string): string | null => {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
    has: (name: string): boolean => raw[name.toLowerCase()] !== undefined,
    entries: () => entries()[Symbol.iterator](),
    [Symbol.iterator]: () => entries()[Symbol.iterator](),
  };
  const response = {
    url,
    status,
    statusText,
    ok: status >= 200 && status < 300,
    redirected: false,
    headers,
    text: async () => body.toString('utf8'),
    json: async (): Promise<unknown> => JSON.parse(body.toString('utf8')),
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
  return response as unknown as Response;
}
