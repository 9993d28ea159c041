/**
 * Faults of the web process under load, shared by test/jobs/web-trials.test.ts and `npm run
 * chaos`: ambassadors send signed Slack payloads over real HTTP to the real web process
 * (app/web.ts as a child) while
 *
 *   - the web process is SIGKILLed at a seeded random moment after Slack got 200s, and started
 *     again ('web-kill');
 *   - MongoDB goes away and comes back with its data, as a real (persistent) mongod restart does:
 *     every connection reset, new ones reset as they open for a while, then accepted again
 *     ('mongo-restart'; a TCP proxy in front of the embedded server, which itself would come
 *     back empty);
 *   - the same "Ikke hjemme" button is pressed twice (at once, on the newest list) and once more
 *     on an older list, and one press is replayed byte for byte ('stale-buttons').
 *
 * Slack is played as it behaves: an event that did not get a 200 (connection gone, 503) is sent
 * again with the same event_id and `x-slack-retry-num`. Counted per trial: sent (events that got
 * their 200), stored (attempts in MongoDB), lost (an acknowledged report with no attempt or no
 * reply), duplicated (a second attempt for one report or household, or a second reply).
 *
 * No test helpers that import vitest: the chaos script uses this too.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NaboDatabase } from '../../../models/database.js';
import type { Person } from '../../../models/types.js';
import { createEstate } from '../../support/estate.js';
import { deliverSlackEvent } from '../../support/slack-delivery.js';
import { LocalSlackApi, startWebChild, type WebChild } from '../../inbox/support/web-child.js';
import type { TrialResult } from './kill-trials.js';

export type WebFault = { kind: 'web-kill' } | { kind: 'mongo-restart' } | { kind: 'stale-buttons' };

export function describeWebFault(fault: WebFault): string {
  switch (fault.kind) {
    case 'web-kill':
      return 'web SIGKILL under load';
    case 'mongo-restart':
      return 'MongoDB restart under load';
    case 'stale-buttons':
      return 'stale buttons under load';
  }
}

/**
 * The web processes' "now" at the first trial. The store that holds their inbox must expire
 * documents on a clock near this one (useTestDatabase({ now }), or the embedded server's `now`
 * option), or done inbox entries vanish at once and a retry would count as new.
 */
export const WEB_TRIAL_NOW = '2026-11-27T10:00:00+01:00';
/** Each trial's processes stand this much later than the previous trial's. */
const TRIAL_STEP_MS = 30 * 60_000;
/** A restarted web process stands this much later: the dead one's leases (90 s) have run out. */
const RESTART_STEP_MS = 5 * 60_000;

export const TEAM = 'T0NABO';
export const SIGNING_SECRET = 'chaos-signing-secret-16';

export interface WebTrialContext {
  db: NaboDatabase;
  /** Server URI without a database (`mongodb://host:port/`). */
  mongoUri: string;
  dbName: string;
  redisUrl: string;
  /** Redis key prefix for the web processes' queues. */
  prefix: string;
  random: () => number;
  /** Every web process started, so the caller can kill what is left. */
  webs: WebChild[];
  /** How many web trials ran so far (each stands later on the clock). */
  trials: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function trialNow(context: WebTrialContext, restarts: number): string {
  const base = new Date(WEB_TRIAL_NOW).getTime();
  return new Date(base + context.trials * TRIAL_STEP_MS + restarts * RESTART_STEP_MS).toISOString();
}

async function startWeb(
  context: WebTrialContext,
  options: { now: string; mongoUri: string; slackApiUrl: string; turnDelayMs?: number },
): Promise<WebChild> {
  const uri = new URL(options.mongoUri);
  uri.pathname = `/${context.dbName}`;
  const web = await startWebChild({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.NABO_TRIAL_LOG_LEVEL ?? 'info',
    PORT: '0',
    WEB_CONCURRENCY: '1',
    MONGODB_URI: uri.toString(),
    REDIS_URL: context.redisUrl,
    NABO_QUEUE_PREFIX: context.prefix,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-chaos-token',
    SLACK_API_URL: options.slackApiUrl,
    NABO_SLACK_WORKSPACE_IDS: TEAM,
    NABO_NOW: options.now,
    ...(options.turnDelayMs ? { NABO_TEST_TURN_DELAY_MS: String(options.turnDelayMs) } : {}),
  });
  context.webs.push(web);
  return web;
}

// --- Slack's side ---------------------------------------------------------------------------

let sequence = 0;

/** A direct message to the bot, as the Events API delivers it. */
export function directMessageEvent(user: string, text: string) {
  sequence += 1;
  const ts = `1790${String(sequence).padStart(6, '0')}.000100`;
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0NABO',
    type: 'event_callback',
    event_id: `EvChaos${randomBytes(6).toString('hex')}`,
    event_time: 1_790_000_000 + sequence,
    event: {
      type: 'message',
      channel: `D${user}`,
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
      team: TEAM,
    },
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: 'U0BOT', is_bot: true }],
  };
}

