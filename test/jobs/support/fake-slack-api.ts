/**
 * A Slack Web API on loopback for the kill trials: conversations.open, chat.postMessage (with
 * message metadata) and conversations.history (with include_all_metadata). A posted message is
 * recorded the moment the request arrives and answered after a random delay, so a worker killed
 * in that window leaves a message on "Slack" that it never heard about — the case a send key
 * in the metadata must catch. A request whose connection dies before that is never recorded. No test helpers imported: the chaos script uses it too.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePost {
  channel: string;
  sendKey: string | undefined;
  ts: string;
}

export interface FakeSlackApi {
  /** For SLACK_API_URL. */
  readonly url: string;
  readonly posts: FakePost[];
  /** chat.postMessage requests that arrived, whether Slack kept them or not. */
  requests(): number;
  postsTo(channel: string): FakePost[];
  close(): Promise<void>;
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('json')) {
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    return new URLSearchParams(
      Object.entries(parsed).map(([key, value]): [string, string] => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    );
  }
  return new URLSearchParams(body);
}

export async function startFakeSlackApi(options: {
  /** Random in [0, 1): how long each post waits before it is answered. */
  random: () => number;
  maxAnswerDelayMs: number;
}): Promise<FakeSlackApi> {
  const posts: FakePost[] = [];
  let sequence = 0;
  let requests = 0;
  const server = createServer((request, response) => {
    void (async () => {
      const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const form = await formOf(request);
      const answer = (body: Record<string, unknown>) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, ...body }));
      };
      switch (method) {
        case 'conversations.open':
          return answer({ channel: { id: `D-${form.get('users') ?? ''}` } });
        case 'chat.postMessage': {
          requests += 1;
          let gone = false;
          response.on('close', () => {
            if (!response.writableEnded) gone = true;
          });
          // Slack takes a moment before it has the message: a worker killed now never sent it.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.floor(options.random() * options.maxAnswerDelayMs)),
          );
          if (gone) return;
          const metadata = form.get('metadata');
          const payload = metadata
            ? (JSON.parse(metadata) as { event_payload?: { send_key?: string } })
            : undefined;
          sequence += 1;
          const post: FakePost = {
            channel: form.get('channel') ?? '',
            sendKey: payload?.event_payload?.send_key,
            ts: `1700000000.${String(sequence).padStart(6, '0')}`,
          };
          posts.push(post);
          // …and a moment before it answers: a worker killed now sent it without knowing.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.floor(options.random() * options.maxAnswerDelayMs)),
          );
          return answer({ channel: post.channel, ts: post.ts });
        }
        case 'conversations.history': {
          const channel = form.get('channel') ?? '';
          const messages = posts
            .filter((post) => post.channel === channel)
            .reverse()
            .map((post) => ({
              type: 'message',
              ts: post.ts,
              ...(post.sendKey
                ? {
                    metadata: {
                      event_type: 'nabo_send',
                      event_payload: { send_key: post.sendKey },
                    },
                  }
                : {}),
            }));
          return answer({ messages, has_more: false });
        }
        case 'auth.test':
          return answer({ team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' });
        default:
          return answer({});
      }
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    posts,
    requests: () => requests,
    postsTo: (channel) => posts.filter((post) => post.channel === channel),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same seed, the same kill moments. */
export { seededRandom } from '../../support/seeded-random.js';
