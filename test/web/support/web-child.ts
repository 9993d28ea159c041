import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { RUN_TYPESCRIPT } from '../../support/child-node.js';

/**
 * `app/web.ts` as its own process, started the way the Procfile starts it (from the sources here),
 * with an environment made from scratch: nothing from the developer's shell leaks in. Its log
 * lines (pino JSON on stdout) are collected so a test can wait for "listening" or a restart.
 */

const root = resolve(import.meta.dirname, '../../..');
export const RECORD_MODULES = resolve(import.meta.dirname, 'record-modules.ts');

export type LogLine = Record<string, unknown> & { msg?: string; pid?: number };

export interface WebChild {
  readonly process: ChildProcess;
  readonly lines: LogLine[];
  readonly stderr: string[];
  /** Resolves with the first log line (already seen or still to come) that matches. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the `count`-th matching line. */
  waitForCount(match: (line: LogLine) => boolean, count: number): Promise<LogLine[]>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export function startWebChild(
  env: Record<string, string>,
  options: { preload?: string[] } = {},
): WebChild {
  const child = spawn(
    process.execPath,
    [
      ...RUN_TYPESCRIPT,
      ...(options.preload ?? []).flatMap((file) => ['--import', file]),
      'app/web.ts',
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        // The CI's faketime reaches the child as well as the tests.
        ...(process.env.LD_PRELOAD ? { LD_PRELOAD: process.env.LD_PRELOAD } : {}),
        ...(process.env.FAKETIME ? { FAKETIME: process.env.FAKETIME } : {}),
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  const waiters: Array<() => void> = [];
  const notify = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as LogLine);
    } catch {
      lines.push({ msg: text });
    }
    notify();
  });
  createInterface({ input: child.stderr! }).on('line', (text) => {
    stderr.push(text);
    notify();
  });
  const exited = new Promise<number | null>((done) => {
    child.once('exit', (code) => {
      notify();
      done(code);
    });
  });

  const waitForCount = (match: (line: LogLine) => boolean, count: number, timeoutMs = 60_000) =>
    new Promise<LogLine[]>((done, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`web child: waited in vain; stderr: ${stderr.join('\n')}`));
      }, timeoutMs);
      const check = () => {
        const found = lines.filter(match);
        if (found.length >= count) {
          clearTimeout(timer);
          done(found.slice(0, count));
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          fail(new Error(`web child exited ${child.exitCode}: ${stderr.join('\n')}`));
        } else {
          waiters.push(check);
        }
      };
      check();
    });

  return {
    process: child,
    lines,
    stderr,
    waitFor: async (match, timeoutMs) => (await waitForCount(match, 1, timeoutMs))[0]!,
    waitForCount: (match, count) => waitForCount(match, count),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Slack's Web API played over loopback (the child is another process: nock cannot reach it). */
export interface FakeSlackServer {
  readonly url: string;
  readonly posts: Array<{ channel: string; text: string }>;
  close(): Promise<void>;
}

export async function startFakeSlackServer(): Promise<FakeSlackServer> {
  const posts: Array<{ channel: string; text: string }> = [];
  let ts = 0;
  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const method = (incoming.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (method === 'chat.postMessage') {
        posts.push({ channel: form.get('channel') ?? '', text: form.get('text') ?? '' });
      }
      const body =
        method === 'conversations.open'
          ? { ok: true, channel: { id: 'D0WEB' } }
          : method === 'auth.test'
            ? { ok: true, user_id: 'U0BOT', team_id: 'T0WEB' }
            : { ok: true, channel: 'D0WEB', ts: `1790000000.${String(++ts).padStart(6, '0')}` };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    posts,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