interface Button {
  label: string;
  actionId: string;
  value: string;
}

/** A press of `button` on the message `messageTs`: each press has its own action_ts. */
export function buttonPressPayload(user: string, messageTs: string, button: Button) {
  sequence += 1;
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0NABO',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: `D${user}`,
      is_ephemeral: false,
    },
    trigger_id: `${sequence}.chaos.trigger`,
    team: { id: TEAM, domain: 'testparken' },
    channel: { id: `D${user}`, name: 'directmessage' },
    message: { type: 'message', ts: messageTs, user: 'U0BOT', bot_id: 'B0BOT' },
    response_url: 'https://hooks.slack.com/actions/T0NABO/1/chaos',
    actions: [
      {
        action_id: button.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: button.label, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `1790100000.${String(sequence).padStart(6, '0')}`,
      },
    ],
  };
}

/** One signed POST to /slack/events; undefined when the connection failed (process gone). */
async function post(
  web: WebChild,
  body: string,
  contentType: string,
  retry: number,
): Promise<number | undefined> {
  try {
    return await deliverSlackEvent(`http://127.0.0.1:${web.port}/slack/events`, body, {
      contentType,
      retry,
      secret: SIGNING_SECRET,
      timeoutMs: 15_000,
    });
  } catch {
    return undefined;
  }
}

/**
 * Slack's delivery: sends to whichever web process is up, and sends again (same body, same
 * event_id, the next x-slack-retry-num) what did not get a 200. Slack retries three times; a
 * restart here takes seconds, not Slack's minutes, so a few more tries stand in for its backoff.
 */
class SlackDelivery {
  private web: WebChild | undefined;
  private waiting: Array<() => void> = [];
  /** Requests answered 200. */
  acknowledged = 0;
  /** Requests sent again because they got no 200. */
  resent = 0;
  private readonly onAcknowledged: Array<() => void> = [];

  up(web: WebChild): void {
    this.web = web;
    for (const wake of this.waiting.splice(0)) wake();
  }

  down(): void {
    this.web = undefined;
  }

  private async current(): Promise<WebChild> {
    while (!this.web) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.web;
  }

  /** Resolves once `count` requests got their 200. */
  async acknowledgedAtLeast(count: number): Promise<void> {
    while (this.acknowledged < count) {
      await new Promise<void>((resolve) => this.onAcknowledged.push(resolve));
    }
  }

  /** True once the event got a 200. */
  async deliver(body: string, contentType: string, options: { retries: number }): Promise<boolean> {
    for (let retry = 0; retry <= options.retries; retry += 1) {
      const web = await this.current();
      const status = await post(web, body, contentType, retry);
      if (status === 200) {
        this.acknowledged += 1;
        for (const wake of this.onAcknowledged.splice(0)) wake();
        return true;
      }
      if (retry < options.retries) this.resent += 1;
      await wait(300 + retry * 400);
    }
    return false;
  }

  event(payload: object, retries = 8): Promise<boolean> {
    return this.deliver(JSON.stringify(payload), 'application/json', { retries });
  }

  /** Interactive payloads are not retried by Slack: the person sees an error and presses again. */
  interaction(payload: object): Promise<boolean> {
    return this.deliver(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
      { retries: 0 },
    );
  }
}

// --- MongoDB's side -------------------------------------------------------------------------

/**
 * A TCP proxy in front of MongoDB: `restart` resets every connection, and each new one as it
 * opens, for `downMs`, then accepts again — what a mongod restart looks like to its clients, with
 * the data kept (the embedded server comes back empty when it is restarted itself).
 */
export interface MongoProxy {
  /** `mongodb://127.0.0.1:port/` */
  readonly uri: string;
  restart(downMs: number): Promise<void>;
  /**
   * The next `command` on `collection` (e.g. insert on inbox) reaches MongoDB, which carries it
   * out; its connection is then reset before the answer gets back — the client cannot tell
   * whether it happened. Resolves once it did. With `carrying`, only a command whose message
   * holds that text (an event's id among the documents of a grouped insert).
   */
  dropAnswerTo(command: string, collection: string, carrying?: string): Promise<void>;
  close(): Promise<void>;
}

