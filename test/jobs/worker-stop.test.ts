import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { uniquePrefix } from './support/jobs-harness.js';
import { startOwnRedis, type OwnRedis } from './support/own-redis.js';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

/** The real `worker` entry point, on a Redis of its own that the test takes away. */
const db = useTestDatabase();
let redis: OwnRedis;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  redis = await startOwnRedis();
});

afterAll(async () => {
  if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await redis?.kill();
});

function startWorker(): Promise<{ child: ChildProcess; output: () => string }> {
  const root = join(import.meta.dirname, '../..');
  const child = spawn(process.execPath, [...RUN_TYPESCRIPT, join(root, 'app/worker.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      NABO_NOW: '2026-12-01T09:00:00+01:00',
      MONGODB_URI: `${db.uri()}${db.dbName()}`,
      REDIS_URL: redis.url,
      NABO_QUEUE_PREFIX: uniquePrefix('stop'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker = child;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output.includes('"worker ready"')) resolve({ child, output: () => output });
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${output}`)));
  });
}

describe('stopping the worker while Redis is down', () => {
  it('when SIGTERM comes while Redis is unreachable, then the worker process still exits', async () => {
    const { child, output } = await startWorker();
    await redis.kill();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    // Bounded inside the worker (9 s); before, it waited for Redis indefinitely.
    const code = await exited;
    expect(child.exitCode ?? child.signalCode).not.toBeNull();
    expect(typeof code).toBe('number');
    expect(output()).toContain('worker stopping');
  }, 60_000);
});
