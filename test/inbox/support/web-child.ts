import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RUN_TYPESCRIPT } from '../../support/child-node.js';

/**
 * The real web process (app/web.ts) as a child, for crash tests: it can be SIGKILLed and started
 * again. It logs JSON lines (pino); the test reads them to learn its port and what it did.
 */
export interface WebChild {
  readonly port: number;
  readonly lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line matching, or rejects when the process exits first. */
  logged(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startWebChild(env: Record<string, string>): Promise<WebChild> {
  const child: ChildProcess = spawn(process.execPath, [...RUN_TYPESCRIPT, 'app/web.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiting: Array<() => void> = [];
  let exited = false;
  let stderr = '';
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.startsWith('{')) continue;
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    for (const wake of waiting.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const wake of waiting.splice(0)) wake();
      resolve();
    }),
  );

  async function logged(match: (line: Record<string, unknown>) => boolean) {
    for (;;) {
      const found = lines.find(match);
      if (found) return found;
      if (exited) throw new Error(`web process exited: ${stderr}\n${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  const listening = await logged((line) => line.msg === 'web process listening');
  return {
    port: Number(listening.port),
    lines,
    logged,
    async kill(signal) {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
}

/** One Web API call the bot made to the fake Slack. */
export interface SlackCall {
  method: string;
  params: Record<string, string>;
}

/**
 * Slack's Web API as a local HTTP server (SLACK_API_URL of the child): records every call and
 * answers like Slack (chat.postMessage gets a fresh ts; conversations.history lists the posted
 * messages with their metadata).
 */
export class LocalSlackApi {
  readonly calls: SlackCall[] = [];
  private server: Server | undefined;
  private sequence = 0;
  private readonly waiting: Array<() => void> = [];
  /**
   * Runs when a chat.postMessage has arrived (and is kept) and before it is answered: a test can
   * kill the process that posted it there, which then never learns that the post went through.
   */
  beforeAnswer: ((call: SlackCall) => Promise<void>) | undefined;
  /** Posted messages as Slack keeps them, for conversations.history. */
  private readonly kept: Array<{ channel: string; ts: string; metadata: unknown }> = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const params = request.headers['content-type']?.includes('json')
          ? (JSON.parse(body || '{}') as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(body));
        const call = { method, params };
        this.calls.push(call);
        for (const wake of this.waiting.splice(0)) wake();
        const answer = JSON.stringify(this.answer(method, params));
        const hook = method === 'chat.postMessage' ? this.beforeAnswer : undefined;
        void (hook ? hook(call) : Promise.resolve()).finally(() => {
          response.setHeader('content-type', 'application/json');
          response.end(answer);
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  posts(): SlackCall[] {
    return this.calls.filter((call) => call.method === 'chat.postMessage');
  }

  /** Resolves once `count` messages have been posted. */
  async postedAtLeast(count: number): Promise<void> {
    while (this.posts().length < count) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Resolves once a message has been posted to `channel`. */
  async postedTo(channel: string): Promise<void> {
    while (!this.posts().some((call) => call.params.channel === channel)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private answer(method: string, params: Record<string, string>) {
    if (method === 'chat.postMessage') {
      const ts = `1790000000.${String(++this.sequence).padStart(6, '0')}`;
      this.kept.push({ channel: params.channel ?? '', ts, metadata: params.metadata });
      return { ok: true, channel: params.channel, ts };
    }
    if (method === 'conversations.history') {
      // Newest first, with each message's metadata, as Slack answers with include_all_metadata.
      const messages = this.kept
        .filter((message) => message.channel === params.channel)
        .reverse()
        .map((message) => ({
          type: 'message',
          ts: message.ts,
          ...(message.metadata
            ? {
                metadata:
                  typeof message.metadata === 'string'
                    ? (JSON.parse(message.metadata) as unknown)
                    : message.metadata,
              }
            : {}),
        }));
      return { ok: true, messages, has_more: false };
    }
    if (method === 'conversations.open') {
      return { ok: true, channel: { id: `D${params.users ?? 'X'}` } };
    }
    if (method === 'auth.test') return { ok: true, team_id: 'T0NABO', user_id: 'U0BOT' };
    return { ok: true };
  }
}