/** Whether a wire message holds the command document `{ <command>: "<collection>", … }`. */
function carriesCommand(chunk: Buffer, command: string, collection: string): boolean {
  const name = Buffer.from(`\x02${command}\x00`, 'latin1');
  const value = Buffer.from(`${collection}\x00`, 'utf8');
  for (let at = chunk.indexOf(name); at !== -1; at = chunk.indexOf(name, at + 1)) {
    const start = at + name.length + 4;
    if (chunk.subarray(start, start + value.length).equals(value)) return true;
  }
  return false;
}

export async function startMongoProxy(target: string): Promise<MongoProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  let armed:
    { command: string; collection: string; carrying?: string; done: () => void } | undefined;
  const server: Server = createServer((client) => {
    // Down: every connection is reset as it opens, as a port nobody listens on refuses it.
    // The proxy keeps its port meanwhile, so nothing else on the machine can take it.
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(targetPort), hostname);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    let dropAnswer: (() => void) | undefined;
    client.on('data', (chunk: Buffer) => {
      if (
        armed &&
        carriesCommand(chunk, armed.command, armed.collection) &&
        (armed.carrying === undefined || chunk.includes(armed.carrying, 0, 'utf8'))
      ) {
        dropAnswer = armed.done;
        armed = undefined;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropAnswer) {
        client.write(chunk);
        return;
      }
      // The server has done it and answered: the answer is lost with the connection.
      drop();
      dropAnswer();
    });
  });
  const resetAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    async restart(downMs) {
      down = true;
      resetAll();
      await wait(downMs);
      down = false;
    },
    dropAnswerTo(command, collection, carrying) {
      return new Promise<void>((done) => {
        armed = { command, collection, ...(carrying === undefined ? {} : { carrying }), done };
      });
    },
    async close() {
      down = true;
      resetAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// --- The trials -----------------------------------------------------------------------------

interface Ambassador {
  person: Person;
  user: string;
  channel: string;
  visitId: string;
}

async function ambassadors(context: WebTrialContext, count: number): Promise<Ambassador[]> {
  const estate = await createEstate(context.db);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const agreed = new Date('2026-01-01T00:00:00Z');
  const people: Ambassador[] = [];
  for (let index = 0; index < count; index += 1) {
    const user = `U${tag}C${index}`;
    const person = await context.db.people.add({
      name: `Ambassadør ${index}`,
      roles: [{ areaId: estate.area.id, role: 'ambassador' }],
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: user }],
      volunteerAgreementAt: agreed,
      confidentialityAt: agreed,
    });
    await estate.assign(person, [
      { names: [`Beboer ${index}`], address: 'Gudrunsvej 10', unit: `${index}. th` },
    ]);
    const [visit] = await context.db.visits.listOpenForAmbassador(person.id);
    if (!visit) throw new Error('the trial ambassador has no open visit');
    people.push({ person, user, channel: `D${user}`, visitId: visit.id });
  }
  return people;
}

async function attemptsOf(context: WebTrialContext, visitId: string): Promise<number> {
  return (await context.db.visits.findById(visitId))?.attempts.length ?? 0;
}

function postsTo(slack: LocalSlackApi, channel: string) {
  return slack.posts().filter((call) => call.params.channel === channel);
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition()) && Date.now() < deadline) await wait(100);
}

async function stop(web: WebChild): Promise<void> {
  await web.kill('SIGKILL');
}

export async function runWebTrial(context: WebTrialContext, fault: WebFault): Promise<TrialResult> {
  try {
    return fault.kind === 'stale-buttons'
      ? await staleButtonsTrial(context)
      : await reportsTrial(context, fault);
  } finally {
    context.trials += 1;
  }
}

const REPORTERS = 30;
/** What the web process logs for a turn the fault caught and that runs again. */
const CAUGHT = new Set([
  'abandoned event resumed',
  'abandoned event taken over',
  'turn cut off by MongoDB: running it again',
]);
const REPORT = 'ikke hjemme, lagde mappen i postkassen';

/**
 * Thirty ambassadors each report "not home" for their one household, spread over about two
 * seconds; the fault lands after a seeded random number of 200s. Each report must come out as
 * one attempt and one reply.
 */
