import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../jobs/redis-connection.js';
import { JobQueues } from '../../jobs/job-queues.js';
import { useTestDatabase } from '../support/database.js';
import { seededRandom, startFakeSlackApi, type FakeSlackApi } from './support/fake-slack-api.js';
import { REDIS_URL, uniquePrefix } from './support/jobs-harness.js';
import { runKillTrial, type TrialContext } from './support/kill-trials.js';

/** Kill moments and Slack's answer delays come from this seed (the chaos script runs more). */
const SEED = 16_2;
const db = useTestDatabase();
const prefix = uniquePrefix('kills');
const connection = createRedisConnection(REDIS_URL, { forWorker: true });
const queues = new JobQueues(connection, prefix);
const children: ChildProcess[] = [];
let slack: FakeSlackApi;
let context: TrialContext;

beforeAll(async () => {
  const random = seededRandom(SEED);
  slack = await startFakeSlackApi({ random, maxAnswerDelayMs: 150 });
  context = {
    db: db(),
    mongoUri: db.uri(),
    dbName: db.dbName(),
    prefix,
    redisUrl: REDIS_URL,
    queues,
    slack,
    random,
    children,
  };
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await queues.obliterate();
  await queues.close();
  await connection.quit();
  await slack.close();
});

describe('the monthly send while the worker is SIGKILLed', () => {
  it('when the worker is killed once mid-send and restarted, then every person gets exactly one message', async () => {
    const result = await runKillTrial(context, 1);
    expect(result).toMatchObject({ lost: 0, duplicated: 0, stored: result.people });
  }, 90_000);

  it('when the worker is killed twice in a row (the job stalls twice), then nobody is lost and nobody gets two', async () => {
    for (let trial = 0; trial < 2; trial += 1) {
      const result = await runKillTrial(context, 2);
      expect(result).toMatchObject({ lost: 0, duplicated: 0, stored: result.people });
    }
  }, 180_000);
});
