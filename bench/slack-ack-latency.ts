/**
 * Slack under load: how long Slack waits for Nabo's acknowledgement of an event, and how long an
 * ambassador waits for the answer, at a steady rate — next to a bare Bolt app that acks and posts
 * one fixed reply (the anchor, measured in the same run). Slack retries anything not answered
 * within 3 s, so the ack must stay fast however busy the bot is with the turns behind it.
 *
 * Processes on loopback, so the measured process is only the web process, as in production:
 *   - infra: the embedded MongoDB;
 *   - load: a tiny fake Slack Web API (node:http, `{ok:true, ts}`) and the load: signed
 *     "mine besøg" DMs from ambassadors who have confirmed the agreement and have an open visit,
 *     open-loop at 50/s for 10 s, then 200/s for 10 s (after an uncounted warm-up of 20/s for
 *     3 s). It measures request → response (ack) and request → the reply's chat.postMessage
 *     (full reply), in its own clock;
 *   - web: app/web.ts itself as `npm start` runs it (compiled to dist/ first), NODE_ENV=production, WEB_CONCURRENCY=2 (two node:cluster workers),
 *     real Redis at 127.0.0.1:6379. Its RSS (primary + workers) is sampled from /proc;
 *   - this process: seeds the database, then runs the bare Bolt app against the same load, and
 *     then the same app storing each event before its ack (`bolt+store`): the floor for any app
 *     that acknowledges only what it has stored, as Nabo's durable inbox does.
 *
 * Run: npx tsx bench/slack-ack-latency.ts   (WEB_CONCURRENCY=1 to compare one worker;
 * BENCH_TIMELINE=1 to see each phase half a second at a time)
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { App } from '@slack/bolt';
import { MongoClient } from 'mongodb';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const TEAM = 'T0BENCH';
/** Each writes about once a second at 200/s, as real ambassadors would (one DM channel each). */
const AMBASSADORS = 200;
const WEB_WORKERS = process.env.WEB_CONCURRENCY ?? '2';
const PHASES = [
  { rate: 50, seconds: 10 },
  { rate: 200, seconds: 10 },
] as const;
/** Sent first and not counted: JIT, connection pools and mongoose's first queries warm up. */
const WARMUP = { rate: 20, seconds: 3 } as const;

interface PhaseResult {
  rate: number;
  sent: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  /** Request sent → the reply's chat.postMessage arrived at the fake Slack API. */
  replied: number;
  replyP50: number;
  replyP99: number;
}

type InfraMessage = { mongoUri: string };
type LoadRequest = { url: string; rate: number; seconds: number };
type LoadMessage = { apiUrl: string } | PhaseResult | { apiCalls: number };

// ── infra process ───────────────────────────────────────────────────────────────────────────────

/** Replies as they arrive at the fake API: channel → arrival times (performance.now()). */
const replies = new Map<string, number[]>();

