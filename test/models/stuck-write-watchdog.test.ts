import { spawn } from 'node:child_process';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/database.js';
import { startMongoProxy, type MongoProxy } from '../jobs/support/web-trials.js';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

/**
 * MongoDB restarted again and again under the app's own connection, in a process of its own
 * (with client and server in one process the driver's race below does not show).
 *
 * Before models/stuck-write-watchdog.ts, about one restart in twenty (more under load) left
 * the driver's monitor waiting forever on a closed connection: the server stayed "unknown" and
 * every operation failed until the process was restarted — the chaos run's MongoDB-restart
 * trial lost reports that way. Before the fix this test failed at the first or second restart.
 * Each of the client's loops must go on after every restart: an operation of its own caught by
 * the same race would stop its loop for good.
 */
const RESTARTS = 20;
/** The driver looks again within half a second of a failed check; this is far beyond that. */
const FOUND_AGAIN_WITHIN_MS = 10_000;

const db = useTestDatabase();
let proxy: MongoProxy | undefined;
let client: ReturnType<typeof startBusyClient> | undefined;

afterAll(async () => {
  client?.child.kill('SIGKILL');
  await proxy?.close();
});

const LOOPS = 8;

function startBusyClient(uri: string, dbName: string) {
  const child = spawn(
    process.execPath,
    [...RUN_TYPESCRIPT, 'test/models/support/busy-client.ts', uri, dbName],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  /** Successful rounds so far, per loop of the client. */
  const rounds: number[] = Array.from({ length: LOOPS }, () => 0);
  const warnings: string[] = [];
  let wake: (() => void) | undefined;
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = JSON.parse(line) as { loop?: number; ok?: number; msg?: string };
      if (parsed.loop !== undefined && parsed.ok !== undefined) rounds[parsed.loop] = parsed.ok;
      if (parsed.msg) warnings.push(parsed.msg);
    }
    wake?.();
  });
  /**
   * Resolves true once every loop has a round beyond `after` (a snapshot of `rounds`), false
   * past the deadline: an operation that never ends keeps its loop from getting there.
   */
  const everyLoopPast = (after: readonly number[], withinMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), withinMs);
      wake = () => {
        if (!rounds.every((count, loop) => count > (after[loop] ?? 0))) return;
        clearTimeout(timer);
        resolve(true);
      };
      wake();
    });
  return { child, warnings, rounds: () => [...rounds], everyLoopPast };
}

describe('MongoDB restarted under load', () => {
  it('when MongoDB restarts twenty times while operations are in flight, then the app finds it again within seconds every time and no operation hangs', async () => {
    await db(); // creates the database and its indexes
    proxy = await startMongoProxy(db.uri());
    client = startBusyClient(proxy.uri, db.dbName());
    try {
      expect(await client.everyLoopPast(client.rounds(), 30_000)).toBe(true);
      const notFound: number[] = [];
      // A monitor stuck once stays stuck: the first restart not recovered from ends the test.
      for (let restart = 1; restart <= RESTARTS && notFound.length === 0; restart += 1) {
        // Operations in flight, and the driver's last check over half a second ago (sooner it
        // would wait before looking again, and miss the race); then every connection reset and
        // refused for a moment.
        await wait(700);
        await proxy.restart(150 + (restart % 5) * 50);
        const before = client.rounds();
        if (!(await client.everyLoopPast(before, FOUND_AGAIN_WITHIN_MS))) notFound.push(restart);
      }
      expect(
        notFound,
        `restarts after which MongoDB was not found again (${client.warnings.join('; ')})`,
      ).toEqual([]);
    } finally {
      client.child.kill('SIGKILL');
    }
  }, 120_000);
});
