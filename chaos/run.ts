/**
 * `npm run chaos`: faults for real, each counted as sent / stored / lost / duplicated.
 *
 * During the monthly send (test/jobs/support/kill-trials.ts), against a Slack Web API on
 * loopback: worker processes SIGKILLed at seeded random moments (once, and twice in a row), and
 * Redis killed and started again empty under a running worker. People: who should get a
 * message; sent: messages Slack kept; stored: ledger entries marked sent.
 *
 * While ambassadors report over signed Slack HTTP to the real web process (web-trials.ts): the
 * web process SIGKILLed after Slack got 200s and started again, MongoDB restarted (connections
 * reset, new ones too for 1–2.5 s, data kept), and stale buttons (pressed twice at once, on an
 * older list, replayed). People: ambassadors; sent: requests acknowledged with 200; stored:
 * attempts recorded. Slack's retries of what got no 200 are played.
 *
 * Exits 1 on any loss or duplicate.
 *
 *   npm run chaos                 20 worker kills (half double) + 4 Redis restarts
 *                                 + 12 web kills + 4 MongoDB restarts + 3 stale-button rounds
 *   npm run chaos -- --short      one or two of each (.ci/run)
 *   npm run chaos -- --seed 7     other fault moments
 *
 * Uses the shared Redis on REDIS_URL (default 127.0.0.1:6379) under its own key prefixes, a Redis
 * of its own (redis-server on a free port) for the restarts, and the embedded MongoDB (whose TTL
 * clock runs with the web processes' NABO_NOW).
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { JobQueues } from '../jobs/job-queues.js';
import { createRedisConnection } from '../jobs/redis-connection.js';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import { clockStartingAt } from '../kernel/clock.js';
import { seededRandom, startFakeSlackApi } from '../test/jobs/support/fake-slack-api.js';
import { runTrial, type Fault, type TrialResult } from '../test/jobs/support/kill-trials.js';
import { startOwnRedis } from '../test/jobs/support/own-redis.js';
import {
  runWebTrial,
  WEB_TRIAL_NOW,
  type WebFault,
  type WebTrialContext,
} from '../test/jobs/support/web-trials.js';
import type { WebChild } from '../test/inbox/support/web-child.js';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    seed: { type: 'string', default: '16' },
    kills: { type: 'string' },
    restarts: { type: 'string' },
    'web-kills': { type: 'string' },
    'mongo-restarts': { type: 'string' },
    'stale-buttons': { type: 'string' },
  },
});
const killTrials = Number(values.kills ?? (values.short ? 2 : 20));
const restartTrials = Number(values.restarts ?? (values.short ? 1 : 4));
const webKillTrials = Number(values['web-kills'] ?? (values.short ? 1 : 12));
const mongoRestartTrials = Number(values['mongo-restarts'] ?? (values.short ? 1 : 4));
const staleButtonTrials = Number(values['stale-buttons'] ?? (values.short ? 1 : 3));
const sharedRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// The web processes stamp their inbox entries' expiry with NABO_NOW: the server expires them on
// a clock running from the same moment (on the wall clock they would vanish at once, and
// Slack's retries would count as new events).
const webClock = clockStartingAt(new Date(WEB_TRIAL_NOW));
const mongo = process.env.MONGODB_URI
  ? undefined
  : await startEmbeddedMongo({ port: 0, now: () => webClock.now().getTime() });
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
  // The web processes' queues (revisit reminders), apart from the workers'.
  { url: sharedRedis, prefix: `nabo-chaos-${randomBytes(4).toString('hex')}` },
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

const webs: WebChild[] = [];
const webContext: WebTrialContext = {
  db,
  mongoUri,
  dbName,
  redisUrl: sharedRedis,
  prefix: contexts[2]!.context.prefix,
  random,
  webs,
  trials: 0,
};

const results: TrialResult[] = [];
let failed = false;
// hit: requests Slack sent again and turns run again because of the fault (web trials).
const header = [
  'trial',
  'fault',
  'people',
  'sent',
  'stored',
  'lost',
  'duplicated',
  'hit',
  'seconds',
];
console.log(header.join('\t'));
const print = (label: string, result: TrialResult, seconds?: number) =>
  console.log(
    [
      label,
      result.fault,
      result.people,
      result.sent,
      result.stored,
      result.lost,
      result.duplicated,
      result.hit ?? '',
      seconds === undefined ? '' : seconds.toFixed(1),
    ].join('\t'),
  );

try {
  type Step =
    | { fault: Fault; context: (typeof contexts)[number]['context'] }
    | { fault: WebFault; context: WebTrialContext };
  const plan: Step[] = [];
  for (let trial = 0; trial < killTrials; trial += 1) {
    plan.push({
      fault: { kind: 'kill', times: trial % 2 === 0 ? 1 : 2 },
      context: contexts[0]!.context,
    });
  }
  for (let trial = 0; trial < restartTrials; trial += 1) {
    plan.push({ fault: { kind: 'redis-restart', redis: ownRedis }, context: contexts[1]!.context });
  }
  const webFaults: Array<[WebFault, number]> = [
    [{ kind: 'web-kill' }, webKillTrials],
    [{ kind: 'mongo-restart' }, mongoRestartTrials],
    [{ kind: 'stale-buttons' }, staleButtonTrials],
  ];
  for (const [fault, trials] of webFaults) {
    for (let trial = 0; trial < trials; trial += 1) plan.push({ fault, context: webContext });
  }
  for (const [index, step] of plan.entries()) {
    const started = performance.now();
    const result =
      step.fault.kind === 'kill' || step.fault.kind === 'redis-restart'
        ? await runTrial(step.context as (typeof contexts)[number]['context'], step.fault)
        : await runWebTrial(step.context as WebTrialContext, step.fault);
    results.push(result);
    print(String(index + 1), result, (performance.now() - started) / 1000);
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
    if (result.hit !== undefined) total.hit = (total.hit ?? 0) + result.hit;
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
  for (const web of webs) await web.kill('SIGKILL');
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
