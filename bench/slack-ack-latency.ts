/**
 * Slack ack latency: how long Slack waits for Nabo's answer to an event, at a steady rate, next
 * to a bare Bolt app that acks and posts one fixed reply. Slack retries anything not answered
 * within 3 s, so the ack must stay fast however busy the bot is with the turns behind it.
 *
 * Three processes on loopback, so the measured process is only the web process, as in
 * production:
 *   - infra: the embedded MongoDB and a tiny fake Slack Web API (node:http, `{ok:true, ts}`);
 *   - this process: the web process with the Slack platform (real Redis at 127.0.0.1:6379,
 *     apiUrl pointed at the fake API), then a bare Bolt app on the same fake API;
 *   - load: sends signed DM events open-loop at 50/s for 10 s, then 200/s for 10 s, and measures
 *     request → response time (after an uncounted warm-up of 20/s for 3 s).
 *
 * Run: npx tsx bench/slack-ack-latency.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App } from '@slack/bolt';
import { Redis } from 'ioredis';
import { startWebProcess } from '../adapters/http/web-process.js';
import { createSlackPlatform } from '../adapters/slack/index.js';
import { composeConversation } from '../app/compose.js';
import { connectDatabase } from '../models/database.js';
import { startEmbeddedMongo } from '../models/embedded-mongo/index.js';
import { systemClock } from '../kernel/clock.js';
import { createLogger } from '../kernel/logger.js';

const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const TEAM = 'T0BENCH';
const AMBASSADORS = 20;
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
}

type InfraMessage = { mongoUri: string; apiUrl: string } | { apiCalls: number };
type LoadRequest = { url: string; rate: number; seconds: number };

// ── infra process ───────────────────────────────────────────────────────────────────────────────

/** A stand-in for slack.com/api: every method answers ok, chat.postMessage with a fresh ts. */
async function startFakeSlackApi(): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  let ts = 0;
  const server = createServer((incoming, response) => {
    incoming.resume();
    incoming.on('end', () => {
      calls++;
      const method = (incoming.url ?? '').replace(/^\/api\//, '');
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

async function infraMain(): Promise<void> {
  const mongo = await startEmbeddedMongo();
  const api = await startFakeSlackApi();
  process.send?.({ mongoUri: mongo.uri, apiUrl: api.url } satisfies InfraMessage);
  process.on('message', (message) => {
    if (message === 'count') process.send?.({ apiCalls: api.calls() } satisfies InfraMessage);
    if (message === 'stop') {
      api.server.close();
      void mongo.stop().then(() => process.exit(0));
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
  let failed = 0;
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const event = signedEvent(`U${String(i % AMBASSADORS).padStart(4, '0')}`, i);
    const sentAt = performance.now();
    inFlight.push(
      post(target, agent, event).then((status) => {
        if (status === 200) latencies.push(performance.now() - sentAt);
        else failed++;
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate,
    sent: total,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

function loadMain(): void {
  process.on('message', (message: LoadRequest | 'stop') => {
    if (message === 'stop') process.exit(0);
    else void runPhase(message).then((result) => process.send?.(result));
  });
}

// ── the measured process ────────────────────────────────────────────────────────────────────────

function child(role: 'infra' | 'load'): ChildProcess {
  return fork(process.argv[1] ?? '', [role], { execArgv: process.execArgv });
}

function nextMessage<T>(process_: ChildProcess): Promise<T> {
  return new Promise((resolve) => process_.once('message', (message) => resolve(message as T)));
}

async function runLoad(
  label: string,
  load: ChildProcess,
  url: string,
  afterPhase: () => Promise<void>,
): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const warm = nextMessage<PhaseResult>(load);
  load.send({ url, rate: WARMUP.rate, seconds: WARMUP.seconds } satisfies LoadRequest);
  await warm;
  await afterPhase();
  for (const phase of PHASES) {
    const answer = nextMessage<PhaseResult>(load);
    load.send({ url, rate: phase.rate, seconds: phase.seconds } satisfies LoadRequest);
    const result = await answer;
    await afterPhase();
    results.push(result);
    console.log(
      `${label.padEnd(10)} ${String(phase.rate).padStart(4)}/s  sent ${String(result.sent).padStart(5)}  failed ${String(result.failed).padStart(3)}  ` +
        `p50 ${result.p50.toFixed(2).padStart(7)} ms  p99 ${result.p99.toFixed(2).padStart(8)} ms  max ${result.max.toFixed(1).padStart(7)} ms`,
    );
  }
  return results;
}

async function benchNabo(
  mongoUri: string,
  apiUrl: string,
  load: ChildProcess,
): Promise<PhaseResult[]> {
  const db = await connectDatabase(mongoUri, {
    dbName: `nabo_bench_${randomBytes(4).toString('hex')}`,
  });
  const redis = new Redis('redis://127.0.0.1:6379');
  const area = await db.areas.create({ key: `bench-${Date.now()}`, name: 'Benchparken' });
  for (let i = 0; i < AMBASSADORS; i++) {
    const person = await db.people.add({
      name: `Ambassadør ${i}`,
      roles: [{ areaId: area.id, role: 'ambassador' }],
      identities: [
        { platform: 'slack', workspaceId: TEAM, userId: `U${String(i).padStart(4, '0')}` },
      ],
    });
    await db.residents.importMany(area.id, [
      {
        names: [`Familie ${i}`],
        address: `Benchvej ${i}`,
        unit: '1. th',
        moveInDate: '2026-11-01',
        source: { list: 'bench', row: i + 1 },
      },
    ]);
    const resident = (await db.residents.listUnassigned(area.id)).find(
      (candidate) => candidate.address === `Benchvej ${i}`,
    );
    if (resident) await db.visits.open(resident.id, person.id, '2026-11');
  }
  const conversation = composeConversation({
    db,
    clock: systemClock,
    logger: createLogger({ level: 'silent' }),
    timeZone: 'Europe/Copenhagen',
    locale: 'da',
  });
  const platform = conversation.register(
    createSlackPlatform(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl },
      conversation.context,
    ),
  );
  const web = await startWebProcess({
    port: 0,
    host: '127.0.0.1',
    db,
    redis,
    platforms: [platform],
  });
  try {
    return await runLoad('nabo', load, `http://127.0.0.1:${web.port}/slack/events`, () =>
      platform.settled(),
    );
  } finally {
    await web.close();
    await db.drop();
    await db.close();
    await redis.quit();
  }
}

async function benchBareBolt(apiUrl: string, load: ChildProcess): Promise<PhaseResult[]> {
  let pending = 0;
  const app = new App({
    signingSecret: SECRET,
    token: TOKEN,
    botId: 'B0BENCH',
    botUserId: 'U0BOT',
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.message(async ({ message, client }) => {
    pending++;
    try {
      await client.chat.postMessage({ channel: message.channel, text: 'Tak!' });
    } finally {
      pending--;
    }
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  const drained = async (): Promise<void> => {
    while (pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  try {
    return await runLoad('bare bolt', load, `http://127.0.0.1:${port}/slack/events`, drained);
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const infra = child('infra');
  const load = child('load');
  const { mongoUri, apiUrl } = await nextMessage<{ mongoUri: string; apiUrl: string }>(infra);
  console.log(
    `Slack ack latency, loopback, Node ${process.version}; ${PHASES.map((p) => `${p.rate}/s × ${p.seconds} s`).join(', ')}; ` +
      `"mine besøg" DMs from ${AMBASSADORS} known ambassadors`,
  );
  try {
    const nabo = await benchNabo(mongoUri, apiUrl, load);
    const bolt = await benchBareBolt(apiUrl, load);
    console.log('\nratio nabo / bare bolt');
    for (const [index, phase] of PHASES.entries()) {
      const n = nabo[index];
      const b = bolt[index];
      if (!n || !b) continue;
      console.log(
        `  ${String(phase.rate).padStart(4)}/s  p50 ×${(n.p50 / b.p50).toFixed(2)}  p99 ×${(n.p99 / b.p99).toFixed(2)}`,
      );
    }
    const counted = nextMessage<{ apiCalls: number }>(infra);
    infra.send('count');
    console.log(`fake Slack API calls: ${(await counted).apiCalls}`);
  } finally {
    infra.send('stop');
    load.send('stop');
  }
}

const role = process.argv[2];
if (role === 'infra') void infraMain();
else if (role === 'load') loadMain();
else
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