async function reportsTrial(context: WebTrialContext, fault: WebFault): Promise<TrialResult> {
  const people = await ambassadors(context, REPORTERS);
  const firstWeb = context.webs.length;
  const slack = new LocalSlackApi();
  const slackApiUrl = await slack.start();
  const proxy =
    fault.kind === 'mongo-restart' ? await startMongoProxy(context.mongoUri) : undefined;
  const delivery = new SlackDelivery();
  let web: WebChild | undefined;
  try {
    web = await startWeb(context, {
      now: trialNow(context, 0),
      mongoUri: proxy?.uri ?? context.mongoUri,
      slackApiUrl,
      // The turns wait a moment after the 200, as under load: a kill finds some acknowledged
      // and not yet done (the window the durable inbox exists for).
      turnDelayMs: fault.kind === 'web-kill' ? 200 : undefined,
    });
    delivery.up(web);
    const reports = people.map((person) => directMessageEvent(person.user, REPORT));
    const gapMs = 60;
    const deliveries = reports.map(async (report, index) => {
      await wait(index * gapMs);
      return delivery.event(report);
    });

    // The fault: after a random number of 200s (3 to 25), and a random moment more.
    const after = 3 + Math.floor(context.random() * (REPORTERS - 8));
    await delivery.acknowledgedAtLeast(after);
    await wait(Math.floor(context.random() * 120));
    if (fault.kind === 'web-kill') {
      delivery.down();
      await stop(web);
      web = await startWeb(context, {
        now: trialNow(context, 1),
        mongoUri: context.mongoUri,
        slackApiUrl,
      });
      delivery.up(web);
    } else if (proxy) {
      await proxy.restart(1_000 + Math.floor(context.random() * 1_500));
    }
    const acknowledged = await Promise.all(deliveries);

    const done = async () => {
      for (const [index, person] of people.entries()) {
        if (!acknowledged[index]) continue;
        if (postsTo(slack, person.channel).length === 0) return false;
        if ((await attemptsOf(context, person.visitId)) === 0) return false;
      }
      return true;
    };
    // A turn left behind by the fault is resumed (at start, or Slack's retry) within seconds.
    await waitUntil(done, 40_000);
    // Anything that would answer twice gets the time to show itself.
    await wait(1_500);

    let sent = 0;
    let stored = 0;
    let lost = 0;
    let duplicated = 0;
    const outcomes: Array<{ attempts: number; replies: number }> = [];
    for (const [index, person] of people.entries()) {
      const attempts = await attemptsOf(context, person.visitId);
      const replies = postsTo(slack, person.channel).length;
      outcomes.push({ attempts, replies });
      stored += attempts;
      if (!acknowledged[index]) continue;
      sent += 1;
      if (attempts === 0 || replies === 0) lost += 1;
      duplicated += Math.max(0, attempts - 1) + Math.max(0, replies - 1);
    }
    // NABO_TRIAL_DEBUG=1: what the web processes warned about, and each report lost or doubled
    // with its inbox entry and the lines that name its event, when a trial lost or doubled.
    if ((lost > 0 || duplicated > 0) && process.env.NABO_TRIAL_DEBUG) {
      const trialWebs = context.webs.slice(firstWeb);
      for (const child of trialWebs) {
        for (const line of child.lines) {
          if (Number(line.level) < 40 && !String(line.msg).includes('event')) continue;
          const { pid, msg, eventId, err } = line as Record<string, unknown> & { err?: object };
          process.stderr.write(`${JSON.stringify({ pid, msg, eventId, err })}\n`);
        }
      }
      const client = await MongoClient.connect(context.mongoUri);
      try {
        const inbox = client.db(context.dbName).collection('inbox');
        for (const [index, { attempts, replies }] of outcomes.entries()) {
          if (attempts === 1 && replies === 1) continue;
          const key = `slack:event:${reports[index]!.event_id}`;
          const entry = await inbox.findOne({ key }, { projection: { state: 1, attempts: 1 } });
          const lines = trialWebs.flatMap((child) =>
            child.lines
              .filter((line) => line.eventId === key)
              .map(({ pid, time, msg, err }) => ({ pid, time, msg, err })),
          );
          const report = { acknowledged: acknowledged[index], attempts, replies, entry, lines };
          process.stderr.write(`report ${index}: ${JSON.stringify(report)}\n`);
        }
      } finally {
        await client.close();
      }
    }
    const caught = context.webs
      .slice(firstWeb)
      .flatMap((child) => child.lines)
      .filter((line) => CAUGHT.has(String(line.msg))).length;
    return {
      fault: describeWebFault(fault),
      people: people.length,
      sent,
      stored,
      lost,
      duplicated,
      hit: delivery.resent + caught,
    };
  } finally {
    if (web) await stop(web);
    await proxy?.close();
    await slack.stop();
  }
}

const PRESSERS = 20;
const ALREADY_RECORDED = 'allerede registreret';

interface ListedButton {
  messageTs: string;
  button: Button;
}

