import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, uniquePrefix } from '../jobs/support/jobs-harness.js';
import { deliverSlackEvent, SIGNING_SECRET, TEAM } from '../slack/support/harness.js';
import { directChannelOf, directMessage } from '../slack/support/payloads.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { startEmbeddedMongo } from '../../models/embedded-mongo/index.js';
import { LocalSlackApi, startWebChild, type WebChild } from './support/web-child.js';

/**
 * The web process is killed (SIGKILL) after Slack got its 200 for each report and before the
 * turns ran; a new web process starts. Every acknowledged report must be stored exactly once and
 * every ambassador must get the reply, whether the new process resumes the event or Slack's
 * retry brings it. Before the durable inbox, each such kill lost the reports in flight, and
 * Slack's retry was dropped as "already handled".
 */
const NOW = '2026-11-27T10:00:00+01:00';
// The second process starts once the first one's leases ran out (INBOX_LEASE_MS, 90 s).
const AFTER_RESTART = '2026-11-27T10:05:00+01:00';
const AMBASSADORS = 12;

const db = useTestDatabase({ now: () => new Date(NOW) });
const slack = new LocalSlackApi();
const prefix = uniquePrefix('inbox');
let slackApiUrl = '';
let mongo: MongoClient;
const children: WebChild[] = [];

