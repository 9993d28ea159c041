import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import { JobQueues } from '../../jobs/job-queues.js';
import type { Area, Person } from '../../models/types.js';
import { assignmentMonthOf } from '../../src/assignment/assignment-month.js';
import { useTestDatabase } from '../support/database.js';
import { REDIS_URL, slackEstate, uniquePrefix, waitFor } from './support/jobs-harness.js';
import { RUN_TYPESCRIPT } from '../support/child-node.js';

/** The workers' "now" (NABO_NOW): the hand-out they run is this month's. */
const NOW = '2026-12-01T09:00:00+01:00';
const db = useTestDatabase();
const prefix = uniquePrefix('crash');
const directory = mkdtempSync(join(tmpdir(), 'nabo-crash-'));
const sendsFile = join(directory, 'sends.jsonl');
const connection = createRedisConnection(REDIS_URL, { forWorker: true });
const queues = new JobQueues(connection, prefix);
const children: ChildProcess[] = [];
let area: Area;
let ambassadors: Person[];
let coordinator: Person;

function startWorker(): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'support/worker-process.ts'), [], {
    execArgv: [...RUN_TYPESCRIPT],
    env: {
      ...process.env,
      LOG_LEVEL: 'silent',
      NABO_NOW: NOW,
      NABO_TEST_MONGO_URI: db.uri(),
      NABO_TEST_DB: db.dbName(),
      NABO_TEST_PREFIX: prefix,
      NABO_TEST_SENDS_FILE: sendsFile,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

function sends(): Array<{ personId: string; pid: number }> {
  if (!existsSync(sendsFile)) return [];
  return readFileSync(sendsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { personId: string; pid: number });
}

beforeAll(async () => {
  ({ area, ambassadors, coordinator } = await slackEstate(db(), {
    ambassadors: 12,
    households: 24,
  }));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await queues.obliterate();
  await queues.close();
  await connection.quit();
  rmSync(directory, { recursive: true, force: true });
});

describe('a worker process killed in the middle of a fan-out', () => {
  it('when it is SIGKILLed and another starts, then every ambassador has exactly one message', async () => {
    const first = await startWorker();
    const [scheduled] = (await queues.schedule.getDelayed()).filter(
      (job) => job.data.kind === 'assign',
    );
    expect(scheduled).toBeDefined();
    await scheduled!.promote();

    await waitFor(() => sends().length >= 3, 'the fan-out to begin');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = sends().length;
    expect(beforeRestart).toBeLessThan(ambassadors.length + 1);

    const second = await startWorker();
    await waitFor(
      () => sends().length >= ambassadors.length + 1,
      'the rest of the fan-out',
      30_000,
    );
    // Let anything that would duplicate show itself.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const perPerson = new Map<string, number>();
    for (const send of sends())
      perPerson.set(send.personId, (perPerson.get(send.personId) ?? 0) + 1);
    for (const person of [...ambassadors, coordinator]) expect(perPerson.get(person.id)).toBe(1);
    expect(new Set(sends().map((send) => send.pid)).size).toBe(2);
    for (const ambassador of ambassadors) {
      const entries = await db().sendLedger.get(
        `assign-${area.key}-${assignmentMonthOf(new Date(NOW), area.timeZone)}-${ambassador.id}`,
      );
      expect(entries?.status).toBe('sent');
    }
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
  }, 60_000);
});