/** A stand-in for slack.com/api: every method answers ok, chat.postMessage with a fresh ts. */
async function startFakeSlackApi(): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  let ts = 0;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      calls++;
      const method = (incoming.url ?? '').replace(/^\/api\//, '');
      if (method === 'chat.postMessage') {
        const raw = Buffer.concat(chunks).toString('utf8');
        const channel = raw.startsWith('{')
          ? String((JSON.parse(raw) as { channel?: string }).channel ?? '')
          : (new URLSearchParams(raw).get('channel') ?? '');
        const arrived = replies.get(channel) ?? [];
        arrived.push(performance.now());
        replies.set(channel, arrived);
      }
      const body =
        method === 'conversations.open'
          ? { ok: true, channel: { id: 'D0BENCH' } }
          : { ok: true, channel: 'D0BENCH', ts: `1790000000.${String(++ts).padStart(6, '0')}` };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/`, calls: () => calls };
}

/** The embedded MongoDB's garbage-collection pauses over a phase, in ms. */
interface GcPauses {
  count: number;
  totalMs: number;
  p90Ms: number;
  maxMs: number;
}

async function infraMain(): Promise<void> {
  const mongo = await startEmbeddedMongo();
  // The stand-in for mongod stops the world to collect garbage, which mongod never does: every
  // command that arrives meanwhile waits, an inbox insert (and so an ack) among them.
  let pauses: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  }).observe({ entryTypes: ['gc'] });
  process.send?.({ mongoUri: mongo.uri } satisfies InfraMessage);
  process.on('message', (message) => {
    if (message === 'stop') void mongo.stop().then(() => process.exit(0));
    else if (message === 'gc-reset') pauses = [];
    else if (message === 'gc-report') {
      const sorted = [...pauses].sort((a, b) => a - b);
      process.send?.({
        count: sorted.length,
        totalMs: sorted.reduce((sum, ms) => sum + ms, 0),
        p90Ms: percentile(sorted, 90),
        maxMs: sorted.at(-1) ?? 0,
      } satisfies GcPauses);
    }
  });
}

// ── load process ────────────────────────────────────────────────────────────────────────────────

function signedEvent(
  user: string,
  sequence: number,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    token: 'x',
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `Ev${randomBytes(6).toString('hex')}${sequence}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true }],
    event: {
      type: 'message',
      channel: `D${user}`,
      channel_type: 'im',
      user,
      text: 'mine besøg',
      ts: `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`,
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

function post(
  url: URL,
  agent: Agent,
  event: { body: string; headers: Record<string, string> },
): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'POST', headers: event.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', () => resolve(0));
    outgoing.end(event.body);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/** Open loop: requests leave on schedule whether or not earlier ones were answered. */
async function runPhase({ url, rate, seconds }: LoadRequest): Promise<PhaseResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const total = rate * seconds;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const timeline: TimedRequest[] = [];
  let failed = 0;
  const inFlight: Array<Promise<void>> = [];
  const sent = new Map<string, number[]>();
  replies.clear();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const user = `U${String(i % AMBASSADORS).padStart(4, '0')}`;
    const event = signedEvent(user, i);
    const sentAt = performance.now();
    const times = sent.get(`D${user}`) ?? [];
    times.push(sentAt);
    sent.set(`D${user}`, times);
    inFlight.push(
      post(target, agent, event).then((status) => {
        if (status !== 200) {
          failed++;
          return;
        }
        const ack = performance.now() - sentAt;
        latencies.push(ack);
        timeline.push({ at: sentAt - start, ack });
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  // Every accepted request gets one reply; wait for them (bounded), then pair them up per DM
  // channel in order (one ambassador writes about once a second, so replies rarely overtake).
  const expected = total - failed;
  const deadline = performance.now() + 60_000;
  const arrived = () => [...replies.values()].reduce((sum, list) => sum + list.length, 0);
  while (arrived() < expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const replyLatencies: number[] = [];
  for (const [channel, times] of sent) {
    const answers = replies.get(channel) ?? [];
    times.forEach((sentAt, index) => {
      const answeredAt = answers[index];
      if (answeredAt !== undefined) {
        replyLatencies.push(answeredAt - sentAt);
        timeline.push({ at: sentAt - start, reply: answeredAt - sentAt });
      }
    });
  }
  if (process.env.BENCH_TIMELINE) printTimeline(rate, timeline);
  latencies.sort((a, b) => a - b);
  replyLatencies.sort((a, b) => a - b);
  return {
    rate,
    sent: total,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    replied: replyLatencies.length,
    replyP50: percentile(replyLatencies, 50),
    replyP99: percentile(replyLatencies, 99),
  };
}

/** One request of a phase: when it left (ms into the phase), and its ack or its reply time. */
interface TimedRequest {
  at: number;
  ack?: number;
  reply?: number;
}

/**
 * BENCH_TIMELINE=1: each phase's ack and reply percentiles per half second, by when the request
 * left. It shows whether a tail is one stall or the whole phase.
 */
function printTimeline(rate: number, timeline: TimedRequest[]): void {
  const step = 500;
  const lines: string[] = [];
  for (let from = 0; ; from += step) {
    const slice = timeline.filter((entry) => entry.at >= from && entry.at < from + step);
    if (slice.length === 0) break;
    const acks = slice.flatMap((entry) => (entry.ack === undefined ? [] : [entry.ack]));
    const answers = slice.flatMap((entry) => (entry.reply === undefined ? [] : [entry.reply]));
    acks.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    lines.push(
      `  ${rate}/s t=${(from / 1000).toFixed(1)}s ack p50 ${percentile(acks, 50).toFixed(1)} p99 ${percentile(acks, 99).toFixed(1)} reply p50 ${percentile(answers, 50).toFixed(1)} p99 ${percentile(answers, 99).toFixed(1)}`,
    );
  }
  console.log(lines.join('\n'));
}

async function loadMain(): Promise<void> {
  const api = await startFakeSlackApi();
  process.on('message', (message: LoadRequest | 'stop' | 'count') => {
    if (message === 'stop') {
      api.server.close();
      process.exit(0);
    } else if (message === 'count') {
      process.send?.({ apiCalls: api.calls() } satisfies LoadMessage);
    } else void runPhase(message).then((result) => process.send?.(result satisfies LoadMessage));
  });
  process.send?.({ apiUrl: api.url } satisfies LoadMessage);
}

// ── the measured process ────────────────────────────────────────────────────────────────────────

/** BENCH_MONGO_NODE_ARGS: node options for the embedded MongoDB's process (e.g. "--trace-gc"). */
function child(role: 'infra' | 'load'): ChildProcess {
  const extra = role === 'infra' ? (process.env.BENCH_MONGO_NODE_ARGS ?? '').split(' ') : [];
  return fork(process.argv[1] ?? '', [role], {
    execArgv: [...process.execArgv, ...extra.filter(Boolean)],
  });
}

function nextMessage<T>(process_: ChildProcess): Promise<T> {
  return new Promise((resolve) => process_.once('message', (message) => resolve(message as T)));
}

type Phase = (typeof PHASES)[number];

/** Called around each measured phase (not the warm-up), with the phase just run. */
interface PhaseHooks {
  start(): void;
  stop(phase: Phase): void;
}

async function runLoad(
  label: string,
  load: ChildProcess,
  url: string,
  during: PhaseHooks = { start: () => undefined, stop: () => undefined },
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const warm = nextMessage<PhaseResult>(load);
  load.send({ url, rate: WARMUP.rate, seconds: WARMUP.seconds } satisfies LoadRequest);
  await warm;
  for (const phase of PHASES) {
    const answer = nextMessage<PhaseResult>(load);
    during.start();
    load.send({ url, rate: phase.rate, seconds: phase.seconds } satisfies LoadRequest);
    const result = await answer;
    during.stop(phase);
    results.push(result);
    console.log(
      `${label.padEnd(10)} ${String(phase.rate).padStart(4)}/s  sent ${String(result.sent).padStart(5)}  failed ${String(result.failed).padStart(3)}  ` +
        `ack p50 ${result.p50.toFixed(2).padStart(7)} ms  p99 ${result.p99.toFixed(2).padStart(8)} ms  max ${result.max.toFixed(1).padStart(7)} ms  ` +
        `reply p50 ${result.replyP50.toFixed(1).padStart(7)} ms  p99 ${result.replyP99.toFixed(1).padStart(8)} ms  (${result.replied} replies)`,
    );
  }
  return results;
}

async function seed(mongoUri: string, dbName: string): Promise<void> {
  const db = await connectDatabase(`${mongoUri}${dbName}`);
  try {
    const area = await db.areas.create({ key: 'bench', name: 'Benchparken' });
    const agreed = new Date('2026-01-01T00:00:00Z');
    const people = [];
    for (let i = 0; i < AMBASSADORS; i++) {
      people.push(
        await db.people.add({
          name: `Ambassadør ${i}`,
          roles: [{ areaId: area.id, role: 'ambassador' }],
          identities: [
            { platform: 'slack', workspaceId: TEAM, userId: `U${String(i).padStart(4, '0')}` },
          ],
          // Confirmed: "mine besøg" lists their visits instead of asking for the agreement.
          volunteerAgreementAt: agreed,
          confidentialityAt: agreed,
        }),
      );
    }
    await db.residents.importMany(
      area.id,
      people.map((_, i) => ({
        names: [`Familie ${i}`],
        address: `Benchvej ${i}`,
        unit: '1. th',
        moveInDate: '2026-11-01',
        source: { list: 'bench', row: i + 1 },
      })),
    );
    const residents = await db.residents.listUnassigned(area.id);
    for (const [i, person] of people.entries()) {
      const resident = residents.find((candidate) => candidate.address === `Benchvej ${i}`);
      if (resident) await db.visits.open(resident.id, person.id, '2026-11');
    }
  } finally {
    await db.close();
  }
}

/** Resident memory of a process, from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface CpuPerEvent {
  rate: number;
  /** CPU ms per event of the web workers (and the primary), over the phase and its backlog. */
  webMs: number;
  /** CPU ms per event of the embedded MongoDB process. */
  mongoMs: number;
  mongoGc: Promise<GcPauses>;
}

interface WebRun {
  results: PhaseResult[];
  cpu: CpuPerEvent[];
  /** Highest sum over the primary and its workers seen during the 200/s phase. */
  peakRssMb: number;
  peakWorkerRssMb: number;
  workers: number;
}

async function benchNabo(
  mongoUri: string,
  apiUrl: string,
  load: ChildProcess,
  infra: ChildProcess,
): Promise<WebRun> {
  const mongoPid = infra.pid ?? 0;
  const dbName = `nabo_bench_${randomBytes(4).toString('hex')}`;
  await seed(mongoUri, dbName);
  const root = resolve(import.meta.dirname, '..');
  // BENCH_WEB_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): the workers inherit them.
  const nodeArgs = (process.env.BENCH_WEB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // What production runs (`npm start`: the compiled web process), built from today's sources
  // first so it cannot be stale. Under tsx the workers would carry its loader too: ~40 MB more
  // each, and every module compiled again at start.
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const web = spawn(process.execPath, [...nodeArgs, 'dist/app/web.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      // The bench's store is the embedded server, which production otherwise refuses.
      NABO_ALLOW_EMBEDDED_MONGODB: '1',
      WEB_CONCURRENCY: WEB_WORKERS,
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: `${mongoUri}${dbName}`,
      NABO_QUEUE_PREFIX: `nabo-bench-${randomBytes(4).toString('hex')}`,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_API_URL: apiUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const workerPids: number[] = [];
  const expected = Number(WEB_WORKERS);
  const port = await new Promise<number>((done, fail) => {
    let listening = 0;
    let found = 0;
    web.once('exit', (code) => fail(new Error(`web process exited ${code}`)));
    createInterface({ input: web.stdout! }).on('line', (text) => {
      let line: { msg?: string; pid?: number; port?: number };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        return;
      }
      if (line.msg === 'web process listening') {
        listening++;
        found = line.port ?? 0;
        // One worker: no cluster, the spawned process is the web process itself.
        if (expected <= 1 && web.pid) workerPids.push(web.pid);
      }
      if (line.msg === 'web worker listening' && line.pid) workerPids.push(line.pid);
      if (listening >= expected) done(found);
    });
  });

  let peakRssMb = 0;
  let peakWorkerRssMb = 0;
  let sampler: NodeJS.Timeout | undefined;
  const webPids = () => (web.pid && expected > 1 ? [web.pid, ...workerPids] : workerPids);
  const webCpu = () => webPids().reduce((sum, pid) => sum + cpuMs(pid), 0);
  const cpu: CpuPerEvent[] = [];
  let cpuAtStart = { web: 0, mongo: 0 };
  const during: PhaseHooks = {
    start() {
      cpuAtStart = { web: webCpu(), mongo: cpuMs(mongoPid) };
      infra.send('gc-reset');
      sampler = setInterval(() => {
        const each = webPids().map(rssMb);
        peakRssMb = Math.max(
          peakRssMb,
          each.reduce((sum, mb) => sum + mb, 0),
        );
        peakWorkerRssMb = Math.max(peakWorkerRssMb, ...each.slice(expected > 1 ? 1 : 0));
      }, 200);
    },
    stop(phase) {
      clearInterval(sampler);
      const events = phase.rate * phase.seconds;
      cpu.push({
        rate: phase.rate,
        webMs: (webCpu() - cpuAtStart.web) / events,
        mongoMs: (cpuMs(mongoPid) - cpuAtStart.mongo) / events,
        mongoGc: (() => {
          const report = nextMessage<GcPauses>(infra);
          infra.send('gc-report');
          return report;
        })(),
      });
    },
  };
  try {
    const results = await runLoad(
      `nabo ×${expected}`,
      load,
      `http://127.0.0.1:${port}/slack/events`,
      during,
    );
    return { results, cpu, peakRssMb, peakWorkerRssMb, workers: expected };
  } finally {
    const exited = new Promise((done) => web.once('exit', done));
    web.kill('SIGTERM');
    await exited;
  }
}

interface BoltRun {
  results: PhaseResult[];
  /** CPU ms per event of this process (the bare Bolt app alone: the load runs elsewhere). */
  cpuMs: number[];
}

/**
 * The bare Bolt app. With `storeIn` (a MongoDB URI) it is the durable anchor: Bolt answers Slack
 * only after its listener has inserted the event into a collection unique on the event id, one
 * driver `insertOne` on the same embedded MongoDB (`processBeforeResponse`), and replies after the
 * ack. That is the least any app does that acknowledges only what it has stored; nabo's inbox
 * write is that insert, grouped under load.
 */
async function benchBareBolt(
  apiUrl: string,
  load: ChildProcess,
  storeIn?: string,
): Promise<BoltRun> {
  const store = storeIn === undefined ? undefined : await MongoClient.connect(storeIn);
  const inbox = store?.db(`bolt_inbox_${randomBytes(4).toString('hex')}`).collection('inbox');
  await inbox?.createIndex({ key: 1 }, { unique: true });
  const app = new App({
    signingSecret: SECRET,
    token: TOKEN,
    botId: 'B0BENCH',
    botUserId: 'U0BOT',
    processBeforeResponse: inbox !== undefined,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.message(async ({ message, client, body }) => {
    const reply = (): Promise<unknown> =>
      client.chat.postMessage({ channel: message.channel, text: 'Tak!' });
    if (!inbox) return void (await reply());
    await inbox.insertOne({ key: (body as { event_id: string }).event_id, payload: message });
    void reply();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  const cpuMs: number[] = [];
  let atStart = process.cpuUsage();
  const during: PhaseHooks = {
    start() {
      atStart = process.cpuUsage();
    },
    stop(phase) {
      const used = process.cpuUsage(atStart);
      cpuMs.push((used.user + used.system) / 1000 / (phase.rate * phase.seconds));
    },
  };
  try {
    const results = await runLoad(
      inbox ? 'bolt+store' : 'bare bolt',
      load,
      `http://127.0.0.1:${port}/slack/events`,
      during,
    );
    return { results, cpuMs };
  } finally {
    await app.stop();
    await store?.close();
  }
}

async function main(): Promise<void> {
  const infra = child('infra');
  const load = child('load');
  const { mongoUri } = await nextMessage<InfraMessage>(infra);
  const { apiUrl } = await nextMessage<{ apiUrl: string }>(load);
  console.log(
    `Slack under load, loopback, Node ${process.version}; ${PHASES.map((p) => `${p.rate}/s × ${p.seconds} s`).join(', ')}; ` +
      `"mine besøg" DMs from ${AMBASSADORS} ambassadors who confirmed the agreement, one open visit each`,
  );
  try {
    const nabo = await benchNabo(mongoUri, apiUrl, load, infra);
    const bolt = await benchBareBolt(apiUrl, load);
    const storing = await benchBareBolt(apiUrl, load, mongoUri);
    console.log(`\nnabo / bare bolt (same run), web process with ${nabo.workers} worker(s)`);
    for (const [index, phase] of PHASES.entries()) {
      const n = nabo.results[index];
      const b = bolt.results[index];
      const s = storing.results[index];
      if (!n || !b || !s) continue;
      console.log(
        `  ${String(phase.rate).padStart(4)}/s  ack p50 ×${(n.p50 / b.p50).toFixed(2)}  ack p99 ×${(n.p99 / b.p99).toFixed(2)}` +
          `  reply p99 ${n.replyP99.toFixed(0)} ms (bolt ${b.replyP99.toFixed(0)} ms, ×${(n.replyP99 / b.replyP99).toFixed(2)})`,
      );
      console.log(
        `  ${String(phase.rate).padStart(4)}/s  durable floor: bolt+store / bare bolt ack p50 ×${(s.p50 / b.p50).toFixed(2)}  p99 ×${(s.p99 / b.p99).toFixed(2)};` +
          `  nabo / bolt+store ack p50 ×${(n.p50 / s.p50).toFixed(2)}  p99 ×${(n.p99 / s.p99).toFixed(2)}`,
      );
    }
    for (const [index, { rate, webMs, mongoMs }] of nabo.cpu.entries()) {
      const boltMs = bolt.cpuMs[index] ?? Number.NaN;
      console.log(
        `  ${String(rate).padStart(4)}/s  CPU per event: web ${webMs.toFixed(2)} ms (primary + workers; ` +
          `bare Bolt ${boltMs.toFixed(2)} ms, ×${(webMs / boltMs).toFixed(2)}), ` +
          `embedded MongoDB ${mongoMs.toFixed(2)} ms (until the phase's last reply)`,
      );
    }
    for (const { rate, mongoGc } of nabo.cpu) {
      const gc = await mongoGc;
      console.log(
        `  ${String(rate).padStart(4)}/s  embedded MongoDB stopped for GC ${gc.count} times, ` +
          `${gc.totalMs.toFixed(0)} ms in all, p90 ${gc.p90Ms.toFixed(1)} ms, longest ${gc.maxMs.toFixed(1)} ms`,
      );
    }
    console.log(
      `  RSS at 200/s, peak: ${nabo.peakRssMb.toFixed(0)} MB in all (primary + workers), ` +
        `${nabo.peakWorkerRssMb.toFixed(0)} MB the largest worker`,
    );
    const counted = nextMessage<{ apiCalls: number }>(load);
    load.send('count');
    console.log(`fake Slack API calls: ${(await counted).apiCalls}`);
  } finally {
    infra.send('stop');
    load.send('stop');
  }
}

const role = process.argv[2];
if (role === 'infra') void infraMain();
else if (role === 'load') void loadMain();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