beforeAll(async () => {
  slackApiUrl = await slack.start();
  mongo = await MongoClient.connect(db.uri());
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await slack.stop();
  await mongo.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function databaseUri(): string {
  const uri = new URL(db.uri());
  uri.pathname = `/${db.dbName()}`;
  return uri.toString();
}

async function startWeb(now: string, extra: Record<string, string> = {}): Promise<WebChild> {
  const child = await startWebChild({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: databaseUri(),
    ...extra,
    REDIS_URL,
    NABO_QUEUE_PREFIX: prefix,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slackApiUrl,
    NABO_SLACK_WORKSPACE_IDS: TEAM,
    NABO_NOW: now,
    ...extra,
  });
  children.push(child);
  return child;
}

function postEvent(child: WebChild, payload: object, retry?: number): Promise<number> {
  return deliverSlackEvent(`http://127.0.0.1:${child.port}/slack/events`, payload, { retry });
}

async function ambassadors() {
  const estate = await createEstate(db());
  const agreed = new Date('2026-01-01T00:00:00Z');
  const users: string[] = [];
  for (let index = 0; index < AMBASSADORS; index += 1) {
    const user = `U0CRASH${index}`;
    const person = await db().people.add({
      name: `Ambassadør ${index}`,
      roles: [{ areaId: estate.area.id, role: 'ambassador' }],
      identities: [{ platform: 'slack', workspaceId: TEAM, userId: user }],
      volunteerAgreementAt: agreed,
      confidentialityAt: agreed,
    });
    await estate.assign(person, [
      { names: [`Beboer ${index}`], address: 'Gudrunsvej 10', unit: `${index}. th` },
    ]);
    users.push(user);
  }
  return { area: estate.area, users };
}

async function attemptsPerVisit(areaId: string): Promise<number[]> {
  const visits = await db().visits.listByArea(areaId);
  return visits.map((visit) => visit.attempts.length);
}

async function doneInInbox(count: number): Promise<void> {
  const inbox = mongo.db(db.dbName()).collection('inbox');
  // Waits for the new process to finish (no time limit of its own: the test's timeout applies).
  while ((await inbox.countDocuments({ state: 'done' })) < count) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the web process killed after acknowledging reports', () => {
  it('when it is SIGKILLed before the turns ran and started again, then every acknowledged report is stored once, each ambassador gets one reply, and a replayed event is recorded once', async () => {
    const { area, users } = await ambassadors();
    const reports = users.map((user) =>
      directMessage(user, 'ikke hjemme, lagde mappen i postkassen'),
    );

    // Acknowledged, then killed while the turns wait (the test hook holds them back 5 s).
    const first = await startWeb(NOW, { NABO_TEST_TURN_DELAY_MS: '5000' });
    const statuses = await Promise.all(reports.map((report) => postEvent(first, report)));
    expect(statuses).toEqual(reports.map(() => 200));
    await first.kill('SIGKILL');
    expect(slack.posts()).toHaveLength(0);
    expect(await attemptsPerVisit(area.id)).toEqual(users.map(() => 0));

    // A new process: it resumes what was accepted, while Slack retries half of the events.
    const second = await startWeb(AFTER_RESTART);
    const retried = await Promise.all(
      reports.filter((_, index) => index % 2 === 0).map((report) => postEvent(second, report, 1)),
    );
    expect(retried.every((status) => status === 200)).toBe(true);
    await doneInInbox(AMBASSADORS);

    expect(await attemptsPerVisit(area.id)).toEqual(users.map(() => 1));
    const repliesTo = (user: string) =>
      slack.posts().filter((call) => call.params.channel === directChannelOf(user));
    for (const user of users) {
      expect(repliesTo(user)).toHaveLength(1);
      expect(repliesTo(user)[0]?.params.text ?? '').toContain('ikke hjemme');
    }

    // The same event delivered once more: answered 200, recorded and replied to no second time.
    const replayed = reports[1]!;
    expect(await postEvent(second, replayed)).toBe(200);
    await second.logged(
      (line) =>
        line.msg === 'event already handled' && String(line.eventId).endsWith(replayed.event_id),
    );
    expect(await attemptsPerVisit(area.id)).toEqual(users.map(() => 1));
    expect(slack.posts()).toHaveLength(AMBASSADORS);
  }, 60_000);
});

describe('the web process killed after its reply reached Slack, before the event was marked done', () => {
  it('when it is SIGKILLed while Slack takes the reply and started again, then the resumed turn finds its reply there and sends it no second time', async () => {
    const estate = await createEstate(db());
    const user = 'U0REPLIED';
    const person = await estate.ambassador('Birgit Sørensen', {
      platform: 'slack',
      workspaceId: TEAM,
      userId: user,
    });
    await estate.assign(person, [{ names: ['Ove Christensen'], address: 'Gudrunsvej 12' }]);
    const report = directMessage(user, 'ikke hjemme, lagde mappen i postkassen');
    const repliesTo = () =>
      slack.posts().filter((call) => call.params.channel === directChannelOf(user));

    const first = await startWeb(NOW);
    // Slack has the reply; the process that sent it dies before it hears so.
    let killed: Promise<void> | undefined;
    slack.beforeAnswer = async (call) => {
      if (call.params.channel === directChannelOf(user)) await (killed ??= first.kill('SIGKILL'));
    };
    try {
      expect(await postEvent(first, report)).toBe(200);
      await slack.postedTo(directChannelOf(user));
      await killed;
    } finally {
      slack.beforeAnswer = undefined;
    }
    expect(repliesTo()).toHaveLength(1);

    // The new process resumes the event (the dead one's lease has run out) and runs its turn
    // again: the attempt is recorded once, and the reply is found on Slack, not sent again.
    const second = await startWeb(AFTER_RESTART);
    // No time limit of its own: the test's timeout applies.
    while (!(await db().inbox.isDone(`slack:event:${report.event_id}`))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [visit] = await db().visits.listOpenForAmbassador(person.id);
    expect(visit?.attempts).toHaveLength(1);
    expect(repliesTo()).toHaveLength(1);
    await second.logged(
      (line) =>
        line.msg === 'reply already sent: not sent again' &&
        String(line.eventId).endsWith(report.event_id),
    );
  }, 60_000);
});

describe('MongoDB restarted empty under a running web process (`nabo dev-db` restarted)', () => {
  // The servers expire documents on the web process's clock (NABO_NOW), as `nabo dev-db` does on
  // the wall clock the web process shares in real use. On the wall clock, three days after NOW,
  // a done inbox entry was swept within a second — its day of memory long past — and Slack's
  // retry of an event already answered was taken for a new one and answered twice.
  const onWebClock = { now: () => new Date(NOW).getTime(), ttlMonitorIntervalMs: 100 };

  it('when it is down, then Slack gets 503 (and retries); when it is back empty, then the indexes are rebuilt and a duplicate event is answered once', async () => {
    const first = await startEmbeddedMongo({ port: 0, ...onWebClock });
    let second: Awaited<ReturnType<typeof startEmbeddedMongo>> | undefined;
    try {
      const web = await startWeb(NOW, { MONGODB_URI: `${first.uri}nabo_restart` });
      const repliesTo = (user: string) =>
        slack.posts().filter((call) => call.params.channel === directChannelOf(user));
      expect(await postEvent(web, directMessage('U0BEFORE', 'hej'))).toBe(200);

      await first.stop();
      const whileDown = directMessage('U0DOWN', 'hej');
      expect(await postEvent(web, whileDown)).toBe(503);

      second = await startEmbeddedMongo({ port: first.port, ...onWebClock });
      await web.logged((line) => line.msg === 'indexes ensured after reconnect');
      // The insert held up during the outage usually lands once the server is back, after the
      // 503, and its turn answers. Slack's retry comes after that answer (and after the
      // server's TTL sweeps): it must be recognised, not answered again.
      const heldWriteAnswered = await Promise.race([
        slack.postedTo(directChannelOf('U0DOWN')).then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 8_000)),
      ]);
      if (heldWriteAnswered) await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await postEvent(web, whileDown, 1)).toBe(200);
      if (heldWriteAnswered) {
        await web.logged(
          (line) =>
            line.msg === 'event already handled' &&
            String(line.eventId).endsWith(whileDown.event_id),
        );
      }
      await slack.postedTo(directChannelOf('U0DOWN'));

      const duplicate = directMessage('U0TWICE', 'hej');
      expect(await postEvent(web, duplicate)).toBe(200);
      expect(await postEvent(web, duplicate, 1)).toBe(200);
      await web.logged(
        (line) =>
          line.msg === 'event already handled' && String(line.eventId).endsWith(duplicate.event_id),
      );
      await slack.postedTo(directChannelOf('U0TWICE'));
      expect(repliesTo('U0TWICE')).toHaveLength(1);
      expect(repliesTo('U0DOWN')).toHaveLength(1);
    } finally {
      await first.stop();
      await second?.stop();
    }
  }, 60_000);
});
