import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_REFUSED_MESSAGE } from '../../models/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { REDIS_URL, uniquePrefix } from '../jobs/support/jobs-harness.js';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

/**
 * Production pointed at `nabo dev-db` (the embedded, in-memory server) used to start without a
 * word and lose everything on the server's next restart. Now web, worker and CLI refuse with one
 * line, unless NABO_ALLOW_EMBEDDED_MONGODB=1 (CI's production-install smoke test).
 */
const root = resolve(import.meta.dirname, '../..');
let server: EmbeddedMongo;

beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
});
afterAll(async () => {
  await server.stop();
});

function run(entry: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((done, fail) => {
    const child = spawn(process.execPath, [...RUN_TYPESCRIPT, entry, ...args], {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        NABO_NOW: '',
        PORT: '0',
        MONGODB_URI: `${server.uri}nabo_production`,
        REDIS_URL,
        NABO_QUEUE_PREFIX: uniquePrefix('embedded-refused'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr, stdout }));
  });
}

describe('production against the embedded MongoDB', () => {
  it('when the web process, the worker or the CLI start in production against it, then each refuses with one line', async () => {
    const [web, worker, cli] = await Promise.all([
      run('app/web.ts', []),
      run('app/worker.ts', []),
      run('app/cli.ts', ['visits', 'list']),
    ]);
    for (const refused of [web, worker, cli]) {
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim()).toBe(EMBEDDED_REFUSED_MESSAGE);
    }
    expect(EMBEDDED_REFUSED_MESSAGE).toContain('NABO_ALLOW_EMBEDDED_MONGODB=1');
  }, 60_000);

  it('when NABO_ALLOW_EMBEDDED_MONGODB=1 is set, then the CLI runs against it', async () => {
    const allowed = await run('app/cli.ts', ['visits', 'list'], {
      NABO_ALLOW_EMBEDDED_MONGODB: '1',
    });
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
  }, 60_000);
});
