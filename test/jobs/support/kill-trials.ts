/**
 * SIGKILL trials of the worker during the monthly send, shared by test/jobs/kill-trials.test.ts
 * and `npm run chaos`. Each trial hands out a fresh area (30 ambassadors and a coordinator),
 * starts a worker process, kills it at seeded random moments — once, or twice in a row so the
 * job it was sending stalls twice and BullMQ gives up on it — starts a last worker and counts,
 * per person, the messages that reached the loopback Slack API.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { NaboDatabase } from '../../../models/database.js';
import { identityOn } from '../../../models/identities.js';
import type { Person } from '../../../models/types.js';
import type { JobQueues } from '../../../jobs/job-queues.js';
import { slackEstate } from './jobs-harness.js';
import type { FakeSlackApi } from './fake-slack-api.js';
import type { OwnRedis } from './own-redis.js';
import { RUN_TYPESCRIPT } from '../../support/child-node.js';

/** What goes wrong during the send. */
export type Fault =
  | { kind: 'kill'; times: 1 | 2 }
  /** The trial's Redis (context.redisUrl) is SIGKILLed and started again empty. */
  | { kind: 'redis-restart'; redis: OwnRedis };

export function describeFault(fault: Fault): string {
  if (fault.kind === 'redis-restart') return 'Redis restarted empty';
  return fault.times === 1 ? 'worker SIGKILL' : 'worker SIGKILL twice in a row';
}

/** The workers' "now": the hand-out they run is December 2026's. */
export const TRIAL_NOW = '2026-12-01T09:00:00+01:00';

export interface TrialContext {
  db: NaboDatabase;
  mongoUri: string;
  dbName: string;
  prefix: string;
  redisUrl: string;
  queues: JobQueues;
  slack: FakeSlackApi;
  random: () => number;
  /** Every worker started, so the caller can kill what is left. */
  children: ChildProcess[];
}

export interface TrialResult {
  fault: string;
  people: number;
  /** Messages that reached Slack for this trial's people. */
  sent: number;
  /** Ledger entries marked sent. */
  stored: number;
  lost: number;
  duplicated: number;
  /**
   * Web trials: how many requests and turns the fault caught — requests Slack had to send again
   * (no 200), turns a new process resumed or ran again after MongoDB came back.
   */
  hit?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startSlackWorker(context: TrialContext): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'slack-worker-process.ts'), [], {
    execArgv: [...RUN_TYPESCRIPT],
    env: {
      ...process.env,
      LOG_LEVEL: process.env.NABO_TRIAL_LOG_LEVEL ?? 'silent',
      NABO_NOW: TRIAL_NOW,
      NABO_TEST_MONGO_URI: context.mongoUri,
      NABO_TEST_DB: context.dbName,
      NABO_TEST_PREFIX: context.prefix,
      SLACK_API_URL: context.slack.url,
      REDIS_URL: context.redisUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  context.children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await wait(20);
  }
  return true;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export function runKillTrial(context: TrialContext, kills: 1 | 2): Promise<TrialResult> {
  return runTrial(context, { kind: 'kill', times: kills });
}

export async function runTrial(context: TrialContext, fault: Fault): Promise<TrialResult> {
  const { area, ambassadors, coordinator } = await slackEstate(context.db, {
    ambassadors: 30,
    households: 60,
  });
  const people: Person[] = [...ambassadors, coordinator];
  const channels = new Map(
    people.map((person) => [person.id, `D-${identityOn(person, 'slack')!.userId}`]),
  );

  let worker = await startSlackWorker(context);
  const scheduled = (await context.queues.schedule.getDelayed()).find(
    (job) => job.data.kind === 'assign' && job.data.areaId === area.id,
  );
  if (!scheduled) throw new Error('no hand-out scheduled for the trial area');
  await scheduled.promote();

  const rounds = fault.kind === 'kill' ? fault.times : 1;
  for (let round = 0; round < rounds; round += 1) {
    // First fault: somewhere in the send. Next kills: as soon as the new worker sends again —
    // it takes the stalled jobs first, so the same job dies twice and BullMQ gives up on it.
    // Either way the fault lands while a request to Slack is in flight, before or after Slack
    // kept the message.
    const before = context.slack.requests();
    const after = round === 0 ? 1 + Math.floor(context.random() * 25) : 1;
    await waitUntil(() => context.slack.requests() >= before + after, 20_000);
    await wait(Math.floor(context.random() * 100));
    if (fault.kind === 'redis-restart') {
      await fault.redis.kill();
      await fault.redis.start();
    } else {
      await kill(worker);
      worker = await startSlackWorker(context);
    }
  }

  const everyoneSent = async () => {
    for (const person of people) {
      const channel = channels.get(person.id)!;
      if (context.slack.postsTo(channel).length === 0) return false;
    }
    return (await storedCount(context.db, area.key, people)) === people.length;
  };
  await waitUntil(everyoneSent, 45_000);
  // Anything that would send twice gets the time to show itself.
  await wait(1_500);
  await kill(worker);

  let lost = 0;
  let duplicated = 0;
  let sent = 0;
  for (const person of people) {
    const count = context.slack.postsTo(channels.get(person.id)!).length;
    sent += count;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += count - 1;
  }
  return {
    fault: describeFault(fault),
    people: people.length,
    sent,
    stored: await storedCount(context.db, area.key, people),
    lost,
    duplicated,
  };
}

async function storedCount(db: NaboDatabase, areaKey: string, people: Person[]): Promise<number> {
  let stored = 0;
  for (const person of people) {
    const key = person.roles.some((role) => role.role === 'coordinator')
      ? `assign-summary-${areaKey}-2026-12-${person.id}`
      : `assign-${areaKey}-2026-12-${person.id}`;
    if ((await db.sendLedger.get(key))?.status === 'sent') stored += 1;
  }
  return stored;
}
