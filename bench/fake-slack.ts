/**
 * The fake Slack Web API of bench/fanout-1000.ts: one message per second per channel and a
 * workspace cap, both as sliding windows, a 429 with Retry-After past either. It runs in a
 * process of its own (fanout-slack-process.ts) unless BENCH_SLACK_INPROCESS is set: Slack is
 * remote, and sharing the worker's event loop would stamp a stalled worker's on-time sends late
 * and count its own work as the worker's.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const CHANNEL_INTERVAL_MS = 1_000;

/** What the fake saw, as the benchmark reads it at the end. */
export interface FakeSlackSnapshot {
  stats: {
    accepted: number;
    rateLimited: number;
    channel429: number;
    workspace429: number;
    firstAt: number;
    lastAt: number;
    /** Acceptance times (ms, performance clock), for BENCH_DEBUG's gap breakdown. */
    times: number[];
  };
  /** How often each distinct message (channel and content) was accepted. */
  messageCounts: number[];
}

export interface FakeSlack {
  url: string;
  snapshot(): Promise<FakeSlackSnapshot>;
  close(): Promise<void>;
}

/** The fake Slack: sliding windows, as strict as the real limits are described. */
const snapshotOf = new WeakMap<object, () => FakeSlackSnapshot>();

export function startFakeSlack(cap: number): Promise<FakeSlack> {
  const lastPerChannel = new Map<string, number>();
  const workspace: number[] = [];
  const accepted = new Map<string, number>();
  /** Every message accepted, by channel and content: a second acceptance is a duplicate. */
  const messages = new Map<string, number>();
  const stats = {
    accepted: 0,
    rateLimited: 0,
    channel429: 0,
    workspace429: 0,
    firstAt: 0,
    lastAt: 0,
    /** Acceptance times (ms, performance clock), for BENCH_DEBUG's gap breakdown. */
    times: [] as number[],
  };
  const server = createServer(async (request, response) => {
    const form = new URLSearchParams(await body(request));
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    if (request.url?.endsWith('/__snapshot')) {
      reply(200, snapshotOf.get(server)?.());
      return;
    }
    if (request.url?.endsWith('/conversations.open')) {
      reply(200, { ok: true, channel: { id: `D${form.get('users')}` } });
      return;
    }
    if (!request.url?.endsWith('/chat.postMessage')) {
      reply(200, { ok: false, error: 'unknown_method' });
      return;
    }
    const now = Date.now();
    const channel = form.get('channel') ?? '';
    while (workspace.length > 0 && (workspace[0] ?? 0) <= now - 1_000) workspace.shift();
    const last = lastPerChannel.get(channel);
    const channelFull = last !== undefined && now - last < CHANNEL_INTERVAL_MS;
    if (channelFull || workspace.length >= cap) {
      stats.rateLimited += 1;
      if (channelFull) stats.channel429 += 1;
      else stats.workspace429 += 1;
      reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return;
    }
    lastPerChannel.set(channel, now);
    workspace.push(now);
    accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
    const message = `${channel}\n${form.get('text') ?? ''}\n${form.get('blocks') ?? ''}`;
    messages.set(message, (messages.get(message) ?? 0) + 1);
    stats.accepted += 1;
    stats.firstAt ||= now;
    stats.lastAt = now;
    stats.times.push(performance.now());
    reply(200, { ok: true, channel, ts: `${now / 1000}` });
  });
  // Read by the benchmark at the end (over HTTP when the fake runs in its own process).
  const snapshot = (): FakeSlackSnapshot => ({ stats, messageCounts: [...messages.values()] });
  snapshotOf.set(server, snapshot);
  return new Promise<FakeSlack>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/api/`,
        snapshot: () => Promise.resolve(snapshot()),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
