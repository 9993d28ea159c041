/**
 * `npm run chaos`: faults during the monthly send, for real — worker processes SIGKILLed at
 * seeded random moments (once, and twice in a row), and Redis killed and started again empty
 * under a running worker — against a Slack Web API on loopback. Prints sent / stored / lost /
 * duplicated for each trial and each fault, and exits 1 on any loss or duplicate.
 *
 *   npm run chaos                 20 kill trials (half of them double kills) + 4 Redis restarts
 *   npm run chaos -- --short      2 kill trials + 1 Redis restart (.ci/run)
 *   npm run chaos -- --seed 7     other kill moments
 *
 * Uses the shared Redis on REDIS_URL (default 127.0.0.1:6379) under its own key prefix, a Redis
 * of its own (redis-server on a free port) for the restarts, and the embedded MongoDB.
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { JobQueues } from '../jobs/job-queues.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import { seededRandom, startFakeSlackApi } from '../test/jobs/support/fake-slack-api.js';
import { runTrial, type Fault, type TrialResult } from '../test/jobs/support/kill-trials.js';
import { startOwnRedis } from '../test/jobs/support/own-redis.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    seed: { type: 'string', default: '16' },
    kills: { type: 'string' },
    restarts: { type: 'string' },
  },
});
const killTrials = Number(values.kills ?? (values.short ? 2 : 20));
const restartTrials = Number(values.restarts ?? (values.short ? 1 : 4));
const sharedRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const mongo = process.env.MONGODB_URI ? undefined : await startEmbeddedMongo({ port: 0 });
const mongoUri = process.env.MONGODB_URI ?? mongo!.uri;
const dbName = `nabo_chaos_${randomBytes(4).toString('hex')}`;
const db = await connectDatabase(mongoUri, { dbName });
const random = seededRandom(Number(values.seed));
const slack = await startFakeSlackApi({ random, maxAnswerDelayMs: 150 });
const children: ChildProcess[] = [];
const ownRedis = await startOwnRedis();
const contexts = [
  { url: sharedRedis, prefix: `nabo-chaos-${randomBytes(4).toString('hex')}` },
  { url: ownRedis.url, prefix: `nabo-chaos-${randomBytes(4).toString('hex')}` },
].map(({ url, prefix }) => {
  const connection = createRedisConnection(url, { forWorker: true });
  connection.on('error', () => undefined);
  const queues = new JobQueues(connection, prefix);
  return {
    connection,
    queues,
    context: { db, mongoUri, dbName, prefix, redisUrl: url, queues, slack, random, children },
  };
});

const results: TrialResult[] = [];
let failed = false;
const header = ['trial', 'fault', 'people', 'sent', 'stored', 'lost', 'duplicated'];
console.log(header.join('\t'));
const print = (label: string, result: TrialResult) =>
  console.log(
    [
      label,
      result.fault,
      result.people,
      result.sent,
      result.stored,
      result.lost,
      result.duplicated,
    ].join('\t'),
  );

try {
  const plan: Array<{ fault: Fault; context: (typeof contexts)[number]['context'] }> = [];
  for (let trial = 0; trial < killTrials; trial += 1) {
    plan.push({
      fault: { kind: 'kill', times: trial % 2 === 0 ? 1 : 2 },
      context: contexts[0]!.context,
    });
  }
  for (let trial = 0; trial < restartTrials; trial += 1) {
    plan.push({ fault: { kind: 'redis-restart', redis: ownRedis }, context: contexts[1]!.context });
  }
  for (const [index, step] of plan.entries()) {
    const result = await runTrial(step.context, step.fault);
    results.push(result);
    print(String(index + 1), result);
    if (result.lost > 0 || result.duplicated > 0 || result.stored !== result.people) failed = true;
  }

  console.log('\nper fault');
  const byFault = new Map<string, TrialResult>();
  for (const result of results) {
    const total = byFault.get(result.fault) ?? {
      fault: result.fault,
      people: 0,
      sent: 0,
      stored: 0,
      lost: 0,
      duplicated: 0,
    };
    total.people += result.people;
    total.sent += result.sent;
    total.stored += result.stored;
    total.lost += result.lost;
    total.duplicated += result.duplicated;
    byFault.set(result.fault, total);
  }
  for (const total of byFault.values()) {
    const trials = results.filter((result) => result.fault === total.fault).length;
    print(`${trials} trials`, total);
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const { queues, connection } of contexts) {
    await queues.obliterate().catch(() => undefined);
    await queues.close().catch(() => undefined);
    connection.disconnect();
  }
  await ownRedis.kill();
  await slack.close();
  await db.drop().catch(() => undefined);
  await db.close();
  await mongo?.stop();
}
console.log(failed ? '\nchaos: FAILED (loss or duplicate)' : '\nchaos: 0 lost, 0 duplicated');
process.exit(failed ? 1 : 0);
