import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../adapters/slack/http-fetch.js';

/**
 * The Web API client's fetch (node:http over kept-alive connections) must answer the client as
 * the global fetch would: Slack's answer and its headers as sent, a redirect refused, a request
 * past the client's timeout given up. A loopback server stands in for slack.com.
 */
let server: Server;
let base: string;
const seen: Array<{ method?: string; type?: string; body: string; socket: number }> = [];
const sockets = new WeakMap<object, number>();

beforeAll(async () => {
  let nextSocket = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, ++nextSocket);
      seen.push({
        method: request.method,
        type: request.headers['content-type'],
        body,
        socket: sockets.get(request.socket) ?? 0,
      });
      if (request.url === '/api/moved') {
        response.writeHead(302, { location: 'https://elsewhere.example/' });
        response.end();
      } else if (request.url === '/api/slow') {
        setTimeout(() => response.end('{"ok":true}'), 2_000).unref();
      } else if (request.url === '/api/limited') {
        response.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' });
        response.end('{"ok":false,"error":"ratelimited"}');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the Slack client’s keep-alive fetch', () => {
  it('when two messages are posted, then Slack gets each form as sent, on one kept connection, and its answers come back whole', async () => {
    const post = keepAliveFetch();
    const form = 'channel=D1&text=Hej+Birgit+%F0%9F%91%8B';
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await post(`${base}chat.postMessage`, { method: 'POST', headers, body: form });
    const second = await post(`${base}chat.postMessage`, { method: 'POST', headers, body: form });
    expect(first.status).toBe(200);
    expect(first.headers.get('Content-Type')).toBe('application/json');
    expect(await first.json()).toEqual({ ok: true, ts: '1700000000.000100' });
    expect(await second.text()).toContain('"ok":true');
    const last = seen.slice(-2);
    expect(last.map((request) => request.body)).toEqual([form, form]);
    expect(last[0]).toMatchObject({ method: 'POST', type: 'application/x-www-form-urlencoded' });
    expect(last[0]!.socket).toBe(last[1]!.socket);
  });

  it('when Slack answers 429, then the status and its Retry-After reach the client', async () => {
    const response = await keepAliveFetch()(`${base}limited`, { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.headers.get('retry-after')).toBe('3');
  });

  it('when the answer is a redirect, then the request fails, as fetch does with redirect "error"', async () => {
    await expect(
      keepAliveFetch()(`${base}moved`, { method: 'POST', body: 'x=1', redirect: 'error' }),
    ).rejects.toThrow(/redirect/);
  });

  it('when Slack does not answer within the client’s timeout, then the request is given up with the timeout’s reason', async () => {
    const signal = AbortSignal.timeout(100);
    await expect(
      keepAliveFetch()(`${base}slow`, { method: 'POST', body: 'x=1', signal }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