/** "mine besøg": the list of open visits, and its "Ikke hjemme" button as Slack received it. */
async function listedButton(
  delivery: SlackDelivery,
  slack: LocalSlackApi,
  person: Ambassador,
): Promise<ListedButton> {
  const before = postsTo(slack, person.channel).length;
  if (!(await delivery.event(directMessageEvent(person.user, 'mine besøg')))) {
    throw new Error('"mine besøg" was not acknowledged');
  }
  let list;
  while (!(list = postsTo(slack, person.channel)[before])) await wait(20);
  const blocks = (
    typeof list.params.blocks === 'string' ? JSON.parse(list.params.blocks) : list.params.blocks
  ) as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
  const buttons = blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements ?? [])
    .map((element) => ({
      label: String((element.text as { text?: unknown }).text),
      actionId: String(element.action_id),
      value: String(element.value ?? ''),
    }));
  const button = buttons.find((candidate) => candidate.label === 'Ikke hjemme');
  if (!button) throw new Error(`no "Ikke hjemme" button in the list: ${JSON.stringify(buttons)}`);
  return { messageTs: String(list.params.ts ?? `1790000000.${before}`), button };
}

/**
 * Twenty ambassadors each have the list of their open visits twice (an older and a newer
 * message). Under load, all at once: "Ikke hjemme" pressed twice on the newer list, once on the
 * older one, and one of those presses replayed byte for byte. One attempt per household; every
 * press after the first answers that it is already recorded (the replay, being the same
 * delivery, is dropped).
 */
async function staleButtonsTrial(context: WebTrialContext): Promise<TrialResult> {
  const people = await ambassadors(context, PRESSERS);
  const slack = new LocalSlackApi();
  const slackApiUrl = await slack.start();
  const delivery = new SlackDelivery();
  let web: WebChild | undefined;
  try {
    web = await startWeb(context, {
      now: trialNow(context, 0),
      mongoUri: context.mongoUri,
      slackApiUrl,
    });
    delivery.up(web);
    const lists = await Promise.all(
      people.map(async (person) => {
        const older = await listedButton(delivery, slack, person);
        const newer = await listedButton(delivery, slack, person);
        return { older, newer };
      }),
    );
    const firstAnswer = people.map((person) => postsTo(slack, person.channel).length);

    // Each ambassador's presses go out together, the ambassadors a few milliseconds apart.
    let presses = 0;
    const acknowledged = await Promise.all(
      people.map(async (person, index) => {
        await wait(Math.floor(context.random() * 400));
        const { older, newer } = lists[index]!;
        const twice = [
          buttonPressPayload(person.user, newer.messageTs, newer.button),
          buttonPressPayload(person.user, newer.messageTs, newer.button),
        ];
        const replayed = twice[Math.floor(context.random() * 2)]!;
        const results = await Promise.all([
          ...twice.map((payload) => delivery.interaction(payload)),
          delivery.interaction(replayed),
          (async () => {
            await wait(Math.floor(context.random() * 150));
            return delivery.interaction(
              buttonPressPayload(person.user, older.messageTs, older.button),
            );
          })(),
        ]);
        presses += results.length;
        return results.filter(Boolean).length;
      }),
    );

    // Two presses besides the first (the replay is the same delivery: no answer of its own).
    const answered = async () => {
      for (const [index, person] of people.entries()) {
        const replies = postsTo(slack, person.channel).slice(firstAnswer[index]);
        if (
          replies.filter((call) => (call.params.text ?? '').includes(ALREADY_RECORDED)).length < 2
        )
          return false;
        if ((await attemptsOf(context, person.visitId)) === 0) return false;
      }
      return true;
    };
    await waitUntil(answered, 30_000);
    await wait(1_500);

    let stored = 0;
    let lost = 0;
    let duplicated = 0;
    for (const [index, person] of people.entries()) {
      const attempts = await attemptsOf(context, person.visitId);
      const already = postsTo(slack, person.channel)
        .slice(firstAnswer[index])
        .filter((call) => (call.params.text ?? '').includes(ALREADY_RECORDED)).length;
      stored += attempts;
      // Lost: the household has no attempt, or a press went unanswered.
      if (attempts === 0 || already < 2) lost += 1;
      duplicated += Math.max(0, attempts - 1) + Math.max(0, already - 2);
    }
    const sent = acknowledged.reduce((sum, count) => sum + count, 0);
    if (sent !== presses) lost += presses - sent;
    return {
      fault: describeWebFault({ kind: 'stale-buttons' }),
      people: people.length,
      sent,
      stored,
      lost,
      duplicated,
    };
  } finally {
    if (web) await stop(web);
    await slack.stop();
  }
}
